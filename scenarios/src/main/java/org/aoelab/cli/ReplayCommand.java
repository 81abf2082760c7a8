package org.aoelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aoelab.disk.DiskException;
import org.aoelab.scenario.Units;
import org.aoelab.serve.Replayer;
import org.aoelab.serve.ServeSettings;
import org.aoelab.serve.ShellWords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aoelab replay FILE.pcapng}: replays what real hosts sent to {@code aoelab serve} in
 * virtual time and checks that the virtual targets answer as they did.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recording of 'aoelab serve --record' in virtual time: rebuild the same targets (file disks "
                + "copy-on-write, left unchanged), send the frames that came from the host at their recorded times, and check "
                + "that the answers match the recorded ones.",
                "Exit status: 0 when every answer matched, 1 when some did not, 2 for a file that is not such a recording."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.pcapng", description = "A recording made by 'aoelab serve --record'.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Replayer.Recording rec;
        try {
            rec = Replayer.read(file);
        } catch (IOException e) {
            throw new AoeLab.UserError(e.getMessage(), e);
        }
        ServeSettings settings = parse(rec);
        out.println("replay: aoelab " + ShellWords.join(rec.command()));
        Replayer.Result r;
        try {
            r = Replayer.replay(rec, settings);
        } catch (DiskException | IllegalArgumentException e) {
            throw new AoeLab.UserError(file + ": cannot rebuild the served targets: " + e.getMessage(), e);
        }
        out.printf("replay: %,d frames from the host over %s of virtual time%n", r.hostFrames(), Units.humanTime(r.endNanos()));
        out.printf("replay: %,d frames to the host recorded, %,d replayed, %,d match%s%n", r.expected(), r.produced(), r.matched(),
                r.ok() ? (r.inOrder() ? ", in the same order" : " (order differs)") : "");
        for (String d : r.differences()) out.println("  " + d);
        out.println(r.ok() ? "replay: every answer matches" : "replay: MISMATCH");
        return r.ok() ? AoeLab.OK : AoeLab.FAILED;
    }

    private ServeSettings parse(Replayer.Recording rec) {
        ServeCommand serve = new ServeCommand();
        try {
            new CommandLine(serve).parseArgs(rec.command().subList(1, rec.command().size()).toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new AoeLab.UserError(file + ": the recorded command line does not parse: " + e.getMessage(), e);
        }
        try {
            return serve.settings();
        } catch (AoeLab.UserError e) {
            throw new AoeLab.UserError(file + ": the recorded command line: " + e.getMessage(), e);
        }
    }
}
