package org.aoelab.testing;

/**
 * What a finished process left: its exit status and everything it printed (UTF-8).
 *
 * @param exitCode the exit status, 0 for success
 * @param stdout   standard output
 * @param stderr   standard error
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Exit status and both outputs, for assertion messages. */
    public String describe() {
        return "exit status " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
