package org.aoelab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.aoelab.lock.LockReport;
import org.aoelab.scenario.Ladder;
import org.aoelab.scenario.RunResult;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;

/**
 * {@code aoelab demo}: runs lock-race-naive and tells, in plain words, how two initiators both
 * came to believe they hold one target's lock. The words are made from the frames of the run,
 * not written for one seed, so any violating seed can be explained.
 */
final class LockRaceDemo {

    private final PrintWriter out;
    private final Style style;

    LockRaceDemo(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    int explain(long seed) {
        Scenario s = ScenarioReader.load("lock-race-naive");
        ScenarioRunner runner = new ScenarioRunner(s, seed);
        Ladder ladder = new Ladder(RunCommand.nodeNames(s), 100_000);
        runner.trace(ladder);
        RunResult r = runner.run();

        out.println(style.bold("AoE Lab demo: two initiators, one lock, and both win"));
        out.println();
        out.println("AoE gives initiators one piece of shared state: each target's config string (up to 1024 bytes).");
        out.println("Clusters use it as a lock. Here h1 and h2 share target e1.0 and follow the \"naive\" protocol:");
        out.println("read the string; if it is empty, force-set it to your own name; then you hold the lock.");
        out.println("Every link has a 1 ms delay; nothing is lost. (Scenario lock-race-naive, seed " + seed + ".)");
        out.println();

        LockReport.Violation v = r.locks().violations().stream()
                .filter(x -> x.property() == LockReport.Property.MUTUAL_EXCLUSION).findFirst().orElse(null);
        if (v == null) {
            out.println("With seed " + seed + " the two attempts never overlapped, so both initiators took turns safely.");
            out.println("Try another seed, or let AoE Lab find one: " + style.bold("aoelab explore lock-race-naive"));
            return AoeLab.OK;
        }
        List<Ladder.Entry> race = raceFrames(ladder.entries(), v);
        String diagram = ladder.render(race::contains, race.size());
        String[] lines = diagram.split("\n");
        out.println("The frames of the race:");
        out.println();
        out.println("     " + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.printf("%3d  %s%n", i, lines[i]);
        }
        out.println();
        out.println("What happened, frame by frame:");
        for (int i = 0; i < race.size(); i++) {
            out.printf("%3d. %s%n", i + 1, narrate(race.get(i)));
        }
        out.println();
        out.println(style.bold(style.red(String.format("At %.4f s both %s believe they hold e1.0: mutual exclusion is broken,",
                v.time() / 1e9, String.join(" and ", v.initiators())))));
        out.println(style.bold(style.red("and not a single frame was lost.")));
        out.println();
        out.println("Why: reading and writing are two separate exchanges. Between an initiator's read and its");
        out.println("force-set lies a whole round trip (here 4 ms), and the target answers every read with what it");
        out.println("holds at that instant. Both reads arrived before either write, so both saw an empty string,");
        out.println("and force-set, as its name says, overwrites whatever is there and always succeeds.");
        out.println();
        out.println("The fix: let the target decide. Query Config \"set if empty\" (CCmd 3) writes only when the");
        out.println("string is empty and answers everyone else with error 4; Reserve/Release (AoE command 3) makes");
        out.println("the target refuse other initiators outright.");
        out.println();
        out.println("Try it yourself:");
        String[][] tries = {
                {"aoelab run lock-race-naive --seed " + seed + " --ladder", "the whole run"},
                {"aoelab explore lock-race-naive --seeds 10000", "how often the race happens"},
                {"aoelab explore lock-reserve --seeds 10000", "the safe protocol: no violation"},
                {"aoelab demo --frames", "the AoE frames themselves, field by field"}};
        for (String[] t : tries) {
            out.println("  " + style.bold(String.format("%-46s", t[0])) + "  " + t[1]);
        }
        return AoeLab.OK;
    }

    /** Lock frames from the first attempt of the cycle that broke, up to the violation. */
    private static List<Ladder.Entry> raceFrames(List<Ladder.Entry> all, LockReport.Violation v) {
        List<Ladder.Entry> lock = new ArrayList<>();
        for (Ladder.Entry e : all) {
            if (e.time() <= v.time() && ExploreCommand.isLockFrame(e)) {
                lock.add(e);
            }
        }
        // Walk back to the reads that started this round: the last read request by each initiator involved.
        int start = lock.size();
        for (String who : v.initiators()) {
            for (int i = lock.size() - 1; i >= 0; i--) {
                AoeFrame a = lock.get(i).aoe();
                if (lock.get(i).from().equals(who) && !a.header().response() && a.arg() instanceof ConfigArg c
                        && c.command() == ConfigCommand.READ) {
                    start = Math.min(start, i);
                    break;
                }
            }
        }
        return start >= lock.size() ? lock : lock.subList(start, lock.size());
    }

    private String narrate(Ladder.Entry e) {
        AoeFrame a = e.aoe();
        String from = e.from();
        if (!(a.arg() instanceof ConfigArg c)) {
            return from + " sends " + a.header();
        }
        String to = e.deliveredTo().isEmpty() ? "the target" : e.deliveredTo().get(0);
        String target = "e" + a.header().major() + "." + a.header().minor();
        if (!a.header().response()) {
            return switch (c.command() == null ? ConfigCommand.READ : c.command()) {
                case READ -> from + " asks " + target + " for its config string, to see whether anyone holds the lock.";
                case FORCE_SET -> c.string().isEmpty()
                        ? from + " releases the lock: force-sets the string to empty."
                        : from + " force-sets the string to \"" + c.string().toUtf8()
                                + "\". Force-set overwrites whatever is there.";
                case SET -> from + " asks " + target + " to set \"" + c.string().toUtf8() + "\" only if the string is empty.";
                default -> from + " sends Query Config " + c.command().title() + ".";
            };
        }
        String s = c.string().toUtf8();
        return switch (c.command() == null ? ConfigCommand.READ : c.command()) {
            case READ -> s.isEmpty()
                    ? target + " answers " + to + ": the string is empty. " + to + " concludes the lock is free."
                    : target + " answers " + to + ": the string is \"" + s + "\". " + to + " sees the lock taken.";
            case FORCE_SET -> s.isEmpty()
                    ? target + " confirms the release to " + to + "."
                    : target + " confirms " + to + "'s force-set. " + to + " now believes it holds the lock.";
            default -> target + " answers " + to + ".";
        };
    }
}
