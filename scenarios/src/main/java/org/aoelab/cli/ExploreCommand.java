package org.aoelab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aoelab.lock.LockReport;
import org.aoelab.scenario.Explorer;
import org.aoelab.scenario.Ladder;
import org.aoelab.scenario.PcapRecording;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.sim.SchedulePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aoelab explore}: many seeds, in parallel, looking for a violation. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Run a scenario over many seeds on all cores, looking for a violated property.",
                "Exit status: 1 when some seed violates a property, 0 when none does, 2 for bad input."})
public final class ExploreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "A built-in scenario or a scenario file.")
    String scenarioName;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1000", description = "Seeds to run (default ${DEFAULT-VALUE}).")
    long seeds;

    @Option(names = "--from", paramLabel = "S", defaultValue = "0", description = "First seed (default ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--jobs", paramLabel = "J", description = "Threads (default: one per core).")
    Integer jobs;

    @Option(names = "--stop-at-first", description = "Stop at the first violation instead of counting them all.")
    boolean stopAtFirst;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Where to write the first violating seed's frames (default: SCENARIO-seed-N.pcapng).")
    Path pcap;

    @Option(names = "--strategy", paramLabel = "S", defaultValue = "random",
            description = {"random: each seed draws its own losses, delays and timings (default);",
                    "pct: also shuffles the order of events at the same instant, and shakes every event",
                    "by up to --window, so close events change places (probabilistic concurrency testing)."})
    String strategy;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "0",
            description = "With --strategy pct: how far events may be shaken (such as 100us; default ${DEFAULT-VALUE}).")
    String window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1) {
            throw new AoeLab.UserError("--seeds must be >= 1, got " + seeds);
        }
        if (from < 0) {
            throw new AoeLab.UserError("--from must be >= 0, got " + from);
        }
        SchedulePolicy policy = RunCommand.policy(strategy, window);
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1) {
            throw new AoeLab.UserError("--jobs must be >= 1, got " + j);
        }
        Scenario s = ScenarioCommands.load(scenarioName);
        RunCommand.newRunner(s, from, policy); // checks the scenario builds before spending threads on it
        ProgressBar bar = new ProgressBar(err, "seeds");
        Explorer.Summary sum = new Explorer(s, j, policy).explore(from, seeds, stopAtFirst,
                (done, total, bad, elapsed) -> bar.show(done, total, elapsed, bad + " violating"));
        bar.finish();
        out.printf("%s: %,d seeds in %.2f s on %d thread(s): %,.0f seeds/s; %,d violating%n", s.name(), sum.seeds(),
                sum.elapsedNanos() / 1e9, j, sum.seedsPerSecond(), sum.bad());
        if (sum.first() == null) {
            out.println("No seed violated a property.");
            return AoeLab.OK;
        }
        Explorer.Outcome found = sum.first();
        Path file = pcap != null ? pcap : Path.of(s.name() + "-seed-" + found.seed() + ".pcapng");
        // The explorer stopped that seed at its first failure; run it in full for the pcap and the report.
        ScenarioRunner replay = RunCommand.newRunner(s, found.seed(), policy);
        Ladder ladder = new Ladder(RunCommand.nodeNames(s), 1_000_000);
        replay.trace(ladder);
        Explorer.Outcome o;
        try (OutputStream os = new BufferedOutputStream(RunCommand.openOut(file));
             PcapRecording rec = new PcapRecording(os, s, found.seed())) {
            replay.trace(rec);
            o = Explorer.outcome(replay.run());
        } catch (IOException e) {
            throw new AoeLab.UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.printf("First found after %.3f s. Lowest violating seed: %d%n", sum.firstFoundNanos() / 1e9, o.seed());
        out.println("  " + o.what());
        LockReport.Violation v = o.violation();
        long until = v != null ? v.time() : Long.MAX_VALUE;
        out.println();
        out.println("The frames that led to it:");
        out.print(ladder.render(e -> e.time() <= until && isLockFrame(e), 24));
        out.println();
        out.println("pcap: " + file);
        out.println("Replay it: aoelab run " + scenarioName + " --seed " + o.seed()
                + RunCommand.policyArgs(strategy, window) + " --ladder");
        return AoeLab.FAILED;
    }

    static boolean isLockFrame(Ladder.Entry e) {
        var a = e.aoe();
        if (a == null) {
            return false;
        }
        int cmd = a.header().command();
        return (cmd == 1 || cmd == 3) && a.header().major() != 0xFFFF;
    }
}
