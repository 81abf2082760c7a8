package org.aoelab.sim;

/** A scheduled action that has not run yet, or has run, or was cancelled. */
public interface Timer {
    /**
     * Stops the action from running.
     *
     * @return true when it was pending and now will not run; false when it had already run or
     *     been cancelled
     */
    boolean cancel();

    /** True while the action is waiting to run. */
    boolean isPending();

    /** The virtual time, in nanoseconds, the action was (last) scheduled for. */
    long time();
}
