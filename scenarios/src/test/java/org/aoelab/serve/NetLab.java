package org.aoelab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;

/**
 * A network namespace of a test's own with a bridge {@code br0} in it, TAP devices and veth pairs
 * on the bridge, and the processes the test starts inside it. {@link #close} stops those
 * processes (by their handles: SIGTERM, then SIGKILL) and deletes the namespace, which removes
 * every interface in it. Nothing outside the namespace is touched.
 */
final class NetLab implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(120);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String ns;
    final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private boolean created;

    NetLab(Path dir) throws IOException {
        this.ns = "aoelab-rp-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        this.dir = dir;
        ok("ip", "netns", "add", ns);
        created = true;
        ok("ip", "-n", ns, "link", "set", "lo", "up");
        ok("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
        ok("ip", "-n", ns, "link", "set", "br0", "up");
    }

    static void ok(String... cmd) throws IOException {
        ProcessResult r = RealTools.run(T, cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r.describe()).isZero();
    }

    /** A persistent TAP device on the bridge, as a user would make with {@code ip tuntap add}. */
    NetLab tap(String name, int mtu) throws IOException {
        ok("ip", "-n", ns, "tuntap", "add", "dev", name, "mode", "tap");
        ok("ip", "-n", ns, "link", "set", name, "mtu", Integer.toString(mtu), "master", "br0", "up");
        return this;
    }

    /** A veth pair: {@code name} for a program to use, {@code name + "p"} on the bridge. */
    NetLab veth(String name, String mac, int mtu) throws IOException {
        ok("ip", "-n", ns, "link", "add", name, "type", "veth", "peer", "name", name + "p");
        ok("ip", "-n", ns, "link", "set", name + "p", "mtu", Integer.toString(mtu), "master", "br0", "up");
        ok("ip", "-n", ns, "link", "set", name, "address", mac, "mtu", Integer.toString(mtu), "up");
        return this;
    }

    /** Runs a command in the namespace to its end. */
    ProcessResult run(String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        return RealTools.run(T, all.toArray(new String[0]));
    }

    /** Runs {@code aoelab ARGS} in its own JVM in the namespace, to its end. */
    ProcessResult aoelab(String... args) throws IOException {
        return run(aoelabCommand(args));
    }

    static String[] aoelabCommand(String... args) {
        List<String> all = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                "org.aoelab.cli.AoeLab"));
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    /** A process started in the namespace, its output in {@code dir/NAME.out} and {@code .err}. */
    final class Started {
        final Process process;
        final Path out;
        final Path err;

        Started(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String out() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits until the output or error holds {@code text}; fails (with both) after a minute or if the process ends. */
        Started awaitText(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(out().contains(text) || err().contains(text))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("never printed '" + text + "' (" + (process.isAlive() ? "still running" : "exit status "
                            + process.exitValue()) + ")\n--- stdout ---\n" + out() + "\n--- stderr ---\n" + err());
                }
                Thread.sleep(50);
            }
            return this;
        }

        /** SIGTERM, and the exit status within 30 s. */
        int terminate() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("did not stop within 30 s of SIGTERM");
            return process.exitValue();
        }
    }

    Started start(String name, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(all).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        processes.add(p);
        return new Started(p, out, err);
    }

    /** Starts tshark on the bridge, writing to {@code file}, once it says it captures. */
    Started capture(Path file) throws IOException, InterruptedException {
        return start("tshark", "tshark", "-i", "br0", "-w", file.toString()).awaitText("Capturing on");
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path, which holds every module's classes (surefire passes it in a property of its own). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
        StringBuilder abs = new StringBuilder();
        for (String part : cp.split(File.pathSeparator)) {
            if (part.isBlank()) continue;
            if (abs.length() > 0) abs.append(File.pathSeparator);
            abs.append(Path.of(part).toAbsolutePath());
        }
        return abs.toString();
    }

    @Override
    public void close() throws IOException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            if (!p.isAlive()) continue;
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (created) {
            created = false;
            RealTools.run(T, "ip", "netns", "del", ns);
        }
    }
}
