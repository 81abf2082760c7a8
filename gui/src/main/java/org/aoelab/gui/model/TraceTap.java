package org.aoelab.gui.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.NoteEvent;
import org.aoelab.trace.TraceEvent;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * Listens to a simulation's trace on the simulation thread and turns it into {@link Update}s:
 * one {@link Update.Frame} per frame sent, then {@link Update.FateChange}s as its copies are
 * forwarded, dropped, duplicated or delivered.
 *
 * <p>A frame's copies (duplicates, flooded copies) are traced under new ids naming their parent;
 * the tap follows them back to the frame's row. It remembers the last {@value #TRACKED} frame
 * ids only (older frames have long since met their fate), so its memory is bounded too.
 */
public final class TraceTap implements Consumer<TraceEvent> {
    /** How many recent frame ids the tap can still attribute events to. */
    public static final int TRACKED = 1 << 16;

    private final UpdateRing ring;
    private final Map<Long, Long> rowById = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> e) {
            return size() > TRACKED;
        }
    };
    private final Map<Long, String> nodeByMac = new HashMap<>();
    private final Set<String> retransmitting = new HashSet<>();
    private long nextSeq = 1;
    private long framesSent;
    private long lockEvents;
    private final boolean neverWait;
    private volatile long left;
    private volatile boolean stopped;

    /** A tap that waits while the ring is full (a simulation in virtual time loses nothing by waiting). */
    public TraceTap(UpdateRing ring) {
        this(ring, false);
    }

    /**
     * @param neverWait true for a producer in real time: an update that does not fit in the ring is
     *                  left out and counted ({@link #left()}); a frame left out takes no row number,
     *                  and the later news of its fate, having no row, is left out too
     */
    public TraceTap(UpdateRing ring, boolean neverWait) {
        this.ring = ring;
        this.neverWait = neverWait;
    }

    /** Updates left out because the ring was full (only when the tap never waits). */
    public long left() {
        return left;
    }

    /** Names a node's MAC before it has sent anything, so frames to it show its name. */
    public void knowNode(MacAddress mac, String node) {
        nodeByMac.put(mac.value(), node);
    }

    /** Frames sent so far: the playback's "step to the next frame" watches it. */
    public long framesSent() {
        return framesSent;
    }

    /** Lock beliefs and lock frames seen so far: a change means the lock report is worth refreshing. */
    public long lockEvents() {
        return lockEvents;
    }

    /** Stops handing updates over (the session is closing). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void accept(TraceEvent e) {
        if (stopped) return;
        if (e instanceof FrameEvent f) {
            frame(f);
        } else if (e instanceof NoteEvent n) {
            note(n);
        }
    }

    private void frame(FrameEvent f) {
        switch (f.kind()) {
            case SENT -> sent(f);
            case DUPLICATED -> {
                Long row = rowById.get(f.parentId());
                if (row != null) {
                    rowById.put(f.frameId(), row);
                    put(new Update.FateChange(row, f.time(), Fate.DUPLICATED, f.cause(), null));
                }
            }
            case FLOODED -> {
                Long row = f.parentId() != 0 ? rowById.get(f.parentId()) : null;
                if (row != null) rowById.put(f.frameId(), row);
            }
            case DROPPED -> change(f, f.cause() != null && f.cause().startsWith("not for this NIC") ? Fate.FILTERED : Fate.DROPPED, null);
            case CORRUPTED -> change(f, Fate.CORRUPTED, null);
            case REORDERED -> change(f, Fate.REORDERED, null);
            case QUEUED -> change(f, Fate.QUEUED, null);
            case DELIVERED -> change(f, Fate.DELIVERED, f.place());
            case UNDECODABLE -> change(f, Fate.UNDECODABLE, null);
            default -> {
            }
        }
        Bytes b = f.frame();
        if (b.length() >= 20 && b.u16(12) == 0x88A2 && f.kind() == FrameEvent.Kind.SENT) {
            int cmd = b.u8(19);
            if (cmd == 1 || cmd == 3) lockEvents++;
        }
    }

    private void sent(FrameEvent f) {
        Bytes b = f.frame();
        long seq = nextSeq;
        framesSent++;
        String dst = "";
        int fate = 0;
        if (b.length() >= 12) {
            nodeByMac.putIfAbsent(b.u48(6), f.place());
            long d = b.u48(0);
            dst = d == MacAddress.BROADCAST.value() ? "broadcast" : nodeByMac.getOrDefault(d, MacAddress.of(d).toString());
        }
        if (b.length() >= 24 && b.u16(12) == 0x88A2) {
            int flags = b.u8(14);
            if ((flags & 0x04) != 0) fate |= Fate.ERROR;
            if ((flags & 0x08) == 0 && !retransmitting.isEmpty()
                    && retransmitting.remove(f.place() + "/" + String.format("%08x", b.u32(20)))) {
                fate |= Fate.RETRANSMISSION;
            }
        }
        long pair = 0;
        if (f.parentId() != 0) {
            Long req = rowById.get(f.parentId());
            if (req != null) pair = req;
        }
        if (put(new Update.Frame(seq, f.time(), f.place(), dst, b, fate, pair))) {
            nextSeq++; // row numbers stay dense: the frame store takes them in order
            rowById.put(f.frameId(), seq);
        }
    }

    private void change(FrameEvent f, int bits, String deliveredTo) {
        Long row = rowById.get(f.frameId());
        if (row != null) put(new Update.FateChange(row, f.time(), bits, f.cause(), deliveredTo));
    }

    private void note(NoteEvent n) {
        String topic = n.topic();
        if (topic.equals("retransmit")) {
            int at = n.text().indexOf("newtag=");
            if (at >= 0 && n.text().length() >= at + 15) {
                retransmitting.add(n.place() + "/" + n.text().substring(at + 7, at + 15));
            }
            put(new Update.Note(n));
        } else if (topic.startsWith("lock.")) {
            lockEvents++;
            put(new Update.Note(n));
        } else if (topic.equals("link") || topic.equals("device") || topic.equals("partition")) {
            put(new Update.Note(n));
        }
    }

    private boolean put(Update u) {
        if (stopped) return false;
        if (neverWait) {
            if (ring.offer(u)) return true;
            left++;
            return false;
        }
        if (ring.put(u)) return true;
        stopped = true;
        return false;
    }
}
