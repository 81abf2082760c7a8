package org.aoelab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aoelab.lock.LockReport;
import org.aoelab.scenario.Ladder;
import org.aoelab.scenario.PcapRecording;
import org.aoelab.scenario.ReportJson;
import org.aoelab.scenario.RunResult;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.scenario.Units;
import org.aoelab.sim.SchedulePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aoelab run}: one scenario, one seed, in virtual time. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario in virtual time and report what happened.",
                "Exit status: 0 when every property held and every operation completed, 1 otherwise, 2 for bad input."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "A built-in scenario (see 'aoelab list') or a scenario file.")
    String scenarioName;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the scenario's).")
    Long seed;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every frame to this pcapng file.")
    Path pcap;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report (docs/report.md) here.")
    Path report;

    @Option(names = "--ladder", description = "Print the ladder diagram of the exchanges.")
    boolean ladder;

    @Option(names = "--ladder-lines", paramLabel = "N", defaultValue = "200",
            description = "Most frames the ladder shows (the last ones; default ${DEFAULT-VALUE}).")
    int ladderLines;

    @Option(names = "--strategy", paramLabel = "S", defaultValue = "random",
            description = "random (default) or pct, as 'aoelab explore' ran it: to replay an explorer's seed.")
    String strategy;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "0",
            description = "With --strategy pct: the window the explorer used (default ${DEFAULT-VALUE}).")
    String window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scenario s = ScenarioCommands.load(scenarioName);
        long useSeed = seed != null ? seed : s.seed();
        if (useSeed < 0) {
            throw new AoeLab.UserError("--seed must be >= 0, got " + useSeed);
        }
        ScenarioRunner runner = newRunner(s, useSeed, policy(strategy, window));
        Ladder lad = null;
        if (ladder) {
            lad = new Ladder(nodeNames(s), Math.max(ladderLines * 4, 10_000));
            runner.trace(lad);
        }
        OutputStream pcapOut = null;
        PcapRecording rec = null;
        if (pcap != null) {
            pcapOut = new BufferedOutputStream(openOut(pcap));
            rec = new PcapRecording(pcapOut, s, useSeed);
            runner.trace(rec);
        }
        out.printf("AoE Lab: scenario %s, seed %d: %d initiator(s), %d target(s)%n", s.name(), useSeed,
                s.initiators().size(), s.targets().size());
        RunResult r = runner.run();
        if (rec != null) {
            rec.close();
        }
        if (lad != null) {
            out.println();
            out.print(lad.render(ladderLines));
        }
        out.println();
        printSummary(out, r);
        if (report != null) {
            Files.writeString(report, ReportJson.of(r), StandardCharsets.UTF_8);
            out.println("report: " + report);
        }
        if (pcap != null) {
            out.println("pcap:   " + pcap);
        }
        out.println();
        out.println("Reproduce: aoelab run " + scenarioName + " --seed " + useSeed + policyArgs(strategy, window));
        return r.ok() ? AoeLab.OK : AoeLab.FAILED;
    }

    static ScenarioRunner newRunner(Scenario s, long seed) {
        return newRunner(s, seed, SchedulePolicy.IN_ORDER);
    }

    static ScenarioRunner newRunner(Scenario s, long seed, SchedulePolicy policy) {
        try {
            return new ScenarioRunner(s, seed, policy);
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(s.file() + ": " + e.getMessage(), e);
        }
    }

    /** The scheduling policy of {@code --strategy} and {@code --window}; bad values are the user's error. */
    static SchedulePolicy policy(String strategy, String window) {
        long w;
        try {
            w = Units.duration(window);
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError("--window: " + e.getMessage());
        }
        switch (strategy) {
            case "random":
                if (w != 0) {
                    throw new AoeLab.UserError("--window needs --strategy pct");
                }
                return SchedulePolicy.IN_ORDER;
            case "pct":
                return w == 0 ? SchedulePolicy.randomTies() : SchedulePolicy.randomWithin(w);
            default:
                throw new AoeLab.UserError("--strategy " + strategy + " is not one of random, pct");
        }
    }

    /** The options that repeat a policy on a command line, or nothing for the default. */
    static String policyArgs(String strategy, String window) {
        if (strategy.equals("random")) {
            return "";
        }
        return " --strategy " + strategy + (Units.duration(window) == 0 ? "" : " --window " + window);
    }

    static OutputStream openOut(Path p) {
        try {
            return Files.newOutputStream(p);
        } catch (IOException e) {
            throw new AoeLab.UserError("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    static List<String> nodeNames(Scenario s) {
        List<String> names = new ArrayList<>();
        s.initiators().forEach(i -> names.add(i.name()));
        s.targets().forEach(t -> names.add(t.name()));
        return names;
    }

    static void printSummary(PrintWriter out, RunResult r) {
        out.println("Summary");
        out.printf("  simulated time  %s (%s)%n", Units.humanTime(r.endTime()),
                r.completed() ? "every workload finished" : "stopped at the scenario's duration");
        out.printf("  frames          %,d sent, %,d retransmissions%n", r.framesSent(), r.retransmissions());
        long moved = r.bytesMoved();
        if (moved > 0) {
            double secs = r.endTime() / 1e9;
            out.printf("  data            %s moved, %s verified, %s/s in simulated time%n",
                    Units.humanSize(moved), Units.humanSize(r.verifiedBytes()),
                    secs > 0 ? Units.humanSize((long) (moved / secs)) : "-");
        }
        for (LockReport.TargetLocks t : r.locks().targets()) {
            out.printf("  lock %-10s %d acquisitions, %d attempts, %d conflicts, acquisition latency median %s, max %s%n",
                    t.target(), t.acquisitions(), t.attempts(), t.conflicts(),
                    t.acquisitionLatency().getN() == 0 ? "-" : Units.humanTime((long) t.acquisitionLatency().getPercentile(50)),
                    t.acquisitionLatency().getN() == 0 ? "-" : Units.humanTime((long) t.acquisitionLatency().getMax()));
        }
        List<RunResult.Verdict> vs = r.verdicts();
        if (!vs.isEmpty()) {
            out.println("Properties");
            for (RunResult.Verdict v : vs) {
                out.printf("  %-17s %s  %s%n", v.property(), v.held() ? "held    " : "VIOLATED", v.detail());
            }
        }
        if (!r.failures().isEmpty()) {
            out.println("Failures");
            int shown = 0;
            for (String f : r.failures()) {
                if (shown++ == 10) {
                    out.printf("  ... and %d more%n", r.failures().size() - 10);
                    break;
                }
                out.println("  " + f);
            }
        }
    }
}
