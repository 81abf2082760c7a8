package org.aoelab.gui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.aoelab.gui.GuiApp;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.MainView;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.Update;
import org.aoelab.trace.PcapWriter;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * The GUI's speed goals (issue 9), measured in a real window (headless under Monocle with the
 * software renderer, as in the tests):
 * <ol>
 *   <li>{@code open}: opening a 1,000,000-frame pcap, time to the first paint that shows frames,
 *       and to the whole file shown, with the longest gap between pulses meanwhile;</li>
 *   <li>{@code stream}: 100,000 frames per second (each with its delivery) handed to the window
 *       for a while, the longest gap between two pulses of the FX thread (its longest block),
 *       the longest pump, whether it kept up, and the heap as it goes (bounded by the store's
 *       retention policy).</li>
 * </ol>
 * Run with {@code gui/bench/run [open|stream] [SECONDS]}.
 */
public final class GuiBenchmark {
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");
    private static final MacAddress H = MacAddress.of(0x020000020001L);
    private static final MacAddress T = MacAddress.of(0x020000010001L);

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1440x900-32");
        String what = args.length > 0 ? args[0] : "all";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        GuiApp.startToolkit();
        if (what.equals("open") || what.equals("all")) open();
        if (what.equals("stream") || what.equals("all")) stream(seconds);
        Platform.exit();
    }

    /**
     * A million 60-byte frames ({@code -Dbench.frames=N} for another even number): READ EXT
     * requests and their (data-less, error) answers, alternately.
     */
    static Path pcap() throws Exception {
        int frames = Integer.getInteger("bench.frames", 1_000_000);
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "aoelab-gui-bench-" + frames + ".pcap");
        if (Files.isRegularFile(file) && Files.size(file) == 24 + 76L * frames) return file;
        try (PcapWriter w = PcapWriter.create(file)) {
            for (int i = 0; i < frames / 2; i++) {
                long tag = i & 0x7FFFFFFFL;
                AoeFrame req = AoeFrame.request(T, H, 1, 0, tag, AtaArg.read48(i * 2L, 2));
                w.write(i * 20_000L, AoeCodec.encode(req));
                AtaArg a = (AtaArg) req.arg();
                w.write(i * 20_000L + 10_000, AoeCodec.encode(req.answer(T, 1, 0, a.toResponse(0x40, 0, 0, Bytes.EMPTY))));
            }
        }
        return file;
    }

    static void open() throws Exception {
        Path file = pcap();
        System.out.printf(Locale.ROOT, "load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        long[] t = new long[5]; // start, first paint, loaded, longest pulse gap, the pulse after the first paint
        CountDownLatch done = new CountDownLatch(1);
        long[] lastPulse = {0};
        LabViewModel[] holder = new LabViewModel[1];
        GuiApp[] app = new GuiApp[1];
        Platform.runLater(() -> {
            LabViewModel vm = GuiApp.newViewModel(GuiApp.DEFAULT_MAX_FRAMES);
            holder[0] = vm;
            GuiApp window = GuiApp.show(new Stage(), vm, 1440, 900);
            app[0] = window;
            window.view().showView(MainView.Detail.valueOf(System.getProperty("bench.view", "LADDER")));
            window.stage().getScene().addPostLayoutPulseListener(() -> {
                long now = System.nanoTime();
                if (t[0] != 0) {
                    if (TRACE && lastPulse[0] != 0) {
                        System.out.printf(Locale.ROOT, "pulse gap %.1f ms pump %.1f ms (flush %.1f) applied %d rows %d%n", (now - lastPulse[0]) / 1e6,
                                vm.lastPulseNanos() / 1e6, vm.lastFlushNanos() / 1e6, vm.appliedProperty().get(), vm.store().size());
                    }
                    if (lastPulse[0] != 0) t[3] = Math.max(t[3], now - lastPulse[0]);
                    lastPulse[0] = now;
                }
                if (t[1] != 0 && t[4] == 0 && now > t[1]) t[4] = now;
                if (t[0] != 0 && t[1] == 0 && window.view().frameList().table().getItems().size() > 0) t[1] = now;
                if (t[0] != 0 && t[2] == 0 && vm.stateProperty().get() == PlayState.LOADED && vm.ring().isEmpty()) {
                    t[2] = now;
                    done.countDown();
                }
            });
            // start once the empty window has been shown
            new AnimationTimer() {
                int n;

                @Override
                public void handle(long now) {
                    if (++n == 10) {
                        stop();
                        t[0] = System.nanoTime();
                        vm.openPcap(file);
                    }
                }
            }.start();
        });
        done.await();
        long frames = holder[0].store().size();
        System.out.printf(Locale.ROOT, "open: %,d frames (%,d bytes) first paint %.0f ms (the pulse after it at %.0f ms), all shown %.0f ms,"
                        + " longest pulse gap %.0f ms%n", frames, Files.size(file), (t[1] - t[0]) / 1e6, (t[4] - t[0]) / 1e6,
                (t[2] - t[0]) / 1e6, t[3] / 1e6);
        browse(holder[0]);
        scroll(app[0]);
        click(app[0]);
        Platform.runLater(() -> holder[0].closeSource());
    }

    /**
     * Runs {@code step} once per pulse on the FX thread, {@code n} times, and returns the gaps
     * between the pulses that followed each step (sorted); {@code step} gets its number, 0 to n-1.
     */
    static long[] perPulse(int n, java.util.function.IntConsumer step) throws Exception {
        long[] gaps = new long[n];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> new AnimationTimer() {
            int i = -1;
            long last;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (i >= 0) gaps[i] = t - last;
                if (++i == n) {
                    stop();
                    done.countDown();
                    return;
                }
                step.accept(i);
                last = System.nanoTime();
            }
        }.start());
        done.await();
        java.util.Arrays.sort(gaps);
        return gaps;
    }

    /** {@code "median 1.0 ms, p99 2.0 ms, max 3.0 ms"} of sorted gaps. */
    static String gaps(long[] sorted) {
        int n = sorted.length;
        return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, max %.1f ms", sorted[n / 2] / 1e6, sorted[n * 99 / 100] / 1e6,
                sorted[n - 1] / 1e6);
    }

    /** The frame table's flow (FX thread). */
    static javafx.scene.control.skin.VirtualFlow<?> flow(GuiApp app) {
        return (javafx.scene.control.skin.VirtualFlow<?>) app.view().frameList().table().lookup(".virtual-flow");
    }

    /**
     * Last, selecting rows on screen, as clicking down the table would: one per pulse, the next
     * row each time, without scrolling; the decode view (or the ladder) follows each selection.
     */
    static void click(GuiApp app) throws Exception {
        int n = Integer.getInteger("bench.click", 300);
        long[] gaps = perPulse(n, i -> {
            var flow = flow(app);
            int first = flow.getFirstVisibleCell().getIndex() + 1;
            int span = Math.max(1, flow.getLastVisibleCell().getIndex() - first);
            app.view().frameList().table().getSelectionModel().clearAndSelect(first + i % span);
        });
        System.out.printf(Locale.ROOT, "click: a row on screen selected per pulse, %d pulses: pulse gap %s%n", n, gaps(gaps));
    }

    /**
     * Then scrolling: the frame table moved by one screenful per pulse, from the middle of the
     * capture towards its end, as holding Page Down or dragging the scroll bar would; the gaps
     * between pulses say whether that stays smooth.
     */
    static void scroll(GuiApp app) throws Exception {
        int n = Integer.getInteger("bench.scroll", 300);
        GuiApp.onFx(() -> {
            app.view().frameList().table().scrollTo(app.view().frameList().table().getItems().size() / 2);
            return null;
        });
        long[] gaps = perPulse(n, i -> flow(app).scrollPixels(flow(app).getHeight() - 30));
        System.out.printf(Locale.ROOT, "scroll: a screenful per pulse, %d pulses from the middle: pulse gap %s%n", n, gaps(gaps));
    }

    /**
     * After the capture is shown: one pulse after another, select a frame somewhere in it (seeded
     * random), which scrolls the table to it and dissects it, as a user jumping about would; the
     * gaps between pulses meanwhile say whether that stays smooth.
     */
    static void browse(LabViewModel vm) throws Exception {
        int n = Integer.getInteger("bench.browse", 300);
        long[] selects = new long[n];
        java.util.Random random = new java.util.Random(42);
        long[] gaps = perPulse(n, i -> {
            long t = System.nanoTime();
            vm.frames().select(vm.store().firstSeq() + random.nextInt(vm.store().size()));
            selects[i] = System.nanoTime() - t;
        });
        java.util.Arrays.sort(selects);
        System.out.printf(Locale.ROOT, "browse: %d frames selected one pulse after another, anywhere in %,d: pulse gap %s;"
                + " the select call (scroll, decode) median %.1f ms, longest %.1f ms%n", n, vm.store().size(), gaps(gaps),
                selects[n / 2] / 1e6, selects[n - 1] / 1e6);
    }

    /**
     * The calling thread's nanoseconds spent runnable but waiting for a CPU ({@code
     * /proc/thread-self/schedstat}) and its voluntary context switches so far, from Linux; zeros
     * elsewhere. A long pulse with little CPU time is one or the other.
     */
    static long[] schedstat() {
        try {
            String[] run = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            long voluntary = 0;
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) voluntary = Long.parseLong(line.substring(24).trim());
            }
            return new long[] {Long.parseLong(run[1]), voluntary};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** Collections so far, all collectors (for ZGC, its cycles). */
    static long gcCycles() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Pauses")) n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    static void stream(int seconds) throws Exception {
        AtomicLong produced = new AtomicLong();
        long[] gaps = new long[4]; // longest pulse gap, longest pump, pulses, longest FX-thread CPU time between pulses
        long[] lastPulse = {0};
        long[] lastCpu = {0};
        long[][] gapList = {new long[1 << 16]}; // every gap after the warm-up, for percentiles
        int[] gapCount = {0};
        long[] flushMax = {0};
        boolean slow = Boolean.getBoolean("bench.slow");
        long[] lastSched = {0, 0}; // the FX thread's time waiting for a CPU, and its voluntary switches (slow-pulse log only)
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        LabViewModel[] holder = new LabViewModel[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            LabViewModel vm = GuiApp.newViewModel(GuiApp.DEFAULT_MAX_FRAMES);
            holder[0] = vm;
            GuiApp app = GuiApp.show(new Stage(), vm, 1440, 900);
            app.view().showView(MainView.Detail.valueOf(System.getProperty("bench.view", "LADDER")));
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    long cpu = mx.getCurrentThreadCpuTime();
                    long[] sched = slow ? schedstat() : lastSched;
                    if (lastPulse[0] != 0 && produced.get() > 0) {
                        gaps[0] = Math.max(gaps[0], t - lastPulse[0]);
                        if (gapCount[0] < gapList[0].length) gapList[0][gapCount[0]++] = t - lastPulse[0];
                        gaps[1] = Math.max(gaps[1], vm.lastPulseNanos());
                        flushMax[0] = Math.max(flushMax[0], vm.lastFlushNanos());
                        if (slow && (vm.lastPulseNanos() > 25_000_000L || t - lastPulse[0] > 50_000_000L)) {
                            System.out.printf(Locale.ROOT, "slow pulse at %.6f s (monotonic): gap %.1f ms, FX CPU %.1f ms, waiting for a CPU %.1f ms, %d blocking waits;"
                                            + " pump %.1f ms (apply %.1f ms, %d updates, slowest batch %.1f ms; flush %.1f ms)%n",
                                    t / 1e9, (t - lastPulse[0]) / 1e6, (cpu - lastCpu[0]) / 1e6, (sched[0] - lastSched[0]) / 1e6, sched[1] - lastSched[1],
                                    vm.lastPulseNanos() / 1e6, vm.lastApplyNanos() / 1e6,
                                    vm.lastApplied(), vm.lastSlowestBatchNanos() / 1e6, vm.lastFlushNanos() / 1e6);
                        }
                        gaps[2]++;
                        gaps[3] = Math.max(gaps[3], cpu - lastCpu[0]);
                    }
                    lastPulse[0] = t;
                    lastCpu[0] = cpu;
                    lastSched[0] = sched[0];
                    lastSched[1] = sched[1];
                }
            }.start();
            shown.countDown();
        });
        shown.await();
        LabViewModel vm = holder[0];
        vm.ring().put(new Update.Reset("stream", 0, true));
        Bytes req = AoeCodec.encode(AoeFrame.request(T, H, 1, 0, 1, AtaArg.read48(0, 2)));
        AoeFrame r = AoeFrame.request(T, H, 1, 0, 1, AtaArg.read48(0, 2));
        Bytes answer = AoeCodec.encode(r.answer(T, 1, 0, ((AtaArg) r.arg()).toResponse(0x40, 0, 0, Bytes.zeros(1024))));
        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        long seq = 0;
        long maxHeap = 0;
        long nextReport = start + 5_000_000_000L;
        long warmSeq = 0;
        long warmStart = start;
        long warmGcs = 0;
        System.out.printf(Locale.ROOT, "load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(Locale.ROOT, "stream: 100,000 frames/s for %d s, store keeps %,d frames / %d MiB, ring %,d updates, heap max %d MiB%n",
                seconds, GuiApp.DEFAULT_MAX_FRAMES, GuiApp.DEFAULT_MAX_BYTES >> 20, vm.ring().capacity(), rt.maxMemory() >> 20);
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = (System.nanoTime() - start) / 10_000; // 100 frames per ms
            while (seq < due) {
                seq++;
                boolean isReq = (seq & 1) == 1;
                long time = seq * 10_000;
                vm.ring().put(new Update.Frame(seq, time, isReq ? "h1" : "t1", isReq ? "t1" : "h1", isReq ? req : answer,
                        0, isReq ? 0 : seq - 1));
                vm.ring().put(new Update.FateChange(seq, time + 5_000, Fate.DELIVERED, null, isReq ? "t1" : "h1"));
                produced.incrementAndGet();
            }
            long now = System.nanoTime();
            if (now > nextReport) {
                if (nextReport == start + 5_000_000_000L) {
                    // the first 5 s warm the JIT up and load classes: measure from here
                    gaps[0] = 0;
                    gaps[1] = 0;
                    gaps[2] = 0;
                    gaps[3] = 0;
                    Platform.runLater(() -> gapCount[0] = 0);
                    warmSeq = seq;
                    warmStart = now;
                    warmGcs = gcCycles();
                }
                nextReport += 5_000_000_000L;
                long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
                maxHeap = Math.max(maxHeap, used);
                System.out.printf(Locale.ROOT, "  %3.0f s: produced %,d, shown %,d (retained %,d), ring %,d waiting, heap %d MiB, longest pulse gap %.0f ms, longest pump %.1f ms%n",
                        (now - start) / 1e9, seq, vm.store().nextSeq() - 1, vm.store().size(), vm.ring().size(), used,
                        gaps[0] / 1e6, gaps[1] / 1e6);
            }
            Thread.sleep(1);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // let the window catch up, then report
        while (!vm.ring().isEmpty()) Thread.sleep(10);
        Thread.sleep(200);
        System.gc();
        long after = (rt.totalMemory() - rt.freeMemory()) >> 20;
        double measured = (System.nanoTime() - warmStart) / 1e9;
        System.out.printf(Locale.ROOT, "stream: %,d frames in %.1f s; after the 5 s warm-up %,.0f frames/s taken, producer waited %d times; "
                        + "%,d pulses (%.0f/s), longest pulse gap %.0f ms (FX thread CPU between two pulses at most %.0f ms), longest pump %.1f ms; heap peak seen %d MiB, after GC %d MiB, %,d frames retained, %,d dropped from view%n",
                seq, elapsed, (seq - warmSeq) / measured, vm.ring().producerWaits(), gaps[2], gaps[2] / measured, gaps[0] / 1e6,
                gaps[3] / 1e6, gaps[1] / 1e6, maxHeap, after, vm.store().size(), vm.store().evicted());
        System.out.printf(Locale.ROOT, "stream: %d garbage collections after the warm-up (System.gc() included), %,d frame chunks recycled%n",
                gcCycles() - warmGcs, GuiApp.onFx(() -> vm.store().recycledChunks()));
        long[] sorted = GuiApp.onFx(() -> java.util.Arrays.copyOf(gapList[0], gapCount[0]));
        java.util.Arrays.sort(sorted);
        long over = java.util.Arrays.stream(sorted).filter(g -> g > 50_000_000L).count();
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT, "stream: pulse gaps after the warm-up: median %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms;"
                            + " %d of %,d over 50 ms; longest flush of a pump %.1f ms%n", sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6,
                    sorted[Math.min(sorted.length - 1, sorted.length * 999 / 1000)] / 1e6, sorted[sorted.length - 1] / 1e6, over,
                    sorted.length, flushMax[0] / 1e6);
        }
        Platform.runLater(vm::closeSource);
    }
}
