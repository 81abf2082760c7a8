package org.aoelab.sim;

/**
 * One entry of the scheduler's heap. It remembers its heap slot, so cancelling is a removal in
 * O(log n) rather than a tombstone left for later.
 */
abstract class ScheduledEvent implements Timer {
    final Simulation sim;
    long time;
    long sequence;
    int index = -1;

    ScheduledEvent(Simulation sim) {
        this.sim = sim;
    }

    /** Runs the action; the event is already off the heap and the clock already at its time. */
    abstract void fire();

    @Override
    public boolean cancel() {
        if (index < 0) return false;
        sim.remove(this);
        return true;
    }

    @Override
    public boolean isPending() {
        return index >= 0;
    }

    @Override
    public long time() {
        return time;
    }

    final boolean before(ScheduledEvent o) {
        return time < o.time || time == o.time && sequence < o.sequence;
    }
}
