package org.aoelab.sim;

/**
 * A reusable timer: set, moved and cancelled any number of times without allocating. Components
 * with one recurring deadline (a link's next delivery, a retransmission timer) hold one alarm
 * instead of scheduling a new timer for every frame.
 *
 * <p>Made by {@link Simulation#alarm}. Setting a pending alarm moves it; at equal times, alarms
 * and timers run in the order they were (last) set.
 */
public final class Alarm extends ScheduledEvent {
    private final Runnable action;

    Alarm(Simulation sim, Runnable action) {
        super(sim);
        this.action = action;
    }

    /**
     * Sets the alarm to go off at {@code timeNanos}, moving it if it was pending.
     *
     * @throws IllegalArgumentException when {@code timeNanos} is before {@link Simulation#now()}
     */
    public void setAt(long timeNanos) {
        sim.reschedule(this, timeNanos);
    }

    /**
     * Sets the alarm to go off {@code delayNanos} from now, moving it if it was pending.
     *
     * @throws IllegalArgumentException when {@code delayNanos} is negative
     */
    public void setAfter(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay is " + delayNanos + " ns, expected 0 or more");
        }
        sim.reschedule(this, Simulation.saturatedAdd(sim.now(), delayNanos));
    }

    @Override
    void fire() {
        action.run();
    }

    @Override
    public String toString() {
        return "Alarm[" + (isPending() ? "at " + time : "not pending") + "]";
    }
}
