package org.aoelab.trace;

/**
 * A labelled timer fired (see {@code Simulation.schedule(delay, place, what, action)}).
 *
 * @param time when, in virtual nanoseconds
 * @param place the node or component that owns the timer
 * @param what what the timer was for, e.g. {@code "retransmit tag 7"}
 */
public record TimerEvent(long time, String place, String what) implements TraceEvent {
    public TimerEvent {
        if (place == null || what == null) throw new IllegalArgumentException("timer event place and description are required");
    }
}
