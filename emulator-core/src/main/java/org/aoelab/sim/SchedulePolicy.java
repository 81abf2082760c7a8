package org.aoelab.sim;

/**
 * How the scheduler orders events that fall at the same instant, and whether it shakes event
 * times a little. The default runs equal-time events in the order they were scheduled. For
 * exploring races (probabilistic concurrency testing), {@link #randomTies()} orders them by a
 * seeded random draw instead, and {@link #randomWithin(long)} also moves every event later by a
 * seeded random amount below the window, so events that were close can change places. Both draw
 * from the simulation's own stream named {@code "schedule"}: the same seed, the same order.
 */
public record SchedulePolicy(boolean shuffled, long windowNanos) {

    public static final SchedulePolicy IN_ORDER = new SchedulePolicy(false, 0);

    public SchedulePolicy {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("schedule window must be >= 0 ns, got " + windowNanos);
        }
        if (windowNanos > 0 && !shuffled) {
            throw new IllegalArgumentException("a schedule window needs random ties");
        }
    }

    public static SchedulePolicy randomTies() {
        return new SchedulePolicy(true, 0);
    }

    public static SchedulePolicy randomWithin(long windowNanos) {
        return new SchedulePolicy(true, windowNanos);
    }

    public boolean shuffles() {
        return shuffled;
    }

    @Override
    public String toString() {
        return !shuffled ? "in order" : windowNanos == 0 ? "random ties" : "random within " + windowNanos + " ns";
    }
}
