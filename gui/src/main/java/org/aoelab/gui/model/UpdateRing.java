package org.aoelab.gui.model;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over from the simulation thread (or a capture reader) to the FX thread.
 *
 * <p>Policy: at most {@code capacity} updates wait here. A producer that finds the ring full
 * waits until the FX thread has taken some ({@link #put}): the simulation runs in virtual time,
 * so waiting costs nothing but speed, loses no frame and changes no result, while the FX thread
 * never waits for anybody ({@link #drainTo} takes what is there, up to a limit per pulse). A
 * producer in real time ({@code aoelab serve --gui}) cannot wait without falling behind the
 * wire, so it uses {@link #offer} and leaves out what does not fit (see {@link TraceTap}). Memory
 * is bounded by the ring here and by the {@link FrameStore}'s retention policy behind it.
 */
public final class UpdateRing {
    /**
     * The default capacity: about 160 ms of a 100,000 frames/s stream with its fate updates, ten
     * pulses' worth. Small on purpose: whatever waits here is garbage the collector must copy.
     */
    public static final int DEFAULT_CAPACITY = 1 << 15;

    private final ArrayBlockingQueue<Update> queue;
    private final int capacity;
    private volatile long producerWaits;

    public UpdateRing(int capacity) {
        if (capacity < 16) {
            throw new IllegalArgumentException("update ring capacity is " + capacity + ", expected at least 16");
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Adds an update, waiting while the ring is full.
     *
     * @return false when interrupted while waiting (the update is not added; the producer should stop)
     */
    public boolean put(Update u) {
        if (queue.offer(u)) return true;
        producerWaits++;
        try {
            while (!queue.offer(u, 100, TimeUnit.MILLISECONDS)) {
                if (Thread.currentThread().isInterrupted()) return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Adds an update if there is room, without waiting: for producers that must not be held up
     * (a real-time loop serving real hosts), which count what did not fit instead.
     */
    public boolean offer(Update u) {
        return queue.offer(u);
    }

    /** Moves at most {@code max} waiting updates to {@code into}, without waiting; returns how many. */
    public int drainTo(Collection<? super Update> into, int max) {
        return queue.drainTo(into, max);
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Times a producer found the ring full and had to wait. */
    public long producerWaits() {
        return producerWaits;
    }

    public void clear() {
        queue.clear();
    }
}
