package org.aoelab.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one boot of the guest went.
 *
 * @param spec       what it was asked to do
 * @param results    the result lines it printed, one per disk it reached
 * @param console    every console line
 * @param finished   whether init reached its end ({@code AOELAB-DONE}) and QEMU exited by itself
 * @param timedOut   whether the harness had to kill QEMU
 * @param exitCode   QEMU's exit status
 * @param elapsed    wall time from QEMU's start to its exit
 * @param consoleLog where the console was saved
 */
record GuestRun(GuestSpec spec, List<GuestResult> results, List<String> console, boolean finished, boolean timedOut,
        int exitCode, Duration elapsed, Path consoleLog) {
    static final String DONE = "AOELAB-DONE";

    GuestRun {
        results = List.copyOf(results);
        console = List.copyOf(console);
    }

    /** The result for the disk {@code SHELF.SLOT}, if the guest printed one. */
    Optional<GuestResult> result(String address) {
        return results.stream().filter(r -> r.target().equals(address)).findFirst();
    }

    /** The guest's lock summary ({@code AOELAB-LOCK} line), if it printed one. */
    Optional<GuestResult> lockResult() {
        return line(GuestResult.LOCK_PREFIX);
    }

    /** The guest's file system check ({@code AOELAB-FS} line), if it printed one. */
    Optional<GuestResult> fileSystemResult() {
        return line(GuestResult.FS_PREFIX);
    }

    private Optional<GuestResult> line(String prefix) {
        return console.stream().filter(l -> l.contains(prefix)).findFirst().map(l -> GuestResult.parse(l, prefix));
    }

    /** A summary and the last console lines, for assertion messages. */
    String describe() {
        int from = Math.max(0, console.size() - 60);
        return "guest variant " + spec.variant() + ": finished=" + finished + " timedOut=" + timedOut + " exit="
                + exitCode + " elapsed=" + elapsed.toMillis() + " ms, console " + consoleLog + "\n--- last console lines ---\n"
                + String.join("\n", console.subList(from, console.size()));
    }
}
