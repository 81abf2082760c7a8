package org.aoelab.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;

/**
 * A network namespace of the test's own, with a bridge {@code br0} inside, so TAPs, veths,
 * vblade, {@code aoelab serve} and the guest meet on one segment without touching any of the
 * host's interfaces. {@link #close} stops every process started through it (by its own
 * handle, never by name) and deletes the namespace, which removes every interface in it.
 *
 * <pre>{@code
 * try (NetNamespace ns = NetNamespace.create()) {
 *     ns.addTap("qtap0");
 *     ns.addVeth("vb0");
 *     ns.start(log, "vblade", "1", "0", "vb0", disk.toString());
 * }
 * }</pre>
 */
final class NetNamespace implements AutoCloseable {
    static final String BRIDGE = "br0";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Deque<Process> processes = new ArrayDeque<>();
    private boolean closed;

    private NetNamespace(String name) {
        this.name = name;
    }

    /** Creates {@code aoelab-e2e-PID-N} with loopback up and an empty bridge {@code br0}. Needs root and ip. */
    static NetNamespace create() throws IOException {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        String name = "aoelab-e2e-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        ip("netns", "add", name);
        NetNamespace ns = new NetNamespace(name);
        try {
            ns.ipIn("link", "set", "lo", "up");
            ns.ipIn("link", "add", BRIDGE, "type", "bridge");
            ns.ipIn("link", "set", BRIDGE, "up");
            return ns;
        } catch (IOException | RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    String name() {
        return name;
    }

    /** Adds a TAP device {@code dev} on the bridge, up (no carrier until a program opens it). */
    void addTap(String dev) throws IOException {
        ipIn("tuntap", "add", "dev", dev, "mode", "tap");
        ipIn("link", "set", dev, "master", BRIDGE, "up");
    }

    /** Adds a veth pair: {@code dev} for a program, its peer {@code dev + "br"} on the bridge; both up. */
    void addVeth(String dev) throws IOException {
        String peer = dev + "br";
        ipIn("link", "add", dev, "type", "veth", "peer", "name", peer);
        ipIn("link", "set", peer, "master", BRIDGE, "up");
        ipIn("link", "set", dev, "up");
    }

    /** Sets {@code dev} administratively up or down (a down bridge port passes nothing). */
    void setUp(String dev, boolean up) throws IOException {
        ipIn("link", "set", dev, up ? "up" : "down");
    }

    /**
     * Takes {@code dev} off the bridge ({@code attached} false) or puts it back: while off,
     * nothing passes between it and the rest of the segment, and the program holding it does
     * not notice (its device stays up).
     */
    void setAttached(String dev, boolean attached) throws IOException {
        if (attached) {
            ipIn("link", "set", dev, "master", BRIDGE);
        } else {
            ipIn("link", "set", dev, "nomaster");
        }
    }

    /** Runs {@code command} inside the namespace and waits for it; fails unless it exits 0. */
    String run(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return check(full.toArray(String[]::new));
    }

    /**
     * Starts {@code command} inside the namespace in the background, its output (both streams)
     * appended to {@code log}. {@link #close} stops it; {@link #stop} stops it earlier.
     */
    Process start(Path log, String... command) throws IOException {
        return start(log, List.of(command));
    }

    /** As {@link #start(Path, String...)}. */
    synchronized Process start(Path log, List<String> command) throws IOException {
        if (closed) throw new IllegalStateException("namespace " + name + " is closed");
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        // ip netns exec execs the command: the handle's pid is the program itself.
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        processes.push(p);
        return p;
    }

    /**
     * Starts {@code command} inside the namespace in the background with its standard input
     * and output left as pipes for the caller ({@link Process#getOutputStream},
     * {@link Process#getInputStream}) and its standard error appended to {@code stderrLog}.
     * {@link #close} stops it.
     */
    synchronized Process startReading(Path stderrLog, List<String> command) throws IOException {
        if (closed) throw new IllegalStateException("namespace " + name + " is closed");
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile())).start();
        processes.push(p);
        return p;
    }

    /** Asks {@code p} to stop (SIGTERM), then kills it and its children if it has not ended within {@code grace}. */
    static void stop(Process p, Duration grace) {
        if (!p.isAlive()) return;
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every process started here (newest first), then deletes the namespace and its interfaces. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        while (!processes.isEmpty()) stop(processes.pop(), Duration.ofSeconds(5));
        ip("netns", "del", name);
    }

    private void ipIn(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "-n", name));
        full.addAll(List.of(args));
        check(full.toArray(String[]::new));
    }

    private static void ip(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(args));
        check(full.toArray(String[]::new));
    }

    private static String check(String... command) throws IOException {
        ProcessResult r = RealTools.run(COMMAND_TIMEOUT, command);
        if (!r.succeeded()) throw new IOException(String.join(" ", command) + " failed: " + r.describe());
        return r.stdout();
    }
}
