package org.aoelab.tap.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aoelab.tap.TapDevice;
import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TAP devices with {@code --io ring}, as root: two TAPs joined by a bridge in a network namespace
 * of the test's own, one moving frames through io_uring, the other with plain calls. Frames cross
 * both ways in bursts far larger than the ring's buffers, and arrive complete, in order, and with
 * no io_uring worker thread involved (a worker would mean the kernel did the I/O on another
 * thread, and could reorder it).
 */
class TapRingTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration T = Duration.ofSeconds(20);
    private static final int FRAMES = 3000;
    private static final int BURST = 200;

    private final String suffix = (ProcessHandle.current().pid() % 100_000) + "r" + COUNTER.incrementAndGet();
    private final String ringName = "aoeR" + suffix;
    private final String plainName = "aoeP" + suffix;
    private final String ns = "aoelab-ring-" + suffix;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private boolean nsCreated;

    @BeforeEach
    void needsARing() {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        String why = LinuxTapDevice.ringUnavailableReason();
        RealTools.require(why == null, "no io_uring for TAP devices here: " + why);
    }

    @AfterEach
    void removeEverything() throws Exception {
        RealTools.closeAll(cleanup);
        RealTools.run(T, "ip", "link", "del", ringName); // only if a test left one in this namespace
        RealTools.run(T, "ip", "link", "del", plainName);
        if (nsCreated) RealTools.run(T, "ip", "netns", "del", ns);
    }

    private static void ok(String... cmd) throws IOException {
        ProcessResult r = RealTools.run(T, cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r.describe()).isZero();
    }

    /** Opens the ring TAP and the plain TAP here, then moves both into the test's namespace, on one bridge. */
    private LinuxTapDevice[] pair() throws IOException {
        ok("ip", "netns", "add", ns);
        nsCreated = true;
        LinuxTapDevice ring = LinuxTapDevice.open(ringName, LinuxTapDevice.Io.RING);
        cleanup.add(ring);
        LinuxTapDevice plain = LinuxTapDevice.open(plainName, LinuxTapDevice.Io.SYSCALLS);
        cleanup.add(plain);
        assertThat(ring.io()).isEqualTo(LinuxTapDevice.Io.RING);
        assertThat(plain.io()).isEqualTo(LinuxTapDevice.Io.SYSCALLS);
        ok("ip", "link", "set", ringName, "netns", ns);
        ok("ip", "link", "set", plainName, "netns", ns);
        ok("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
        for (String dev : new String[] {ringName, plainName}) {
            ok("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf." + dev + ".disable_ipv6=1"); // no traffic of its own
            ok("ip", "-n", ns, "link", "set", dev, "master", "br0", "up");
        }
        ok("ip", "-n", ns, "link", "set", "br0", "up");
        return new LinuxTapDevice[] {ring, plain};
    }

    /** A broadcast AoE frame of {@code length} bytes whose bytes 14-17 carry {@code seq}, then a pattern. */
    private static ByteBuffer frame(int seq, int length) {
        ByteBuffer f = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < 6; i++) f.put((byte) 0xFF);
        f.put(new byte[] {2, 0, 0, 0, 0x55, 1}).putShort((short) 0x88A2).putInt(seq);
        while (f.hasRemaining()) f.put((byte) (seq * 31 + f.position()));
        return f.flip();
    }

    private static int lengthOf(int seq) {
        return 60 + (seq * 7919) % 1400;
    }

    /** Reads {@code count} frames from {@code from}, checking each one's sequence number and bytes. */
    private static void receive(TapDevice from, int first, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        for (int seq = first; seq < first + count; seq++) {
            buf.clear();
            int n;
            long deadline = System.nanoTime() + T.toNanos();
            do {
                buf.clear();
                n = from.readNanos(buf, 1_000_000_000L);
            } while ((n == 0 || n > 0 && !aoe(buf)) && System.nanoTime() < deadline); // the kernel's own frames (IGMP) pass too
            assertThat(n).as("frame " + seq + " arrived").isGreaterThan(0);
            buf.flip();
            assertThat(buf.getInt(14)).as("the frame in place " + seq).isEqualTo(seq);
            assertThat(buf).as("frame " + seq + "'s bytes").isEqualTo(frame(seq, lengthOf(seq)));
        }
    }

    private static boolean aoe(ByteBuffer frame) {
        return frame.position() >= 14 && frame.getShort(12) == (short) 0x88A2;
    }

    private static List<String> ioUringWorkers() throws IOException {
        List<String> workers = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String comm = Files.readString(t.resolve("comm")).trim();
                if (comm.startsWith("iou-")) workers.add(comm);
            }
        }
        return workers;
    }

    @Test
    void framesCrossBothWaysCompleteAndInOrderInBurstsLargerThanTheRing() throws Exception {
        LinuxTapDevice[] p = pair();
        LinuxTapDevice ring = p[0];
        LinuxTapDevice plain = p[1];
        // Into the ring: bursts of 200 wait in the device while the ring's 32 buffers are full.
        for (int first = 0; first < FRAMES; first += BURST) {
            for (int seq = first; seq < first + BURST; seq++) plain.write(frame(seq, lengthOf(seq)));
            receive(ring, first, BURST);
        }
        // Out of the ring: queued, then sent together by flush.
        for (int first = FRAMES; first < 2 * FRAMES; first += BURST) {
            for (int seq = first; seq < first + BURST; seq++) ring.write(frame(seq, lengthOf(seq)));
            ring.flush();
            receive(plain, first, BURST);
        }
        assertThat(ioUringWorkers()).as("io_uring worker threads").isEmpty();
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        int n;
        while ((n = ring.readNanos(buf.clear(), 0)) > 0) {
            assertThat(aoe(buf)).as("a frame left over is the kernel's, not the test's").isFalse();
        }
    }

    @Test
    void aRingBelongsToTheThreadThatFirstUsedItAndEndsWaitsWhenWokenOrClosed() throws Exception {
        LinuxTapDevice ring = pair()[0];
        CompletableFuture<Integer> woken = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            try {
                ByteBuffer b = ByteBuffer.allocateDirect(65536);
                int n;
                do {
                    n = ring.readNanos(b.clear(), TapDevice.FOREVER); // the kernel's own frames may come first
                } while (n > 0 && !aoe(b));
                woken.complete(n);
                do {
                    n = ring.readNanos(b, TapDevice.FOREVER); // 0 when woken: wait again, as a loop does
                } while (n == 0);
                closed.complete(n);
            } catch (Throwable e) {
                woken.completeExceptionally(e);
                closed.completeExceptionally(e);
            }
        }, "ring-loop");
        loop.start();
        ring.wakeup();
        assertThat(woken.get(10, TimeUnit.SECONDS)).as("a woken wait reads nothing").isZero();
        assertThatThrownBy(() -> ring.write(frame(1, 60))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to thread 'ring-loop'")
                .hasMessageContaining("one thread reads and writes the device");
        ring.close();
        assertThat(closed.get(10, TimeUnit.SECONDS)).as("a read of a closed device").isEqualTo(-1);
        loop.join();
    }

    @Test
    void aBridgeWithAReaderThreadRefusesARingDevice() throws Exception {
        LinuxTapDevice ring = pair()[0];
        org.aoelab.sim.Simulation sim = new org.aoelab.sim.Simulation(1);
        org.aoelab.net.VirtualSwitch sw = new org.aoelab.net.VirtualSwitch(sim, "sw");
        org.aoelab.tap.TapBridge bridge = new org.aoelab.tap.TapBridge(new org.aoelab.tap.RealTimeDriver(sim, 16), sw, ring,
                org.aoelab.tap.TapBridge.Filter.AOE_ONLY, null, org.aoelab.net.PortOptions.DEFAULT, (what, e) -> { });
        assertThat(ring.oneThread()).isTrue();
        assertThatThrownBy(bridge::start).isInstanceOf(IllegalStateException.class)
                .hasMessage(ringName + " reads and writes on one thread only (io_uring): start its bridge inline");
    }
}
