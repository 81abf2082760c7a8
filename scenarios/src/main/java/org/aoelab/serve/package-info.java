/**
 * AoE Lab on real networks, behind the {@code serve}, {@code client} and {@code replay} commands:
 * {@link org.aoelab.serve.ServeSession} serves virtual targets through a TAP device in real time
 * (built by {@link org.aoelab.serve.ServeNetwork} from {@link org.aoelab.serve.ServeSettings}) and
 * records the session ({@link org.aoelab.serve.ServeRecording}); {@link org.aoelab.serve.Replayer}
 * plays a recording back in virtual time; {@link org.aoelab.serve.ClientSession} is a userspace
 * initiator through a TAP device. {@link org.aoelab.serve.Taps} opens the devices (tests put
 * in-memory ones in their place). Guide: docs/guides/real-hosts.md.
 */
package org.aoelab.serve;
