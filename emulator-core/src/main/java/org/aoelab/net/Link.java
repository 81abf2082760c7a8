package org.aoelab.net;

import org.aoelab.sim.Simulation;
import org.aoelab.sim.Timer;
import org.aoelab.trace.NoteEvent;

/**
 * The cable between a {@link Nic} and its switch {@link Port}, with independent
 * {@link Impairments} in each direction. Taking it down loses every frame queued or in flight
 * on it, and the switch forgets the addresses it had learned on the port.
 */
public final class Link {
    private final Simulation sim;
    private final String name;
    private final Nic nic;
    private final Port port;
    final Direction toSwitch;
    final Direction fromSwitch;
    private boolean up = true;

    Link(Simulation sim, String name, String nicName, String switchName, Nic nic, Port port, VirtualSwitch sw) {
        this.sim = sim;
        this.name = name;
        this.nic = nic;
        this.port = port;
        String streams = "link/" + name + "/";
        this.toSwitch = new Direction(sim, this, nicName + "->" + switchName, streams + "to-switch/",
                (frame, id) -> sw.ingress(port, frame, id));
        this.fromSwitch = new Direction(sim, this, switchName + "->" + nicName, streams + "from-switch/", nic::arrive);
    }

    /** {@code "host-a<->sw"}. */
    public String name() {
        return name;
    }

    /** Impairments of frames from the node to the switch (traced at {@code "host-a->sw"}). */
    public Impairments toSwitch() {
        return toSwitch.config;
    }

    /** Impairments of frames from the switch to the node (traced at {@code "sw->host-a"}). */
    public Impairments fromSwitch() {
        return fromSwitch.config;
    }

    /** Sets both directions' impairments to {@code settings}' (the same object may be passed twice). */
    public void setBoth(Impairments settings) {
        if (settings != toSwitch.config) toSwitch.config.copyFrom(settings);
        if (settings != fromSwitch.config) fromSwitch.config.copyFrom(settings);
    }

    /** Puts the link up or down now; going down drops what is queued or in flight. */
    public void setUp(boolean up) {
        if (this.up == up) return;
        this.up = up;
        if (!up) {
            toSwitch.linkDown();
            fromSwitch.linkDown();
            port.owner().portDown(port);
        }
        if (sim.trace().enabled()) sim.trace().publish(new NoteEvent(sim.now(), name, "link", up ? "up" : "down"));
    }

    /** Puts the link up or down at {@code timeNanos} (not before now); the timer is traced. */
    public Timer setUpAt(long timeNanos, boolean up) {
        return sim.scheduleAt(timeNanos, name, up ? "link up" : "link down", () -> setUp(up));
    }

    public boolean isUp() {
        return up;
    }

    public Nic nic() {
        return nic;
    }

    public Port port() {
        return port;
    }

    public LinkStats stats() {
        return new LinkStats(toSwitch.stats(), fromSwitch.stats());
    }

    @Override
    public String toString() {
        return "Link[" + name + (up ? "" : ", down") + ", to switch: " + toSwitch.config + ", from switch: "
                + fromSwitch.config + "]";
    }
}
