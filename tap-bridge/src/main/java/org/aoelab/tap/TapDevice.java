package org.aoelab.tap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A TAP device: whole Ethernet frames in and out of the host's kernel. This is the entire native
 * surface of AoE Lab (STYLE.md 5); {@link InMemoryTapDevice} is its pure-Java stand-in.
 */
public interface TapDevice extends Closeable {
    /** A {@link #readNanos} timeout that means no timeout: only a frame or {@link #wakeup} ends the wait. */
    long FOREVER = Long.MAX_VALUE;

    /** The longest wait of the default {@link #readNanos}, which cannot be woken early (for {@link #FOREVER} too). */
    long UNWOKEN_WAIT_NANOS = 50_000_000L;

    /** The interface name, such as {@code tap0}. */
    String name();

    /** The interface's MTU as the host sees it. */
    int mtu() throws IOException;

    /**
     * Reads one frame into {@code dst} (from its position), waiting at most {@code timeoutMillis}
     * (0: not at all, only what is there already).
     *
     * @return the frame's length, 0 when nothing arrived in time, or -1 when the device is closed
     */
    int read(ByteBuffer dst, int timeoutMillis) throws IOException;

    /**
     * Reads one frame as {@link #read} does, waiting at most {@code timeoutNanos}, and returning 0
     * early when {@link #wakeup} is called meanwhile (or was called since the last wait). For a
     * loop that waits on the device itself instead of on a reader thread. A timeout of
     * {@link #FOREVER} waits with no timer at all, until a frame or a wake-up. The default waits in
     * whole milliseconds and cannot be woken early, so it waits at most
     * {@link #UNWOKEN_WAIT_NANOS} (the loop then simply waits again).
     */
    default int readNanos(ByteBuffer dst, long timeoutNanos) throws IOException {
        // Woken by nothing, such a device comes round every so often, whatever the wait asked for:
        // the loop then sees what other threads posted meanwhile, and waits again.
        long nanos = Math.min(timeoutNanos, UNWOKEN_WAIT_NANOS);
        long ms = nanos <= 0 ? 0 : nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
        return read(dst, (int) ms);
    }

    /** Makes a {@link #readNanos} waiting now, or the next one, return early; callable from any thread. */
    default void wakeup() {
    }

    /**
     * Writes one whole frame: the bytes from the buffer's position to its limit. A device may
     * queue it until the next read or {@link #flush} (and report its failure at a later write).
     */
    void write(ByteBuffer frame) throws IOException;

    /**
     * Whether reads, writes and {@link #flush} must all come from one thread (the first to use the
     * device), as with io_uring; {@link #wakeup} and {@link #close} may come from any. Such a
     * device needs a bridge started inline, where the loop does both.
     */
    default boolean oneThread() {
        return false;
    }

    /** Sends frames {@link #write} queued, if this device queues them; a loop calls it before it does anything but read. */
    default void flush() throws IOException {
    }

    @Override
    void close() throws IOException;
}
