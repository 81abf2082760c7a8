package org.aoelab.target;

import java.util.List;

import org.aoelab.disk.VirtualDisk;
import org.aoelab.net.FrameReceiver;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.sim.TraceBus;
import org.aoelab.trace.FrameEvent;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Checks;
import org.aoelab.wire.EthernetFrame;
import org.aoelab.wire.MacAddress;

/**
 * An AoE target on the virtual network: a {@link TargetEngine} behind a {@link Nic}, living in
 * one {@link Simulation} (protocol reference sections 3, 4, 5.3 and 9).
 *
 * <p>On creation it schedules its announcement (an unsolicited Query Config answer, tag 0) for
 * the current time. Every frame delivered to it goes through the engine at once, disk
 * operation included; the answer leaves {@link VirtualDisk#nextLatencyNanos} later in simulated
 * time. Until then the request counts as outstanding, which is what an enforced Buffer Count
 * limits. A disk that vanishes silences the target entirely, answers already waiting included.
 *
 * <p>Trace: answers are traced SENT by the NIC and then ANSWERED here, naming the request as
 * parent; frames the target drops are traced DROPPED with the reason (broadcasts meant for
 * other shelf.slots excepted: every target sees those); frames it cannot decode are reported
 * through {@link Nic#undecodable}.
 *
 * <p>Several targets can share one NIC, as vblades on one interface share its MAC: create the
 * NIC with a receiver that hands each frame to every target's {@link #receive}, and build the
 * targets with {@link #AoeTarget(Simulation, Nic, TargetConfig, VirtualDisk)}.
 */
public final class AoeTarget implements FrameReceiver {
    private final Simulation sim;
    private final TraceBus bus;
    private final Nic nic;
    private final TargetEngine engine;
    private final VirtualDisk disk;
    private final String name;
    private int outstanding;

    /** A target with its own NIC ({@code mac}, default port options) on {@code sw}, named after its address. */
    public AoeTarget(Simulation sim, VirtualSwitch sw, MacAddress mac, TargetConfig config, VirtualDisk disk) {
        this(sim, sw, mac, config, disk, PortOptions.DEFAULT);
    }

    /**
     * A target with its own NIC on {@code sw}: node name {@code e<shelf>.<slot>}, the port's MTU
     * from {@code options} (it decides Sector Count, section 1.3).
     */
    public AoeTarget(Simulation sim, VirtualSwitch sw, MacAddress mac, TargetConfig config, VirtualDisk disk,
                     PortOptions options) {
        this.sim = Checks.notNull("simulation", sim);
        Checks.notNull("switch", sw);
        Checks.notNull("config", config);
        this.disk = Checks.notNull("disk", disk);
        this.bus = sim.trace();
        this.name = config.name();
        this.nic = sw.connect(name, mac, this, options);
        this.engine = new TargetEngine(config, disk, mac, nic.mtu());
        scheduleAnnouncement();
    }

    /**
     * A target on a NIC that already exists; the NIC's receiver must pass every frame on to this
     * target's {@link #receive} (several targets may share one NIC and its MAC).
     */
    public AoeTarget(Simulation sim, Nic nic, TargetConfig config, VirtualDisk disk) {
        this.sim = Checks.notNull("simulation", sim);
        this.nic = Checks.notNull("nic", nic);
        Checks.notNull("config", config);
        this.disk = Checks.notNull("disk", disk);
        this.bus = sim.trace();
        this.name = config.name();
        this.engine = new TargetEngine(config, disk, nic.mac(), nic.mtu());
        scheduleAnnouncement();
    }

    private void scheduleAnnouncement() {
        sim.schedule(0, this::announce);
    }

    /**
     * Sends the announcement now: broadcast, or one copy per mask-list or accept-list entry
     * ({@link TargetEngine#announce}). Nothing while the disk has vanished.
     */
    public void announce() {
        List<Bytes> frames = engine.announce();
        int sent = 0;
        for (Bytes f : frames) {
            if (fits(f, 0)) {
                nic.send(f);
                sent++;
            }
        }
        engine.stats().countAnnouncements(sent);
    }

    /** Handles a frame delivered to this target (called by the NIC inside the event loop). */
    @Override
    public void receive(Bytes frame) {
        long requestId = nic.currentFrameId();
        Outcome o = engine.handle(frame, outstanding);
        // Other protocols' broadcasts are not this node's business; a damaged frame sent to it is.
        if (o.malformed() != null && (o.drop() != DropReason.NOT_AOE || frame.u48(0) == nic.mac().value())) {
            nic.undecodable(frame, name + ": " + o.malformed());
        }
        if (!o.isAnswered()) {
            if (bus.enabled() && worthTracing(frame)) traceDrop(frame, requestId, o.drop().cause());
            return;
        }
        long delay = o.diskOp() == null ? 0 : Math.max(0, disk.nextLatencyNanos(o.diskOp(), o.lba(), o.sectors()));
        Bytes answer = o.answer();
        outstanding++;
        sim.schedule(delay, () -> deliver(answer, requestId));
    }

    private void deliver(Bytes answer, long requestId) {
        outstanding--;
        if (disk.isVanished()) {
            engine.stats().countWithheld();
            traceDrop(answer, requestId, "the disk vanished before the answer left");
            return;
        }
        if (!fits(answer, requestId)) {
            engine.stats().countWithheld();
            return;
        }
        long id = nic.send(answer, requestId);
        if (bus.enabled()) bus.publish(new FrameEvent(sim.now(), FrameEvent.Kind.ANSWERED, nic.name(), id, requestId, answer, null));
    }

    /** Whether {@code frame} fits the NIC's MTU; traces the drop when not (a 1 KiB config string on a small MTU). */
    private boolean fits(Bytes frame, long requestId) {
        int payload = frame.length() - EthernetFrame.HEADER_LENGTH;
        if (payload <= nic.mtu()) return true;
        traceDrop(frame, requestId, "payload of " + payload + " bytes exceeds the MTU of " + nic.mtu());
        return false;
    }

    /** Every target sees every broadcast; only frames sent to this NIC or addressed to this target are worth a line. */
    private boolean worthTracing(Bytes frame) {
        return frame.length() < 6 || frame.u48(0) == nic.mac().value() || engineAddressed(frame);
    }

    private void traceDrop(Bytes frame, long id, String cause) {
        if (!bus.enabled()) return;
        bus.publish(new FrameEvent(sim.now(), FrameEvent.Kind.DROPPED, nic.name(), id, 0, frame, name + ": " + cause));
    }

    /** Whether the frame's AoE address covers this target (false when it has none). */
    private boolean engineAddressed(Bytes f) {
        if (f.length() < 24) return false;
        int major = f.u16(16);
        int minor = f.u8(18);
        TargetConfig c = engine.config();
        return (major == c.shelf() || major == 0xFFFF) && (minor == c.slot() || minor == 0xFF)
                && (f.u8(14) & 0x08) == 0;
    }

    // ---------------------------------------------------------------- accessors

    public String name() {
        return name;
    }

    public Nic nic() {
        return nic;
    }

    public TargetEngine engine() {
        return engine;
    }

    public TargetConfig config() {
        return engine.config();
    }

    public VirtualDisk disk() {
        return disk;
    }

    public TargetState state() {
        return engine.state();
    }

    public TargetStats stats() {
        return engine.stats();
    }

    /** Requests answered by the engine whose answers have not left yet. */
    public int outstanding() {
        return outstanding;
    }

    @Override
    public String toString() {
        return "AoeTarget[" + name + " " + engine.config().profile() + " on " + nic + ", " + disk.describe() + "]";
    }
}
