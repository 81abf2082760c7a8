package org.aoelab.tap;

import java.util.concurrent.BlockingQueue;

/**
 * A wall clock that moves only when told to, or when the driver waits on it: waiting for a
 * deadline with nothing in the inbox jumps straight to the deadline. A {@link RealTimeDriver}
 * on it runs exactly as on the system clock, only without the waiting, so tests of real-time
 * behaviour are deterministic. Meant for one driver thread.
 */
public final class ManualWallClock implements WallClock {
    private volatile long now;

    /** A clock reading {@code start} nanoseconds. */
    public ManualWallClock(long start) {
        this.now = start;
    }

    @Override
    public long nanos() {
        return now;
    }

    /** Moves the clock forward by {@code nanos} (0 or more), as if that much time passed in a busy event. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("advance is " + nanos + " ns, expected 0 or more");
        }
        now += nanos;
    }

    @Override
    public Runnable awaitTask(BlockingQueue<Runnable> inbox, long deadlineNanos) {
        Runnable task = inbox.poll();
        if (task != null) {
            return task;
        }
        if (deadlineNanos > now) {
            now = deadlineNanos;
        }
        return inbox.poll();
    }

    @Override
    public String toString() {
        return "manual clock at " + now + " ns";
    }
}
