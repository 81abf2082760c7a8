package org.aoelab.gui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A {@link SimThread} for tests: tasks run when the test says, and wall time moves when the test moves it. */
public final class ManualSimThread implements SimThread {
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final List<long[]> delayedAt = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private long now;
    private boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (!shutdown) ready.add(task);
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        if (shutdown) return;
        delayedAt.add(new long[] {now + delayNanos});
        delayed.add(task);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** Runs ready tasks (and those they add) until none is ready; returns how many ran. */
    public int runReady() {
        int n = 0;
        while (!ready.isEmpty()) {
            ready.poll().run();
            n++;
        }
        return n;
    }

    /** Moves wall time on by {@code nanos}, making delayed tasks due, and runs what is ready. */
    public int advance(long nanos) {
        now += nanos;
        for (int i = 0; i < delayed.size(); ) {
            if (delayedAt.get(i)[0] <= now) {
                ready.add(delayed.remove(i));
                delayedAt.remove(i);
            } else {
                i++;
            }
        }
        return runReady();
    }

    /** Runs ready and delayed tasks, moving time as needed, until nothing is left or {@code maxRounds} rounds. */
    public void runAll(int maxRounds) {
        for (int r = 0; r < maxRounds && (!ready.isEmpty() || !delayed.isEmpty()); r++) {
            runReady();
            if (!delayed.isEmpty()) {
                long next = Long.MAX_VALUE;
                for (long[] at : delayedAt) next = Math.min(next, at[0]);
                advance(Math.max(0, next - now));
            }
        }
    }

    public int delayedCount() {
        return delayed.size();
    }
}
