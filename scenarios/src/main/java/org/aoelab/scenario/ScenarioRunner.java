package org.aoelab.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.aoelab.disk.DiskException;
import org.aoelab.disk.DiskOp;
import org.aoelab.disk.DiskSpec;
import org.aoelab.disk.FaultyDisk;
import org.aoelab.disk.Latency;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.InitiatorConfig;
import org.aoelab.initiator.IoResult;
import org.aoelab.lock.LockClient;
import org.aoelab.lock.LockLoop;
import org.aoelab.lock.LockMonitor;
import org.aoelab.lock.LockProtocols;
import org.aoelab.lock.LockReport;
import org.aoelab.net.DelayDistribution;
import org.aoelab.net.Impairments;
import org.aoelab.net.Link;
import org.aoelab.net.LossModel;
import org.aoelab.net.Nic;
import org.aoelab.net.Port;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.SchedulePolicy;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.target.TargetProfile;
import org.aoelab.trace.TraceEvent;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;

/**
 * Builds the simulation a {@link Scenario} describes and runs it in virtual time: the switch,
 * the targets on their disks, the initiators and their workloads, the timeline, and the
 * {@link LockMonitor}. A run ends when every workload has finished, or at the scenario's
 * duration. Same scenario and seed, same trace, byte for byte.
 */
public final class ScenarioRunner {

    /** MACs are assigned in scenario order, so a scenario's frames do not depend on anything else. */
    static final long TARGET_MAC_BASE = 0x02_00_00_01_00_00L;
    static final long INITIATOR_MAC_BASE = 0x02_00_00_02_00_00L;

    private final Scenario scenario;
    private final long seed;
    private final Simulation sim;
    private final VirtualSwitch sw;
    private final Map<String, Nic> nics = new LinkedHashMap<>();
    private final Map<String, AoeTarget> targets = new LinkedHashMap<>();
    private final Map<String, FaultyDisk> disks = new HashMap<>();
    private final Map<String, AoeInitiator> initiators = new LinkedHashMap<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final LockMonitor monitor;
    private final List<String> failures = new ArrayList<>();
    private long mismatches;
    private long verifiedBytes;
    private boolean built;
    private boolean stopAtFirstFailure;

    public ScenarioRunner(Scenario scenario, long seed) {
        this(scenario, seed, SchedulePolicy.IN_ORDER);
    }

    /** With a scheduling policy: {@link SchedulePolicy#randomTies()} and friends explore event orders. */
    public ScenarioRunner(Scenario scenario, long seed, SchedulePolicy policy) {
        this.scenario = scenario;
        this.seed = seed;
        this.sim = new Simulation(seed, policy);
        this.sw = new VirtualSwitch(sim, "sw");
        this.monitor = new LockMonitor(scenario.properties().orphanBound(), scenario.properties().progressBound());
    }

    public Simulation simulation() {
        return sim;
    }

    public VirtualSwitch virtualSwitch() {
        return sw;
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }

    public Map<String, AoeTarget> targets() {
        return targets;
    }

    public Map<String, AoeInitiator> initiators() {
        return initiators;
    }

    /** Subscribes a listener to every trace event of the run (before {@link #run}). */
    public void trace(Consumer<? super TraceEvent> listener) {
        sim.trace().subscribe(listener);
    }

    /**
     * Ends the run as soon as its verdict is known to be a failure: a lock violation seen as it
     * happened, a data mismatch or a failed operation. The explorer wants only the verdict, so it
     * skips the rest of a failing run; the result then holds the failures found up to that moment,
     * and a full run of the same seed (without this) finds the same failures and perhaps more.
     */
    public ScenarioRunner stopAtFirstFailure() {
        this.stopAtFirstFailure = true;
        return this;
    }

    private boolean failed() {
        Scenario.Properties p = scenario.properties();
        return !failures.isEmpty()
                || p.mutualExclusion() && monitor.violated(LockReport.Property.MUTUAL_EXCLUSION)
                || p.noOrphan() && monitor.violated(LockReport.Property.NO_ORPHAN);
    }

    /** Builds the network and schedules workloads and the timeline; {@link #run} calls it when needed. */
    public void build() {
        if (built) {
            return;
        }
        built = true;
        int t = 0;
        for (Scenario.Target spec : scenario.targets()) {
            buildTarget(spec, MacAddress.of(TARGET_MAC_BASE + ++t));
        }
        int i = 0;
        for (Scenario.Initiator spec : scenario.initiators()) {
            buildInitiator(spec, MacAddress.of(INITIATOR_MAC_BASE + ++i));
        }
        sim.trace().subscribe(monitor); // after the links are set up: their set-up notes are of no interest to it
        for (Scenario.Event e : scenario.timeline()) {
            sim.scheduleAt(e.at(), () -> apply(e));
        }
        for (Workload w : workloads) {
            sim.scheduleAt(w.spec.start(), w::start);
        }
    }

    private void buildTarget(Scenario.Target spec, MacAddress mac) {
        FaultyDisk faulty;
        if (spec.disk().startsWith("same-as:")) {
            String other = spec.disk().substring("same-as:".length());
            faulty = disks.get(other);
            if (faulty == null) {
                throw new IllegalArgumentException("target " + spec.name() + ": disk " + spec.disk()
                        + ": no target called '" + other + "' before it");
            }
        } else {
            VirtualDisk disk;
            try {
                disk = DiskSpec.parse(spec.disk()).open();
            } catch (DiskException | IllegalArgumentException e) {
                throw new IllegalArgumentException("target " + spec.name() + ": disk " + spec.disk() + ": "
                        + e.getMessage(), e);
            }
            faulty = new FaultyDisk(disk, sim.randoms().stream("disk/" + spec.name()));
        }
        Scenario.Faults f = spec.faults();
        if (f.latency() > 0 && !spec.disk().startsWith("same-as:")) {
            faulty.setLatency(switch (f.latencyDistribution()) {
                case "uniform" -> Latency.uniform(0, 2 * f.latency());
                case "exponential" -> Latency.exponential(f.latency());
                default -> Latency.fixed(f.latency());
            });
        }
        if (f.mediaErrorFrom() >= 0 && f.mediaErrorCount() > 0 && !spec.disk().startsWith("same-as:")) {
            faulty.addMediaError(f.mediaErrorFrom(), f.mediaErrorCount(), DiskOp.READ, DiskOp.WRITE);
        }
        TargetConfig config = TargetConfig.builder(spec.shelf(), spec.slot())
                .profile(TargetProfile.byName(spec.profile()))
                .bufferCount(spec.bufcnt())
                .enforceBufferCount(spec.enforceBufcnt())
                .initialConfig(Bytes.ofUtf8(spec.configString()))
                .build();
        AoeTarget[] self = new AoeTarget[1];
        Nic nic = sw.connect(spec.name(), mac, frame -> self[0].receive(frame), PortOptions.DEFAULT.withMtu(spec.mtu()));
        AoeTarget target = new AoeTarget(sim, nic, config, faulty);
        self[0] = target;
        targets.put(spec.name(), target);
        disks.put(spec.name(), faulty);
        nics.put(spec.name(), nic);
        impair(target.nic().link(), spec.link());
    }

    private void buildInitiator(Scenario.Initiator spec, MacAddress mac) {
        AoeInitiator ini = new AoeInitiator(sim, sw, spec.name(), mac, InitiatorConfig.LINUX,
                PortOptions.DEFAULT.withMtu(spec.mtu()));
        initiators.put(spec.name(), ini);
        nics.put(spec.name(), ini.nic());
        impair(ini.nic().link(), spec.link());
        workloads.add(new Workload(spec, ini));
    }

    /** Sets a link's impairments, both directions, from a scenario's description. */
    public static void impair(Link link, Scenario.Impairment s) {
        configure(link.toSwitch(), s);
        configure(link.fromSwitch(), s);
    }

    static void configure(Impairments imp, Scenario.Impairment s) {
        imp.clear();
        if (s.geP() > 0) {
            imp.loss(new LossModel.GilbertElliott(s.geP(), s.geR(), s.geOneMinusH(), s.geOneMinusK()));
        } else if (s.loss() > 0) {
            imp.loss(s.loss());
        }
        if (s.delay() > 0 || s.jitter() > 0) {
            imp.delay(s.delay(), s.jitter(), s.correlation(), distribution(s.jitterDistribution()));
        }
        if (s.duplicate() > 0) {
            imp.duplicate(s.duplicate());
        }
        if (s.reorder() > 0) {
            imp.reorder(s.reorder(), s.reorderGap());
        }
        if (s.corrupt() > 0) {
            imp.corrupt(s.corrupt());
        }
        if (s.rate() > 0) {
            imp.rate(s.rate());
            imp.queueLimitFrames(s.queue());
        }
    }

    static DelayDistribution distribution(String name) {
        for (DelayDistribution d : DelayDistribution.values()) {
            if (d.netemName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown jitter distribution '" + name + "'");
    }

    private void apply(Scenario.Event e) {
        if (e instanceof Scenario.Impair im) {
            impair(nics.get(im.node()).link(), im.impairment());
        } else if (e instanceof Scenario.Partition p) {
            List<Set<Port>> groups = new ArrayList<>();
            for (List<String> g : p.groups()) {
                Set<Port> ports = new HashSet<>();
                g.forEach(n -> ports.add(nics.get(n).port()));
                groups.add(ports);
            }
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    sw.partition(groups.get(a), groups.get(b));
                }
            }
        } else if (e instanceof Scenario.Heal) {
            sw.heal();
        } else if (e instanceof Scenario.LinkDown d) {
            nics.get(d.node()).link().setUp(false);
        } else if (e instanceof Scenario.LinkUp u) {
            nics.get(u.node()).link().setUp(true);
        } else if (e instanceof Scenario.Vanish v) {
            disks.get(v.target()).vanish();
        } else if (e instanceof Scenario.Return r) {
            disks.get(r.target()).reappear();
        } else if (e instanceof Scenario.MediaErrors m) {
            disks.get(m.target()).addMediaError(m.from(), m.count(), DiskOp.READ, DiskOp.WRITE);
        }
    }

    /** True when every workload has run to its end. */
    public boolean finished() {
        for (Workload w : workloads) {
            if (!w.done) {
                return false;
            }
        }
        return true;
    }

    /** Runs to the end of the workloads or the scenario's duration, whichever is first. */
    public RunResult run() {
        build();
        boolean completed;
        if (stopAtFirstFailure) {
            sim.runUntil(() -> finished() || failed(), scenario.duration() - sim.now());
            completed = finished();
        } else {
            completed = sim.runUntil(this::finished, scenario.duration() - sim.now());
        }
        if (!(stopAtFirstFailure && failed())) {
            for (Workload w : workloads) {
                if (!w.done) {
                    failures.add(w.ini.name() + ": workload unfinished at the end (" + w.describe() + ")");
                }
            }
        }
        LockReport locks = monitor.report(sim.now());
        return new RunResult(scenario, seed, sim.now(), completed, List.copyOf(failures), mismatches, verifiedBytes,
                locks, initiators, targets, sw);
    }

    /** One initiator's steps, run one after another. */
    private final class Workload {
        final Scenario.Initiator spec;
        final AoeInitiator ini;
        int next;
        boolean done;
        Scenario.Step current; // null before the first step; described only if the run ends unfinished

        Workload(Scenario.Initiator spec, AoeInitiator ini) {
            this.spec = spec;
            this.ini = ini;
        }

        String describe() {
            return "step " + next + " of " + spec.workload().size() + ": " + (done ? "done" : current == null ? "not started" : current);
        }

        void start() {
            ini.start();
            advance();
        }

        void advance() {
            if (next >= spec.workload().size()) {
                done = true;
                return;
            }
            Scenario.Step step = spec.workload().get(next++);
            current = step;
            if (step instanceof Scenario.Discover d) {
                discover(d);
            } else if (step instanceof Scenario.Pause p) {
                sim.schedule(p.duration(), this::advance);
            } else if (step instanceof Scenario.Write w) {
                write(w, 0);
            } else if (step instanceof Scenario.Read r) {
                read(r, 0);
            } else if (step instanceof Scenario.Lock l) {
                lock(l);
            } else if (step instanceof Scenario.Config c) {
                config(c);
            }
        }

        AoeDevice device(String target) {
            Scenario.Target t = scenario.target(target);
            return ini.device(t.shelf(), t.slot());
        }

        void discover(Scenario.Discover d) {
            List<String> want = d.targets().isEmpty() ? scenario.targets().stream().map(Scenario.Target::name).toList()
                    : d.targets();
            Runnable check = new Runnable() {
                boolean fired;

                @Override
                public void run() {
                    if (fired) {
                        return;
                    }
                    for (String t : want) {
                        AoeDevice dev = device(t);
                        if (dev == null || !dev.isUp()) {
                            return;
                        }
                    }
                    fired = true;
                    sim.schedule(0, Workload.this::advance);
                }
            };
            ini.onDeviceUp(dev -> check.run());
            check.run();
        }

        void write(Scenario.Write w, long done) {
            if (done >= w.size()) {
                advance();
                return;
            }
            int n = (int) Math.min(w.chunk(), w.size() - done);
            long at = w.offset() + done;
            byte[] data = new byte[n];
            Pattern.fill(seed, ini.name(), at, data);
            AoeDevice dev = device(w.target());
            dev.open();
            dev.write(at, Bytes.adopt(data), r -> {
                dev.close();
                if (!r.ok()) {
                    failures.add(String.format("%s: write of %d bytes at %d to %s failed: %s", ini.name(), n, at,
                            dev.name(), r));
                }
                write(w, done + n);
            });
        }

        void read(Scenario.Read rd, long done) {
            if (done >= rd.size()) {
                advance();
                return;
            }
            int n = (int) Math.min(rd.chunk(), rd.size() - done);
            long at = rd.offset() + done;
            AoeDevice dev = device(rd.target());
            dev.open();
            dev.read(at, n, r -> {
                dev.close();
                if (r instanceof IoResult.Done ok) {
                    if (rd.verify()) {
                        byte[] want = new byte[n];
                        Pattern.fill(seed, ini.name(), at, want);
                        Bytes got = ok.data();
                        verifiedBytes += n;
                        if (!got.equals(Bytes.adopt(want))) {
                            mismatches++;
                            failures.add(String.format("%s: data read at %d from %s differs from what was written",
                                    ini.name(), at, dev.name()));
                        }
                    }
                } else {
                    failures.add(String.format("%s: read of %d bytes at %d from %s failed: %s", ini.name(), n, at,
                            dev.name(), r));
                }
                read(rd, done + n);
            });
        }

        void lock(Scenario.Lock l) {
            AoeDevice dev = device(l.target());
            LockClient client = new LockClient(ini, dev, null, l.testTimeout());
            LockLoop loop = new LockLoop(client, LockProtocols.of(l.protocol(), LockProtocols.Release.parse(l.release()),
                    l.lease()), sim.randoms().stream("lock/" + ini.name()), l.think(), l.hold(), l.retry(), l.cycles());
            loop.onFinished(this::advance);
            loop.start();
        }

        void config(Scenario.Config c) {
            AoeDevice dev = device(c.target());
            ConfigCommand cmd = switch (c.command()) {
                case "test" -> ConfigCommand.TEST;
                case "prefix" -> ConfigCommand.TEST_PREFIX;
                case "set" -> ConfigCommand.SET;
                case "fset" -> ConfigCommand.FORCE_SET;
                default -> ConfigCommand.READ;
            };
            ini.config(dev, null, cmd, Bytes.ofUtf8(c.string()), r -> advance());
        }
    }

    long mismatches() {
        return mismatches;
    }
}
