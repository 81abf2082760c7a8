package org.aoelab.net;

import org.aoelab.sim.Simulation;
import org.aoelab.sim.TraceBus;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.EthernetFrame;
import org.aoelab.wire.MacAddress;

/**
 * A node's network interface, joined to one switch port by a {@link Link}. Made by
 * {@link VirtualSwitch#connect}.
 *
 * <p>Like a real NIC it ignores unicast frames for other addresses (a switch floods unknown
 * unicast), unless set promiscuous; those are traced as DROPPED with the cause.
 */
public final class Nic {
    private final Simulation sim;
    private final TraceBus bus;
    private final String node;
    private final String name;
    private final MacAddress mac;
    private final long macValue;
    private final FrameReceiver receiver;
    private final Port port;
    Link link;
    private boolean promiscuous;
    private long sent;
    private long received;
    private long filtered;
    private long undecodable;
    private long currentId;
    private Bytes currentFrame;

    Nic(Simulation sim, String node, String name, MacAddress mac, FrameReceiver receiver, Port port) {
        this.sim = sim;
        this.bus = sim.trace();
        this.node = node;
        this.name = name;
        this.mac = mac;
        this.macValue = mac.value();
        this.receiver = receiver;
        this.port = port;
    }

    /**
     * Puts a frame on the wire now: destination, source, EtherType, payload, already padded; an
     * 802.1Q tag when the port is a trunk. Traced SENT here.
     *
     * @throws IllegalArgumentException when the frame is shorter than an Ethernet header or its
     *     payload exceeds this NIC's MTU
     */
    public void send(Bytes frame) {
        send(frame, 0);
    }

    /**
     * As {@link #send(Bytes)}, naming the frame this one answers (its id, for ladder diagrams).
     *
     * @return the new frame's id in the trace
     */
    public long send(Bytes frame, long parentId) {
        Limits.notNull("frame", frame);
        int len = frame.length();
        if (len < EthernetFrame.HEADER_LENGTH) {
            throw new IllegalArgumentException("frame is " + len + " bytes, expected at least 14 (the Ethernet header)");
        }
        int header = EthernetFrame.HEADER_LENGTH;
        if (frame.u16(12) == EthernetFrame.ETHERTYPE_VLAN) header += 4;
        if (len - header > port.options().mtu()) {
            throw new IllegalArgumentException("frame payload is " + (len - header) + " bytes, NIC " + name
                    + " has MTU " + port.options().mtu() + " (expected at most that)");
        }
        long id = sim.nextId();
        sent++;
        if (bus.enabled()) bus.publish(new FrameEvent(sim.now(), Kind.SENT, name, id, parentId, frame, null));
        link.toSwitch.transmit(frame, id);
        return id;
    }

    /** A frame arrives from the link. */
    void arrive(Bytes frame, long id) {
        if (!promiscuous) {
            long dst = frame.u48(0);
            if (dst != macValue && (dst & 0x0100_0000_0000L) == 0) {
                filtered++;
                if (bus.enabled()) {
                    bus.publish(new FrameEvent(sim.now(), Kind.DROPPED, name, id, 0, frame,
                            "not for this NIC: destination " + MacAddress.of(dst) + ", NIC is " + mac));
                }
                return;
            }
        }
        received++;
        if (bus.enabled()) bus.publish(new FrameEvent(sim.now(), Kind.DELIVERED, name, id, 0, frame, null));
        long outerId = currentId;
        Bytes outerFrame = currentFrame;
        currentId = id;
        currentFrame = frame;
        try {
            receiver.receive(frame);
        } finally {
            currentId = outerId;
            currentFrame = outerFrame;
        }
    }

    /**
     * The node reports that a delivered frame did not decode (for example after corruption).
     * Counted here and on the link, and traced UNDECODABLE with the reason.
     */
    public void undecodable(Bytes frame, String reason) {
        Limits.notNull("frame", frame);
        undecodable++;
        link.fromSwitch.undecodable++;
        long id = frame == currentFrame ? currentId : 0;
        if (bus.enabled()) bus.publish(new FrameEvent(sim.now(), Kind.UNDECODABLE, name, id, 0, frame, reason));
    }

    /** The trace id of the frame being received, while {@link FrameReceiver#receive} runs; 0 otherwise. */
    public long currentFrameId() {
        return currentId;
    }

    public MacAddress mac() {
        return mac;
    }

    /** Payload MTU: 1500 by default, up to 9000 for jumbo frames (the port's as connected). */
    public int mtu() {
        return port.options().mtu();
    }

    public Link link() {
        return link;
    }

    public Port port() {
        return port;
    }

    /** The node this NIC belongs to. */
    public String node() {
        return node;
    }

    /** The node's name, with {@code #2}, {@code #3}... for its further NICs on the same switch. */
    public String name() {
        return name;
    }

    public boolean isPromiscuous() {
        return promiscuous;
    }

    /** When on, unicast frames for other addresses are delivered too. */
    public void setPromiscuous(boolean on) {
        promiscuous = on;
    }

    public NicStats stats() {
        return new NicStats(sent, received, filtered, undecodable);
    }

    @Override
    public String toString() {
        return "Nic[" + name + " " + mac + " on " + port.name() + "]";
    }
}
