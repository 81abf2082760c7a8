package org.aoelab.gui.model;

/** Where a run stands. */
public enum PlayState {
    /** Built, not started, or stopped by the user. */
    PAUSED,
    /** Running in virtual time at the chosen speed. */
    RUNNING,
    /** Every workload finished, the duration passed, or nothing is left to happen. */
    FINISHED,
    /** A capture file being read. */
    LOADING,
    /** A capture file, fully read. */
    LOADED,
    /** Real hosts served in real time ({@code aoelab serve --gui}): nothing to run, pause or step. */
    LIVE
}
