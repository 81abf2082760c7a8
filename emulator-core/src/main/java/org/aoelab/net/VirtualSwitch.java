package org.aoelab.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.aoelab.sim.Simulation;
import org.aoelab.sim.Timer;
import org.aoelab.sim.TraceBus;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.EthernetFrame;
import org.aoelab.wire.MacAddress;

/**
 * A learning Ethernet switch with VLANs, in the simulation's event loop.
 *
 * <p>It learns each frame's source address per VLAN (entries age out after
 * {@link #ageingNanos()}, 300 s by default as in IEEE 802.1D; at most {@link #macTableLimit()}
 * addresses, 65,536 by default, after which new ones are flooded to rather than learned), forwards known unicast out of one
 * port, floods broadcast, multicast and unknown unicast out of every other port of the VLAN that is
 * up, and never sends a frame back out of the port it came in on. Frames whose payload exceeds the
 * ingress or egress port's MTU are dropped and counted. Access ports carry one VLAN untagged;
 * trunks carry 802.1Q-tagged VLANs and optionally a native one untagged; no frame crosses VLANs.
 * {@link #partition} cuts chosen ports off from each other until {@link #heal}.
 *
 * <p>Switching takes no time; delays belong to the links. Every decision is traced: FORWARDED,
 * FLOODED (one event per copy) or DROPPED with the cause.
 */
public final class VirtualSwitch {
    /** IEEE 802.1D's default ageing time, 300 s. */
    public static final long DEFAULT_AGEING_NANOS = 300_000_000_000L;

    private final Simulation sim;
    private final TraceBus bus;
    private final String name;
    private Port[] ports = new Port[8];
    private int portCount;
    private final Map<String, Port> portsByName = new HashMap<>();
    private final Map<String, Integer> nicsPerNode = new HashMap<>();
    private final MacTable macs = new MacTable();
    private long ageing = DEFAULT_AGEING_NANOS;
    private final List<BitSet[]> partitions = new ArrayList<>();

    private long received;
    private long forwarded;
    private long flooded;
    private long filtered;
    private long mtuDrops;
    private long vlanDrops;
    private long partitionDrops;
    private long runts;
    private long learned;
    private long notLearned;

    public VirtualSwitch(Simulation sim, String name) {
        this.sim = Limits.notNull("simulation", sim);
        this.bus = sim.trace();
        this.name = checkName("switch name", name);
    }

    /**
     * Connects a node's NIC to a new access port of VLAN 1 with a 1500-byte MTU.
     *
     * @see #connect(String, MacAddress, FrameReceiver, PortOptions)
     */
    public Nic connect(String node, MacAddress mac, FrameReceiver receiver) {
        return connect(node, mac, receiver, PortOptions.DEFAULT);
    }

    /**
     * Connects a node's NIC to a new port through a new link without impairments. The NIC is
     * named after the node ({@code "host-a"}, then {@code "host-a#2"} for its second NIC here),
     * the port {@code "<switch>/<nic>"} and the link {@code "<nic><-><switch>"}.
     *
     * @throws IllegalArgumentException for a missing or blank node name, a multicast MAC address,
     *     or a missing receiver or options
     */
    public Nic connect(String node, MacAddress mac, FrameReceiver receiver, PortOptions options) {
        checkName("node name", node);
        Limits.notNull("MAC address", mac);
        if (mac.isMulticast()) {
            throw new IllegalArgumentException("MAC address " + mac + " of " + node + " is a group address, expected a unicast one");
        }
        Limits.notNull("receiver", receiver);
        Limits.notNull("port options", options);
        int k = nicsPerNode.merge(node, 1, Integer::sum);
        String nicName = k == 1 ? node : node + "#" + k;
        String portName = name + "/" + nicName;
        if (portsByName.containsKey(portName)) {
            nicsPerNode.merge(node, -1, Integer::sum);
            throw new IllegalArgumentException("port name " + portName + " is taken by a bare port, choose another node name");
        }
        Port port = new Port(this, portCount, portName, options, null);
        Nic nic = new Nic(sim, node, nicName, mac, receiver, port);
        Link link = new Link(sim, nicName + "<->" + name, nicName, name, nic, port, this);
        port.link = link;
        port.nic = nic;
        nic.link = link;
        add(port);
        return nic;
    }

    /**
     * Adds a bare port named {@code "<switch>/<name>"}: frames the switch sends out of it go to
     * {@code out} at once (traced DELIVERED at the port); frames from outside come in through
     * {@link Port#inject}. For the TAP bridge.
     *
     * @throws IllegalArgumentException when the name is missing, blank or already taken
     */
    public Port attach(String name, FrameReceiver out, PortOptions options) {
        checkName("port name", name);
        Limits.notNull("receiver", out);
        Limits.notNull("port options", options);
        String portName = this.name + "/" + name;
        if (portsByName.containsKey(portName)) {
            throw new IllegalArgumentException("port name " + portName + " is already taken on switch " + this.name);
        }
        Port port = new Port(this, portCount, portName, options, out);
        add(port);
        return port;
    }

    private void add(Port port) {
        if (portCount == ports.length) ports = Arrays.copyOf(ports, portCount * 2);
        ports[portCount++] = port;
        portsByName.put(port.name(), port);
    }

    public String name() {
        return name;
    }

    Simulation sim() {
        return sim;
    }

    /** Every port, in the order added (a snapshot). */
    public List<Port> ports() {
        return List.of(Arrays.copyOf(ports, portCount));
    }

    /** The port called {@code name} (e.g. {@code "sw/host-a"}), if any. */
    public Optional<Port> port(String name) {
        return Optional.ofNullable(portsByName.get(name));
    }

    // ---- address table ----

    public long ageingNanos() {
        return ageing;
    }

    /** How long an address stays learned without frames from it: 1 ns to 1,000,000 s. */
    public void setAgeing(long nanos) {
        ageing = Limits.range("MAC ageing time", nanos, 1, 1_000_000_000_000_000L, " ns");
    }

    public int macTableLimit() {
        return macs.limit();
    }

    /**
     * The most addresses the table holds, 1 to 16,777,216. When it is full of live ones, a new
     * address is not learned (and counted in {@link SwitchStats#notLearned()}); frames to it are
     * flooded until room frees up as entries age.
     */
    public void setMacTableLimit(int entries) {
        macs.limit(Limits.range("MAC table size", entries, 1, 1 << 24, " entries"));
    }

    /** Where frames to {@code mac} in {@code vlan} go, if that address is learned and live. */
    public Optional<Port> lookup(int vlan, MacAddress mac) {
        Limits.range("VLAN", vlan, 1, 4094, "");
        int p = macs.lookup(MacTable.key(vlan, mac.value()), oldestLive());
        return p < 0 ? Optional.empty() : Optional.of(ports[p]);
    }

    /** The live entries, by VLAN then address. */
    public List<MacEntry> macTable() {
        List<MacEntry> out = new ArrayList<>();
        for (long[] e : macs.live(oldestLive())) {
            out.add(new MacEntry((int) e[0], MacAddress.of(e[1]), ports[(int) e[2]], e[3]));
        }
        return out;
    }

    /** Entries last seen before this have aged out. */
    private long oldestLive() {
        return sim.now() - ageing;
    }

    void portDown(Port port) {
        macs.forget(port.index());
    }

    // ---- partitions ----

    /**
     * From now on, frames between a port of {@code a} and a port of {@code b} are dropped (traced
     * with the cause). Ports in neither set are unaffected; partitions add up until {@link #heal}.
     *
     * @throws IllegalArgumentException when a set is empty, the sets overlap, or a port belongs to
     *     another switch
     */
    public void partition(Set<Port> a, Set<Port> b) {
        BitSet left = bits("a", a);
        BitSet right = bits("b", b);
        if (left.intersects(right)) {
            BitSet both = (BitSet) left.clone();
            both.and(right);
            throw new IllegalArgumentException("partition sides overlap: " + ports[both.nextSetBit(0)].name()
                    + " is in both, expected disjoint sets of ports");
        }
        partitions.add(new BitSet[] {left, right});
        if (bus.enabled()) bus.publish(new NoteEvent(sim.now(), name, "partition", names(left) + " | " + names(right)));
    }

    /** Partitions {@code a} from {@code b} at {@code timeNanos}; the timer is traced. */
    public Timer partitionAt(long timeNanos, Set<Port> a, Set<Port> b) {
        bits("a", a);
        bits("b", b);
        Set<Port> left = Set.copyOf(a);
        Set<Port> right = Set.copyOf(b);
        return sim.scheduleAt(timeNanos, name, "partition", () -> partition(left, right));
    }

    /** Removes every partition now. */
    public void heal() {
        if (partitions.isEmpty()) return;
        partitions.clear();
        if (bus.enabled()) bus.publish(new NoteEvent(sim.now(), name, "partition", "healed"));
    }

    /** Removes every partition at {@code timeNanos}; the timer is traced. */
    public Timer healAt(long timeNanos) {
        return sim.scheduleAt(timeNanos, name, "heal", this::heal);
    }

    /** True when frames between these two ports are currently dropped by a partition. */
    public boolean isPartitioned(Port a, Port b) {
        return !partitions.isEmpty() && partitioned(a.index(), b.index());
    }

    private boolean partitioned(int in, int out) {
        for (int i = 0, n = partitions.size(); i < n; i++) {
            BitSet[] p = partitions.get(i);
            if (p[0].get(in) && p[1].get(out) || p[1].get(in) && p[0].get(out)) return true;
        }
        return false;
    }

    private BitSet bits(String side, Set<Port> set) {
        Limits.notNull("partition side " + side, set);
        if (set.isEmpty()) throw new IllegalArgumentException("partition side " + side + " is empty, expected at least one port");
        BitSet out = new BitSet();
        for (Port p : set) {
            Limits.notNull("port in partition side " + side, p);
            if (p.owner() != this) {
                throw new IllegalArgumentException("port " + p.name() + " in partition side " + side + " belongs to switch "
                        + p.owner().name() + ", expected a port of " + name);
            }
            out.set(p.index());
        }
        return out;
    }

    private String names(BitSet set) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) j.add(ports[i].name());
        return j.toString();
    }

    // ---- switching ----

    /** A frame enters through {@code in} now. */
    void ingress(Port in, Bytes frame, long id) {
        received++;
        int len = frame.length();
        if (len < EthernetFrame.HEADER_LENGTH) {
            runts++;
            drop(in, id, frame, "runt: " + len + " bytes, shorter than the 14-byte Ethernet header");
            return;
        }
        int vlan;
        int pcp = 0;
        Bytes untagged = frame;
        if (frame.u16(12) == EthernetFrame.ETHERTYPE_VLAN) {
            if (len < EthernetFrame.HEADER_LENGTH + 4) {
                runts++;
                drop(in, id, frame, "runt: " + len + " bytes, too short for an 802.1Q tag");
                return;
            }
            int tci = frame.u16(14);
            int vid = tci & 0xFFF;
            pcp = tci >>> 13;
            if (!in.trunk) {
                if (vid != 0) {
                    vlanDrops++;
                    drop(in, id, frame, "vlan: frame tagged " + vid + " on access port of VLAN " + in.accessVlan);
                    return;
                }
                vlan = in.accessVlan;
            } else if (vid == 0 || vid == in.nativeVlan) {
                if (in.nativeVlan == 0) {
                    vlanDrops++;
                    drop(in, id, frame, "vlan: priority-tagged frame on a trunk without a native VLAN");
                    return;
                }
                vlan = in.nativeVlan;
            } else if (in.tags(vid)) {
                vlan = vid;
            } else {
                vlanDrops++;
                drop(in, id, frame, "vlan: VLAN " + vid + " is not carried by trunk " + in.name() + " " + in.options().trunkVlans());
                return;
            }
            untagged = untag(frame);
        } else if (!in.trunk) {
            vlan = in.accessVlan;
        } else if (in.nativeVlan != 0) {
            vlan = in.nativeVlan;
        } else {
            vlanDrops++;
            drop(in, id, frame, "vlan: untagged frame on trunk " + in.name() + " without a native VLAN");
            return;
        }
        int payload = untagged.length() - EthernetFrame.HEADER_LENGTH;
        if (payload > in.mtu) {
            mtuDrops++;
            drop(in, id, frame, "mtu: payload of " + payload + " bytes exceeds ingress port " + in.name() + "'s MTU " + in.mtu);
            return;
        }
        long dst = untagged.u48(0);
        long src = untagged.u48(6);
        long oldest = oldestLive();
        if ((src & 0x0100_0000_0000L) == 0) {
            int before = macs.learn(MacTable.key(vlan, src), in.index(), sim.now(), oldest);
            if (before == MacTable.FULL) {
                notLearned++;
                if (bus.enabled()) {
                    bus.publish(new NoteEvent(sim.now(), in.name(), "mac-table", MacAddress.of(src) + " vlan " + vlan
                            + " not learned: the table is full (" + macs.limit() + " addresses)"));
                }
            } else if (before != in.index()) {
                learned++;
                if (bus.enabled()) {
                    bus.publish(new NoteEvent(sim.now(), in.name(), "mac-table", MacAddress.of(src) + " vlan " + vlan
                            + (before < 0 ? " learned" : " moved from " + ports[before].name())));
                }
            }
        }
        if ((dst & 0x0100_0000_0000L) != 0) {
            flood(in, untagged, vlan, pcp, id, dst == MacAddress.BROADCAST.value() ? "broadcast" : "multicast");
            return;
        }
        int to = macs.lookup(MacTable.key(vlan, dst), oldest);
        if (to < 0) {
            flood(in, untagged, vlan, pcp, id, null);
            return;
        }
        Port out = ports[to];
        if (out == in) {
            filtered++;
            if (bus.enabled()) {
                drop(in, id, frame, "filtered: destination " + MacAddress.of(dst) + " is on the ingress port " + in.name());
            }
            return;
        }
        if (!partitions.isEmpty() && partitioned(in.index(), to)) {
            partitionDrops++;
            drop(in, id, frame, "partition: " + in.name() + " is cut off from " + out.name());
            return;
        }
        if (egress(out, untagged, vlan, pcp, id, 0, Kind.FORWARDED)) forwarded++;
    }

    private void flood(Port in, Bytes untagged, int vlan, int pcp, long id, String why) {
        Bytes tagged = null;
        boolean cut = !partitions.isEmpty();
        for (int i = 0; i < portCount; i++) {
            Port p = ports[i];
            if (p == in || !p.isUp()) continue;
            boolean untaggedOut = p.trunk ? vlan == p.nativeVlan : vlan == p.accessVlan;
            if (!untaggedOut && !p.tags(vlan)) continue;
            if (cut && partitioned(in.index(), i)) continue;
            long copy = sim.nextId();
            Bytes f;
            if (untaggedOut) {
                f = untagged;
            } else {
                if (tagged == null) tagged = tag(untagged, vlan, pcp);
                f = tagged;
            }
            if (egressChecked(p, untagged, f, copy, id, Kind.FLOODED, why)) flooded++;
        }
    }

    /** Sends a forwarded frame out of {@code out}, tagging it for a trunk. */
    private boolean egress(Port out, Bytes untagged, int vlan, int pcp, long id, long parent, Kind kind) {
        boolean untaggedOut = out.trunk ? vlan == out.nativeVlan : vlan == out.accessVlan;
        Bytes f = untaggedOut ? untagged : tag(untagged, vlan, pcp);
        return egressChecked(out, untagged, f, id, parent, kind, null);
    }

    private boolean egressChecked(Port out, Bytes untagged, Bytes f, long id, long parent, Kind kind, String why) {
        int payload = untagged.length() - EthernetFrame.HEADER_LENGTH;
        if (payload > out.mtu) {
            mtuDrops++;
            drop(out, id, f, "mtu: payload of " + payload + " bytes exceeds egress port " + out.name() + "'s MTU " + out.mtu);
            return false;
        }
        if (bus.enabled()) {
            String cause;
            if (kind == Kind.FORWARDED) {
                long d = untagged.u48(0);
                if (d != out.causeMac) { // a port mostly forwards to one node: build its words once
                    out.cause = "to " + MacAddress.of(d) + ", learned on " + out.name();
                    out.causeMac = d;
                }
                cause = out.cause;
            } else {
                cause = why != null ? why : "unknown unicast to " + MacAddress.of(untagged.u48(0));
            }
            bus.publish(new FrameEvent(sim.now(), kind, out.name(), id, parent, f, cause));
        }
        out.transmit(f, id);
        return true;
    }

    private void drop(Port at, long id, Bytes frame, String cause) {
        if (bus.enabled()) bus.publish(new FrameEvent(sim.now(), Kind.DROPPED, at.name(), id, 0, frame, cause));
    }

    private static Bytes untag(Bytes tagged) {
        byte[] out = new byte[tagged.length() - 4];
        tagged.copyTo(0, out, 0, 12);
        tagged.copyTo(16, out, 12, tagged.length() - 16);
        return Bytes.adopt(out);
    }

    private static Bytes tag(Bytes untagged, int vlan, int pcp) {
        byte[] out = new byte[untagged.length() + 4];
        untagged.copyTo(0, out, 0, 12);
        out[12] = (byte) (EthernetFrame.ETHERTYPE_VLAN >>> 8);
        out[13] = (byte) EthernetFrame.ETHERTYPE_VLAN;
        int tci = pcp << 13 | vlan;
        out[14] = (byte) (tci >>> 8);
        out[15] = (byte) tci;
        untagged.copyTo(12, out, 16, untagged.length() - 12);
        return Bytes.adopt(out);
    }

    // ---- status ----

    public SwitchStats stats() {
        return new SwitchStats(received, forwarded, flooded, filtered, mtuDrops, vlanDrops, partitionDrops, runts, learned,
                notLearned, macs.liveCount(oldestLive()));
    }

    @Override
    public String toString() {
        return "VirtualSwitch[" + name + ", " + portCount + " ports]";
    }

    private static String checkName(String what, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is missing");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " '" + value + "' contains a space or control character at "
                        + (i + 1) + ", expected a name without them");
            }
        }
        return value;
    }
}
