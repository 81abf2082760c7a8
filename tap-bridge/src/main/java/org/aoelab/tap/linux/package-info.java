/**
 * The Linux TAP device over {@code /dev/net/tun}, and real-time scheduling of the thread that
 * serves it, through jnr-ffi. No jnr type leaves this package.
 */
package org.aoelab.tap.linux;
