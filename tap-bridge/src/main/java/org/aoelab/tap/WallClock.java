package org.aoelab.tap;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The wall clock a {@link RealTimeDriver} runs against, and how it waits. {@link #system()} is
 * the one place in AoE Lab that reads {@link System#nanoTime()} (STYLE.md 4);
 * {@link ManualWallClock} stands in for it where a test wants time to move only when the driver
 * waits.
 */
public interface WallClock {

    /** Monotonic nanoseconds; only differences mean anything. */
    long nanos();

    /**
     * Waits until {@code deadlineNanos} (on this clock) or until a task is in {@code inbox},
     * whichever comes first.
     *
     * @return the task taken from the inbox, or null when the deadline came first
     */
    Runnable awaitTask(BlockingQueue<Runnable> inbox, long deadlineNanos) throws InterruptedException;

    /**
     * How long before a deadline a waiter should stop sleeping and spin on this clock instead
     * (0: never spin). Other waits, such as {@link TapBridge#startInline}'s, follow it too.
     */
    default long spinNanos() {
        return 0;
    }

    /** The system's monotonic clock, spinning through the last {@link #DEFAULT_SPIN_NANOS} of each wait. */
    static WallClock system() {
        return new SystemWallClock(DEFAULT_SPIN_NANOS);
    }

    /**
     * The system's monotonic clock. A timed wait in the kernel wakes up to some tens of
     * microseconds late (timer slack, scheduling), so the last {@code spinNanos} before a
     * deadline are spent polling the inbox in a loop: a 2 ms delay then lasts 2 ms, not 2.06.
     *
     * @param spinNanos 0 (never spin) to 10 ms, or {@link #SPIN_ALWAYS}
     */
    static WallClock system(long spinNanos) {
        return new SystemWallClock(spinNanos);
    }

    /**
     * Spin time meaning "never sleep": the waiter polls for the whole wait (busy polling). It
     * costs a whole CPU, and buys what sleeping cannot: a CPU that never goes idle is never late to
     * wake up, which on a virtual machine can take milliseconds.
     */
    long SPIN_ALWAYS = Long.MAX_VALUE;

    /** Spin time of {@link #system()}: 150 µs, beyond the usual 50 µs timer slack plus a wake-up. */
    long DEFAULT_SPIN_NANOS = 150_000L;

    /** {@link System#nanoTime()} with a sleep-then-spin wait. */
    final class SystemWallClock implements WallClock {
        private final long spin;

        SystemWallClock(long spinNanos) {
            if (spinNanos < 0 || spinNanos > 10_000_000L && spinNanos != SPIN_ALWAYS) {
                throw new IllegalArgumentException("spin time is " + spinNanos + " ns, expected 0 to 10,000,000 ns (10 ms)"
                        + " or always");
            }
            this.spin = spinNanos;
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public long spinNanos() {
            return spin;
        }

        @Override
        public Runnable awaitTask(BlockingQueue<Runnable> inbox, long deadlineNanos) throws InterruptedException {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining > spin) {
                Runnable task = inbox.poll(remaining - spin, TimeUnit.NANOSECONDS);
                if (task != null) {
                    return task;
                }
            }
            while (System.nanoTime() - deadlineNanos < 0) {
                Runnable task = inbox.poll();
                if (task != null) {
                    return task;
                }
                Thread.onSpinWait();
            }
            return inbox.poll();
        }

        @Override
        public String toString() {
            return "system clock (spin " + spin / 1000 + " us)";
        }
    }
}
