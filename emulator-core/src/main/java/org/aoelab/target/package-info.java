/**
 * AoE targets: "a better vblade, many to a process" (protocol reference sections 3, 4, 5.3-5.4
 * and 9).
 *
 * <p>Two layers. {@link org.aoelab.target.TargetEngine} is the protocol: a synchronous,
 * deterministic function from a received frame and the target's state to an
 * {@link org.aoelab.target.Outcome} (an answer, or a {@link org.aoelab.target.DropReason}, and
 * the disk operation performed). {@link org.aoelab.target.AoeTarget} puts an engine on a NIC of
 * the virtual switch: it announces itself, delays answers by the disk's latency in simulated time,
 * optionally enforces Buffer Count as a queue limit, and traces what it does.
 *
 * <p>Where the real targets differ, a {@link org.aoelab.target.TargetProfile} chooses whose
 * behaviour to imitate ({@code aoelab}, {@code vblade}, {@code ggaoed}, {@code spec-strict},
 * {@code kvblade}). {@link org.aoelab.target.TargetConfig} holds the address, profile, identity,
 * static access lists and where {@link org.aoelab.target.TargetState} (config string, mask list,
 * reserve list) persists.
 */
package org.aoelab.target;
