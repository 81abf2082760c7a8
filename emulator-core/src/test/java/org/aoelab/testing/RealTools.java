package org.aoelab.testing;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests against real programs (tshark, tcpdump, vblade, the Linux aoe driver) and real
 * privileges. Such a test first asks for what it needs: when it is missing, the test is skipped
 * with the reason under {@code -Daoelab.e2e=auto} (the default, for laptops) and fails under
 * {@code -Daoelab.e2e=required} (CI, where everything must really run).
 *
 * <pre>{@code
 * Path tshark = RealTools.requireTool("tshark");
 * ProcessResult r = RealTools.run(Duration.ofSeconds(60), tshark.toString(), "-r", file.toString());
 * }</pre>
 */
public final class RealTools {
    /** The system property that chooses between skipping and failing. */
    public static final String PROPERTY = "aoelab.e2e";

    /** What to do when a real tool or privilege is missing. */
    public enum Mode {
        /** Skip the test, printing the reason. */
        AUTO,
        /** Fail the test: CI must run every real-tool test. */
        REQUIRED;

        /**
         * Parses the property's value; unset or empty means {@link #AUTO}.
         *
         * @throws IllegalArgumentException for any other value, naming it and the allowed ones
         */
        public static Mode parse(String value) {
            if (value == null || value.isBlank()) return AUTO;
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("auto")) return AUTO;
            if (v.equals("required")) return REQUIRED;
            throw new IllegalArgumentException("system property " + PROPERTY + " is '" + value
                    + "', expected auto or required");
        }
    }

    private RealTools() {
    }

    /** The mode the system property asks for. */
    public static Mode mode() {
        return Mode.parse(System.getProperty(PROPERTY));
    }

    /**
     * The path of {@code executable} on the {@code PATH} (or the file itself when a path is given).
     * When it is missing, skips the test ({@link Mode#AUTO}) or fails it ({@link Mode#REQUIRED}).
     */
    public static Path requireTool(String executable) {
        if (executable == null || executable.isBlank()) throw new IllegalArgumentException("executable is missing");
        Optional<Path> found = findOnPath(executable, System.getenv("PATH"));
        require(mode(), found.isPresent(), executable + " is not installed (not found on PATH); install the package that"
                + " provides it (.ci/run lists them) to run this test");
        return found.orElseThrow();
    }

    /** Skips ({@link Mode#AUTO}) or fails ({@link Mode#REQUIRED}) the test unless it runs as root. */
    public static void requireRoot() {
        require(mode(), isRoot(), "this test needs root (it runs as " + System.getProperty("user.name") + ")");
    }

    /**
     * Closes {@code resources} newest first, each whatever the others did (a failure is printed,
     * not thrown: a test's clean-up must not stop half way), and empties the list.
     */
    public static void closeAll(java.util.List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        resources.clear();
    }

    /** Skips ({@link Mode#AUTO}) or fails ({@link Mode#REQUIRED}) the test unless {@code available}, naming {@code reason}. */
    public static void require(boolean available, String reason) {
        require(mode(), available, reason);
    }

    /**
     * The decision: nothing when {@code available}; otherwise a skip carrying {@code reason}
     * under {@link Mode#AUTO}, a failure under {@link Mode#REQUIRED}.
     */
    static void require(Mode mode, boolean available, String reason) {
        if (available) return;
        if (mode == Mode.REQUIRED) {
            Assertions.fail(reason + " [" + PROPERTY + "=required: real-tool tests may not be skipped]");
        }
        System.err.println("SKIPPED: " + reason + " [" + PROPERTY + "=auto]");
        Assumptions.abort(reason + " [" + PROPERTY + "=auto; -D" + PROPERTY + "=required makes this a failure]");
    }

    /** Looks {@code executable} up in the directories of {@code pathVariable}; a name with a slash is taken as a path. */
    static Optional<Path> findOnPath(String executable, String pathVariable) {
        if (executable.contains(File.separator)) {
            Path p = Path.of(executable);
            return isExecutableFile(p) ? Optional.of(p) : Optional.empty();
        }
        if (pathVariable == null) return Optional.empty();
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, executable);
            if (isExecutableFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** Whether this process runs with effective user id 0. */
    public static boolean isRoot() {
        try {
            return isRootFromStatus(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Reads the effective user id from the text of {@code /proc/self/status} ("Uid: real effective saved fs"). */
    static boolean isRootFromStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return ids.length >= 2 && ids[1].equals("0");
            }
        }
        throw new IllegalArgumentException("no Uid line in the process status");
    }

    /**
     * Runs {@code command} with standard input closed, waits at most {@code timeout}, and returns
     * its exit status and output. A process still running then is killed (it and its children,
     * by its own handle) and the test fails with {@link TimedOut}.
     */
    public static ProcessResult run(Duration timeout, String... command) throws IOException {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout is " + timeout + ", expected a positive duration");
        }
        if (command.length == 0) throw new IllegalArgumentException("command is empty");
        Path out = Files.createTempFile("aoelab-run-", ".out");
        Path err = Files.createTempFile("aoelab-run-", ".err");
        try {
            // Output goes to files, not pipes: no reader threads, and no deadlock on a full pipe.
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + String.join(" ", command));
            }
            if (!finished) {
                kill(p);
                throw new TimedOut(List.of(command), timeout, p.pid(), read(out), read(err));
            }
            return new ProcessResult(p.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** A process that did not finish in time; it has been killed. */
    public static final class TimedOut extends AssertionError {
        private final long pid;
        private final String stdout;
        private final String stderr;

        TimedOut(List<String> command, Duration timeout, long pid, String stdout, String stderr) {
            super(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms and was killed (pid "
                    + pid + ")\n--- stdout so far ---\n" + stdout + "\n--- stderr so far ---\n" + stderr);
            this.pid = pid;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public long pid() {
            return pid;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }
    }
}
