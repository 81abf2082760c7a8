package org.aoelab.tap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TAP device in memory: two queues, one towards the "host" and one from it. Tests, scenarios
 * and the GUI's demo mode use it where a real TAP device would need root.
 */
public final class InMemoryTapDevice implements TapDevice {
    private static final byte[] CLOSED = new byte[0];

    private final String name;
    private final int mtu;
    private final BlockingQueue<byte[]> fromHost = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    public InMemoryTapDevice(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
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
        fromHost.add(frame.clone());
    }

    /** The host side takes the next frame written to the device, waiting up to the timeout; null if none. */
    public byte[] hostReceives(long timeout, TimeUnit unit) throws InterruptedException {
        return toHost.poll(timeout, unit);
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        if (closed) return -1;
        byte[] f;
        try {
            f = fromHost.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("read " + name + ": interrupted", e);
        }
        if (f == null) return closed ? -1 : 0;
        if (f == CLOSED) return -1;
        if (f.length > dst.remaining()) throw new IOException("read " + name + ": frame of " + f.length + " bytes does not fit in " + dst.remaining());
        dst.put(f);
        return f.length;
    }

    @Override
    public void write(ByteBuffer frame) throws IOException {
        if (closed) throw new IOException("write " + name + ": device closed");
        byte[] f = new byte[frame.remaining()];
        frame.get(f);
        toHost.add(f);
    }

    @Override
    public void close() {
        closed = true;
        fromHost.add(CLOSED);
    }
}
