package org.aoelab.net;

import java.util.BitSet;

import org.aoelab.sim.TraceBus;
import org.aoelab.trace.FrameEvent;
import org.aoelab.wire.Bytes;

/**
 * One port of a {@link VirtualSwitch}. A NIC's port is joined to its node by a {@link Link}; a
 * bare port ({@link VirtualSwitch#attach}) hands outgoing frames straight to a receiver and takes
 * incoming ones through {@link #inject}: that is how a TAP device joins the switch.
 */
public final class Port {
    private final VirtualSwitch owner;
    private final int index;
    private final String name;
    private final PortOptions options;
    final boolean trunk;
    final int accessVlan;
    final int nativeVlan;
    int mtu;
    /** The switch's last "to MAC, learned on PORT" cause for frames out of here, and its MAC (-1: none). */
    long causeMac = -1;
    String cause;
    private final BitSet tagged;
    Link link;
    Nic nic;
    private final FrameReceiver out;

    Port(VirtualSwitch owner, int index, String name, PortOptions options, FrameReceiver out) {
        this.owner = owner;
        this.index = index;
        this.name = name;
        this.options = options;
        this.trunk = options.isTrunk();
        this.accessVlan = options.accessVlan();
        this.nativeVlan = options.nativeVlan();
        this.mtu = options.mtu();
        if (trunk) {
            tagged = new BitSet(4096);
            for (int v : options.trunkVlans()) tagged.set(v);
        } else {
            tagged = null;
        }
        this.out = out;
    }

    /** The switch this port belongs to. */
    public VirtualSwitch owner() {
        return owner;
    }

    /** Position in the switch, from 0 in the order ports were added. */
    public int index() {
        return index;
    }

    /** {@code "sw/host-a"} for a NIC's port, {@code "sw/tap0"} for a bare one. */
    public String name() {
        return name;
    }

    public PortOptions options() {
        return options;
    }

    /** The link to the node, or null for a bare port. */
    public Link link() {
        return link;
    }

    /** The NIC at the other end of the link, or null for a bare port. */
    public Nic nic() {
        return nic;
    }

    /** The payload MTU the switch enforces on this port, at ingress and egress. */
    public int mtu() {
        return mtu;
    }

    /**
     * Changes the MTU the switch enforces on this port, now (46 to 9000 bytes; the GUI's link
     * controls use it). The NIC keeps the MTU it was connected with, so its node goes on sizing
     * frames as before: larger ones are dropped by the switch with an "mtu" cause, as on a real
     * network whose switch was reconfigured under a running host.
     */
    public void setMtu(int bytes) {
        mtu = Limits.range("port MTU", bytes, PortOptions.MIN_MTU, PortOptions.MAX_MTU, " bytes");
    }

    /** False while the port's link is down; bare ports are always up. */
    public boolean isUp() {
        return link == null || link.isUp();
    }

    /**
     * A frame from outside enters the switch through this bare port now (traced SENT here).
     * Frames too short or too long for the port are dropped and counted by the switch.
     *
     * @throws IllegalStateException when this port has a link (its node sends through its NIC)
     */
    public void inject(Bytes frame) {
        if (link != null) {
            throw new IllegalStateException("port " + name + " belongs to NIC " + nic.name() + "; only bare ports take injected frames");
        }
        Limits.notNull("frame", frame);
        long id = owner.sim().nextId();
        TraceBus bus = owner.sim().trace();
        if (bus.enabled()) bus.publish(new FrameEvent(owner.sim().now(), FrameEvent.Kind.SENT, name, id, 0, frame, null));
        owner.ingress(this, frame, id);
    }

    /** True when tagged frames of {@code vlan} pass this trunk. */
    boolean tags(int vlan) {
        return tagged != null && tagged.get(vlan);
    }

    /** Frames from the switch leave through this port now. */
    void transmit(Bytes frame, long id) {
        if (link != null) {
            link.fromSwitch.transmit(frame, id);
            return;
        }
        TraceBus bus = owner.sim().trace();
        if (bus.enabled()) bus.publish(new FrameEvent(owner.sim().now(), FrameEvent.Kind.DELIVERED, name, id, 0, frame, null));
        out.receive(frame);
    }

    @Override
    public String toString() {
        return "Port[" + name + ", " + options + (isUp() ? "" : ", down") + "]";
    }
}
