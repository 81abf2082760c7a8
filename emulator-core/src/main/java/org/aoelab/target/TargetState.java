package org.aoelab.target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * What initiators can change on a target: the config string (at most 1024 bytes, section 3.2),
 * the Mac Mask List (3.3) and the reserve list (3.4). Read by anybody; changed only by the
 * target's engine. Lists keep the order in which MACs were added.
 */
public final class TargetState {
    private static final long[] NONE = new long[0];

    private Bytes config;
    private long[] mask = NONE;
    private int maskSize;
    private long[] reserve = NONE;

    TargetState(Bytes config, List<MacAddress> mask) {
        this.config = config;
        for (MacAddress m : mask) addMask(m.value());
    }

    /** The config string. */
    public Bytes configString() {
        return config;
    }

    /** The Mac Mask List; empty means everybody may use the target. */
    public List<MacAddress> maskList() {
        return toList(mask, maskSize);
    }

    /** The reserve list; empty means not reserved. */
    public List<MacAddress> reserveList() {
        return toList(reserve, reserve.length);
    }

    public boolean isMasked() {
        return maskSize != 0;
    }

    public boolean isReserved() {
        return reserve.length != 0;
    }

    /** Whether {@code mac} is on the mask list. */
    public boolean maskContains(long mac) {
        return indexOf(mask, maskSize, mac) >= 0;
    }

    /** Whether {@code mac} is on the reserve list. */
    public boolean reserveContains(long mac) {
        return indexOf(reserve, reserve.length, mac) >= 0;
    }

    int maskSize() {
        return maskSize;
    }

    void setConfig(Bytes config) {
        this.config = config;
    }

    /** Adds {@code mac} unless present; true when the list changed. */
    boolean addMask(long mac) {
        if (indexOf(mask, maskSize, mac) >= 0) return false;
        if (maskSize == mask.length) mask = Arrays.copyOf(mask, Math.max(4, maskSize * 2));
        mask[maskSize++] = mac;
        return true;
    }

    /** Removes {@code mac} if present; true when the list changed. */
    boolean deleteMask(long mac) {
        int i = indexOf(mask, maskSize, mac);
        if (i < 0) return false;
        System.arraycopy(mask, i + 1, mask, i, maskSize - i - 1);
        maskSize--;
        if (maskSize == 0) mask = NONE;
        return true;
    }

    /** Replaces the reserve list; true when it changed. */
    boolean setReserve(List<MacAddress> macs) {
        long[] next = macs.isEmpty() ? NONE : new long[macs.size()];
        for (int i = 0; i < next.length; i++) next[i] = macs.get(i).value();
        boolean changed = !Arrays.equals(next, reserve);
        reserve = next;
        return changed;
    }

    private static int indexOf(long[] a, int n, long v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) return i;
        }
        return -1;
    }

    private static List<MacAddress> toList(long[] a, int n) {
        if (n == 0) return List.of();
        List<MacAddress> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(MacAddress.of(a[i]));
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "TargetState[config=" + config + " mask=" + maskList() + " reserve=" + reserveList() + "]";
    }
}
