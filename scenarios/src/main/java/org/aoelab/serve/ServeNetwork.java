package org.aoelab.serve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aoelab.disk.DiskException;
import org.aoelab.disk.DiskSpec;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.net.Link;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.wire.MacAddress;

/**
 * The virtual side of {@code aoelab serve}: one simulation, one switch, the targets of a
 * scenario ({@code --config}: its targets, their links and the timeline events that concern
 * them; its initiators are left out, the real hosts take their place) and of every
 * {@code --target}, each on its own NIC. {@code aoelab replay} builds the same network again;
 * for a replay, file-backed disks are opened copy-on-write over the file, which is never
 * written.
 */
public final class ServeNetwork {
    private final ServeSettings settings;
    private final Simulation sim;
    private final VirtualSwitch sw;
    private final Map<String, AoeTarget> targets = new LinkedHashMap<>();
    private final List<VirtualDisk> ownDisks = new ArrayList<>();
    private final int mtu;

    /**
     * Builds the network.
     *
     * @param mtu    the TAP port's MTU, which the {@code --target} targets' ports get too
     * @param replay open file disks copy-on-write (the replay must not change them)
     * @throws IllegalArgumentException for a scenario or target that cannot be built, naming it
     * @throws DiskException when a disk cannot be opened
     */
    public ServeNetwork(ServeSettings settings, int mtu, boolean replay) throws DiskException {
        this.settings = settings;
        this.mtu = mtu;
        int macIndex = 0;
        Set<String> addresses = new HashSet<>();
        if (settings.config() != null) {
            Scenario s = targetsOnly(ScenarioReader.load(settings.config()), replay);
            ScenarioRunner runner = new ScenarioRunner(s, settings.seed());
            runner.build();
            sim = runner.simulation();
            sw = runner.virtualSwitch();
            for (Map.Entry<String, AoeTarget> e : runner.targets().entrySet()) {
                AoeTarget t = e.getValue();
                addresses.add(t.config().name());
                targets.put(t.config().name() + " (" + e.getKey() + ")", t);
            }
            macIndex = s.targets().size();
        } else {
            sim = new Simulation(settings.seed());
            sw = new VirtualSwitch(sim, "sw");
        }
        long firstMac = settings.firstMac() != null ? settings.firstMac().value() : ServeSettings.DEFAULT_FIRST_MAC + macIndex;
        int i = 0;
        try {
            for (TargetOption t : settings.targets()) {
                if (!addresses.add(t.name())) {
                    throw new IllegalArgumentException("target " + t + ": " + t.name() + " is already served"
                            + (settings.config() != null ? " (by the scenario or another --target)" : " by another --target"));
                }
                DiskSpec spec = replay ? copyOnWrite(t.disk()) : t.disk();
                VirtualDisk disk = spec.open();
                ownDisks.add(disk);
                TargetConfig config = TargetConfig.builder(t.shelf(), t.slot()).profile(t.profile()).bufferCount(t.bufcnt()).build();
                MacAddress mac = MacAddress.of(firstMac + i++);
                AoeTarget target = new AoeTarget(sim, sw, mac, config, disk, PortOptions.DEFAULT.withMtu(mtu));
                targets.put(t.name(), target);
            }
        } catch (DiskException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The scenario without initiators, and without timeline events that name one. */
    private static Scenario targetsOnly(Scenario s, boolean replay) {
        Set<String> names = new HashSet<>();
        List<Scenario.Target> ts = new ArrayList<>();
        for (Scenario.Target t : s.targets()) {
            names.add(t.name());
            String disk = replay ? copyOnWriteText(t.disk()) : t.disk();
            ts.add(new Scenario.Target(t.name(), t.shelf(), t.slot(), disk, t.profile(), t.bufcnt(), t.enforceBufcnt(), t.mtu(),
                    t.configString(), t.link(), t.faults()));
        }
        List<Scenario.Event> timeline = new ArrayList<>();
        for (Scenario.Event e : s.timeline()) {
            if (concernsOnly(e, names)) timeline.add(e);
        }
        return new Scenario(s.name(), s.description(), s.seed(), s.duration(), s.mtu(), s.links(), ts, List.of(), timeline,
                s.properties(), s.file());
    }

    private static boolean concernsOnly(Scenario.Event e, Set<String> targets) {
        if (e instanceof Scenario.Impair i) return targets.contains(i.node());
        if (e instanceof Scenario.LinkDown d) return targets.contains(d.node());
        if (e instanceof Scenario.LinkUp u) return targets.contains(u.node());
        if (e instanceof Scenario.Partition p) return p.groups().stream().allMatch(targets::containsAll);
        return true; // heal, vanish, return, media errors: targets only
    }

    private static String copyOnWriteText(String disk) {
        if (!disk.startsWith("file:")) return disk;
        return copyOnWrite(DiskSpec.parse(disk)).toString();
    }

    private static DiskSpec copyOnWrite(DiskSpec d) {
        return switch (d.kind()) {
            case RAM -> d;
            case FILE -> new DiskSpec(DiskSpec.Kind.COW, d.path(), 0, d.readOnly(), false, null);
            case COW -> new DiskSpec(DiskSpec.Kind.COW, d.path(), 0, d.readOnly(), false, null);
        };
    }

    public ServeSettings settings() {
        return settings;
    }

    public Simulation simulation() {
        return sim;
    }

    public VirtualSwitch virtualSwitch() {
        return sw;
    }

    /** The MTU of the TAP port. */
    public int mtu() {
        return mtu;
    }

    /** The targets by name: {@code e1.0}, or {@code e1.0 (t1)} for a scenario's target {@code t1}. */
    public Map<String, AoeTarget> targets() {
        return targets;
    }

    /** Sets the TAP link's impairments from the settings: {@code --impair}, then the per-direction overrides. */
    public void impair(Link tapLink) {
        settings.impair().applyTo(tapLink.toSwitch());
        settings.impair().applyTo(tapLink.fromSwitch());
        if (settings.impairIn() != null) settings.impairIn().applyTo(tapLink.toSwitch());
        if (settings.impairOut() != null) settings.impairOut().applyTo(tapLink.fromSwitch());
    }

    /** Connects a node standing for the TAP device, as {@link org.aoelab.tap.TapBridge} does (for replays). */
    public Nic connectTapNode(org.aoelab.net.FrameReceiver receiver) {
        Nic nic = sw.connect("tap:" + settings.tap(), org.aoelab.tap.TapBridge.NIC_MAC, receiver, PortOptions.DEFAULT.withMtu(mtu));
        nic.setPromiscuous(true);
        return nic;
    }

    /**
     * Flushes every disk to stable storage, then closes them. Call on the loop thread or once the
     * loop has ended.
     *
     * @return the problems met, one line each (empty when all went well)
     */
    public List<String> flushAndClose() {
        List<String> problems = new ArrayList<>();
        Set<VirtualDisk> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<String, AoeTarget> e : targets.entrySet()) {
            VirtualDisk d = e.getValue().disk();
            if (!done.add(d)) continue;
            try {
                if (!d.isReadOnly()) d.flush();
            } catch (DiskException ex) {
                problems.add(e.getKey() + ": flush failed: " + ex.getMessage());
            }
            try {
                d.close();
            } catch (DiskException ex) {
                problems.add(e.getKey() + ": close failed: " + ex.getMessage());
            }
        }
        return problems;
    }

    private void closeQuietly() {
        for (VirtualDisk d : ownDisks) {
            try {
                d.close();
            } catch (DiskException e) {
                // already failing; the first error is the one to report
            }
        }
    }
}
