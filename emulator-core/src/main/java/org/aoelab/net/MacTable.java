package org.aoelab.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A switch's address table keyed by (VLAN, MAC) packed into one long, with open addressing and
 * linear probing: no allocation per frame. Entries age lazily: an entry older than the ageing time
 * counts as absent and is overwritten when the address is seen again.
 */
final class MacTable {
    private static final long FREE = -1;
    private long[] keys = {};
    private int[] ports = {};
    private long[] seen = {};
    private int used;

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
        if ((used + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                int before = seen[i] >= oldestLive ? ports[i] : -1;
                ports[i] = port;
                seen[i] = now;
                return before;
            }
            if (k == FREE) {
                keys[i] = key;
                ports[i] = port;
                seen[i] = now;
                used++;
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Ages out every entry pointing to {@code port} (its link went down). */
    void forget(int port) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE && ports[i] == port) seen[i] = Long.MIN_VALUE;
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

    private void grow() {
        int n = keys.length == 0 ? 16 : keys.length * 2;
        long[] oldKeys = keys;
        int[] oldPorts = ports;
        long[] oldSeen = seen;
        keys = new long[n];
        java.util.Arrays.fill(keys, FREE);
        ports = new int[n];
        seen = new long[n];
        int mask = n - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == FREE) continue;
            int i = slot(oldKeys[j], mask);
            while (keys[i] != FREE) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            ports[i] = oldPorts[j];
            seen[i] = oldSeen[j];
        }
    }
}
