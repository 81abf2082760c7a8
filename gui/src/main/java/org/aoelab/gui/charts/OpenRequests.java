package org.aoelab.gui.charts;

import java.util.Arrays;

/**
 * The requests waiting for an answer, by frame number, with their sender: an open-addressing hash
 * table of primitive longs and ints, so following 100,000 frames a second allocates nothing.
 */
final class OpenRequests {
    private static final long EMPTY = 0;
    private long[] keys = new long[1024];
    private int[] senders = new int[1024];
    private int size;

    int size() {
        return size;
    }

    void add(long seq, int sender) {
        if (seq == EMPTY) throw new IllegalArgumentException("frame number 0 is not a frame");
        if ((size + 1) * 2 > keys.length) grow();
        int i = slot(seq, keys);
        if (keys[i] == EMPTY) {
            keys[i] = seq;
            senders[i] = sender;
            size++;
        }
    }

    boolean remove(long seq) {
        int i = slot(seq, keys);
        if (keys[i] == EMPTY) return false;
        // backward-shift deletion keeps every probe chain unbroken
        int mask = keys.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) break;
            int home = hash(keys[j]) & mask;
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                keys[hole] = keys[j];
                senders[hole] = senders[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
        return true;
    }

    boolean contains(long seq) {
        return keys[slot(seq, keys)] != EMPTY;
    }

    /** Removes the oldest (lowest-numbered) request of {@code sender}; false when it has none. */
    boolean removeOldestOf(int sender) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && senders[i] == sender && keys[i] < best) best = keys[i];
        }
        return best != Long.MAX_VALUE && remove(best);
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSenders = senders;
        keys = new long[oldKeys.length * 2];
        senders = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int s = slot(oldKeys[i], keys);
                keys[s] = oldKeys[i];
                senders[s] = oldSenders[i];
            }
        }
    }

    private static int slot(long seq, long[] keys) {
        int mask = keys.length - 1;
        int i = hash(seq) & mask;
        while (keys[i] != EMPTY && keys[i] != seq) i = (i + 1) & mask;
        return i;
    }

    private static int hash(long seq) {
        long h = seq * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
