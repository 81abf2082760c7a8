package org.aoelab.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A switch's address table keyed by (VLAN, MAC) packed into one long, with open addressing and
 * linear probing: no allocation per frame. Entries age lazily: an entry older than the ageing time
 * counts as absent and is overwritten when the address is seen again.
 *
 * <p>It holds at most {@code limit} entries, as a hardware switch's table does. When a new address
 * would pass that, aged entries are cleared out first; if every entry is still live the address
 * is not learned ({@link #FULL}) and frames to it are flooded, which is what a flood of made-up
 * source addresses gets from a real switch too. So no stream of frames makes the table grow
 * without bound.
 */
final class MacTable {
    /** Most entries by default: 65,536, room for every node of the largest scenarios many times over. */
    static final int DEFAULT_LIMIT = 1 << 16;
    /** What {@link #learn} returns when the table is full of live entries and the address was not learned. */
    static final int FULL = -2;

    private static final long FREE = -1;
    private long[] keys = {};
    private int[] ports = {};
    private long[] seen = {};
    private int used;
    private int limit = DEFAULT_LIMIT;
    private long minSeen = Long.MAX_VALUE; // no entry was last seen before this: nothing older can have aged
    private int rebuilds;

    int limit() {
        return limit;
    }

    /** Sets the most entries; entries beyond a lower limit stay until they age out. */
    void limit(int entries) {
        if (entries < 1) throw new IllegalArgumentException("MAC table limit is " + entries + ", expected at least 1");
        limit = entries;
    }

    /** Times the table was rehashed (grown or cleared of aged entries), for the tests. */
    int rebuilds() {
        return rebuilds;
    }

    /** Entries held, live or aged but not yet cleared out. */
    int used() {
        return used;
    }

    static long key(int vlan, long mac) {
        return (long) vlan << 48 | mac;
    }

    /** The port of a live entry, or -1. */
    int lookup(long key, long oldestLive) {
        if (used == 0) return -1;
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return seen[i] >= oldestLive ? ports[i] : -1;
            if (k == FREE) return -1;
        }
    }

    /**
     * Records that {@code key} was seen on {@code port} at {@code now}.
     *
     * @return the port it was live on before (-1 when it was absent or aged out)
     */
    int learn(long key, int port, long now, long oldestLive) {
        if (used > 0) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); keys[i] != FREE; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    int before = seen[i] >= oldestLive ? ports[i] : -1;
                    ports[i] = port;
                    seen[i] = now;
                    return before;
                }
            }
        }
        if (used >= limit) {
            // clear out aged entries, but only when one can have aged since the last time: a
            // flood of new addresses into a table of live ones must not cost a sweep per frame
            if (minSeen < oldestLive) rebuild(keys.length, oldestLive);
            if (used >= limit) return FULL;
        }
        if ((used + 1) * 2 > keys.length) rebuild(keys.length == 0 ? 16 : keys.length * 2, oldestLive);
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != FREE) i = (i + 1) & mask;
        keys[i] = key;
        ports[i] = port;
        seen[i] = now;
        used++;
        minSeen = Math.min(minSeen, now);
        return -1;
    }

    /** Ages out every entry pointing to {@code port} (its link went down). */
    void forget(int port) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE && ports[i] == port) {
                seen[i] = Long.MIN_VALUE;
                minSeen = Long.MIN_VALUE;
            }
        }
    }

    /** Live entries as (vlan, mac, port, lastSeen), sorted by VLAN then MAC. */
    List<long[]> live(long oldestLive) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE && seen[i] >= oldestLive) {
                out.add(new long[] {keys[i] >>> 48, keys[i] & 0xFFFF_FFFF_FFFFL, ports[i], seen[i]});
            }
        }
        out.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return out;
    }

    int liveCount(long oldestLive) {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE && seen[i] >= oldestLive) n++;
        }
        return n;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Rehashes into {@code n} slots, leaving out entries last seen before {@code oldestLive}. */
    private void rebuild(int n, long oldestLive) {
        long[] oldKeys = keys;
        int[] oldPorts = ports;
        long[] oldSeen = seen;
        keys = new long[n];
        java.util.Arrays.fill(keys, FREE);
        ports = new int[n];
        seen = new long[n];
        used = 0;
        minSeen = Long.MAX_VALUE;
        rebuilds++;
        int mask = n - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == FREE || oldSeen[j] < oldestLive) continue;
            int i = slot(oldKeys[j], mask);
            while (keys[i] != FREE) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            ports[i] = oldPorts[j];
            seen[i] = oldSeen[j];
            used++;
            minSeen = Math.min(minSeen, oldSeen[j]);
        }
    }
}
