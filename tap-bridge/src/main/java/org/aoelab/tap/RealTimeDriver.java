package org.aoelab.tap;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.aoelab.sim.Simulation;

/**
 * Runs a {@link Simulation} against a {@link WallClock}: each event at its time, so a 2 ms link
 * delay is 2 ms on the wire (ns-3's real-time simulator; STYLE.md 4). The model stays
 * single-threaded: other threads (the TAP reader, a status line, Ctrl-C, a command line waiting
 * for an answer) hand work in through one bounded, thread-safe inbox, and the driver runs each
 * task inside the loop with the simulated clock brought up to the wall clock first.
 *
 * <p>Simulated time {@code t} happens at wall time {@code origin + t}, where the origin is
 * fixed when {@link #run} starts. An event never runs before its wall time; when the host is
 * busy it runs late, and {@link #lagNanos()} says how late the last batch of events started
 * ({@link #maxLagNanos()}: the worst so far). The driver then carries on: nothing is skipped, and
 * later events are not shifted.
 *
 * <p>The inbox is bounded: when it is full, {@link #post} refuses the task and counts it
 * ({@link #shed()}), so a flood from outside cannot exhaust memory.
 */
public final class RealTimeDriver {

    /** Longest wait, without a waiter, before the loop looks at its stop flag again. */
    private static final long MAX_PARK_NANOS = 50_000_000L;
    private static final Runnable WAKE_UP = () -> { };

    private final Simulation sim;
    private final WallClock clock;
    private final BlockingQueue<Runnable> inbox;
    private final int capacity;
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong tasksRun = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean running;
    private volatile long lag;
    private volatile long maxLag;
    private volatile long origin;
    private volatile Thread loopThread;
    private volatile Waiter waiter;
    private volatile boolean parked;

    /**
     * What the loop waits on instead of its inbox alone, when it reads its input itself (a TAP
     * device read by the loop thread, with no reader thread in between): {@link TapBridge#startInline}.
     */
    public interface Waiter {
        /** The deadline of a wait with no event due: it ends with input or {@link #wake} only. */
        long NO_DEADLINE = Long.MAX_VALUE;

        /**
         * Waits until the wall clock reads {@code deadlineNanos} ({@link #NO_DEADLINE}: no event is
         * due), until input arrives, or until {@link #wake}; input taken is handed to the loop with
         * {@link RealTimeDriver#post} (from the loop thread: it runs right after).
         */
        void await(long deadlineNanos) throws InterruptedException;

        /** Ends a pending {@link #await} soon; from any thread. */
        void wake();
    }

    /** A driver on the system clock with an inbox of {@code inboxCapacity} tasks. */
    public RealTimeDriver(Simulation sim, int inboxCapacity) {
        this(sim, inboxCapacity, WallClock.system());
    }

    /**
     * A driver on {@code clock}.
     *
     * @throws IllegalArgumentException when the simulation or clock is missing, or the capacity is below 1
     */
    public RealTimeDriver(Simulation sim, int inboxCapacity, WallClock clock) {
        if (sim == null) throw new IllegalArgumentException("simulation is missing");
        if (clock == null) throw new IllegalArgumentException("wall clock is missing");
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inbox capacity is " + inboxCapacity + ", expected 1 or more tasks");
        }
        this.sim = sim;
        this.clock = clock;
        this.capacity = inboxCapacity;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
    }

    public Simulation simulation() {
        return sim;
    }

    public WallClock clock() {
        return clock;
    }

    /** How many tasks the inbox holds at most. */
    public int inboxCapacity() {
        return capacity;
    }

    /** Tasks waiting in the inbox now. */
    public int inboxSize() {
        return inbox.size();
    }

    /**
     * Hands a task to the loop, from any thread; it runs inside the loop, in posting order.
     *
     * @return false, counting it in {@link #shed()}, when the inbox is full
     */
    public boolean post(Runnable task) {
        if (task == null) throw new IllegalArgumentException("task is missing");
        if (inbox.offer(task)) {
            Waiter w = waiter;
            // The loop itself posts what its waiter read, and looks at the inbox right after: no wake-up.
            if (w != null && parked && Thread.currentThread() != loopThread) {
                w.wake();
            }
            return true;
        }
        shed.incrementAndGet();
        return false;
    }

    /**
     * Runs {@code operation} inside the loop and returns a future that completes when the
     * operation hands its result to the callback it is given (from inside the loop, at once or
     * from a later event). For a caller outside the loop that waits for an answer, such as a
     * command line: {@code driver.call(cb -> device.read(0, 512, cb)).get(5, SECONDS)}.
     * When the inbox is full the future fails at once with a {@link RejectedExecutionException}.
     */
    public <T> CompletableFuture<T> call(Consumer<Consumer<T>> operation) {
        if (operation == null) throw new IllegalArgumentException("operation is missing");
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = post(() -> {
            try {
                operation.accept(result::complete);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            result.completeExceptionally(new RejectedExecutionException("the real-time driver's inbox is full ("
                    + capacity + " tasks)"));
        }
        return result;
    }

    /**
     * Makes the loop wait on {@code w} instead of on its inbox alone (null: the inbox again). Set
     * before {@link #run}.
     */
    public void useWaiter(Waiter w) {
        if (running) throw new IllegalStateException("set the waiter before the loop runs");
        waiter = w;
    }

    /** Tasks refused because the inbox was full. */
    public long shed() {
        return shed.get();
    }

    /** Tasks run so far. */
    public long tasksRun() {
        return tasksRun.get();
    }

    /** Asks {@link #run} to return after the current event or task; callable from any thread. */
    public void stop() {
        stopping = true;
        inbox.offer(WAKE_UP);
        Waiter w = waiter;
        if (w != null) {
            w.wake();
        }
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Whether {@link #run} is running now. */
    public boolean isRunning() {
        return running;
    }

    /** Whether the calling thread is the one running the loop (tasks and events run there). */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** How late the last batch of events started behind its wall time. */
    public long lagNanos() {
        return lag;
    }

    /** The worst lag so far. */
    public long maxLagNanos() {
        return maxLag;
    }

    /** Simulated time that corresponds to the wall clock now (meaningful once {@link #run} has started). */
    public long wallTime() {
        return clock.nanos() - origin;
    }

    /** The wall-clock reading at simulated time 0. */
    public long originNanos() {
        return origin;
    }

    /**
     * Runs the loop on the calling thread until {@link #stop()} is called or {@code limitNanos}
     * of simulated time have passed (0 = no limit). Simulated time continues from where the
     * simulation is; the wall clock's present becomes that time. An exception thrown by an
     * event or a task ends the loop and is thrown here.
     *
     * @throws IllegalStateException when the loop is already running
     */
    public void run(long limitNanos) throws InterruptedException {
        if (limitNanos < 0) throw new IllegalArgumentException("limit is " + limitNanos + " ns, expected 0 (none) or more");
        synchronized (this) {
            if (running) throw new IllegalStateException("the real-time driver is already running");
            running = true;
        }
        loopThread = Thread.currentThread();
        try {
            origin = clock.nanos() - sim.now();
            long end = limitNanos > 0 ? saturatedAdd(sim.now(), limitNanos) : Long.MAX_VALUE;
            while (!stopping) {
                advance(end);
                Runnable task;
                while (!stopping && (task = inbox.poll()) != null) {
                    advance(end);
                    runTask(task);
                }
                if (stopping || sim.now() >= end) {
                    return;
                }
                long next = Math.min(sim.nextEventTime(), end);
                Waiter w = waiter;
                if (w != null) {
                    parked = true;
                    try {
                        if (inbox.isEmpty() && !stopping) {
                            // Nothing due: no deadline, as stop() and post() wake the waiter anyway.
                            // What it takes in is in the inbox when it returns.
                            w.await(next == Long.MAX_VALUE ? Waiter.NO_DEADLINE : saturatedAdd(origin, next));
                        }
                    } finally {
                        parked = false;
                    }
                    continue;
                }
                long wake = Math.min(next, saturatedAdd(wallTime(), MAX_PARK_NANOS));
                task = clock.awaitTask(inbox, saturatedAdd(origin, wake));
                if (task != null) {
                    advance(end);
                    runTask(task);
                }
            }
        } finally {
            loopThread = null;
            running = false;
        }
    }

    private void runTask(Runnable task) {
        if (task != WAKE_UP) {
            tasksRun.incrementAndGet();
            task.run();
        }
    }

    /** Runs every event due by the wall clock (at most until {@code end}) and brings the simulated clock there. */
    private void advance(long end) {
        long wall = Math.min(wallTime(), end);
        if (wall < sim.now()) {
            return;
        }
        long first = sim.nextEventTime();
        if (first > wall && wall == sim.now()) {
            return;
        }
        if (first <= wall) {
            long late = wall - first;
            lag = late;
            if (late > maxLag) {
                maxLag = late;
            }
        }
        sim.runFor(wall - sim.now());
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return "RealTimeDriver[" + clock + ", inbox " + inbox.size() + "/" + capacity + ", lag " + lag + " ns, max "
                + maxLag + " ns, shed " + shed.get() + "]";
    }
}
