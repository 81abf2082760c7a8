package org.aoelab.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.TraceEvent;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.FrameSummary;
import org.aoelab.wire.MalformedFrameException;

/**
 * A ladder diagram of a run for the terminal: a lifeline per node, one line per frame with its
 * time, what it carries, its tag and its fate (delivered, lost and why, duplicated). Built from
 * the trace, like everything else that looks at a run.
 *
 * <pre>
 *   time (s)    h1        t1
 *   0.000000    |-------->|   config read tag 00000000 (broadcast)
 *   0.000102    |<--------|   config answer bufcnt 16 ...
 *   0.000204    |----x    |   READ EXT lba 0 x2 tag 00010000  LOST: loss: random 20%
 * </pre>
 */
public final class Ladder implements Consumer<TraceEvent> {

    /** One frame as sent, and what became of it. */
    public static final class Entry {
        final long time;
        final long id;
        final String from;
        final Bytes frame;
        final List<String> deliveredTo = new ArrayList<>(1);
        final List<String> lost = new ArrayList<>(0);
        int duplicates;
        boolean corrupted;
        AoeFrame decoded;

        Entry(long time, long id, String from, Bytes frame) {
            this.time = time;
            this.id = id;
            this.from = from;
            this.frame = frame;
        }

        public long time() {
            return time;
        }

        public String from() {
            return from;
        }

        /** The decoded frame, or null when it is not AoE. */
        public AoeFrame aoe() {
            if (decoded == null && frame.length() >= 24 && frame.u16(12) == 0x88A2) {
                try {
                    decoded = AoeCodec.decode(frame);
                } catch (MalformedFrameException e) {
                    return null;
                }
            }
            return decoded;
        }

        public boolean wasLost() {
            return deliveredTo.isEmpty() && !lost.isEmpty();
        }

        public List<String> deliveredTo() {
            return deliveredTo;
        }

        public List<String> lostBecause() {
            return lost;
        }

        public int duplicates() {
            return duplicates;
        }
    }

    private static final int WIDTH = 11;
    private static final int MAX_COLUMNS = 8;

    private final List<String> nodes;
    private final Map<Long, Entry> byId = new HashMap<>();
    private final Map<Long, Long> root = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, String> macToNode = new HashMap<>();
    private final int limit;

    /**
     * @param nodes column order (initiators first, then targets, reads best)
     * @param limit most frames kept; later ones are counted, not kept
     */
    public Ladder(List<String> nodes, int limit) {
        this.nodes = nodes;
        this.limit = limit;
    }

    @Override
    public void accept(TraceEvent e) {
        if (!(e instanceof FrameEvent f)) {
            return;
        }
        switch (f.kind()) {
            case SENT -> {
                if (!nodes.contains(f.place())) {
                    return;
                }
                if (f.frame().length() >= 12) {
                    macToNode.putIfAbsent(f.frame().u48(6), f.place());
                }
                if (entries.size() >= limit) {
                    return;
                }
                Entry en = new Entry(f.time(), f.frameId(), f.place(), f.frame());
                byId.put(f.frameId(), en);
                entries.add(en);
            }
            case FLOODED, DUPLICATED -> {
                if (f.parentId() != 0) {
                    long r = root.getOrDefault(f.parentId(), f.parentId());
                    root.put(f.frameId(), r);
                    Entry en = byId.get(r);
                    if (en != null && f.kind() == FrameEvent.Kind.DUPLICATED) {
                        en.duplicates++;
                    }
                }
            }
            case DELIVERED -> {
                Entry en = entry(f.frameId());
                if (en != null && nodes.contains(f.place())) {
                    en.deliveredTo.add(f.place());
                }
            }
            case DROPPED -> {
                Entry en = entry(f.frameId());
                if (en != null && f.cause() != null && !f.cause().startsWith("not for this NIC")) {
                    en.lost.add(f.cause());
                }
            }
            case CORRUPTED -> {
                Entry en = entry(f.frameId());
                if (en != null) {
                    en.corrupted = true;
                }
            }
            default -> {
            }
        }
    }

    private Entry entry(long id) {
        return byId.get(root.getOrDefault(id, id));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The whole diagram, at most {@code maxLines} frames. */
    public String render(int maxLines) {
        return render(e -> true, maxLines);
    }

    /** The frames {@code which} accepts, the last {@code maxLines} of them. */
    public String render(Predicate<Entry> which, int maxLines) {
        List<Entry> chosen = new ArrayList<>();
        for (Entry e : entries) {
            if (which.test(e)) {
                chosen.add(e);
            }
        }
        List<String> cols = columns(chosen);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-12s", "time (s)"));
        for (String c : cols) {
            sb.append(String.format("%-" + WIDTH + "s", c.length() >= WIDTH ? c.substring(0, WIDTH - 1) : c));
        }
        sb.append('\n');
        int skip = Math.max(0, chosen.size() - maxLines);
        if (skip > 0) {
            sb.append(String.format("%-12s", "")).append("... ").append(skip).append(" earlier frames not shown\n");
        }
        for (int i = skip; i < chosen.size(); i++) {
            line(sb, chosen.get(i), cols);
        }
        return sb.toString();
    }

    private List<String> columns(List<Entry> chosen) {
        Map<String, Boolean> used = new LinkedHashMap<>();
        for (String n : nodes) {
            used.put(n, false);
        }
        for (Entry e : chosen) {
            used.put(e.from, true);
            e.deliveredTo.forEach(d -> used.put(d, true));
        }
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, Boolean> u : used.entrySet()) {
            if (u.getValue() && cols.size() < MAX_COLUMNS) {
                cols.add(u.getKey());
            }
        }
        return cols;
    }

    private void line(StringBuilder sb, Entry e, List<String> cols) {
        int from = cols.indexOf(e.from);
        AoeFrame a = e.aoe();
        boolean broadcast = e.frame.length() >= 6 && e.frame.u48(0) == 0xFFFF_FFFF_FFFFL;
        String dstNode = e.frame.length() >= 6 ? macToNode.get(e.frame.u48(0)) : null;
        int to;
        if (dstNode != null && cols.contains(dstNode)) {
            to = cols.indexOf(dstNode);
        } else if (!e.deliveredTo.isEmpty() && cols.contains(e.deliveredTo.get(0))) {
            to = broadcast ? farthest(from, cols.size()) : cols.indexOf(e.deliveredTo.get(0));
        } else {
            to = farthest(from, cols.size());
        }
        char[] row = new char[cols.size() * WIDTH];
        java.util.Arrays.fill(row, ' ');
        for (int c = 0; c < cols.size(); c++) {
            row[c * WIDTH] = '|';
        }
        if (from >= 0 && to >= 0 && from != to) {
            int a0 = from * WIDTH;
            int b0 = to * WIDTH;
            int lo = Math.min(a0, b0);
            int hi = Math.max(a0, b0);
            boolean lost = e.wasLost();
            int mid = (lo + hi) / 2;
            for (int x = lo + 1; x < hi; x++) {
                row[x] = '-';
            }
            if (lost) {
                if (b0 > a0) {
                    for (int x = mid + 1; x < hi; x++) {
                        row[x] = ' ';
                    }
                    row[mid] = 'x';
                } else {
                    for (int x = lo + 1; x < mid; x++) {
                        row[x] = ' ';
                    }
                    row[mid] = 'x';
                }
            } else if (b0 > a0) {
                row[hi - 1] = '>';
            } else {
                row[lo + 1] = '<';
            }
        }
        sb.append(String.format("%-12.6f", e.time / 1e9));
        sb.append(new String(row).stripTrailing());
        sb.append("   ");
        if (a != null) {
            sb.append(FrameSummary.describe(a)).append(String.format(" tag %08x", a.header().tag()));
        } else {
            sb.append(String.format("ethertype 0x%04x, %d bytes", e.frame.length() >= 14 ? e.frame.u16(12) : 0,
                    e.frame.length()));
        }
        if (broadcast) {
            sb.append(" (broadcast, ").append(e.deliveredTo.size()).append(" got it)");
        }
        if (e.wasLost()) {
            sb.append("  LOST: ").append(e.lost.get(0));
        } else if (!e.lost.isEmpty() && !broadcast) {
            sb.append("  (a copy lost: ").append(e.lost.get(0)).append(')');
        }
        if (e.duplicates > 0) {
            sb.append("  DUPLICATED");
        }
        if (e.corrupted) {
            sb.append("  CORRUPTED");
        }
        sb.append('\n');
    }

    private static int farthest(int from, int n) {
        if (n <= 1) {
            return from;
        }
        return from == n - 1 ? 0 : n - 1;
    }
}
