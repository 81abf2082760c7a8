package org.aoelab.sim;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The event loop: a virtual clock in nanoseconds, a scheduler ordered by (time, scheduling
 * sequence), named random streams from one seed, and the trace bus.
 *
 * <p>Everything in the model (switch, links, targets, initiators) is a state machine reacting to
 * events run here, one at a time, on the caller's thread. Nothing in it reads the wall clock,
 * sleeps or starts threads, so the same seed and inputs give the same run, event for event.
 * Events at equal times run in the order they were scheduled. The scheduler is a binary heap;
 * scheduling and cancelling are O(log n).
 *
 * <p>Not thread-safe: a real-time driver calls it from one thread and posts outside input into
 * it (see tap-bridge).
 */
public final class Simulation {
    private final long seed;
    private final RandomStreams randoms;
    private final TraceBus trace = new TraceBus();

    private ScheduledEvent[] heap = new ScheduledEvent[64];
    private int size;
    private long sequence;
    private long now;
    private long nextId = 1;
    private long eventsRun;
    private boolean running;
    private final SchedulePolicy policy;
    private final org.apache.commons.math3.random.RandomGenerator order;

    public Simulation(long seed) {
        this(seed, SchedulePolicy.IN_ORDER);
    }

    /** A simulation whose scheduler follows {@code policy} (see {@link SchedulePolicy}). */
    public Simulation(long seed, SchedulePolicy policy) {
        this.seed = seed;
        this.randoms = new RandomStreams(seed);
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
        this.order = policy.shuffles() ? randoms.stream("schedule") : null;
    }

    public SchedulePolicy policy() {
        return policy;
    }

    public long seed() {
        return seed;
    }

    /** Virtual nanoseconds since the start; 0 for every new simulation. */
    public long now() {
        return now;
    }

    public RandomStreams randoms() {
        return randoms;
    }

    public TraceBus trace() {
        return trace;
    }

    /** A fresh positive number, unique within this simulation: frame identities in the trace. */
    public long nextId() {
        return nextId++;
    }

    /**
     * Runs {@code action} {@code delayNanos} from now.
     *
     * @throws IllegalArgumentException when {@code delayNanos} is negative
     */
    public Timer schedule(long delayNanos, Runnable action) {
        checkDelay(delayNanos);
        return scheduleAt(saturatedAdd(now, delayNanos), action);
    }

    /**
     * Runs {@code action} at {@code timeNanos}.
     *
     * @throws IllegalArgumentException when {@code timeNanos} is before {@link #now()}
     */
    public Timer scheduleAt(long timeNanos, Runnable action) {
        return add(new OneShot(this, checkAction(action), null, null), timeNanos);
    }

    /**
     * Runs {@code action} {@code delayNanos} from now and, when it fires, publishes a
     * {@link org.aoelab.trace.TimerEvent} saying {@code what} happened at {@code place}
     * (for example {@code "host-a"}, {@code "retransmit tag 7"}).
     */
    public Timer schedule(long delayNanos, String place, String what, Runnable action) {
        checkDelay(delayNanos);
        return scheduleAt(saturatedAdd(now, delayNanos), place, what, action);
    }

    /** As {@link #schedule(long, String, String, Runnable)}, at an absolute time. */
    public Timer scheduleAt(long timeNanos, String place, String what, Runnable action) {
        if (place == null || what == null) throw new IllegalArgumentException("timer place and description are required");
        return add(new OneShot(this, checkAction(action), place, what), timeNanos);
    }

    /** A reusable timer that runs {@code action} whenever it goes off; it starts unset. */
    public Alarm alarm(Runnable action) {
        return new Alarm(this, checkAction(action));
    }

    /**
     * Runs the earliest pending event, moving the clock to its time.
     *
     * @return false when nothing was pending
     * @throws IllegalStateException when called from inside an event
     */
    public boolean step() {
        enter();
        try {
            if (size == 0) return false;
            runFirst();
        } finally {
            running = false;
        }
        return true;
    }

    /**
     * Runs events until none is pending or {@code maxEvents} have run.
     *
     * @return how many events ran
     */
    public long runUntilIdle(long maxEvents) {
        if (maxEvents < 0) throw new IllegalArgumentException("maxEvents is " + maxEvents + ", expected 0 or more");
        enter();
        long n = 0;
        try {
            while (n < maxEvents && size > 0) {
                runFirst();
                n++;
            }
        } finally {
            running = false;
        }
        return n;
    }

    /**
     * Runs every event due up to and including {@code now() + nanos}; the clock ends there even if
     * the last event was earlier.
     */
    public void runFor(long nanos) {
        checkDelay(nanos);
        long end = saturatedAdd(now, nanos);
        enter();
        try {
            while (size > 0 && heap[0].time <= end) runFirst();
        } finally {
            running = false;
        }
        now = end;
    }

    /**
     * Runs events until {@code condition} holds or the clock would pass {@code now() + limitNanos}.
     * The condition is checked before the first event and after every event. When the limit is
     * reached first, the clock ends at the limit.
     *
     * @return true when the condition held within the limit
     */
    public boolean runUntil(BooleanSupplier condition, long limitNanos) {
        if (condition == null) throw new IllegalArgumentException("condition is missing");
        checkDelay(limitNanos);
        long end = saturatedAdd(now, limitNanos);
        enter();
        try {
            while (true) {
                if (condition.getAsBoolean()) return true;
                if (size == 0 || heap[0].time > end) break;
                runFirst();
            }
        } finally {
            running = false;
        }
        now = end;
        return condition.getAsBoolean();
    }

    /** The time of the earliest pending event, or {@link Long#MAX_VALUE} when idle. */
    public long nextEventTime() {
        return size == 0 ? Long.MAX_VALUE : heap[0].time;
    }

    /** How many events are pending. */
    public int pending() {
        return size;
    }

    /** How many events have run since the start. */
    public long eventsRun() {
        return eventsRun;
    }

    @Override
    public String toString() {
        return "Simulation[seed " + seed + ", now " + now + " ns, " + size + " pending, " + eventsRun + " run]";
    }

    // ---- scheduler ----

    private void enter() {
        if (running) throw new IllegalStateException("the simulation is already running an event; schedule instead of running from inside one");
        running = true;
    }

    private void runFirst() {
        ScheduledEvent e = heap[0];
        removeAt(0);
        now = e.time;
        eventsRun++;
        e.fire();
    }

    private ScheduledEvent add(ScheduledEvent e, long time) {
        if (time < now && order != null) {
            time = now; // shaken events ran late; what was planned for their past runs now
        }
        if (time < now) {
            throw new IllegalArgumentException("time is " + time + " ns, expected now (" + now + " ns) or later");
        }
        if (order == null) {
            e.time = time;
            e.sequence = sequence++;
        } else {
            long shake = policy.windowNanos() == 0 ? 0 : (long) (order.nextDouble() * policy.windowNanos());
            e.time = saturatedAdd(time, shake);
            e.sequence = order.nextLong();
        }
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        e.index = size;
        heap[size++] = e;
        siftUp(e.index);
        return e;
    }

    void reschedule(ScheduledEvent e, long time) {
        if (time < now && order != null) {
            time = now;
        }
        if (time < now) {
            throw new IllegalArgumentException("time is " + time + " ns, expected now (" + now + " ns) or later");
        }
        if (e.index >= 0) removeAt(e.index);
        add(e, time);
    }

    void remove(ScheduledEvent e) {
        removeAt(e.index);
    }

    private void removeAt(int i) {
        ScheduledEvent gone = heap[i];
        gone.index = -1;
        int last = --size;
        if (i == last) {
            heap[last] = null;
            return;
        }
        ScheduledEvent moved = heap[last];
        heap[last] = null;
        heap[i] = moved;
        moved.index = i;
        if (i > 0 && moved.before(heap[(i - 1) >>> 1])) {
            siftUp(i);
        } else {
            siftDown(i);
        }
    }

    private void siftUp(int i) {
        ScheduledEvent e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledEvent p = heap[parent];
            if (!e.before(p)) break;
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        ScheduledEvent e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            ScheduledEvent c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(e)) break;
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }

    private static void checkDelay(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("delay is " + nanos + " ns, expected 0 or more");
    }

    private static Runnable checkAction(Runnable action) {
        if (action == null) throw new IllegalArgumentException("action is missing");
        return action;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
