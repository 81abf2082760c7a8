/**
 * The deterministic core: {@link org.aoelab.sim.Simulation} (virtual clock, scheduler ordered by
 * time then sequence, cancellable timers), {@link org.aoelab.sim.RandomStreams} (named streams
 * from one root seed) and the {@link org.aoelab.sim.TraceBus} every component reports to.
 *
 * <p>Knows nothing of Ethernet or AoE. Nothing here reads the wall clock, sleeps, starts threads
 * or draws unseeded random numbers.
 */
package org.aoelab.sim;
