package org.aoelab.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;

/**
 * The {@code aoelab} command as a separate JVM inside the test's namespace: {@code serve}
 * in the background ({@link #serve}), {@code client} and {@code replay} to completion
 * ({@link #run}). The class path is the test's own (system property
 * {@code aoelab.e2e.classpath} overrides it), so the command is the one this build made.
 */
final class AoeLabProcess {
    static final String MAIN = "org.aoelab.cli.AoeLab";

    private final Process process;
    private final Path log;

    private AoeLabProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * {@code java ... org.aoelab.cli.AoeLab args...}. Short commands (client, replay) start
     * faster with the first JIT tier only; serve keeps the full JIT for its long run.
     */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC"));
        if (args.isEmpty() || !args.get(0).equals("serve")) cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of("-cp", classPath(), MAIN));
        cmd.addAll(args);
        return cmd;
    }

    static String classPath() {
        String cp = System.getProperty("aoelab.e2e.classpath");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    /**
     * Starts {@code aoelab serve args...} in {@code ns} (output to {@code log}) and waits until
     * it has printed its banner ({@code aoelab serve: TAP, MTU ...}), so its TAP is open.
     *
     * @throws IOException when it exits or stays silent for {@code startup}, with its output
     */
    static AoeLabProcess serve(NetNamespace ns, Path log, Duration startup, List<String> args) throws IOException {
        List<String> full = new ArrayList<>(List.of("serve"));
        full.addAll(args);
        Process p = ns.start(log, command(full));
        AoeLabProcess serve = new AoeLabProcess(p, log);
        long deadline = System.nanoTime() + startup.toNanos();
        while (!serve.output().contains("aoelab serve: ")) {
            if (!p.isAlive()) {
                throw new IOException("aoelab serve exited with status " + p.exitValue() + " before it was ready:\n" + serve.output());
            }
            if (System.nanoTime() > deadline) {
                NetNamespace.stop(p, Duration.ofSeconds(5));
                throw new IOException("aoelab serve printed no banner within " + startup.toSeconds() + " s:\n" + serve.output());
            }
            sleep(100);
        }
        return serve;
    }

    /**
     * Skips or fails the test (see {@link E2e#require}) unless this build's {@code aoelab}
     * has the subcommand {@code name} ({@code aoelab NAME --help} prints that command's usage).
     */
    static void requireCommand(String name) throws IOException {
        List<String> cmd = command(List.of(name, "--help"));
        ProcessResult r = RealTools.run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
        E2e.require(r.succeeded() && r.stdout().contains("Usage: aoelab " + name), "this build's aoelab has no '" + name + "' command (aoelab " + name + " --help exited "
                + r.exitCode() + " without printing 'Usage: aoelab " + name + "')");
    }

    /** Runs {@code aoelab args...} in {@code ns} to completion (at most {@code timeout}). */
    static ProcessResult run(NetNamespace ns, Duration timeout, String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        full.addAll(command(List.of(args)));
        return RealTools.run(timeout, full.toArray(String[]::new));
    }

    /** Everything it printed so far. */
    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops it as Ctrl-C would (SIGTERM: disks flushed, recording closed) and waits for it.
     *
     * @return its exit status
     * @throws IOException when it had to be killed, with its output
     */
    int stop(Duration grace) throws IOException {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    NetNamespace.stop(process, Duration.ZERO);
                    throw new IOException("aoelab serve did not stop within " + grace.toSeconds() + " s of SIGTERM:\n" + output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping aoelab serve", e);
            }
        }
        return process.exitValue();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
