package org.aoelab.gui.model;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a {@link SimulationSession} runs its simulation on: every command and every
 * slice of a run goes through it in order, so the model stays single-threaded. Tests substitute
 * a manual implementation that runs tasks when told, with a clock they set.
 */
public interface SimThread {

    void execute(Runnable task);

    /** Runs {@code task} after {@code delayNanos} of wall time (pacing a run at a chosen speed). */
    void schedule(Runnable task, long delayNanos);

    /** Wall time for pacing, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    void shutdown();

    /** A daemon thread named {@code aoelab-simulation}. */
    static SimThread daemon() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "aoelab-simulation");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        return new SimThread() {
            @Override
            public void execute(Runnable task) {
                if (!ex.isShutdown()) ex.execute(task);
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                if (!ex.isShutdown()) ex.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void shutdown() {
                ex.shutdownNow();
            }
        };
    }
}
