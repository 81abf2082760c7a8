package org.aoelab.serve;

import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.IoResult;
import org.aoelab.tap.RealTimeDriver;

/**
 * Many reads of one device with {@code depth} in flight, kept in flight from inside the real-time
 * loop: each answer's callback sends the next request at once. With a future per request the
 * calling thread was a step in every round trip (the loop wakes it, it sends the next request,
 * the loop wakes for that), two thread wake-ups per request that cost more than the request
 * itself on a busy or virtual machine.
 *
 * <p>Results come out in request order through {@link #next}. At most {@code depth} requests are
 * in flight, and at most {@code depth} more results wait for the caller: when the caller falls
 * that far behind (a slow output), the loop stops sending until it takes one, so memory stays
 * bounded whatever the caller does.
 */
public final class ReadStream implements AutoCloseable {

    /** Where block {@code i} is; called on the loop thread, for each {@code i} once and in order. */
    public interface Blocks {
        long offset(long i);

        int length(long i);
    }

    private final RealTimeDriver driver;
    private final AoeDevice device;
    private final Blocks blocks;
    private final long count;
    private final int depth;
    private final int ringSize;
    private final AtomicReferenceArray<IoResult> ring;
    // The loop's own.
    private long issued;
    private int inFlight;
    // Shared between the loop and the caller.
    private volatile long taken;
    private volatile boolean stalled;
    private volatile long waitingFor = -1;
    private volatile Thread waiter;
    private volatile boolean closed;

    ReadStream(RealTimeDriver driver, AoeDevice device, Blocks blocks, long count, int depth) {
        if (count < 0) throw new IllegalArgumentException("count is " + count + ", expected 0 or more");
        if (depth < 1) throw new IllegalArgumentException("depth is " + depth + ", expected 1 or more");
        this.driver = driver;
        this.device = device;
        this.blocks = blocks;
        this.count = count;
        this.depth = depth;
        this.ringSize = 2 * depth;
        this.ring = new AtomicReferenceArray<>(ringSize);
    }

    /** Sends the first requests; from any thread. */
    void start() {
        if (!driver.post(this::fill)) throw new IllegalStateException("the real-time driver's inbox is full");
    }

    /** On the loop: sends requests while fewer than {@code depth} are in flight and the results have room. */
    private void fill() {
        stalled = false;
        while (!closed && issued < count && inFlight < depth) {
            if (issued - taken >= ringSize) {
                // The caller is behind. Say so, then look again: it may have taken one meanwhile and
                // not seen the flag (it sets taken, then reads stalled; this sets stalled, then reads taken).
                stalled = true;
                if (issued - taken >= ringSize) return;
                stalled = false;
            }
            long i = issued++;
            inFlight++;
            try {
                device.read(blocks.offset(i), blocks.length(i), r -> done(i, r));
            } catch (RuntimeException e) {
                done(i, new IoResult.Rejected(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    /** On the loop: block {@code i}'s result. */
    private void done(long i, IoResult r) {
        inFlight--;
        if (closed) return;
        ring.set((int) (i % ringSize), r);
        if (waitingFor == i) LockSupport.unpark(waiter);
        fill();
    }

    /** Results in and not yet taken (on the loop thread: exact; elsewhere: a recent value). */
    public int waiting() {
        int n = 0;
        for (int i = 0; i < ringSize; i++) {
            if (ring.get(i) != null) n++;
        }
        return n;
    }

    /** Whether {@link #next} has results left to give. */
    public boolean hasNext() {
        return taken < count;
    }

    /**
     * The next block's result, in request order, waiting for it at most {@code timeoutNanos};
     * from the one thread that reads the stream.
     *
     * @throws TimeoutException when it does not come in time (the initiator's own time limits
     *                          normally end a request first, with {@link IoResult.Timeout})
     */
    public IoResult next(long timeoutNanos) throws TimeoutException, InterruptedException {
        long k = taken;
        if (k >= count) throw new NoSuchElementException("all " + count + " blocks were read");
        int slot = (int) (k % ringSize);
        IoResult r = ring.get(slot);
        if (r == null) {
            waiter = Thread.currentThread();
            waitingFor = k; // then look again: the loop sets the slot, then reads waitingFor
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                while ((r = ring.get(slot)) == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw new TimeoutException("block " + k + " was not read within " + timeoutNanos / 1_000_000 + " ms");
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) throw new InterruptedException();
                }
            } finally {
                waitingFor = -1;
            }
        }
        ring.set(slot, null);
        taken = k + 1;
        if (stalled) driver.post(this::fill); // the loop waits for room: there is some now
        return r;
    }

    /** Stops sending; answers still on their way are dropped. */
    @Override
    public void close() {
        closed = true;
    }
}
