package org.aoelab.lock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.NoteEvent;
import org.aoelab.trace.TraceEvent;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.FrameSummary;
import org.aoelab.wire.MalformedFrameException;
import org.aoelab.wire.ReserveArg;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Watches the trace for lock beliefs ({@link LockClient} notes) and for the targets' own
 * answers, and checks three properties per target (DESIGN.md, "Config-string locking"):
 * <ul>
 *   <li>mutual exclusion: never two initiators believing they hold it at once;</li>
 *   <li>no orphan: the target never holds a string (or a reservation) that nobody believes
 *       they hold, for longer than a bound;</li>
 *   <li>progress: no initiator waits longer than a bound without acquiring.</li>
 * </ul>
 * What the target holds is learnt from the answers it sends (every Query Config answer
 * carries the current string, every Reserve/Release answer the current list), so the monitor
 * needs nothing from inside the target. A violation names the time, the initiators and the
 * lock frames that led to it.
 */
public final class LockMonitor implements Consumer<TraceEvent> {

    /** How many recent lock frames per target a violation quotes. */
    private static final int RECENT = 16;

    private final long orphanBoundNanos;
    private final long progressBoundNanos;
    private final Map<String, TargetState> targets = new TreeMap<>();
    private final Map<Integer, TargetState> byAddress = new java.util.HashMap<>();
    private final Map<Long, String> macs = new java.util.HashMap<>();
    private long lastTime;
    private int violationsFound; // a bit per LockReport.Property seen

    /**
     * @param orphanBoundNanos   longest time a target may hold a string nobody believes in
     * @param progressBoundNanos longest time an initiator may wait before it acquires
     */
    public LockMonitor(long orphanBoundNanos, long progressBoundNanos) {
        if (orphanBoundNanos <= 0 || progressBoundNanos <= 0) {
            throw new IllegalArgumentException("lock monitor bounds must be > 0 ns, got orphan " + orphanBoundNanos
                    + " and progress " + progressBoundNanos);
        }
        this.orphanBoundNanos = orphanBoundNanos;
        this.progressBoundNanos = progressBoundNanos;
    }

    @Override
    public void accept(TraceEvent e) {
        lastTime = Math.max(lastTime, e.time());
        if (e instanceof NoteEvent n && n.topic().startsWith("lock.")) {
            belief(n);
        } else if (e instanceof FrameEvent f) {
            frame(f);
        }
    }

    private TargetState target(String name) {
        return targets.computeIfAbsent(name, TargetState::new);
    }

    private void belief(NoteEvent n) {
        String device = n.text().split(" ", 2)[0];
        TargetState t = target(device);
        String who = n.place();
        long now = n.time();
        switch (n.topic()) {
            case LockClient.TOPIC_ATTEMPT -> {
                t.attempts++;
                t.waitingSince.putIfAbsent(who, now);
                t.busy.add(who);
                checkOrphan(t, now);
            }
            case LockClient.TOPIC_CONFLICT -> {
                t.conflicts++;
                t.busy.remove(who);
                checkOrphan(t, now);
            }
            case LockClient.TOPIC_RELEASED -> {
                t.busy.remove(who);
                checkOrphan(t, now);
            }
            case LockClient.TOPIC_HOLD -> {
                Long since = t.waitingSince.remove(who);
                if (since != null) {
                    t.latency.addValue(now - since);
                }
                if (!t.believers.isEmpty() && !t.believers.containsKey(who)) {
                    List<String> who2 = new ArrayList<>(t.believers.keySet());
                    who2.add(who);
                    violationsFound |= 1 << LockReport.Property.MUTUAL_EXCLUSION.ordinal();
                    t.violations.add(new LockReport.Violation(LockReport.Property.MUTUAL_EXCLUSION, now, who2,
                            List.copyOf(t.recent), who + " believes it holds " + device + " while "
                            + String.join(", ", t.believers.keySet()) + " still believe(s) so too"));
                }
                t.busy.remove(who);
                t.believers.put(who, now);
                t.timeline.add(new LockReport.Holding(who, now, -1));
                checkOrphan(t, now);
            }
            case LockClient.TOPIC_RELEASE -> {
                t.busy.add(who); // releasing: its frames may still be on their way
                Long from = t.believers.remove(who);
                if (from != null) {
                    t.holdTimes.addValue(now - from);
                    for (int i = t.timeline.size() - 1; i >= 0; i--) {
                        LockReport.Holding h = t.timeline.get(i);
                        if (h.initiator().equals(who) && h.until() < 0) {
                            t.timeline.set(i, new LockReport.Holding(who, h.from(), now));
                            break;
                        }
                    }
                }
                checkOrphan(t, now);
            }
            default -> {
            }
        }
    }

    private void frame(FrameEvent f) {
        Bytes b = f.frame();
        if (b == null || b.length() < 24 || b.u16(12) != 0x88A2) {
            return;
        }
        int cmd = b.u8(19);
        if (cmd != 1 && cmd != 3) {
            return; // only lock commands are of interest; skip decoding data frames
        }
        if (f.kind() == FrameEvent.Kind.SENT && (b.u8(14) & 0x08) == 0) {
            macs.putIfAbsent(b.u48(6), f.place()); // requests come from initiators: learn who has which MAC
        }
        int major = b.u16(16);
        int minor = b.u8(18);
        if (major == 0xFFFF || minor == 0xFF) {
            return; // discovery broadcasts
        }
        TargetState t = byAddress.get(major << 8 | minor);
        if (t == null) {
            t = target("e" + major + "." + minor);
            byAddress.put(major << 8 | minor, t);
        }
        switch (f.kind()) {
            case SENT, DROPPED, DUPLICATED, CORRUPTED, REORDERED -> t.remember(f);
            default -> {
            }
        }
        int verFlags = b.u8(14);
        if (f.kind() != FrameEvent.Kind.SENT || (verFlags & 0x08) == 0 || (verFlags & 0x04) != 0) {
            return; // only answers without error tell what the target holds
        }
        AoeFrame a;
        try {
            a = AoeCodec.decode(b);
        } catch (MalformedFrameException e) {
            return;
        }
        if (a.arg() instanceof ConfigArg c) {
            t.string = c.string();
        } else if (a.arg() instanceof ReserveArg r) {
            t.reserved = !r.macs().isEmpty();
            t.reservedBy = r.macs().isEmpty() ? null : macs.get(r.macs().get(0).value());
        }
        checkOrphan(t, f.time());
    }

    /**
     * An orphan: the target holds a string (or reservation) while nobody believes they hold it,
     * and its owner (named in the string, {@code lock NAME}, or by the reserving MAC) is not in
     * the middle of acquiring or releasing it.
     */
    private void checkOrphan(TargetState t, long now) {
        boolean held = !t.string.isEmpty() || t.reserved;
        String owner = t.reserved ? t.reservedBy : ownerOf(t.string);
        boolean ownerBusy = owner != null ? t.busy.contains(owner) : !t.busy.isEmpty();
        if (held && t.believers.isEmpty()) {
            // An owner still acquiring or releasing has a claim; once that attempt or release has
            // ended without a belief, the orphan starts, and later attempts do not excuse it.
            if (t.orphanSince < 0 && !ownerBusy) {
                t.orphanSince = now;
                t.orphanEvents = List.copyOf(t.recent);
            }
        } else {
            closeOrphan(t, now);
        }
    }

    private void closeOrphan(TargetState t, long now) {
        if (t.orphanSince >= 0 && now - t.orphanSince > orphanBoundNanos) {
            violationsFound |= 1 << LockReport.Property.NO_ORPHAN.ordinal();
            t.violations.add(new LockReport.Violation(LockReport.Property.NO_ORPHAN, t.orphanSince, List.of(),
                    t.orphanEvents, t.name + " held '" + t.string.toUtf8() + "'" + (t.reserved ? " (reserved)" : "")
                    + " with nobody believing they hold it for " + (now - t.orphanSince) / 1_000_000 + " ms"));
        }
        t.orphanSince = -1;
    }

    /** The initiator a lock string names ({@code lock NAME} or {@code lock NAME until T}), or null. */
    static String ownerOf(Bytes string) {
        if (string.length() < 6) {
            return null;
        }
        String s = string.toUtf8();
        if (!s.startsWith("lock ")) {
            return null;
        }
        int end = s.indexOf(' ', 5);
        return end < 0 ? s.substring(5) : s.substring(5, end);
    }

    /**
     * True once a violation of {@code property} has been seen as it happened (two believers, an orphan that ended
     * late). Orphans and waits still open are judged only by {@link #report(long)}.
     */
    public boolean violated(LockReport.Property property) {
        return (violationsFound & 1 << property.ordinal()) != 0;
    }

    /** The report up to {@code endTime}: open holdings stay open, open orphans and waits are judged. */
    public LockReport report(long endTime) {
        List<LockReport.TargetLocks> out = new ArrayList<>();
        for (TargetState t : targets.values()) {
            List<LockReport.Violation> violations = new ArrayList<>(t.violations);
            if (t.orphanSince >= 0 && endTime - t.orphanSince > orphanBoundNanos) {
                violations.add(new LockReport.Violation(LockReport.Property.NO_ORPHAN, t.orphanSince, List.of(),
                        t.orphanEvents, t.name + " held '" + t.string.toUtf8() + "'" + (t.reserved ? " (reserved)" : "")
                        + " with nobody believing they hold it, from then to the end of the run"));
            }
            for (Map.Entry<String, Long> w : t.waitingSince.entrySet()) {
                if (endTime - w.getValue() > progressBoundNanos) {
                    violations.add(new LockReport.Violation(LockReport.Property.PROGRESS, w.getValue(),
                            List.of(w.getKey()), List.copyOf(t.recent), w.getKey() + " waited for " + t.name + " from "
                            + String.format("%.3f s", w.getValue() / 1e9) + " to the end without acquiring it"));
                }
            }
            violations.sort((a, b) -> Long.compare(a.time(), b.time()));
            if (t.attempts == 0 && t.timeline.isEmpty()) {
                continue; // a target nobody tried to lock
            }
            out.add(new LockReport.TargetLocks(t.name, List.copyOf(t.timeline), t.attempts, t.conflicts,
                    t.latency.copy(), t.holdTimes.copy(), violations));
        }
        return new LockReport(out, endTime);
    }

    public LockReport report() {
        return report(lastTime);
    }

    /** Lock frames described one per line (for violations, formatted only when read). */
    static List<String> describe(java.util.Collection<FrameEvent> events) {
        List<String> out = new ArrayList<>(events.size());
        for (FrameEvent f : events) {
            out.add(describe(f));
        }
        return out;
    }

    static String describe(FrameEvent f) {
        String what;
        try {
            AoeFrame a = AoeCodec.decode(f.frame());
            what = a.src() + " -> " + a.dst() + ": " + FrameSummary.describe(a)
                    + String.format(" tag %08x", a.header().tag());
        } catch (MalformedFrameException e) {
            what = "undecodable: " + e.getMessage();
        }
        return String.format("%.6f s %s at %s, %s%s", f.time() / 1e9, f.kind(), f.place(), what,
                f.cause() == null ? "" : " (" + f.cause() + ")");
    }

    private static final class TargetState {
        final String name;
        final Map<String, Long> believers = new LinkedHashMap<>();
        final Map<String, Long> waitingSince = new LinkedHashMap<>();
        final List<LockReport.Holding> timeline = new ArrayList<>();
        final List<LockReport.Violation> violations = new ArrayList<>();
        final DescriptiveStatistics latency = new DescriptiveStatistics();
        final DescriptiveStatistics holdTimes = new DescriptiveStatistics();
        final ArrayDeque<FrameEvent> recent = new ArrayDeque<>();
        Bytes string = Bytes.EMPTY;
        boolean reserved;
        String reservedBy;
        final java.util.Set<String> busy = new java.util.HashSet<>();
        long orphanSince = -1;
        List<FrameEvent> orphanEvents = List.of();
        long attempts;
        long conflicts;

        TargetState(String name) {
            this.name = name;
        }

        void remember(FrameEvent f) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(f);
        }

    }
}
