package org.aoelab.tap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TAP device in memory: two bounded queues, one from the "host" and one towards it. Tests,
 * scenarios and the GUI's demo mode use it where a real TAP device would need root. The test
 * plays the host with {@link #hostSends} and {@link #hostReceives}; or {@link #pair} joins two
 * devices back to back like a cable, so that an {@code aoelab client} and an {@code aoelab
 * serve} can talk in one process. Like a real TAP device's transmit queue, a full queue drops
 * frames (counted by {@link #dropped()}).
 */
public final class InMemoryTapDevice implements TapDevice {
    /** Frames each queue holds before it drops. */
    public static final int DEFAULT_QUEUE_FRAMES = 65536;
    private static final byte[] CLOSED = new byte[0];
    private static final byte[] WAKE = new byte[0];

    private final String name;
    private final int mtu;
    private final BlockingQueue<byte[]> fromHost;
    private final BlockingQueue<byte[]> toHost;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /** A device whose host side the caller plays. */
    public InMemoryTapDevice(String name, int mtu) {
        this(name, mtu, new LinkedBlockingQueue<>(DEFAULT_QUEUE_FRAMES), new LinkedBlockingQueue<>(DEFAULT_QUEUE_FRAMES));
    }

    private InMemoryTapDevice(String name, int mtu, BlockingQueue<byte[]> fromHost, BlockingQueue<byte[]> toHost) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("TAP name is missing");
        if (mtu < 46 || mtu > 65535) throw new IllegalArgumentException("MTU of " + name + " is " + mtu + ", expected 46 to 65535");
        this.name = name;
        this.mtu = mtu;
        this.fromHost = fromHost;
        this.toHost = toHost;
    }

    /**
     * Two devices joined back to back: what one writes, the other reads. Their
     * {@link #hostSends}/{@link #hostReceives} are not for use: the other device is the host.
     */
    public static InMemoryTapDevice[] pair(String nameA, String nameB, int mtu) {
        BlockingQueue<byte[]> aToB = new LinkedBlockingQueue<>(DEFAULT_QUEUE_FRAMES);
        BlockingQueue<byte[]> bToA = new LinkedBlockingQueue<>(DEFAULT_QUEUE_FRAMES);
        return new InMemoryTapDevice[] {new InMemoryTapDevice(nameA, mtu, bToA, aToB), new InMemoryTapDevice(nameB, mtu, aToB, bToA)};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** The host side sends a frame, which {@link #read} returns. */
    public void hostSends(byte[] frame) {
        if (!fromHost.offer(frame.clone())) dropped.incrementAndGet();
    }

    /** The host side takes the next frame written to the device, waiting up to the timeout; null if none. */
    public byte[] hostReceives(long timeout, TimeUnit unit) throws InterruptedException {
        byte[] f = toHost.poll(timeout, unit);
        return f == CLOSED ? null : f;
    }

    /** Frames lost because a queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        return readNanos(dst, TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis)));
    }

    @Override
    public int readNanos(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (closed) return -1;
        byte[] f;
        try {
            f = timeoutNanos <= 0 ? fromHost.poll() : fromHost.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("read " + name + ": interrupted", e);
        }
        if (f == null || f == WAKE) return closed ? -1 : 0;
        if (f == CLOSED) return -1;
        if (f.length > dst.remaining()) throw new IOException("read " + name + ": frame of " + f.length + " bytes does not fit in " + dst.remaining());
        dst.put(f);
        return f.length;
    }

    @Override
    public void wakeup() {
        fromHost.offer(WAKE);
    }

    @Override
    public void write(ByteBuffer frame) throws IOException {
        if (closed) throw new IOException("write " + name + ": device closed");
        byte[] f = new byte[frame.remaining()];
        frame.get(f);
        if (!toHost.offer(f)) dropped.incrementAndGet();
    }

    /** Closes the device: a read waiting now or later returns -1. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        fromHost.offer(CLOSED);
    }

    @Override
    public String toString() {
        return "InMemoryTapDevice[" + name + ", mtu " + mtu + (closed ? ", closed" : "") + "]";
    }
}
