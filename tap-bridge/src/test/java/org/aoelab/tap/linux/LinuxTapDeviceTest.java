package org.aoelab.tap.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.aoelab.disk.RamDisk;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.tap.TapBridge;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.target.TargetProfile;
import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real TAP device, as root: created, attached to, refused, and carrying aoeping's frames to a
 * virtual target and back. Interfaces live in a network namespace of their own (a TAP is made
 * in this process's namespace, where it must be opened by name, then moved); everything is
 * removed afterwards, whatever happened.
 */
class LinuxTapDeviceTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration T = Duration.ofSeconds(20);

    private final String suffix = (ProcessHandle.current().pid() % 100_000) + "x" + COUNTER.incrementAndGet();
    private final String tapName = "aoeT" + suffix;
    private final String ns = "aoelab-tap-" + suffix;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private boolean nsCreated;

    @AfterEach
    void removeEverything() throws Exception {
        RealTools.closeAll(cleanup);
        if (RealTools.isRoot()) {
            RealTools.run(T, "ip", "link", "del", tapName); // only if a test left it in this namespace; fails quietly otherwise
            if (nsCreated) RealTools.run(T, "ip", "netns", "del", ns);
        }
    }

    private static void ok(String... cmd) throws IOException {
        ProcessResult r = RealTools.run(T, cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + "\n" + r.describe()).isZero();
    }

    @Test
    void rejectsInvalidNamesBeforeAnySystemCall() {
        assertThatThrownBy(() -> LinuxTapDevice.open("")).hasMessageContaining("TAP name '' is not a valid interface name");
        assertThatThrownBy(() -> LinuxTapDevice.open("a-name-much-too-long")).hasMessageContaining("1-15");
        assertThatThrownBy(() -> LinuxTapDevice.open("tap 0")).hasMessageContaining("not a valid interface name");
    }

    @Test
    void createsATapWhenRootAndRemovesItOnClose() throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        LinuxTapDevice tap = LinuxTapDevice.open(tapName);
        try {
            assertThat(tap.name()).isEqualTo(tapName);
            assertThat(tap.mtu()).isEqualTo(1500);
            ProcessResult show = RealTools.run(T, "ip", "-d", "link", "show", tapName);
            assertThat(show.stdout()).contains("tun type tap");
        } finally {
            tap.close();
        }
        assertThat(Files.exists(Path.of("/sys/class/net", tapName))).isFalse();
        assertThat(tap.read(java.nio.ByteBuffer.allocateDirect(2048), 0)).isEqualTo(-1);
        assertThatThrownBy(() -> tap.write(java.nio.ByteBuffer.allocate(60))).hasMessageContaining("device closed");
    }

    @Test
    void aWaitWithNoTimeoutEndsWhenWokenFromAnotherThread() throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        LinuxTapDevice tap = LinuxTapDevice.open(tapName);
        cleanup.add(tap);
        java.util.concurrent.CompletableFuture<Integer> read = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(tap.readNanos(java.nio.ByteBuffer.allocateDirect(2048), org.aoelab.tap.TapDevice.FOREVER));
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        }, "forever-reader");
        reader.start();
        tap.wakeup(); // before or during the wait: the eventfd keeps it either way
        assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("a woken wait reads nothing").isZero();
        reader.join();
    }

    @Test
    void closingTheDeviceEndsAWaitWithNoTimeout() throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        LinuxTapDevice tap = LinuxTapDevice.open(tapName);
        java.util.concurrent.CompletableFuture<Integer> read = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(2048);
                reading.countDown();
                int n;
                do {
                    n = tap.readNanos(b, org.aoelab.tap.TapDevice.FOREVER); // 0 when woken: wait again, as a loop does
                } while (n == 0);
                read.complete(n);
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        }, "forever-reader");
        reader.start();
        reading.await();
        tap.close(); // before, during or between the reader's waits: each ends, and the next sees the device closed
        assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("a read of a closed device").isEqualTo(-1);
        reader.join();
        assertThat(Files.exists(Path.of("/sys/class/net", tapName))).isFalse();
    }

    @Test
    void attachesToAPersistentTapAndRefusesATunWithTheReason() throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        ok("ip", "tuntap", "add", "dev", tapName, "mode", "tap");
        LinuxTapDevice tap = LinuxTapDevice.open(tapName);
        tap.close();
        assertThat(Files.exists(Path.of("/sys/class/net", tapName))).as("a persistent TAP outlives its user").isTrue();
        ok("ip", "link", "del", tapName);

        ok("ip", "tuntap", "add", "dev", tapName, "mode", "tun");
        assertThatThrownBy(() -> LinuxTapDevice.open(tapName)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("TUNSETIFF " + tapName + ": ")
                .hasMessageContaining("is not a TAP device");
        ok("ip", "link", "del", tapName);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"reader thread", "inline", "inline, io_uring"})
    void aoepingReachesAVirtualTargetThroughTheTap(String how) throws Exception {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        RealTools.requireTool("aoeping");
        boolean inline = how.startsWith("inline");
        boolean ring = how.endsWith("io_uring");
        if (ring) RealTools.require(LinuxTapDevice.ringUnavailableReason() == null, "no io_uring: " + LinuxTapDevice.ringUnavailableReason());
        ok("ip", "netns", "add", ns);
        nsCreated = true;
        LinuxTapDevice tap = LinuxTapDevice.open(tapName, ring ? LinuxTapDevice.Io.RING : LinuxTapDevice.Io.SYSCALLS);
        int mtu = tap.mtu();
        ok("ip", "link", "set", tapName, "netns", ns); // the open descriptor moves with it
        ok("ip", "-n", ns, "link", "set", tapName, "up");

        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        new AoeTarget(sim, sw, MacAddress.parse("02:00:00:01:00:01"),
                TargetConfig.builder(4, 2).profile(TargetProfile.VBLADE).bufferCount(24).build(), new RamDisk(8192));
        RealTimeDriver driver = new RealTimeDriver(sim, 1024);
        List<String> problems = new ArrayList<>();
        TapBridge bridge = new TapBridge(driver, sw, tap, TapBridge.Filter.AOE_ONLY, null, PortOptions.DEFAULT.withMtu(mtu),
                (what, e) -> problems.add(what + ": " + e));
        Thread loop = new Thread(() -> {
            try {
                driver.run(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        cleanup.add(() -> {
            driver.stop();
            loop.join(5000);
            bridge.close();
        });
        if (inline) {
            bridge.startInline();
        } else {
            bridge.start();
        }
        loop.start();

        ProcessResult ping = RealTools.run(T, "ip", "netns", "exec", ns, "aoeping", "-v", "-i", "-s", "10", "4", "2", tapName);
        assertThat(ping.exitCode()).as(ping.describe()).isZero();
        assertThat(ping.stdout()).contains("found e4.2 with mac 020000010001");
        assertThat(ping.stdout()).contains("00 18 40 19 02 10"); // Buffer Count 24, firmware 0x4019, 2 sectors, AoE 1
        assertThat(ping.stdout()).contains("device identify response:");
        assertThat(bridge.framesIn()).isGreaterThanOrEqualTo(2);
        assertThat(bridge.framesOut()).isGreaterThanOrEqualTo(2);
        assertThat(org.aoelab.tap.TapBridgeTest.medianCallNanos(driver)).as("a task from outside wakes the loop").isLessThan(25_000_000L);
        assertThat(problems).isEmpty();
    }
}
