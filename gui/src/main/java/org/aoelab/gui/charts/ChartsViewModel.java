package org.aoelab.gui.charts;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.Update;

/**
 * Throughput, outstanding requests and retransmissions over virtual time, each a bounded
 * {@link TimeSeries}. Throughput counts the bytes of frames delivered (of frames seen, for a
 * capture file); a request is outstanding from when it is sent until it is answered or, once
 * lost, until its initiator retransmits.
 */
public final class ChartsViewModel implements LabViewModel.UpdateListener {
    public static final int BUCKETS = 400;
    public static final long FIRST_BUCKET_NANOS = 100_000; // 0.1 ms

    private final TimeSeries throughput = new TimeSeries(TimeSeries.Kind.SUM, BUCKETS, FIRST_BUCKET_NANOS);
    private final TimeSeries outstanding = new TimeSeries(TimeSeries.Kind.MAX, BUCKETS, FIRST_BUCKET_NANOS);
    private final TimeSeries retransmissions = new TimeSeries(TimeSeries.Kind.SUM, BUCKETS, FIRST_BUCKET_NANOS);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);

    /** Requests waiting for an answer, with their senders (numbered in {@link #senderIds}). */
    private final OpenRequests open = new OpenRequests();
    private final Map<String, Integer> senderIds = new HashMap<>();
    /** Lengths of recent frames by number (fates arrive soon after the frame), without boxing. */
    private final long[] recentSeq = new long[1 << 16];
    private final int[] recentLength = new int[1 << 16];
    private long origin = -1;
    private long count;
    private boolean dirty;

    public TimeSeries throughput() {
        return throughput;
    }

    public TimeSeries outstanding() {
        return outstanding;
    }

    public TimeSeries retransmissions() {
        return retransmissions;
    }

    /** Goes up when the charts have new data. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Requests outstanding now. */
    public int outstandingNow() {
        return open.size();
    }

    @Override
    public void update(Update u) {
        if (u instanceof Update.Frame f) {
            if (origin < 0) origin = f.time();
            long t = f.time() - origin;
            if ((f.fate() & Fate.CAPTURED) != 0) throughput.add(t, f.frame().length());
            if (isRequest(f)) {
                Integer sender = senderIds.get(f.source());
                if (sender == null) {
                    sender = senderIds.size();
                    senderIds.put(f.source(), sender);
                }
                if ((f.fate() & Fate.RETRANSMISSION) != 0) {
                    retransmissions.add(t, 1);
                    // the retransmission replaces the oldest request of its sender still unanswered
                    open.removeOldestOf(sender);
                }
                open.add(f.seq(), sender);
                trim();
            } else if (f.pairSeq() != 0) {
                open.remove(f.pairSeq());
            }
            int slot = (int) (f.seq() & (recentSeq.length - 1));
            recentSeq[slot] = f.seq();
            recentLength[slot] = f.frame().length();
            outstanding.add(t, open.size());
            count++;
            dirty = true;
        } else if (u instanceof Update.FateChange c && (c.bits() & Fate.DELIVERED) != 0) {
            if (origin < 0) origin = c.time();
            int slot = (int) (c.seq() & (recentSeq.length - 1));
            if (recentSeq[slot] == c.seq()) {
                throughput.add(c.time() - origin, recentLength[slot]);
                dirty = true;
            }
        }
    }

    private static boolean isRequest(Update.Frame f) {
        var b = f.frame();
        return b.length() >= 24 && b.u16(12) == 0x88A2 && (b.u8(14) & 0x08) == 0 && b.u16(16) != 0xFFFF;
    }

    private void trim() {
        if (open.size() > 100_000) { // a capture with no answers at all: stop tracking the oldest
            open.clear();
        }
    }

    @Override
    public void reset() {
        throughput.clear();
        outstanding.clear();
        retransmissions.clear();
        senderIds.clear();
        open.clear();
        java.util.Arrays.fill(recentSeq, 0);
        origin = -1;
        count = 0;
        dirty = true;
    }

    @Override
    public void flush() {
        if (dirty) {
            dirty = false;
            revision.set(revision.get() + 1);
        }
    }
}
