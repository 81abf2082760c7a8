package org.aoelab.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.aoelab.disk.RamDisk;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class TapBridgeTest {
    private static final long MS = 1_000_000L;
    private static final MacAddress HOST = MacAddress.parse("52:54:00:12:34:56");
    private static final MacAddress OTHER_HOST = MacAddress.parse("52:54:00:65:43:21");
    private static final MacAddress TARGET = MacAddress.parse("02:00:00:01:00:01");

    private final Simulation sim = new Simulation(7);
    private final VirtualSwitch sw = new VirtualSwitch(sim, "sw");
    private final InMemoryTapDevice tap = new InMemoryTapDevice("tap0", 1500);
    private final List<String> problems = new ArrayList<>();
    private Thread loop;
    private RealTimeDriver running;

    @AfterEach
    void stopLoop() throws InterruptedException {
        if (running != null) running.stop();
        if (loop != null) loop.join(5000);
    }

    private AoeTarget target() {
        return new AoeTarget(sim, sw, TARGET, TargetConfig.of(1, 0), new RamDisk(2048));
    }

    private TapBridge bridge(RealTimeDriver driver, TapBridge.Filter filter, TapBridge.Recorder recorder) {
        return new TapBridge(driver, sw, tap, filter, recorder, PortOptions.DEFAULT, (what, e) -> problems.add(what + ": " + e));
    }

    private void runInBackground(RealTimeDriver driver) {
        running = driver;
        loop = new Thread(() -> {
            try {
                driver.run(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-loop");
        loop.start();
    }

    private static byte[] query(MacAddress src, long tag) {
        return AoeCodec.encode(AoeFrame.request(MacAddress.BROADCAST, src, 1, 0, tag,
                ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))).toArray();
    }

    private static byte[] ipv4(MacAddress src) {
        byte[] f = new byte[60];
        for (int i = 0; i < 6; i++) f[i] = (byte) 0xFF;
        src.writeTo(f, 6);
        f[12] = 0x08;
        return f;
    }

    /** The next frame to the host that is an answer with {@code tag}, skipping others (the announcement). */
    private AoeFrame answerWithTag(long tag) throws InterruptedException, MalformedFrameException {
        long deadline = System.nanoTime() + 5_000 * MS;
        while (System.nanoTime() < deadline) {
            byte[] f = tap.hostReceives(100, TimeUnit.MILLISECONDS);
            if (f == null) continue;
            AoeFrame a = AoeCodec.decode(f);
            if (a.header().tag() == tag) return a;
        }
        throw new AssertionError("no answer with tag " + tag + " within 5 s");
    }

    private static void await(String what, LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000 * MS;
        while (value.getAsLong() < expected) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " is " + value.getAsLong() + ", expected " + expected);
            Thread.sleep(1);
        }
    }

    @Test
    void aoeFramesCrossBothWaysInRealTime() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.start();
        runInBackground(driver);
        tap.hostSends(query(HOST, 0x1234));
        AoeFrame a = answerWithTag(0x1234);
        assertThat(a.header().response()).isTrue();
        assertThat(a.src()).isEqualTo(TARGET);
        assertThat(a.dst()).isEqualTo(HOST);
        assertThat(b.framesIn()).isEqualTo(1);
        await("frames out", b::framesOut, 2); // the target's announcement at start, then the answer
        assertThat(b.framesOut()).isEqualTo(2);
        assertThat(sw.lookup(1, HOST)).contains(b.port());
        b.close();
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyAoeFramesGetInAndTheRestIsCounted() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.start();
        runInBackground(driver);
        tap.hostSends(ipv4(HOST));
        tap.hostSends(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        tap.hostSends(query(HOST, 1));
        answerWithTag(1);
        assertThat(b.filtered()).isEqualTo(2);
        assertThat(b.framesIn()).isEqualTo(1);
        b.close();
    }

    @Test
    void theAllowListLetsInOnlyItsSources() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.aoeFrom(Set.of(HOST)), null);
        b.start();
        runInBackground(driver);
        tap.hostSends(query(OTHER_HOST, 2));
        tap.hostSends(query(HOST, 3));
        AoeFrame a = answerWithTag(3);
        assertThat(a.dst()).isEqualTo(HOST);
        assertThat(b.filtered()).isEqualTo(1);
        assertThat(b.framesIn()).isEqualTo(1);
        b.close();
    }

    @Test
    void theFilterLooksBehindAVlanTagAndRefusesRunts() {
        byte[] tagged = new byte[64];
        tagged[12] = (byte) 0x81;
        tagged[16] = (byte) 0x88;
        tagged[17] = (byte) 0xA2;
        assertThat(TapBridge.Filter.AOE_ONLY.admits(tagged, 64)).isTrue();
        tagged[17] = 0;
        assertThat(TapBridge.Filter.AOE_ONLY.admits(tagged, 64)).isFalse();
        assertThat(TapBridge.Filter.EVERYTHING.admits(tagged, 64)).isTrue();
        assertThat(TapBridge.Filter.EVERYTHING.admits(tagged, 13)).isFalse();
    }

    @Test
    void framesOverThePortMtuAreCountedAndDropped() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.start();
        runInBackground(driver);
        byte[] big = new byte[14 + 1501];
        System.arraycopy(query(HOST, 9), 0, big, 0, 60);
        tap.hostSends(big);
        tap.hostSends(query(HOST, 4));
        answerWithTag(4);
        assertThat(b.oversize()).isEqualTo(1);
        b.close();
    }

    @Test
    void aFullInboxShedsHostFramesAndCountsThem() throws Exception {
        RealTimeDriver idle = new RealTimeDriver(sim, 3); // never run: nothing leaves the inbox
        TapBridge b = bridge(idle, TapBridge.Filter.AOE_ONLY, null);
        b.start();
        for (int i = 0; i < 10; i++) tap.hostSends(query(HOST, i));
        await("frames shed", b::shed, 7);
        assertThat(b.waiting()).isEqualTo(3); // frames, whether they came one per task or in a batch
        assertThat(b.shed()).isEqualTo(7);
        b.close();
    }

    @Test
    void aDelayOnTheTapLinkHoldsFramesForItsTimeEachWay() throws Exception {
        target();
        ManualWallClock clock = new ManualWallClock(0);
        RealTimeDriver driver = new RealTimeDriver(sim, 64, clock);
        List<String> seen = new ArrayList<>();
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, new TapBridge.Recorder() {
            @Override
            public void fromHost(long t, Bytes frame) {
                seen.add("in " + t / 1000 + "us tag " + frame.u32(20));
            }

            @Override
            public void toHost(long t, Bytes frame) {
                seen.add("out " + t / 1000 + "us tag " + frame.u32(20) + " wall " + clock.nanos() / 1000 + "us");
            }
        });
        b.link().toSwitch().delay(2 * MS);
        b.link().fromSwitch().delay(2 * MS);
        sim.scheduleAt(10 * MS, () -> driver.post(() -> b.enter(Bytes.copyOf(query(HOST, 77)))));
        driver.run(30 * MS);
        assertThat(seen).containsExactly("out 2000us tag 0 wall 2000us", "in 10000us tag 77",
                "out 14000us tag 77 wall 14000us");
        assertThat(b.framesOut()).isEqualTo(2);
        b.close();
    }

    @Test
    void aDelayOnTheTapLinkIsNeverShortOnTheSystemClock() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.link().toSwitch().delay(2 * MS);
        b.link().fromSwitch().delay(2 * MS);
        b.start();
        runInBackground(driver);
        answerWithTag(0); // the announcement
        for (int i = 1; i <= 5; i++) {
            long sent = System.nanoTime();
            tap.hostSends(query(HOST, i));
            answerWithTag(i);
            assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(4 * MS);
        }
        b.close();
    }

    @Test
    void closingStopsTheReaderAndTheDevice() throws Exception {
        RealTimeDriver driver = new RealTimeDriver(sim, 4);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.start();
        b.close();
        assertThat(tap.read(java.nio.ByteBuffer.allocate(100), 0)).isEqualTo(-1);
        assertThatThrownBy(b::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeviceClosedByOthersIsReportedOnceButAClosedBridgeStaysQuiet() throws Exception {
        RealTimeDriver driver = new RealTimeDriver(sim, 4);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        b.onDeviceGone(gone::countDown);
        b.start();
        tap.close();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();

        InMemoryTapDevice other = new InMemoryTapDevice("tap1", 1500);
        TapBridge quiet = new TapBridge(driver, sw, other, TapBridge.Filter.AOE_ONLY, null, PortOptions.DEFAULT, (w, e) -> { });
        quiet.onDeviceGone(() -> problems.add("reported after close"));
        quiet.start();
        quiet.close();
        assertThat(problems).isEmpty();
    }

    @Test
    void busyPollingTakesFramesAtOnceAndTasksToo() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64, WallClock.system(WallClock.SPIN_ALWAYS));
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        boolean[] fired = new boolean[1];
        sim.schedule(60_000 * MS, () -> fired[0] = true); // the loop spins toward an event a minute away
        b.startInline();
        runInBackground(driver);
        answerWithTag(0);
        for (int i = 1; i <= 3; i++) {
            tap.hostSends(query(HOST, i));
            answerWithTag(i); // answered while the loop polls, long before the event
        }
        assertThat(driver.<Boolean>call(cb -> cb.accept(fired[0])).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(b.framesIn()).isEqualTo(3);
        b.close();
        assertThat(problems).isEmpty();
    }

    @Test
    void aSpinTimeOutOfRangeIsRefused() {
        assertThatThrownBy(() -> WallClock.system(20_000_000L)).hasMessageContaining("expected 0 to 10,000,000 ns (10 ms) or always");
        assertThat(WallClock.system(WallClock.SPIN_ALWAYS).spinNanos()).isEqualTo(WallClock.SPIN_ALWAYS);
    }

    @Test
    void inlineTheLoopReadsTheDeviceItselfAndTasksFromOtherThreadsWakeIt() throws Exception {
        target();
        RealTimeDriver driver = new RealTimeDriver(sim, 64);
        TapBridge b = bridge(driver, TapBridge.Filter.AOE_ONLY, null);
        b.link().fromSwitch().delay(2 * MS);
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        b.onDeviceGone(gone::countDown);
        b.startInline();
        assertThatThrownBy(b::start).isInstanceOf(IllegalStateException.class);
        runInBackground(driver);
        answerWithTag(0);
        for (int i = 1; i <= 3; i++) {
            long sent = System.nanoTime();
            tap.hostSends(ipv4(HOST));
            tap.hostSends(query(HOST, i));
            answerWithTag(i);
            assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(2 * MS);
        }
        assertThat(b.filtered()).isEqualTo(3);
        assertThat(b.framesIn()).isEqualTo(3);
        // Nothing is on the wire and no event is due for a long time: a task from outside must still get in at once.
        assertThat(medianCallNanos(driver)).isLessThan(25 * MS);
        tap.close();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(driver.call(cb -> cb.accept("still running")).get(5, TimeUnit.SECONDS)).isEqualTo("still running");
        b.close();
        assertThat(problems).isEmpty();
    }

    /**
     * The median time a task from another thread takes to run, over calls made right after one
     * another: each starts just as the loop has gone back to waiting, so without a working
     * wake-up each would wait out the loop's longest park (50 ms).
     */
    public static long medianCallNanos(RealTimeDriver driver) throws Exception {
        driver.<Long>call(cb -> cb.accept(0L)).get(5, TimeUnit.SECONDS);
        long[] took = new long[5];
        for (int i = 0; i < took.length; i++) {
            long asked = System.nanoTime();
            driver.<Long>call(cb -> cb.accept(0L)).get(5, TimeUnit.SECONDS);
            took[i] = System.nanoTime() - asked;
        }
        java.util.Arrays.sort(took);
        return took[took.length / 2];
    }

    @Test
    void rejectsMissingParts() {
        RealTimeDriver driver = new RealTimeDriver(sim, 4);
        assertThatThrownBy(() -> new TapBridge(driver, sw, null, TapBridge.Filter.AOE_ONLY, null, PortOptions.DEFAULT, (a, b) -> { }))
                .hasMessageContaining("TAP device is missing");
    }

    @Test
    void pairedDevicesCarryFramesBackToBack() throws Exception {
        InMemoryTapDevice[] p = InMemoryTapDevice.pair("a", "b", 1500);
        p[0].write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocate(10);
        assertThat(p[1].read(dst, 1000)).isEqualTo(3);
        p[1].close();
        assertThat(p[1].read(dst, 1000)).isEqualTo(-1);
    }
}
