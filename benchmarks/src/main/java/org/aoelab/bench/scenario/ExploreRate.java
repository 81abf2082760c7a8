package org.aoelab.bench.scenario;

import org.aoelab.scenario.Explorer;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;

/**
 * How fast the explorer runs seeds of a built-in scenario, and how soon it finds the first
 * violation (issue 6: at least 10,000 seeds per second of lock-race-naive on 2 cores, first
 * violation in under 1 second). The first round warms the JIT and is reported separately.
 *
 * <pre>
 * bench/java org.aoelab.bench.scenario.ExploreRate [scenario] [seeds] [jobs] [rounds]
 * </pre>
 */
public final class ExploreRate {

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "lock-race-naive";
        long seeds = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        int jobs = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Scenario s = ScenarioReader.load(name);
        Explorer ex = new Explorer(s, jobs);
        for (int r = 0; r < rounds; r++) {
            long from = (long) r * seeds;
            Explorer.Summary sum = ex.explore(from, seeds, false, null);
            System.out.printf("%s round %d%s: %,d seeds in %.2f s on %d threads = %,.0f seeds/s; %,d violating;"
                            + " first violation found after %.3f s%n", name, r, r == 0 ? " (cold JIT)" : "", sum.seeds(),
                    sum.elapsedNanos() / 1e9, jobs, sum.seedsPerSecond(), sum.bad(),
                    sum.firstFoundNanos() < 0 ? Double.NaN : sum.firstFoundNanos() / 1e9);
        }
        // The same work on this thread alone, in CPU time: what each core gives when the machine is quiet.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Explorer one = new Explorer(s, 1);
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (long seed = 0; seed < seeds; seed++) {
            one.runOne(2_000_000 + seed);
        }
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        System.out.printf("%s: one thread, %,d seeds: %,.0f seeds per CPU-second (%,.0f per wall second)%n", name,
                seeds, seeds * 1e9 / cpu, seeds * 1e9 / (System.nanoTime() - w0));
        // Cold start as a user sees it: a fresh explorer, stop at the first violation.
        long t0 = System.nanoTime();
        Explorer.Summary first = new Explorer(ScenarioReader.load(name), jobs).explore(1_000_000, seeds, true, null);
        System.out.printf("%s: fresh explorer, stop at first violation: seed %s after %.3f s%n", name,
                first.first() == null ? "none" : Long.toString(first.first().seed()), (System.nanoTime() - t0) / 1e9);
    }
}
