package org.aoelab.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import java.io.IOException;
import java.nio.file.Path;
import org.aoelab.gui.charts.ChartsViewModel;
import org.aoelab.gui.decode.DecodeViewModel;
import org.aoelab.gui.frames.FrameListViewModel;
import org.aoelab.gui.ladder.LadderViewModel;
import org.aoelab.gui.locks.LockViewModel;
import org.aoelab.gui.model.LinkSettings;
import org.aoelab.gui.model.PcapLoader;
import org.aoelab.gui.playback.PlaybackViewModel;
import org.aoelab.gui.topology.LinkControlsViewModel;
import org.aoelab.gui.topology.TopologyViewModel;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.SimThread;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.scenario.Scenario;
import org.aoelab.gui.model.Update;
import org.aoelab.gui.model.UpdateRing;

/**
 * The window's state: takes the updates the simulation (or a capture reader) hands over and
 * spreads them to the views' models, a batch per pulse.
 *
 * <p>{@link #pump()} runs on the FX thread once per pulse. It takes at most
 * {@link #MAX_UPDATES_PER_PULSE} updates and stops early when its time budget is spent, so a
 * flood of frames makes the lists lag behind rather than the window freeze; what is left waits
 * in the ring, and the producer waits when the ring is full (see {@link UpdateRing}).
 */
public final class LabViewModel {
    /** Most updates applied per pulse. */
    public static final int MAX_UPDATES_PER_PULSE = 200_000;
    /** Time budget of one pulse's work, in nanoseconds. */
    public static final long PULSE_BUDGET_NANOS = 12_000_000L;
    /** Updates taken from the ring between two looks at the clock. */
    static final int BATCH = 256;

    /** Something that wants every update, in order, on the FX thread. */
    public interface UpdateListener {
        void update(Update u);

        /** The batch of one pulse is over: announce changes. */
        default void flush() {
        }

        /** Everything before is gone: start afresh. */
        default void reset() {
        }
    }

    private final UpdateRing ring;
    private final FrameStore store;
    private final FrameListViewModel frames;
    private final DecodeViewModel decode;
    private final LadderViewModel ladder;
    private final LockViewModel locks;
    private final ChartsViewModel charts;
    private final TopologyViewModel topology;
    private final LinkControlsViewModel linkControls;
    private final PlaybackViewModel playback;
    private PcapLoader loader;
    private org.aoelab.gui.model.LiveSource live;
    private final List<UpdateListener> listeners = new ArrayList<>();
    private UpdateListener[] listenerArray = {};
    private final List<Update> batch = new ArrayList<>(4096);
    private final LongSupplier nanoTime;

    // Properties
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "AoE Lab");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<PlayState> state = new ReadOnlyObjectWrapper<>(this, "state", PlayState.PAUSED);
    private final ReadOnlyLongWrapper now = new ReadOnlyLongWrapper(this, "now", 0);
    private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed", 0);
    private final ReadOnlyLongWrapper eventsRun = new ReadOnlyLongWrapper(this, "eventsRun", 0);
    private final ReadOnlyLongWrapper applied = new ReadOnlyLongWrapper(this, "applied", 0);

    private long lastPulseNanos;
    private long lastFlushNanos;
    private long lastApplyNanos;
    private int lastApplied;
    private long lastSlowestBatchNanos;
    private long listIntervalNanos;
    private long lastListFlush = Long.MIN_VALUE;
    private boolean statusOwed;
    private SimulationSession session;
    private java.util.function.Supplier<SimThread> threads = SimThread::daemon;

    /**
     * @param nanoTime wall clock for the pulse budget ({@code System::nanoTime}; tests may pass a fixed one)
     */
    public LabViewModel(UpdateRing ring, FrameStore store, LongSupplier nanoTime) {
        this.ring = ring;
        this.store = store;
        this.nanoTime = nanoTime;
        this.frames = new FrameListViewModel(store);
        this.decode = new DecodeViewModel(frames);
        this.ladder = new LadderViewModel(frames);
        this.locks = new LockViewModel();
        this.charts = new ChartsViewModel();
        this.topology = new TopologyViewModel();
        this.linkControls = new LinkControlsViewModel(topology, this::setLink);
        this.playback = new PlaybackViewModel(this);
        addListener(ladder);
        addListener(locks);
        addListener(charts);
        addListener(topology);
    }

    public void addListener(UpdateListener l) {
        listeners.add(l);
        listenerArray = listeners.toArray(new UpdateListener[0]);
    }

    // ------------------------------------------------------------------ Properties

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** One line for the status bar: time, events, frames. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last problem reported (a bad scenario, an unreadable file), or {@code ""}. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlayState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Virtual time of the run as last reported, nanoseconds. */
    public ReadOnlyLongProperty nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty eventsRunProperty() {
        return eventsRun.getReadOnlyProperty();
    }

    /** Updates applied since the start (tests wait on it). */
    public ReadOnlyLongProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    public FrameListViewModel frames() {
        return frames;
    }

    public DecodeViewModel decode() {
        return decode;
    }

    public LadderViewModel ladder() {
        return ladder;
    }

    public LockViewModel locks() {
        return locks;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    public TopologyViewModel topology() {
        return topology;
    }

    public LinkControlsViewModel linkControls() {
        return linkControls;
    }

    public PlaybackViewModel playback() {
        return playback;
    }

    public FrameStore store() {
        return store;
    }

    public UpdateRing ring() {
        return ring;
    }

    /**
     * Announces new rows and changed fates to the views at most once per {@code nanos} (the window
     * uses 100 ms: a table re-laid out sixty times a second while frames stream in costs the FX
     * thread more than it shows anybody); 0, the default, announces every pulse.
     */
    public void setListInterval(long nanos) {
        listIntervalNanos = nanos;
    }

    /** How long announcing the last pulse's changes took (part of {@link #lastPulseNanos()}). */
    public long lastFlushNanos() {
        return lastFlushNanos;
    }

    /** How long the last {@link #pump()} spent applying updates, how many, and its slowest batch of {@value #BATCH}. */
    public long lastApplyNanos() {
        return lastApplyNanos;
    }

    public int lastApplied() {
        return lastApplied;
    }

    public long lastSlowestBatchNanos() {
        return lastSlowestBatchNanos;
    }

    /** How long the last {@link #pump()} took, in nanoseconds. */
    public long lastPulseNanos() {
        return lastPulseNanos;
    }

    /** The running scenario, or null when a capture file (or nothing) is open. */
    public SimulationSession session() {
        return session;
    }

    /** Where sessions run (tests pass a manual thread). */
    public void setThreads(java.util.function.Supplier<SimThread> threads) {
        this.threads = threads;
    }

    // ------------------------------------------------------------------ Commands

    /** Opens a scenario with {@code seed}, paused at time 0; the previous session or file is closed. */
    public SimulationSession open(Scenario scenario, long seed) {
        closeSource();
        session = new SimulationSession(scenario, seed, ring, threads.get());
        return session;
    }

    /** Opens a capture file (pcap or pcapng); it is read in the background. */
    public void openPcap(Path file) {
        closeSource();
        loader = PcapLoader.start(file, ring);
    }

    /** Shows a source that runs by itself ({@code aoelab serve --gui}); the previous one is closed. */
    public void attach(org.aoelab.gui.model.LiveSource source) {
        closeSource();
        live = source;
    }

    /** The live source shown, or null. */
    public org.aoelab.gui.model.LiveSource live() {
        return live;
    }

    /** Stops the current session or file reader. */
    public void closeSource() {
        if (live != null) {
            live.close();
            live = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        if (loader != null) {
            loader.close();
            loader = null;
        }
    }

    /** Applies {@code settings} to {@code node}'s link in the running simulation. */
    public void setLink(String node, LinkSettings settings) {
        if (session != null) session.setLink(node, settings);
        else if (live != null) live.setLink(node, settings);
    }

    /**
     * Writes the retained frames to a pcapng file, each with its sender in the packet comment
     * (as {@code aoelab run --pcap} does); returns how many.
     */
    public long exportPcap(Path file) throws IOException {
        try (FrameStore.Snapshot snap = store.snapshot()) {
            return writePcapng(snap, file, titleProperty().get(), done -> { });
        }
    }

    /**
     * As {@link #exportPcap}, on a thread of its own, so that the window stays live while a
     * million frames are written: the frames retained when it is called are written, whatever
     * arrives meanwhile. The status line shows its progress and then the result; {@code fx} runs
     * those reports on the FX thread ({@code Platform::runLater}).
     *
     * @return the thread doing it (tests join it)
     */
    public Thread exportPcapInBackground(Path file, java.util.concurrent.Executor fx) {
        FrameStore.Snapshot snap = store.snapshot();
        String title = titleProperty().get();
        long total = snap.size();
        reportProblem("");
        reportInfo(String.format("exporting %,d frames to %s...", total, file));
        Thread t = new Thread(() -> {
            try (snap) {
                long n = writePcapng(snap, file, title, done -> fx.execute(() -> reportInfo(String.format(
                        "exporting to %s: %,d of %,d frames (%d%%)", file, done, total, done * 100 / Math.max(1, total)))));
                fx.execute(() -> reportInfo(String.format("exported %,d frames to %s", n, file)));
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> reportProblem("cannot export " + file + ": " + e.getMessage()));
            }
        }, "aoelab-export-pcap");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Every 100,000 frames, {@code progress} hears how many are written. */
    static long writePcapng(FrameStore.Snapshot snap, Path file, String title, java.util.function.LongConsumer progress)
            throws IOException {
        long n = 0;
        try (PcapngWriter w = PcapngWriter.create(file, "AoE Lab GUI", title)) {
            int iface = w.addInterface("sw");
            for (long s = snap.firstSeq(); s < snap.nextSeq(); s++) {
                w.write(iface, snap.time(s), snap.frame(s), "from " + snap.source(s));
                if (++n % 100_000 == 0) progress.accept(n);
            }
        }
        return n;
    }

    /** Puts a message in the status line. */
    public void reportInfo(String message) {
        status.set(message);
    }

    public void reportProblem(String message) {
        problem.set(message == null ? "" : message);
    }

    // ------------------------------------------------------------------ the pump (FX thread)

    /**
     * Applies waiting updates within this pulse's budget and announces the changes.
     *
     * @return how many updates were applied
     */
    public int pump() {
        long start = nanoTime.getAsLong();
        int total = 0;
        boolean more = true;
        long slowest = 0;
        long batchStart = start;
        while (more && total < MAX_UPDATES_PER_PULSE) {
            batch.clear();
            int n = ring.drainTo(batch, Math.min(BATCH, MAX_UPDATES_PER_PULSE - total));
            if (n == 0) break;
            for (int i = 0; i < n; i++) apply(batch.get(i));
            total += n;
            long t = nanoTime.getAsLong();
            slowest = Math.max(slowest, t - batchStart);
            batchStart = t;
            if (t - start > PULSE_BUDGET_NANOS) more = false;
        }
        batch.clear();
        long appliedAt = nanoTime.getAsLong();
        lastApplyNanos = appliedAt - start;
        lastApplied = total;
        lastSlowestBatchNanos = slowest;
        if (appliedAt - start < PULSE_BUDGET_NANOS) frames.work();
        if (total > 0) {
            applied.set(applied.get() + total);
            statusOwed = true;
        }
        if (appliedAt - lastListFlush >= listIntervalNanos || lastListFlush == Long.MIN_VALUE) {
            lastListFlush = appliedAt;
            frames.flush();
            for (UpdateListener l : listenerArray) l.flush();
            if (statusOwed) {
                statusOwed = false; // with the list, not every pulse: formatting it is not free either
                status.set(statusLine());
            }
        }
        lastFlushNanos = nanoTime.getAsLong() - appliedAt;
        lastPulseNanos = nanoTime.getAsLong() - start;
        return total;
    }

    private void apply(Update u) {
        if (u instanceof Update.Frame f) {
            store.append(f.seq(), f.time(), f.source(), f.destination(), f.frame(), f.fate(), f.pairSeq(), null);
            if (f.pairSeq() != 0) store.pair(f.pairSeq(), f.seq()); // the request learns its answer
            frames.appended(f.seq());
        } else if (u instanceof Update.FateChange c) {
            if (store.addFate(c.seq(), c.bits(), c.cause())) {
                if (c.deliveredTo() != null && store.destination(c.seq()).indexOf(':') >= 0) {
                    store.destination(c.seq(), c.deliveredTo());
                }
                frames.rowsChanged();
            }
        } else if (u instanceof Update.Clock c) {
            now.set(c.now());
            eventsRun.set(c.eventsRun());
            state.set(c.state());
        } else if (u instanceof Update.Reset r) {
            store.clear();
            frames.cleared();
            title.set("AoE Lab: " + r.title() + (r.simulated() ? " (seed " + r.seed() + ")" : ""));
            seed.set(r.seed());
            now.set(0);
            eventsRun.set(0);
            problem.set("");
            for (UpdateListener l : listeners) l.reset();
        } else if (u instanceof Update.Problem p) {
            problem.set(p.message());
        }
        for (UpdateListener l : listenerArray) l.update(u);
    }

    private String statusLine() {
        return String.format("%s s virtual · %,d events · %,d frames%s", org.aoelab.gui.model.Units.seconds(now.get()),
                eventsRun.get(), store.nextSeq() - 1,
                store.evicted() > 0 ? String.format(" (%,d oldest dropped from view)", store.evicted()) : "");
    }
}
