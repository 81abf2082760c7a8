package org.aoelab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.aoelab.lock.LockReport;
import org.aoelab.sim.SchedulePolicy;

/**
 * Runs one scenario over many seeds on several threads and collects the seeds where a property
 * broke. Each run is its own simulation, so runs share nothing; the first violation reported is
 * the lowest failing seed, whatever the thread timing.
 */
public final class Explorer {

    /** What one seed gave. */
    public record Outcome(long seed, boolean ok, LockReport.Violation violation, String failure) {
        public String what() {
            if (violation != null) {
                return violation.property().title() + " violated at "
                        + String.format("%.6f s", violation.time() / 1e9) + ": " + violation.explanation();
            }
            return failure == null ? "ok" : failure;
        }
    }

    /** Progress, as often as the caller polls. */
    public interface Progress {
        void update(long done, long total, long bad, long elapsedNanos);
    }

    /** The whole exploration. */
    public record Summary(long seeds, long bad, Outcome first, long elapsedNanos, long firstFoundNanos) {
        public double seedsPerSecond() {
            return elapsedNanos == 0 ? 0 : seeds * 1e9 / elapsedNanos;
        }
    }

    private final Scenario scenario;
    private final int jobs;
    private final SchedulePolicy policy;

    public Explorer(Scenario scenario, int jobs) {
        this(scenario, jobs, SchedulePolicy.IN_ORDER);
    }

    /**
     * @param policy how each run's scheduler orders simultaneous events: {@code IN_ORDER} explores
     *               only what the seed draws (losses, delays, think times); a shuffling policy also
     *               explores event orders (probabilistic concurrency testing)
     */
    public Explorer(Scenario scenario, int jobs, SchedulePolicy policy) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        }
        this.scenario = scenario;
        this.jobs = jobs;
        this.policy = policy;
    }

    /**
     * One seed's verdict. A failing run stops at its first failure (see
     * {@link ScenarioRunner#stopAtFirstFailure()}): the verdict is the same as a full run's, and
     * the failure reported is the first one seen as the run went; run the seed in full for the
     * whole report.
     */
    public Outcome runOne(long seed) {
        return outcome(new ScenarioRunner(scenario, seed, policy).stopAtFirstFailure().run());
    }

    /** The outcome of a run: ok, or its first violation, or its first failure. */
    public static Outcome outcome(RunResult r) {
        long seed = r.seed();
        if (r.ok()) {
            return new Outcome(seed, true, null, null);
        }
        LockReport.Violation v = r.firstViolation();
        String failure = null;
        if (v == null) {
            failure = !r.failures().isEmpty() ? r.failures().get(0) : "data read back differs from what was written";
        }
        return new Outcome(seed, false, v, failure);
    }

    /**
     * Explores seeds {@code from .. from + count - 1}.
     *
     * @param stopAtFirst stop handing out seeds once one fails (runs in progress finish)
     * @param progress    polled about every 100 ms from the calling thread; may be null
     */
    public Summary explore(long from, long count, boolean stopAtFirst, Progress progress) throws InterruptedException {
        AtomicLong next = new AtomicLong(from);
        AtomicLong done = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicReference<Outcome> first = new AtomicReference<>();
        AtomicLong firstFound = new AtomicLong(-1);
        AtomicReference<Throwable> crash = new AtomicReference<>();
        long end = from + count;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        if (stopAtFirst && first.get() != null) {
                            return;
                        }
                        long seed = next.getAndIncrement();
                        if (seed >= end) {
                            return;
                        }
                        Outcome o = runOne(seed);
                        if (!o.ok()) {
                            bad.incrementAndGet();
                            firstFound.compareAndSet(-1, System.nanoTime() - start);
                            first.accumulateAndGet(o, (a, b) -> a == null || b.seed() < a.seed() ? b : a);
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    crash.compareAndSet(null, e);
                    next.set(end);
                }
            }, "explore-" + j);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            while (t.isAlive()) {
                t.join(100);
                if (progress != null) {
                    progress.update(done.get(), count, bad.get(), System.nanoTime() - start);
                }
            }
        }
        if (crash.get() != null) {
            throw new IllegalStateException("a run crashed: " + crash.get(), crash.get());
        }
        long elapsed = System.nanoTime() - start;
        if (progress != null) {
            progress.update(done.get(), count, bad.get(), elapsed);
        }
        return new Summary(done.get(), bad.get(), first.get(), elapsed, firstFound.get());
    }
}
