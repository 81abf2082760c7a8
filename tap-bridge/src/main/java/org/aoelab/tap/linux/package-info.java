/**
 * The Linux TAP device over {@code /dev/net/tun}, through jnr-ffi. No jnr type leaves this package.
 */
package org.aoelab.tap.linux;
