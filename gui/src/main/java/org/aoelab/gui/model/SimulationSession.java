package org.aoelab.gui.model;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.lock.LockMonitor;
import org.aoelab.net.Link;
import org.aoelab.net.Port;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;

/**
 * A scenario running in the GUI: builds it with {@link ScenarioRunner}, runs it on one
 * {@link SimThread} at a chosen speed of virtual time, and reports through an {@link UpdateRing}.
 *
 * <p>Every public method may be called from any thread: it posts a command to the simulation
 * thread and returns at once. The simulation, its links and its lock monitor are only ever
 * touched on that thread. A running session works in slices of at most {@link #SLICE_EVENTS}
 * events or {@link #SLICE_NANOS} of wall time, then lets waiting commands in.
 */
public final class SimulationSession implements AutoCloseable {
    /** Most events run before commands are looked at again. */
    public static final int SLICE_EVENTS = 20_000;
    /** Longest wall time of one slice. */
    public static final long SLICE_NANOS = 20_000_000L;
    /** Speed meaning "as fast as the machine goes". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    private final Scenario scenario;
    private final UpdateRing ring;
    private final SimThread thread;

    // Simulation thread only:
    private ScenarioRunner runner;
    private TraceTap tap;
    private LockMonitor monitor;
    private long seed;
    private PlayState state = PlayState.PAUSED;
    private double speed = 1.0;
    private long anchorVirtual;
    private long anchorWall;
    private long stopAt = -1;
    private long lastLockEvents = -1;
    private boolean tickPending;
    private int generation;

    public SimulationSession(Scenario scenario, long seed, UpdateRing ring, SimThread thread) {
        this.scenario = scenario;
        this.seed = seed;
        this.ring = ring;
        this.thread = thread;
        thread.execute(this::build);
    }

    public Scenario scenario() {
        return scenario;
    }

    // ------------------------------------------------------------------ commands

    /** Runs at the current speed until paused or finished. */
    public void play() {
        thread.execute(() -> {
            if (state == PlayState.FINISHED) return;
            stopAt = -1;
            startRunning();
        });
    }

    /** Runs as fast as possible until {@code virtualTime} (or the end), then pauses. */
    public void runTo(long virtualTime) {
        thread.execute(() -> {
            if (state == PlayState.FINISHED) return;
            stopAt = virtualTime;
            speed = MAX_SPEED;
            startRunning();
        });
    }

    public void pause() {
        thread.execute(() -> {
            if (state == PlayState.RUNNING) state = PlayState.PAUSED;
            clock();
        });
    }

    /** Runs the next event. */
    public void stepEvent() {
        thread.execute(() -> {
            if (state == PlayState.RUNNING) state = PlayState.PAUSED;
            Simulation sim = runner.simulation();
            if (sim.pending() > 0) sim.step();
            afterEvents();
        });
    }

    /** Runs events until the next frame is sent (or nothing is left). */
    public void stepFrame() {
        thread.execute(() -> {
            if (state == PlayState.RUNNING) state = PlayState.PAUSED;
            Simulation sim = runner.simulation();
            long before = tap.framesSent();
            for (int i = 0; i < 1_000_000 && tap.framesSent() == before && sim.pending() > 0; i++) sim.step();
            afterEvents();
        });
    }

    /** Virtual nanoseconds per wall nanosecond; {@link #MAX_SPEED} for as fast as possible. */
    public void setSpeed(double virtualPerWall) {
        if (!(virtualPerWall > 0)) {
            throw new IllegalArgumentException("speed is " + virtualPerWall + ", expected a multiplier above 0");
        }
        thread.execute(() -> {
            speed = virtualPerWall;
            anchor();
        });
    }

    /** Starts the scenario again from the beginning with {@code newSeed}. */
    public void restart(long newSeed) {
        thread.execute(() -> {
            tap.stop();
            seed = newSeed;
            generation++;
            build();
        });
    }

    /** Sets a node's link, now. */
    public void setLink(String node, LinkSettings settings) {
        thread.execute(() -> {
            Link link = link(node);
            if (link == null) {
                ring.put(new Update.Problem("no node called '" + node + "'"));
                return;
            }
            settings.applyTo(link);
            ring.put(new Update.Topology(topology()));
        });
    }

    /** Stops the simulation thread. */
    @Override
    public void close() {
        thread.execute(() -> {
            if (tap != null) tap.stop();
            state = PlayState.PAUSED;
        });
        thread.shutdown();
    }

    // ------------------------------------------------------------------ on the simulation thread

    private void build() {
        state = PlayState.PAUSED;
        tickPending = false;
        runner = new ScenarioRunner(scenario, seed);
        tap = new TraceTap(ring);
        ring.put(new Update.Reset(scenario.name(), seed, true));
        try {
            runner.build();
        } catch (RuntimeException e) {
            ring.put(new Update.Problem("scenario " + scenario.name() + ": " + e.getMessage()));
            state = PlayState.FINISHED;
            return;
        }
        runner.targets().forEach((name, t) -> tap.knowNode(t.nic().mac(), name));
        runner.initiators().forEach((name, i) -> tap.knowNode(i.mac(), name));
        runner.trace(tap);
        monitor = new LockMonitor(scenario.properties().orphanBound(), scenario.properties().progressBound());
        runner.trace(monitor);
        lastLockEvents = -1;
        ring.put(new Update.Topology(topology()));
        clock();
    }

    private List<NodeInfo> topology() {
        List<NodeInfo> out = new ArrayList<>();
        runner.initiators().forEach((name, i) -> out.add(new NodeInfo(name, NodeInfo.Kind.INITIATOR, i.mac().toString(),
                i.mac().toString(), LinkSettings.of(i.nic().link()))));
        runner.targets().forEach((name, t) -> {
            Scenario.Target spec = scenario.target(name);
            String detail = spec == null ? t.name() : "e" + spec.shelf() + "." + spec.slot() + " " + spec.profile();
            out.add(new NodeInfo(name, NodeInfo.Kind.TARGET, detail, t.nic().mac().toString(), LinkSettings.of(t.nic().link())));
        });
        for (Port p : runner.virtualSwitch().ports()) {
            if (p.link() == null) {
                out.add(new NodeInfo(p.name(), NodeInfo.Kind.PORT, "bare port", "", LinkSettings.CLEAN.withMtu(p.mtu())));
            }
        }
        return out;
    }

    private Link link(String node) {
        AoeInitiator i = runner.initiators().get(node);
        if (i != null) return i.nic().link();
        AoeTarget t = runner.targets().get(node);
        return t == null ? null : t.nic().link();
    }

    private void startRunning() {
        state = PlayState.RUNNING;
        anchor();
        clock();
        scheduleTick(0);
    }

    private void anchor() {
        if (runner == null) return;
        anchorVirtual = runner.simulation().now();
        anchorWall = thread.nanoTime();
    }

    private void scheduleTick(long delayNanos) {
        if (tickPending) return;
        tickPending = true;
        int gen = generation;
        Runnable t = () -> {
            tickPending = false;
            if (gen == generation) tick();
        };
        if (delayNanos <= 0) thread.execute(t);
        else thread.schedule(t, delayNanos);
    }

    private void tick() {
        if (state != PlayState.RUNNING) return;
        Simulation sim = runner.simulation();
        long wallStart = thread.nanoTime();
        long limit = speed == MAX_SPEED ? Long.MAX_VALUE
                : anchorVirtual + (long) Math.min((double) Long.MAX_VALUE / 2, (wallStart - anchorWall) * speed);
        if (stopAt >= 0) limit = Math.min(limit, stopAt);
        int n = 0;
        boolean sliceOver = false;
        while (!finished() && sim.pending() > 0 && sim.nextEventTime() <= limit) {
            sim.step();
            if (++n % 256 == 0 && (n >= SLICE_EVENTS || thread.nanoTime() - wallStart > SLICE_NANOS)) {
                sliceOver = true;
                break;
            }
        }
        afterEvents();
        if (state != PlayState.RUNNING) return;
        if (stopAt >= 0 && !sliceOver && (sim.pending() == 0 || sim.nextEventTime() > stopAt)) {
            if (sim.now() < stopAt) sim.runFor(stopAt - sim.now()); // nothing is due before: the clock moves on
            state = PlayState.PAUSED;
            clock();
            return;
        }
        if (sliceOver || speed == MAX_SPEED) {
            scheduleTick(0);
        } else {
            long due = (long) ((sim.nextEventTime() - anchorVirtual) / speed) + anchorWall - thread.nanoTime();
            scheduleTick(Math.max(1_000_000L, Math.min(due, 50_000_000L)));
        }
    }

    private boolean finished() {
        Simulation sim = runner.simulation();
        return runner.finished() || sim.pending() == 0 || sim.nextEventTime() > scenario.duration();
    }

    private void afterEvents() {
        if (finished()) state = PlayState.FINISHED;
        if (tap.lockEvents() != lastLockEvents) {
            lastLockEvents = tap.lockEvents();
            ring.put(new Update.Locks(monitor.report(runner.simulation().now())));
        }
        clock();
    }

    private void clock() {
        if (runner == null) return;
        Simulation sim = runner.simulation();
        ring.put(new Update.Clock(sim.now(), sim.eventsRun(), sim.pending(), state));
    }
}
