package org.aoelab.gui.model;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.lock.LockMonitor;
import org.aoelab.net.Link;
import org.aoelab.serve.ServeSession;
import org.aoelab.sim.Simulation;
import org.aoelab.tap.TapBridge;
import org.aoelab.target.AoeTarget;

/**
 * Feeds the window from a running {@code aoelab serve}: every frame crossing the virtual switch
 * (from and to the real hosts behind the TAP device), the lock contention of those hosts as the
 * {@link LockMonitor} sees it, the topology, and the clock.
 *
 * <p>The serve's loop runs in real time and must never wait for the window: its {@link TraceTap}
 * never waits, and when the window falls behind the wire, what does not fit in the ring is left
 * out of the view and counted (the hosts are served all the same). Everything here runs on the
 * loop thread, except the constructor (before the loop starts) and {@link #close}.
 */
public final class ServeFeed implements LiveSource {
    /** How often the clock, the lock report and the count of frames left out are refreshed. */
    public static final long REFRESH_NANOS = 100_000_000L;

    private final ServeSession session;
    private final UpdateRing ring;
    private final TraceTap tap;
    private final LockMonitor monitor;
    private final String tapNode;
    private volatile boolean closed;
    private long lastLockEvents = -1;
    private long reportedLeft;
    private boolean topologyOwed;

    /** Subscribes to the session's trace: call before the session runs. */
    public ServeFeed(ServeSession session, UpdateRing ring) {
        this.session = session;
        this.ring = ring;
        this.tapNode = session.bridge().nic().name();
        Simulation sim = session.network().simulation();
        ring.put(new Update.Reset("serve " + session.device().name() + " (live)", session.network().settings().seed(), false));
        tap = new TraceTap(ring, true);
        session.network().targets().values().forEach(t -> tap.knowNode(t.nic().mac(), t.nic().name()));
        monitor = new LockMonitor(60_000_000_000L, 600_000_000_000L);
        sim.trace().subscribe(tap);
        sim.trace().subscribe(monitor);
        ring.put(new Update.Topology(topology()));
        refresh();
    }

    /** The name of the node standing for the TAP device and the hosts behind it ({@code tap:NAME}). */
    public String tapNode() {
        return tapNode;
    }

    /** Updates left out because the window fell behind. */
    public long left() {
        return tap.left();
    }

    private void refresh() {
        if (closed) return;
        Simulation sim = session.network().simulation();
        if (topologyOwed) topologyOwed = !ring.offer(new Update.Topology(topology()));
        if (tap.lockEvents() != lastLockEvents && ring.offer(new Update.Locks(monitor.report(sim.now())))) {
            lastLockEvents = tap.lockEvents();
        }
        long left = tap.left();
        if (left != reportedLeft && ring.offer(new Update.Problem(String.format("the window fell behind the wire: %,d"
                + " updates left out of the view (the hosts are served all the same)", left)))) {
            reportedLeft = left;
        }
        ring.offer(new Update.Clock(sim.now(), sim.eventsRun(), sim.pending(), PlayState.LIVE));
        sim.schedule(REFRESH_NANOS, this::refresh);
    }

    List<NodeInfo> topology() {
        List<NodeInfo> out = new ArrayList<>();
        for (AoeTarget t : session.network().targets().values()) {
            out.add(new NodeInfo(t.nic().name(), NodeInfo.Kind.TARGET, "e" + t.config().shelf() + "." + t.config().slot() + " "
                    + t.config().profile(), t.nic().mac().toString(), LinkSettings.of(t.nic().link())));
        }
        TapBridge b = session.bridge();
        out.add(new NodeInfo(tapNode, NodeInfo.Kind.PORT, "TAP " + b.device().name() + ": real hosts", b.nic().mac().toString(),
                LinkSettings.of(b.link())));
        return out;
    }

    private Link link(String node) {
        if (node.equals(tapNode)) return session.bridge().link();
        for (AoeTarget t : session.network().targets().values()) {
            if (t.nic().name().equals(node)) return t.nic().link();
        }
        return null;
    }

    @Override
    public void setLink(String node, LinkSettings settings) {
        session.driver().post(() -> {
            Link link = link(node);
            if (link == null) {
                ring.offer(new Update.Problem("no node called '" + node + "'"));
                return;
            }
            settings.applyTo(link);
            topologyOwed = !ring.offer(new Update.Topology(topology()));
        });
    }

    @Override
    public void close() {
        closed = true;
        tap.stop();
    }
}
