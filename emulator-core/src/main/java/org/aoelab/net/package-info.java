/**
 * The virtual Ethernet: {@link org.aoelab.net.VirtualSwitch} (learning with ageing, flooding,
 * VLAN access ports and 802.1Q trunks, MTU, partitions), {@link org.aoelab.net.Nic}s joined to
 * its {@link org.aoelab.net.Port}s by {@link org.aoelab.net.Link}s whose
 * {@link org.aoelab.net.Impairments} (loss models, delay and jitter, duplication, reordering,
 * corruption, rate limit with a bounded queue, up/down) can change while the simulation runs.
 *
 * <p>Everything runs in the {@link org.aoelab.sim.Simulation}'s loop and draws randomness from
 * its named streams; every drop, duplicate, corruption and queueing is traced with its cause.
 * See {@code docs/impairments.md} for the parameters and how they differ from Linux netem.
 */
package org.aoelab.net;
