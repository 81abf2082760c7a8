package org.aoelab.net;

import java.util.Arrays;

import org.aoelab.sim.Alarm;
import org.aoelab.sim.Simulation;
import org.aoelab.wire.Bytes;

/**
 * Frames in flight on one link direction whose arrival times never decrease: a ring of
 * (arrival time, frame, id) with one reusable alarm for the head. A million frames in flight
 * cost three arrays, not a million scheduled events.
 */
final class Lane {
    interface Arrival {
        void arrive(Bytes frame, long id);
    }

    private final Simulation sim;
    private final Arrival target;
    private Alarm alarm;
    private static final long[] NO_LONGS = {};
    private static final Bytes[] NO_FRAMES = {};
    /** Rings larger than this are released when they empty. */
    private static final int SHRINK_ABOVE = 128;

    private long[] times = NO_LONGS;
    private long[] ids = NO_LONGS;
    private Bytes[] frames = NO_FRAMES;
    private int head;
    private int size;
    private long last = Long.MIN_VALUE;

    Lane(Simulation sim, Arrival target) {
        this.sim = sim;
        this.target = target;
    }

    /** Adds a frame arriving at {@code time}, or at the last arrival if that is later; returns the arrival time used. */
    long add(long time, Bytes frame, long id) {
        if (time < last) time = last;
        last = time;
        if (size == times.length) grow();
        int tail = (head + size) & (times.length - 1);
        times[tail] = time;
        ids[tail] = id;
        frames[tail] = frame;
        size++;
        if (size == 1) {
            if (alarm == null) alarm = sim.alarm(this::deliverHead);
            alarm.setAt(time);
        }
        return time;
    }

    int size() {
        return size;
    }

    /** Removes every frame in flight, handing each to {@code drop} in arrival order. */
    void clear(Arrival drop) {
        if (alarm != null) alarm.cancel();
        while (size > 0) {
            Bytes f = frames[head];
            long id = ids[head];
            frames[head] = null;
            head = (head + 1) & (times.length - 1);
            size--;
            drop.arrive(f, id);
        }
    }

    private void deliverHead() {
        int mask = times.length - 1;
        Bytes f = frames[head];
        long id = ids[head];
        frames[head] = null;
        head = (head + 1) & mask;
        size--;
        if (size > 0) {
            alarm.setAt(times[head]);
        } else if (times.length > SHRINK_ABOVE) {
            // A burst (a flood of announcements, say) has drained: give its memory back, so a
            // thousand idle targets do not each keep a ring sized for the worst moment.
            times = NO_LONGS;
            ids = NO_LONGS;
            frames = NO_FRAMES;
            head = 0;
        }
        target.arrive(f, id);
    }

    private void grow() {
        int n = times.length == 0 ? 4 : times.length * 2;
        long[] t = new long[n];
        long[] i = new long[n];
        Bytes[] f = new Bytes[n];
        for (int k = 0; k < size; k++) {
            int from = (head + k) & (times.length - 1);
            t[k] = times[from];
            i[k] = ids[from];
            f[k] = frames[from];
        }
        times = t;
        ids = i;
        frames = f;
        head = 0;
        Arrays.fill(frames, size, n, null);
    }
}
