package org.aoelab.tap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.aoelab.net.Link;
import org.aoelab.net.Nic;
import org.aoelab.net.Port;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * Joins a {@link TapDevice} to a {@link VirtualSwitch}: the real network becomes one more node,
 * behind one more port, on a {@link Link} whose impairments apply to real traffic as they do to
 * virtual traffic (a 2 ms delay there holds a real frame 2 ms, because the
 * {@link RealTimeDriver} runs events at their wall times).
 *
 * <pre>
 *   real host --- TAP device --- reader thread --inbox--> loop: link (impairments) --> switch
 *   real host &lt;-- TAP device &lt;--------- loop (the one writer) &lt;-- link (impairments) &lt;-- switch
 * </pre>
 *
 * <p>The reader thread only copies bytes into an immutable frame, filters it and posts it; it
 * never touches the model (ns-3 {@code TapBridge::ReadCallback}). By {@link Filter#AOE_ONLY
 * default} only AoE frames (EtherType 0x88A2, also behind an 802.1Q tag) cross, optionally
 * only from an allow-list of source MACs; everything else is counted and dropped, as are frames
 * too short for an Ethernet header, frames whose payload exceeds the port's MTU, and frames
 * arriving while the driver's inbox is full. The link's node is named {@code tap:NAME}; its NIC
 * listens to every frame (promiscuous), since the real hosts behind it have their own addresses.
 * Frames crossing either way are given to the {@link Recorder} with their simulated time.
 */
public final class TapBridge implements AutoCloseable {

    /** EtherType of AoE. */
    public static final int ETHERTYPE_AOE = 0x88A2;
    private static final int ETHERTYPE_VLAN = 0x8100;
    /** The TAP node's own address; it never appears on the wire (the NIC only forwards). */
    public static final MacAddress NIC_MAC = MacAddress.parse("02:00:00:ff:ff:fe");
    private static final int BUFFER = 65536;
    /** Most frames the reader hands over in one task: what the device has ready, up to this. */
    static final int BATCH = 32;
    /** A wait for a frame shorter than this means frames were queuing: read without waiting next time. */
    private static final long BUSY_NANOS = 20_000;
    /** Longest wait of the loop once the device is gone or closing. */
    private static final long GONE_PARK_NANOS = 50_000_000L;

    /**
     * Which frames from the host may enter the virtual switch.
     *
     * @param aoeOnly        only EtherType 0x88A2 (untagged or behind one 802.1Q tag)
     * @param allowedSources when not empty, only frames from these source MACs (48-bit values)
     */
    public record Filter(boolean aoeOnly, Set<Long> allowedSources) {
        /** AoE frames from anyone: the default. */
        public static final Filter AOE_ONLY = new Filter(true, Set.of());
        /** Every frame (for experiments with other protocols on the virtual switch). */
        public static final Filter EVERYTHING = new Filter(false, Set.of());

        public Filter {
            if (allowedSources == null) throw new IllegalArgumentException("allowed sources are missing (use an empty set for all)");
            allowedSources = Set.copyOf(allowedSources);
        }

        /** AoE frames from these MACs only (no MACs: from anyone). */
        public static Filter aoeFrom(Set<MacAddress> macs) {
            return new Filter(true, macs.stream().map(MacAddress::value).collect(java.util.stream.Collectors.toSet()));
        }

        /** Whether the first {@code length} bytes of {@code f} make a frame this filter lets in. */
        public boolean admits(byte[] f, int length) {
            if (length < 14) {
                return false;
            }
            if (aoeOnly) {
                int type = (f[12] & 0xFF) << 8 | f[13] & 0xFF;
                if (type == ETHERTYPE_VLAN && length >= 18) {
                    type = (f[16] & 0xFF) << 8 | f[17] & 0xFF;
                }
                if (type != ETHERTYPE_AOE) {
                    return false;
                }
            }
            if (!allowedSources.isEmpty()) {
                long src = 0;
                for (int i = 6; i < 12; i++) {
                    src = src << 8 | f[i] & 0xFF;
                }
                return allowedSources.contains(src);
            }
            return true;
        }
    }

    /** Where recorded frames go, on the loop thread: each frame with its simulated time. */
    public interface Recorder {
        /** A frame from the host, as it enters the link towards the switch. */
        void fromHost(long timeNanos, Bytes frame);

        /** A frame to the host, as it is written to the device. */
        void toHost(long timeNanos, Bytes frame);
    }

    private final RealTimeDriver driver;
    private final TapDevice tap;
    private final Filter filter;
    private final Recorder recorder;
    private final Nic nic;
    private final int mtu;
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong oversize = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final BiConsumer<String, Throwable> problems;
    private final ByteBuffer out;
    private Thread reader;
    private volatile Runnable onDeviceGone = () -> { };
    private volatile boolean closing;
    private volatile boolean closed;
    private boolean inline;

    /**
     * Connects {@code tap} to {@code sw} (call on the loop thread, or before the loop runs).
     *
     * @param filter   which host frames may enter
     * @param recorder told of every frame crossing, or null
     * @param options  the port's MTU and VLAN
     * @param problems told about I/O errors (the bridge keeps going where it can)
     */
    public TapBridge(RealTimeDriver driver, VirtualSwitch sw, TapDevice tap, Filter filter, Recorder recorder,
                     PortOptions options, BiConsumer<String, Throwable> problems) {
        if (driver == null) throw new IllegalArgumentException("driver is missing");
        if (sw == null) throw new IllegalArgumentException("switch is missing");
        if (tap == null) throw new IllegalArgumentException("TAP device is missing");
        if (filter == null) throw new IllegalArgumentException("filter is missing");
        if (options == null) throw new IllegalArgumentException("port options are missing");
        if (problems == null) throw new IllegalArgumentException("problem listener is missing");
        this.driver = driver;
        this.tap = tap;
        this.filter = filter;
        this.recorder = recorder;
        this.problems = problems;
        this.mtu = options.mtu();
        this.out = ByteBuffer.allocateDirect(BUFFER);
        this.nic = sw.connect("tap:" + tap.name(), NIC_MAC, this::toHost, options);
        this.nic.setPromiscuous(true);
    }

    /** The switch port the TAP device is joined to. */
    public Port port() {
        return nic.port();
    }

    /** The link between the TAP node and the switch: set impairments on it. */
    public Link link() {
        return nic.link();
    }

    /** The TAP node's NIC on the switch. */
    public Nic nic() {
        return nic;
    }

    public TapDevice device() {
        return tap;
    }

    public Filter filter() {
        return filter;
    }

    /**
     * Runs {@code action} (on the reader thread) when the device ends by itself: it was closed
     * by someone else, or a read failed. Not called after {@link #close()}.
     */
    public void onDeviceGone(Runnable action) {
        if (action == null) throw new IllegalArgumentException("action is missing");
        onDeviceGone = action;
    }

    /** Starts the reader thread (a daemon named {@code tap-reader-NAME}). */
    public synchronized void start() {
        if (reader != null || inline) throw new IllegalStateException("the bridge to " + tap.name() + " is already started");
        if (tap.oneThread()) {
            throw new IllegalStateException(tap.name() + " reads and writes on one thread only (io_uring): start its bridge inline");
        }
        reader = new Thread(this::readLoop, "tap-reader-" + tap.name());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the bridge without a reader thread: the driver's loop waits on the device itself
     * ({@link RealTimeDriver#useWaiter}), reads what arrives and runs it, and is woken through
     * {@link TapDevice#wakeup} when another thread posts a task. No thread hand-off per frame:
     * fewer system calls and context switches, and lower latency, which is what a busy host
     * notices. Call before the driver runs; it needs the driver on a real clock.
     */
    public synchronized void startInline() {
        if (reader != null || inline) throw new IllegalStateException("the bridge to " + tap.name() + " is already started");
        inline = true;
        driver.useWaiter(new InlineReader());
    }

    /** The loop's wait in inline mode: the device, with the deadline as timeout. */
    private final class InlineReader implements RealTimeDriver.Waiter {
        private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        private final byte[] copy = new byte[BUFFER];
        private final Bytes[] batch = new Bytes[BATCH];
        private volatile Thread sleeping;
        private boolean gone;
        private boolean busy;
        private int skipped;

        @Override
        public void await(long deadlineNanos) {
            WallClock clock = driver.clock();
            long spin = clock.spinNanos();
            boolean forever = deadlineNanos == NO_DEADLINE; // nothing due: wait for a frame or a wake-up, with no timer
            long timeout = forever ? TapDevice.FOREVER : deadlineNanos - clock.nanos();
            // Close to an event (or always, when busy polling): a sleeping thread wakes late on a busy
            // host, a spinning one does not. It polls the device meanwhile, so frames do not wait.
            boolean spinning = spin > 0 && timeout > 0 && timeout <= spin && !gone && !closing;
            if (spin > 0 && timeout > spin && !forever) {
                timeout -= spin; // sleep until the spinning starts
            }
            if (gone || closing) {
                sleeping = Thread.currentThread();
                if (timeout > 0) java.util.concurrent.locks.LockSupport.parkNanos(Math.min(timeout, GONE_PARK_NANOS));
                sleeping = null;
                return;
            }
            if (timeout <= 0 && skipped < 16) {
                skipped++; // events are due: run them before reading more (but not for ever)
                flush(); // what they wrote goes out now, not with the next read
                return;
            }
            skipped = 0;
            int count = 0;
            boolean first = true;
            while (count < BATCH) {
                int n;
                try {
                    buf.clear();
                    if (first && spinning) {
                        while ((n = tap.readNanos(buf, 0)) == 0 && (forever || deadlineNanos - clock.nanos() > 0)
                                && !driver.isStopping() && driver.inboxSize() == 0) {
                            Thread.onSpinWait();
                        }
                        busy = n > 0; // more may follow: take them without waiting
                    } else if (first && !busy) {
                        // Light load: wait, then read one frame (two system calls, as a blocking read has).
                        long before = clock.nanos();
                        n = tap.readNanos(buf, Math.max(0, timeout));
                        busy = n > 0 && clock.nanos() - before < BUSY_NANOS; // it was waiting already: frames queue up
                    } else {
                        n = tap.readNanos(buf, 0); // under load, and for the rest of a batch: no waiting
                        if (n == 0 && first) {
                            busy = false;
                            n = tap.readNanos(buf, Math.max(0, timeout));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (!closing) problems.accept("read from " + tap.name() + " failed", e);
                    n = -1;
                }
                first = false;
                if (n < 0) {
                    gone = true;
                    if (!closing) onDeviceGone.run();
                    break;
                }
                if (n == 0) {
                    break;
                }
                buf.flip();
                buf.get(copy, 0, n);
                if (!filter.admits(copy, n)) {
                    filtered.incrementAndGet();
                } else if (payload(copy, n) > mtu) {
                    oversize.incrementAndGet();
                } else {
                    batch[count++] = Bytes.copyOf(copy, 0, n);
                }
                if (!busy) {
                    break;
                }
            }
            hand(batch, count);
        }

        @Override
        public void wake() {
            Thread t = sleeping;
            if (t != null) java.util.concurrent.locks.LockSupport.unpark(t);
            tap.wakeup();
        }
    }

    /** Sends what a queuing device holds back; a failure counts as the writes' failure it is. */
    private void flush() {
        try {
            tap.flush();
        } catch (IOException e) {
            writeErrors.incrementAndGet();
            problems.accept("write to " + tap.name() + " failed", e);
        }
    }

    private void readLoop() {
        try {
            readFrames();
        } finally {
            if (!closing) onDeviceGone.run();
        }
    }

    private void readFrames() {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        byte[] copy = new byte[BUFFER];
        int limit = driver.inboxCapacity();
        Bytes[] batch = new Bytes[BATCH];
        while (!closing) {
            int count = 0;
            int timeout = 100;
            // Take what the device has ready (waiting only for the first frame) and hand it over in
            // one task: under load one wake-up of the loop carries many frames.
            while (count < BATCH) {
                int n;
                try {
                    buf.clear();
                    n = tap.read(buf, timeout);
                } catch (IOException | RuntimeException e) {
                    if (!closing) {
                        problems.accept("read from " + tap.name() + " failed", e);
                    }
                    n = -1;
                }
                if (n < 0) {
                    hand(batch, count);
                    return;
                }
                if (n == 0) {
                    break;
                }
                timeout = 0;
                buf.flip();
                buf.get(copy, 0, n);
                if (!filter.admits(copy, n)) {
                    filtered.incrementAndGet();
                    continue;
                }
                if (payload(copy, n) > mtu) {
                    oversize.incrementAndGet();
                    continue;
                }
                if (waiting.get() + count >= limit) {
                    shed.incrementAndGet(); // the frames waiting for the loop are bounded, not only the tasks
                    continue;
                }
                batch[count++] = Bytes.copyOf(copy, 0, n);
            }
            hand(batch, count);
        }
    }

    private void hand(Bytes[] batch, int count) {
        if (count == 0) {
            return;
        }
        Bytes[] frames = java.util.Arrays.copyOf(batch, count);
        java.util.Arrays.fill(batch, null);
        waiting.addAndGet(count);
        boolean queued = driver.post(() -> {
            waiting.addAndGet(-frames.length);
            for (Bytes f : frames) {
                enter(f);
            }
        });
        if (!queued) {
            waiting.addAndGet(-count);
            shed.addAndGet(count);
        }
    }

    private static int payload(byte[] f, int n) {
        int type = (f[12] & 0xFF) << 8 | f[13] & 0xFF;
        return n - (type == ETHERTYPE_VLAN ? 18 : 14);
    }

    /**
     * A frame from the host enters the link now; on the loop thread. The reader thread calls it
     * through the inbox; tests and replays may call it directly.
     */
    public void enter(Bytes frame) {
        if (closed) {
            return;
        }
        framesIn.incrementAndGet();
        bytesIn.addAndGet(frame.length());
        if (recorder != null) {
            recorder.fromHost(driver.simulation().now(), frame);
        }
        nic.send(frame);
    }

    /** Called by the NIC, on the loop thread: one frame out to the host. */
    private void toHost(Bytes frame) {
        if (closed) {
            return;
        }
        if (recorder != null) {
            recorder.toHost(driver.simulation().now(), frame);
        }
        out.clear();
        frame.writeTo(out);
        out.flip();
        try {
            tap.write(out);
            framesOut.incrementAndGet();
            bytesOut.addAndGet(frame.length());
        } catch (IOException e) {
            writeErrors.incrementAndGet();
            problems.accept("write to " + tap.name() + " failed", e);
        }
    }

    /** Frames from the host that entered the link to the switch. */
    public long framesIn() {
        return framesIn.get();
    }

    /** Frames written to the host. */
    public long framesOut() {
        return framesOut.get();
    }

    /** Bytes of the frames in {@link #framesIn()}. */
    public long bytesIn() {
        return bytesIn.get();
    }

    /** Bytes of the frames in {@link #framesOut()}. */
    public long bytesOut() {
        return bytesOut.get();
    }

    /** Frames from the host refused by the filter (runts, not AoE, not on the allow-list). */
    public long filtered() {
        return filtered.get();
    }

    /** Frames from the host whose payload exceeded the port's MTU. */
    public long oversize() {
        return oversize.get();
    }

    /** Frames from the host handed to the loop and not yet entered (at most the driver's inbox capacity). */
    public int waiting() {
        return waiting.get();
    }

    /** Frames from the host dropped because as many as the driver's inbox capacity were waiting already. */
    public long shed() {
        return shed.get();
    }

    /** Frames to the host the device refused. */
    public long writeErrors() {
        return writeErrors.get();
    }

    /**
     * Stops the reader (within about 100 ms), stops writing and closes the device. Frames still
     * in the driver's inbox are dropped when they come to run.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        Thread r;
        synchronized (this) {
            r = reader;
        }
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        tap.wakeup();
        tap.close();
    }

    @Override
    public String toString() {
        return "TapBridge[" + tap.name() + ", in " + framesIn.get() + ", out " + framesOut.get() + ", filtered "
                + filtered.get() + ", shed " + shed.get() + "]";
    }
}
