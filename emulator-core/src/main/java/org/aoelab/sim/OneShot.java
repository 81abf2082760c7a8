package org.aoelab.sim;

import org.aoelab.trace.TimerEvent;

/** A timer from {@link Simulation#schedule}: runs once, optionally traced when it fires. */
final class OneShot extends ScheduledEvent {
    private final Runnable action;
    private final String place;
    private final String what;

    OneShot(Simulation sim, Runnable action, String place, String what) {
        super(sim);
        this.action = action;
        this.place = place;
        this.what = what;
    }

    @Override
    void fire() {
        if (what != null && sim.trace().enabled()) {
            sim.trace().publish(new TimerEvent(time, place, what));
        }
        action.run();
    }

    @Override
    public String toString() {
        return "Timer[" + (what == null ? "" : place + ": " + what + ", ") + "at " + time
                + (isPending() ? "" : ", not pending") + "]";
    }
}
