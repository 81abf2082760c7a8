package org.aoelab.initiator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.aoelab.net.FrameReceiver;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.sim.Timer;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.AoeArg;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeCommand;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.MalformedFrameException;
import org.aoelab.wire.ReserveArg;

/**
 * An AoE initiator on the virtual switch, modelled on the Linux {@code aoe} driver (protocol
 * reference 5.1 and 9): broadcast discovery, one device per shelf.slot with a path per target
 * MAC, IDENTIFY after a config answer while the device is not open, frames sized from the
 * smaller of the target's Sector Count and the MTU, a window per path, retransmission with a
 * new tag after the RTO, and a device declared dead after the dead time.
 *
 * <p>Beyond the driver it also sends Query Config, Mac Mask List and Reserve/Release commands
 * (what aoetools do), retransmitted like ATA requests, for the lock protocols.
 *
 * <p>Single-threaded: everything runs inside the simulation's loop.
 */
public final class AoeInitiator implements FrameReceiver {

    private final Simulation sim;
    private final String name;
    private final InitiatorConfig config;
    private final Nic nic;
    private final Tags tags = new Tags();
    private final Map<Long, Exchange> byTag = new HashMap<>();
    private final Map<Integer, AoeDevice> devices = new TreeMap<>();
    private final List<Consumer<AoeDevice>> upListeners = new ArrayList<>();
    final InitiatorStats stats = new InitiatorStats();
    private Timer tick;
    private Timer rediscovery;
    private boolean started;

    public AoeInitiator(Simulation sim, VirtualSwitch sw, String name, MacAddress mac, InitiatorConfig config) {
        this(sim, sw, name, mac, config, null);
    }

    /** With {@code options} for the port (MTU, VLAN), or null for the switch's defaults. */
    public AoeInitiator(Simulation sim, VirtualSwitch sw, String name, MacAddress mac, InitiatorConfig config,
                        PortOptions options) {
        this.sim = sim;
        this.name = name;
        this.config = config;
        this.nic = options == null ? sw.connect(name, mac, this) : sw.connect(name, mac, this, options);
    }

    public String name() {
        return name;
    }

    public MacAddress mac() {
        return nic.mac();
    }

    public Nic nic() {
        return nic;
    }

    public InitiatorConfig config() {
        return config;
    }

    public InitiatorStats stats() {
        return stats;
    }

    public Simulation simulation() {
        return sim;
    }

    /** Starts discovery now and, if configured, every {@code rediscoverNanos}. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        discover();
        if (config.rediscoverNanos() > 0) {
            rediscovery = sim.schedule(config.rediscoverNanos(), this::periodicDiscovery);
        }
    }

    /** Stops periodic discovery (outstanding requests still complete or fail). */
    public void stop() {
        started = false;
        if (rediscovery != null) {
            rediscovery.cancel();
            rediscovery = null;
        }
    }

    private void periodicDiscovery() {
        if (!started) {
            return;
        }
        discover();
        rediscovery = sim.schedule(config.rediscoverNanos(), this::periodicDiscovery);
    }

    /** Broadcast Query Config read for every shelf.slot, tag 0, as {@code aoe-discover} does. */
    public void discover() {
        AoeFrame q = AoeFrame.request(MacAddress.BROADCAST, nic.mac(), AoeHeader.MAJOR_ANY, AoeHeader.MINOR_ANY, 0,
                ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
        send(q);
    }

    /** Called for every device that comes up (IDENTIFY answered), including after it was dead. */
    public void onDeviceUp(Consumer<AoeDevice> listener) {
        upListeners.add(listener);
    }

    /**
     * Runs {@code action} once, with device {@code shelf.slot}, as soon as it is up: now, if it is
     * up already (it may have come up from a target's announcement before anyone asked, as Linux
     * brings devices up), or when it comes up. Unlike {@link #onDeviceUp}, nothing stays registered
     * after it has run, and a caller that stops waiting can {@link Runnable#run run} the returned
     * handle to take it back (harmless after it has run).
     */
    public Runnable whenUp(int shelf, int slot, Consumer<AoeDevice> action) {
        if (action == null) throw new IllegalArgumentException("action is missing");
        AoeDevice now = device(shelf, slot);
        if (now != null && now.isUp()) {
            action.accept(now);
            return () -> { };
        }
        Consumer<AoeDevice> once = new Consumer<>() {
            @Override
            public void accept(AoeDevice d) {
                if (d.shelf() == shelf && d.slot() == slot) {
                    upListeners.remove(this);
                    action.accept(d);
                }
            }
        };
        upListeners.add(once);
        return () -> upListeners.remove(once);
    }

    /** Listeners registered with {@link #onDeviceUp} and {@link #whenUp} still waiting. */
    int upListenerCount() {
        return upListeners.size();
    }

    public Collection<AoeDevice> devices() {
        return Collections.unmodifiableCollection(devices.values());
    }

    public AoeDevice device(int shelf, int slot) {
        return devices.get(key(shelf, slot));
    }

    // ---------------------------------------------------------------------------------------
    // Commands beyond ATA: Query Config, Mac Mask List, Reserve/Release

    /** A Query Config command to the device's first path (or {@code mac} when given). */
    public void config(AoeDevice device, MacAddress mac, ConfigCommand ccmd, Bytes string,
                       Consumer<CommandResult> done) {
        command(device, mac, ConfigArg.request(ccmd, string), config.commandTimeoutNanos(), done);
    }

    /**
     * As above with its own time limit: a target stays silent when a test does not match
     * (protocol reference 3.2), so a test's silence is an answer after a short wait.
     */
    public void config(AoeDevice device, MacAddress mac, ConfigCommand ccmd, Bytes string, long timeoutNanos,
                       Consumer<CommandResult> done) {
        command(device, mac, ConfigArg.request(ccmd, string), timeoutNanos, done);
    }

    public void reserve(AoeDevice device, MacAddress mac, ReserveArg arg, Consumer<CommandResult> done) {
        command(device, mac, arg, config.commandTimeoutNanos(), done);
    }

    public void mask(AoeDevice device, MacAddress mac, MacMaskArg arg, Consumer<CommandResult> done) {
        command(device, mac, arg, config.commandTimeoutNanos(), done);
    }

    private void command(AoeDevice device, MacAddress mac, AoeArg arg, long timeoutNanos,
                         Consumer<CommandResult> done) {
        if (device == null || device.paths.isEmpty()) {
            completeLater(done, new CommandResult.Unreachable("no path to " + (device == null ? "an unknown device"
                    : device.name())));
            return;
        }
        MacAddress to = mac != null ? mac : device.paths.get(0).mac();
        AoeFrame req = AoeFrame.request(to, nic.mac(), device.shelf(), device.slot(), 0, arg);
        Exchange[] self = new Exchange[1];
        self[0] = new Exchange(Exchange.Kind.COMMAND, device, to, req, sim.now(), timeoutNanos,
                answer -> done.accept(new CommandResult.Answered(answer, self[0].sends)),
                why -> done.accept(new CommandResult.TimedOut(sim.now() - self[0].created, self[0].sends)));
        enqueue(self[0]);
    }

    // ---------------------------------------------------------------------------------------
    // Sending

    void submitAta(AoeDevice device, AtaArg arg, Consumer<AoeFrame> onAnswer, Consumer<String> onGiveUp) {
        if (device.state == AoeDevice.State.DEAD) {
            sim.schedule(0, () -> onGiveUp.accept("dead"));
            return;
        }
        AoeFrame req = AoeFrame.request(MacAddress.BROADCAST, nic.mac(), device.shelf(), device.slot(), 0, arg);
        enqueue(new Exchange(Exchange.Kind.ATA, device, null, req, sim.now(), config.deadNanos(), onAnswer, onGiveUp));
    }

    private void enqueue(Exchange ex) {
        ex.device.queue.addLast(ex);
        pump(ex.device);
        armTick();
    }

    /** Sends queued frames while some path's window has room. */
    private void pump(AoeDevice d) {
        int n = d.paths.size();
        if (n == 0) {
            return;
        }
        Iterator<Exchange> it = d.queue.iterator();
        while (it.hasNext()) {
            Exchange ex = it.next();
            Path p = choosePath(d, ex);
            if (p == null) {
                if (ex.fixedPath == null) {
                    return; // every window is full: keep order for the rest
                }
                continue;
            }
            it.remove();
            transmit(ex, p);
        }
    }

    private Path choosePath(AoeDevice d, Exchange ex) {
        if (ex.fixedPath != null) {
            Path p = d.path(ex.fixedPath);
            return p != null && p.window.canSend() ? p : null;
        }
        int n = d.paths.size();
        for (int i = 0; i < n; i++) {
            Path p = d.paths.get((d.nextPath + i) % n);
            if (p.window.canSend()) {
                d.nextPath = (d.nextPath + i + 1) % n;
                return p;
            }
        }
        return null;
    }

    private void transmit(Exchange ex, Path p) {
        long old = ex.tag;
        if (old >= 0) {
            byTag.remove(old);
        }
        long tag;
        do {
            tag = tags.next(sim.now());
        } while (byTag.containsKey(tag));
        ex.tag = tag;
        ex.path = p;
        ex.frame = new AoeFrame(p.mac(), nic.mac(), ex.frame.header().withTag(tag), ex.frame.arg(), ex.frame.trailer());
        ex.lastSent = sim.now();
        if (ex.firstSent < 0) {
            ex.firstSent = ex.lastSent;
        }
        ex.sends++;
        ex.inWindow = true;
        p.window.sent();
        byTag.put(tag, ex);
        ex.device.outstanding.add(ex);
        if (old >= 0) {
            stats.retransmissions++;
            note("retransmit", String.format("%s retransmit %s oldtag=%08x newtag=%08x s=%d", ex.device.name(),
                    p.mac(), old, tag, ex.sends));
        }
        send(ex.frame);
    }

    private void send(AoeFrame frame) {
        stats.framesSent++;
        nic.send(AoeCodec.encode(frame));
    }

    // ---------------------------------------------------------------------------------------
    // Receiving

    @Override
    public void receive(Bytes raw) {
        AoeFrame f;
        try {
            f = AoeCodec.decode(raw);
        } catch (MalformedFrameException e) {
            stats.undecodable++;
            nic.undecodable(raw, e.getMessage());
            return;
        }
        AoeHeader h = f.header();
        if (!h.response()) {
            return; // another initiator's request, flooded to us
        }
        Exchange ex = byTag.get(h.tag());
        if (ex != null && h.major() == ex.device.shelf() && h.minor() == ex.device.slot()
                && h.command() == ex.frame.header().command()) {
            complete(ex, f);
            return;
        }
        if (h.knownCommand() == AoeCommand.QUERY_CONFIG && !h.error() && f.arg() instanceof ConfigArg c) {
            configAnswer(f, c);
            return;
        }
        stats.unexpectedAnswers++;
        AoeDevice d = devices.get(key(h.major(), h.minor()));
        if (d != null && Tags.isInitiatorTag(h.tag())) {
            d.rtt.sample(Tags.elapsedNanos(h.tag(), sim.now()));
        }
    }

    private void complete(Exchange ex, AoeFrame answer) {
        byTag.remove(ex.tag);
        AoeDevice d = ex.device;
        if (!d.outstanding.remove(ex)) {
            d.queue.remove(ex); // a late answer to a frame waiting to be resent still completes it
        }
        if (ex.inWindow) {
            ex.path.window.answered();
            ex.inWindow = false;
        }
        ex.done = true;
        stats.answers++;
        if (answer.header().error()) {
            stats.errorAnswers++;
        }
        if (ex.sends == 1 || ex.lastSent == sim.now()) {
            d.rtt.sample(sim.now() - ex.lastSent);
        } else {
            d.rtt.sample(Tags.elapsedNanos(answer.header().tag(), sim.now()));
        }
        ex.onAnswer.accept(answer);
        pump(d);
    }

    private void configAnswer(AoeFrame f, ConfigArg c) {
        AoeHeader h = f.header();
        if (h.major() == AoeHeader.MAJOR_ANY || h.major() == 0x0FFF || h.minor() == AoeHeader.MINOR_ANY) {
            note("discovery", "ignored config answer with reserved address " + h.target() + " from " + f.src());
            return;
        }
        int nframes = Math.min(c.bufferCount(), config.maxOut());
        AoeDevice d = devices.computeIfAbsent(key(h.major(), h.minor()),
                k -> new AoeDevice(this, h.major(), h.minor(), newRtt()));
        Path p = d.path(f.src());
        if (p == null) {
            p = new Path(f.src(), nframes);
            d.paths.add(p);
            note("discovery", d.name() + " path " + f.src() + " bufcnt " + c.bufferCount() + " sectors "
                    + c.sectorCount() + " firmware " + String.format("0x%04x", c.firmwareVersion()));
        } else {
            p.window.updateCap(nframes);
        }
        int sectors = Math.min(AoeCodec.maxSectors(nic.mtu()), c.sectorCount());
        p.sectorsPerFrame = sectors == 0 ? 2 : sectors;
        p.bufferCount = c.bufferCount();
        p.firmwareVersion = c.firmwareVersion();
        if (!d.isOpen() && !d.identifying) {
            d.firmwareVersion = c.firmwareVersion();
            identify(d);
        }
        pump(d);
    }

    private void identify(AoeDevice d) {
        d.identifying = true;
        d.rtt.reset();
        AoeFrame req = AoeFrame.request(MacAddress.BROADCAST, nic.mac(), d.shelf(), d.slot(), 0, AtaArg.identify());
        Exchange ex = new Exchange(Exchange.Kind.IDENTIFY, d, null, req, sim.now(), config.deadNanos(), answer -> {
            d.identifying = false;
            if (answer.header().error() || !(answer.arg() instanceof AtaArg ata) || (ata.cmdStatus() & 0xA9) != 0
                    || ata.data().length() < 512) {
                note("device", d.name() + " IDENTIFY failed: " + answer.header());
                return;
            }
            Identify.Identity id = Identify.parse(ata.data().slice(0, 512));
            boolean wasUp = d.state == AoeDevice.State.UP;
            boolean changed = d.sectors != id.sectors();
            d.sectors = id.sectors();
            d.lba48 = id.lba48();
            d.model = id.model();
            d.serial = id.serial();
            d.state = AoeDevice.State.UP;
            if (!wasUp || changed) {
                note("device", d.name() + " up: " + d.sectors + " sectors (" + d.capacity() + " bytes), "
                        + (d.lba48 ? "LBA48" : "LBA28") + ", " + d.bytesPerFrame() + " byte data frames, model '"
                        + d.model + "'");
                for (Consumer<AoeDevice> l : List.copyOf(upListeners)) {
                    l.accept(d);
                }
            }
        }, why -> d.identifying = false);
        enqueue(ex);
    }

    private RttEstimator newRtt() {
        return new RttEstimator(config.minRtoNanos(), config.maxRtoNanos());
    }

    // ---------------------------------------------------------------------------------------
    // Timers: retransmission, give-up, dead devices

    private void armTick() {
        if (tick == null || !tick.isPending()) {
            tick = sim.schedule(config.tickNanos(), this::onTick);
        }
    }

    private void onTick() {
        tick = null;
        long now = sim.now();
        boolean busy = false;
        for (AoeDevice d : devices.values()) {
            if (d.outstanding.isEmpty() && d.queue.isEmpty()) {
                continue;
            }
            // Give up: commands after their timeout; block I/O kills the device after the dead time.
            Exchange oldest = oldestIo(d);
            if (oldest != null && config.deadNanos() > 0 && now - oldest.firstSent > config.deadNanos()) {
                declareDead(d, "a request waited " + (now - oldest.firstSent) / 1_000_000 + " ms");
                continue;
            }
            expireCommands(d, now);
            long rto = d.rtt.rtoNanos();
            List<Exchange> timedOut = null;
            for (Exchange ex : d.outstanding) {
                if (now - ex.lastSent >= rto) {
                    if (timedOut == null) {
                        timedOut = new ArrayList<>();
                    }
                    timedOut.add(ex);
                }
            }
            if (timedOut != null) {
                for (int i = timedOut.size() - 1; i >= 0; i--) {
                    Exchange ex = timedOut.get(i);
                    d.outstanding.remove(ex);
                    ex.path.window.released();
                    ex.path.window.timedOut();
                    ex.path.lost++;
                    ex.inWindow = false;
                    d.queue.addFirst(ex); // old tag stays valid until the resend
                }
                pump(d);
            }
            busy |= !d.outstanding.isEmpty() || !d.queue.isEmpty();
        }
        if (busy) {
            armTick();
        }
    }

    private static Exchange oldestIo(AoeDevice d) {
        Exchange oldest = null;
        for (Exchange ex : d.outstanding) {
            if (ex.kind != Exchange.Kind.COMMAND && (oldest == null || ex.firstSent < oldest.firstSent)) {
                oldest = ex;
            }
        }
        for (Exchange ex : d.queue) {
            if (ex.kind != Exchange.Kind.COMMAND && ex.firstSent >= 0
                    && (oldest == null || ex.firstSent < oldest.firstSent)) {
                oldest = ex;
            }
        }
        return oldest;
    }

    private void expireCommands(AoeDevice d, long now) {
        List<Exchange> expired = new ArrayList<>();
        for (Exchange ex : d.outstanding) {
            if (ex.kind == Exchange.Kind.COMMAND && now - ex.created > ex.giveUpAfter) {
                expired.add(ex);
            }
        }
        for (Exchange ex : d.queue) {
            if (ex.kind == Exchange.Kind.COMMAND && now - ex.created > ex.giveUpAfter) {
                expired.add(ex);
            }
        }
        for (Exchange ex : expired) {
            abandon(ex);
            ex.onGiveUp.accept("no answer after " + ex.sends + " sends");
        }
    }

    private void abandon(Exchange ex) {
        byTag.remove(ex.tag);
        ex.device.queue.remove(ex);
        if (ex.device.outstanding.remove(ex) && ex.inWindow) {
            ex.path.window.released();
        }
        ex.inWindow = false;
        ex.done = true;
    }

    private void declareDead(AoeDevice d, String why) {
        d.state = AoeDevice.State.DEAD;
        d.identifying = false;
        note("device", d.name() + " dead: " + why);
        List<Exchange> all = new ArrayList<>(d.outstanding);
        all.addAll(d.queue);
        for (Exchange ex : all) {
            abandon(ex);
        }
        for (Exchange ex : all) {
            ex.onGiveUp.accept("device dead: " + why);
        }
    }

    // ---------------------------------------------------------------------------------------

    void note(String topic, String text) {
        if (sim.trace().enabled()) {
            sim.trace().publish(new NoteEvent(sim.now(), name, topic, text));
        }
    }

    <T> void completeLater(Consumer<T> done, T result) {
        sim.schedule(0, () -> done.accept(result));
    }

    private static int key(int shelf, int slot) {
        return shelf << 8 | slot;
    }

    @Override
    public String toString() {
        return name + " " + nic.mac() + " " + devices.values();
    }
}
