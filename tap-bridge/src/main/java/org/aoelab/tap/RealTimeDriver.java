package org.aoelab.tap;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.aoelab.sim.Simulation;

/**
 * Runs a {@link Simulation} against the wall clock: each event at its time, so a 2 ms link delay
 * is 2 ms on the wire. The model stays single-threaded: other threads (the TAP reader, a
 * status line, Ctrl-C) hand work in through one bounded, thread-safe inbox, and the driver runs
 * it inside the loop at the current wall time.
 *
 * <p>When the host cannot keep up, events run late; {@link #lagNanos()} says by how much at
 * the last step and {@link #maxLagNanos()} the worst so far.
 */
public final class RealTimeDriver {

    /** Longest wait before the loop looks at its stop condition again. */
    private static final long MAX_PARK_NANOS = 50_000_000L;

    private final Simulation sim;
    private final LongSupplier clock;
    private final BlockingQueue<Runnable> inbox;
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean stopping;
    private volatile long lag;
    private volatile long maxLag;
    private long origin;

    /** A driver on {@link System#nanoTime()} with an inbox of {@code inboxCapacity} tasks. */
    public RealTimeDriver(Simulation sim, int inboxCapacity) {
        this(sim, inboxCapacity, System::nanoTime);
    }

    /** With an explicit monotonic clock in nanoseconds (for tests). */
    public RealTimeDriver(Simulation sim, int inboxCapacity, LongSupplier clock) {
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inbox capacity must be >= 1, got " + inboxCapacity);
        }
        this.sim = sim;
        this.clock = clock;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
    }

    public Simulation simulation() {
        return sim;
    }

    /**
     * Hands a task to the loop from any thread. Returns false, and counts it, when the inbox is
     * full: a flood from outside is shed instead of exhausting memory.
     */
    public boolean post(Runnable task) {
        if (inbox.offer(task)) {
            return true;
        }
        rejected.incrementAndGet();
        return false;
    }

    /** Tasks refused because the inbox was full. */
    public long rejected() {
        return rejected.get();
    }

    /** Asks {@link #run} to return after the current step; callable from any thread. */
    public void stop() {
        stopping = true;
        inbox.offer(() -> { });
    }

    public boolean isStopping() {
        return stopping;
    }

    /** How late the last events ran behind the wall clock. */
    public long lagNanos() {
        return lag;
    }

    public long maxLagNanos() {
        return maxLag;
    }

    /** Simulated time that corresponds to the wall clock now. */
    public long wallTime() {
        return clock.getAsLong() - origin;
    }

    /**
     * Runs the loop on the calling thread until {@link #stop()} is called or {@code limitNanos}
     * of simulated time have passed (0 = no limit). Simulated time starts where the simulation is.
     */
    public void run(long limitNanos) throws InterruptedException {
        origin = clock.getAsLong() - sim.now();
        long end = limitNanos > 0 ? sim.now() + limitNanos : Long.MAX_VALUE;
        while (!stopping) {
            long wall = Math.min(wallTime(), end);
            if (wall > sim.now()) {
                sim.runFor(wall - sim.now());
            }
            long after = wallTime();
            long behind = Math.max(0, after - wall);
            lag = behind;
            if (behind > maxLag) {
                maxLag = behind;
            }
            Runnable task;
            while ((task = inbox.poll()) != null) {
                task.run();
            }
            if (sim.now() >= end) {
                return;
            }
            long next = sim.nextEventTime();
            long wait = next == Long.MAX_VALUE ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, next - wallTime());
            wait = Math.min(wait, end - wallTime());
            if (wait > 0) {
                task = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (task != null) {
                    long w = Math.min(wallTime(), end);
                    if (w > sim.now()) {
                        sim.runFor(w - sim.now());
                    }
                    task.run();
                }
            }
        }
    }
}
