package org.aoelab.tap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.aoelab.net.Port;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.wire.Bytes;

/**
 * Joins a {@link TapDevice} to a {@link VirtualSwitch} as one more port. A reader thread takes
 * frames from the device, filters them (by default only AoE, EtherType 0x88A2, crosses; an
 * optional allow-list of source MACs), and hands them to the {@link RealTimeDriver}'s inbox;
 * frames the switch sends to the port are written to the device from the loop thread, the one
 * writer. Every frame crossing either way can be recorded with its time.
 */
public final class TapBridge implements AutoCloseable {

    /** EtherType of AoE. */
    public static final int ETHERTYPE_AOE = 0x88A2;
    private static final int ETHERTYPE_VLAN = 0x8100;

    /** Which frames from the host may enter the virtual switch. */
    public record Filter(boolean aoeOnly, Set<Long> allowedSources) {
        public static final Filter AOE_ONLY = new Filter(true, Set.of());
        public static final Filter EVERYTHING = new Filter(false, Set.of());

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

    /** Where recorded frames go: (simulated time, frame) in each direction. */
    public interface Recorder {
        void fromHost(long timeNanos, Bytes frame);

        void toHost(long timeNanos, Bytes frame);
    }

    private final RealTimeDriver driver;
    private final TapDevice tap;
    private final Filter filter;
    private final Recorder recorder;
    private final Port port;
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final BiConsumer<String, Throwable> problems;
    private final ByteBuffer out;
    private Thread reader;
    private volatile boolean closing;

    /**
     * @param problems told about I/O errors (the bridge keeps going where it can)
     */
    public TapBridge(RealTimeDriver driver, VirtualSwitch sw, TapDevice tap, Filter filter, Recorder recorder,
                     PortOptions options, BiConsumer<String, Throwable> problems) {
        this.driver = driver;
        this.tap = tap;
        this.filter = filter;
        this.recorder = recorder;
        this.problems = problems;
        this.out = ByteBuffer.allocateDirect(65536);
        this.port = sw.attach("tap:" + tap.name(), this::toHost, options);
    }

    public Port port() {
        return port;
    }

    public TapDevice device() {
        return tap;
    }

    /** Starts the reader thread. */
    public void start() {
        reader = new Thread(this::readLoop, "tap-reader-" + tap.name());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        byte[] copy = new byte[65536];
        while (!closing) {
            int n;
            try {
                buf.clear();
                n = tap.read(buf, 100);
            } catch (IOException e) {
                if (!closing) {
                    problems.accept("read from " + tap.name() + " failed", e);
                }
                return;
            }
            if (n < 0) {
                return;
            }
            if (n == 0) {
                continue;
            }
            buf.flip();
            buf.get(copy, 0, n);
            if (!filter.admits(copy, n)) {
                filtered.incrementAndGet();
                continue;
            }
            Bytes frame = Bytes.copyOf(copy, 0, n);
            boolean queued = driver.post(() -> {
                framesIn.incrementAndGet();
                if (recorder != null) {
                    recorder.fromHost(driver.simulation().now(), frame);
                }
                port.inject(frame);
            });
            if (!queued) {
                shed.incrementAndGet();
            }
        }
    }

    /** Called by the switch, on the loop thread: one frame out to the host. */
    private void toHost(Bytes frame) {
        if (recorder != null) {
            recorder.toHost(driver.simulation().now(), frame);
        }
        out.clear();
        frame.writeTo(out);
        out.flip();
        try {
            tap.write(out);
            framesOut.incrementAndGet();
        } catch (IOException e) {
            writeErrors.incrementAndGet();
            problems.accept("write to " + tap.name() + " failed", e);
        }
    }

    /** Frames from the host that entered the switch. */
    public long framesIn() {
        return framesIn.get();
    }

    /** Frames written to the host. */
    public long framesOut() {
        return framesOut.get();
    }

    /** Frames from the host refused by the filter (not AoE, or not on the allow-list). */
    public long filtered() {
        return filtered.get();
    }

    /** Frames from the host dropped because the inbox was full. */
    public long shed() {
        return shed.get();
    }

    public long writeErrors() {
        return writeErrors.get();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        if (reader != null) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tap.close();
    }
}
