package org.aoelab.disk;

import java.util.Arrays;

/**
 * A small open-addressing map from non-negative long keys (chunk numbers) to values. An empty
 * map is a few dozen bytes, so a huge sparse disk costs nothing until written; there are no
 * boxed keys, and lookups are one multiply and a short probe.
 */
final class LongMap<V> {
    private static final long EMPTY = -1;

    private long[] keys;
    private Object[] values;
    private int size;
    private int shift;

    LongMap() {
        this(8);
    }

    LongMap(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(4, initialCapacity) - 1) << 1;
        allocate(cap);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Object[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private int slot(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == EMPTY) return null;
        }
    }

    /** Adds or replaces; {@code key} must be 0 or more. */
    void put(long key, V value) {
        if (key < 0) throw new IllegalArgumentException("key is " + key + ", expected 0 or more");
        if ((size + 1) * 4L > keys.length * 3L) grow();
        if (insert(key, value)) size++;
    }

    private boolean insert(long key, Object value) {
        int mask = keys.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return false;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                return true;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) insert(oldKeys[i], oldValues[i]);
        }
    }

    int size() {
        return size;
    }

    /** Bytes of heap the table itself takes (arrays and headers), not counting the values. */
    long tableBytes() {
        return 16 + 8L * keys.length + 16 + 4L * values.length + 16 + 32;
    }
}
