/**
 * Real time and real networks: {@link org.aoelab.tap.RealTimeDriver} runs the simulation against
 * a {@link org.aoelab.tap.WallClock}; {@link org.aoelab.tap.TapBridge} joins a
 * {@link org.aoelab.tap.TapDevice} (a Linux TAP device, or {@link org.aoelab.tap.InMemoryTapDevice})
 * to the virtual switch as one more port. The native binding lives in {@code org.aoelab.tap.linux}.
 */
package org.aoelab.tap;
