package org.aoelab.net;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a switch port (and the NIC on it) is set up: its payload MTU and its VLAN membership.
 *
 * <p>An access port belongs to one VLAN and carries its frames untagged. A trunk carries the
 * VLANs in {@code trunkVlans} with 802.1Q tags, and those of {@code nativeVlan} (if not 0)
 * untagged. Frames never cross from one VLAN to another: that is the security boundary of an
 * AoE SAN, since AoE does not route.
 *
 * @param mtu largest payload after the Ethernet header (and tag), 46 to 9000; 1500 by default
 * @param accessVlan the VLAN of an access port, 1 to 4094; 0 for a trunk
 * @param trunkVlans the tagged VLANs of a trunk, each 1 to 4094; empty for an access port
 * @param nativeVlan the untagged VLAN of a trunk, 1 to 4094, or 0 for none
 */
public record PortOptions(int mtu, int accessVlan, Set<Integer> trunkVlans, int nativeVlan) {
    public static final int DEFAULT_MTU = 1500;
    public static final int MIN_MTU = 46;
    public static final int MAX_MTU = 9000;
    /** An access port of VLAN 1 with a 1500-byte MTU, as an unconfigured switch has. */
    public static final PortOptions DEFAULT = new PortOptions(DEFAULT_MTU, 1, Set.of(), 0);

    public PortOptions {
        Limits.range("port MTU", mtu, MIN_MTU, MAX_MTU, " bytes");
        Limits.notNull("trunk VLANs", trunkVlans);
        TreeSet<Integer> vlans = new TreeSet<>();
        for (Integer v : trunkVlans) {
            Limits.notNull("trunk VLAN", v);
            vlans.add(Limits.range("trunk VLAN", v, 1, 4094, ""));
        }
        trunkVlans = Collections.unmodifiableSet(vlans);
        if (vlans.isEmpty()) {
            Limits.range("access VLAN", accessVlan, 1, 4094, "");
            if (nativeVlan != 0) {
                throw new IllegalArgumentException("native VLAN is " + nativeVlan + ", expected 0 on an access port (only trunks have one)");
            }
        } else {
            if (accessVlan != 0) {
                throw new IllegalArgumentException("access VLAN is " + accessVlan + ", expected 0 on a trunk (use the native VLAN)");
            }
            if (nativeVlan != 0) Limits.range("native VLAN", nativeVlan, 1, 4094, "");
        }
    }

    /** An access port of {@code vlan} (1 to 4094). */
    public static PortOptions access(int vlan) {
        return new PortOptions(DEFAULT_MTU, vlan, Set.of(), 0);
    }

    /** A trunk carrying {@code vlans} (each 1 to 4094, at least one) tagged, without a native VLAN. */
    public static PortOptions trunk(int... vlans) {
        if (vlans.length == 0) throw new IllegalArgumentException("trunk VLANs are missing, expected at least one of 1 to 4094");
        TreeSet<Integer> set = new TreeSet<>();
        for (int v : vlans) set.add(v);
        return new PortOptions(DEFAULT_MTU, 0, set, 0);
    }

    /** The same port with another MTU (46 to 9000; 9000 for jumbo frames). */
    public PortOptions withMtu(int bytes) {
        return new PortOptions(bytes, accessVlan, trunkVlans, nativeVlan);
    }

    /** This trunk with {@code vlan} (1 to 4094) carried untagged. */
    public PortOptions withNativeVlan(int vlan) {
        if (!isTrunk()) throw new IllegalArgumentException("native VLAN " + vlan + " given for an access port; only trunks have one");
        return new PortOptions(mtu, 0, trunkVlans, vlan);
    }

    public boolean isTrunk() {
        return !trunkVlans.isEmpty();
    }

    /** True when frames of {@code vlan} may leave or enter through this port. */
    public boolean carries(int vlan) {
        return isTrunk() ? vlan == nativeVlan && vlan != 0 || trunkVlans.contains(vlan) : vlan == accessVlan;
    }

    @Override
    public String toString() {
        String v = isTrunk() ? "trunk " + trunkVlans + (nativeVlan != 0 ? " native " + nativeVlan : "") : "access vlan " + accessVlan;
        return v + ", mtu " + mtu;
    }
}
