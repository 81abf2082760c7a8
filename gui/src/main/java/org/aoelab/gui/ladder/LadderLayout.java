package org.aoelab.gui.ladder;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.gui.model.Fate;

/**
 * Where the ladder diagram's lines go: a pure function from frames to coordinates, so the
 * drawing code only paints and tests need no toolkit.
 *
 * <p>One lifeline per node, spread evenly across the width; one row per frame, in sending
 * order. A frame is an arrow from its sender's lifeline to its receiver's; a frame to everyone
 * (broadcast) is a dashed arrow across to the farthest lifeline; a lost frame stops part-way
 * with a cross; a retransmission carries a circular-arrow mark at its start. A request and its
 * answer (paired by tag) are joined by a bracket beside the sender's lifeline when both are in
 * view.
 */
public final class LadderLayout {
    public static final double HEADER = 28;
    public static final double MARGIN = 70;
    public static final double LOST_SHARE = 0.55;

    /** A frame as the ladder needs it. */
    public record Frame(long seq, long time, String source, String destination, int fate, long pair, String label,
                        int command) {
    }

    public record Lifeline(String name, double x) {
    }

    /**
     * One arrow.
     *
     * @param endX     where the line ends: the receiver's lifeline, or part-way for a lost frame
     * @param lost     draw a cross at {@code endX}
     * @param toAll    a broadcast: dashed
     */
    public record Arrow(long seq, double y, double startX, double endX, boolean lost, boolean toAll,
                        boolean retransmission, boolean selected, boolean pairedWithSelection, String label,
                        double labelX, int command, int fate) {
    }

    /** A request and its answer joined beside the requester's lifeline. */
    public record Bracket(double x, double y1, double y2, boolean selected) {
    }

    public record Diagram(List<Lifeline> lifelines, List<Arrow> arrows, List<Bracket> brackets, double rowHeight,
                          double height) {
        /** The frame whose row contains {@code y}, or 0. */
        public long hit(double y) {
            for (Arrow a : arrows) {
                if (Math.abs(a.y() - y) <= rowHeight / 2) return a.seq();
            }
            return 0;
        }
    }

    private LadderLayout() {
    }

    /**
     * @param nodes     lifelines, left to right (initiators first reads best)
     * @param frames    the frames in view, in order, one row each
     * @param width     the drawing's width
     * @param rowHeight height of one row
     * @param selected  the selected frame, or 0
     */
    public static Diagram layout(List<String> nodes, List<Frame> frames, double width, double rowHeight, long selected) {
        List<Lifeline> lines = new ArrayList<>();
        int n = nodes.size();
        double usable = Math.max(1, width - 2 * MARGIN);
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? width / 2 : MARGIN + usable * i / (n - 1);
            lines.add(new Lifeline(nodes.get(i), x));
        }
        long selectedPair = 0;
        for (Frame f : frames) {
            if (f.seq() == selected) selectedPair = f.pair();
        }
        List<Arrow> arrows = new ArrayList<>(frames.size());
        List<Bracket> brackets = new ArrayList<>();
        java.util.Map<Long, Double> rowY = new java.util.HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            double y = HEADER + (i + 0.5) * rowHeight;
            rowY.put(f.seq(), y);
            double sx = x(lines, f.source(), width);
            boolean toAll = "broadcast".equals(f.destination());
            double dx;
            if (toAll) {
                dx = farthest(lines, sx);
            } else {
                Double known = xOrNull(lines, f.destination());
                dx = known != null ? known : farthest(lines, sx);
            }
            boolean lost = Fate.lost(f.fate());
            double ex = lost ? sx + (dx - sx) * LOST_SHARE : dx;
            double labelX = Math.min(sx, dx) + 6;
            arrows.add(new Arrow(f.seq(), y, sx, ex, lost, toAll, (f.fate() & Fate.RETRANSMISSION) != 0,
                    f.seq() == selected, selected != 0 && (f.seq() == selectedPair || f.pair() == selected) && f.seq() != selected,
                    f.label(), labelX, f.command(), f.fate()));
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f.pair() != 0 && f.pair() > f.seq() && rowY.containsKey(f.pair())) {
                double sx = x(lines, f.source(), width);
                double bx = sx + (sx < width / 2 ? -12 : 12);
                brackets.add(new Bracket(bx, rowY.get(f.seq()), rowY.get(f.pair()),
                        selected != 0 && (f.seq() == selected || f.pair() == selected)));
            }
        }
        return new Diagram(lines, arrows, brackets, rowHeight, HEADER + frames.size() * rowHeight);
    }

    private static Double xOrNull(List<Lifeline> lines, String name) {
        for (Lifeline l : lines) {
            if (l.name().equals(name)) return l.x();
        }
        return null;
    }

    private static double x(List<Lifeline> lines, String name, double width) {
        Double x = xOrNull(lines, name);
        return x != null ? x : width / 2;
    }

    private static double farthest(List<Lifeline> lines, double from) {
        double best = from;
        for (Lifeline l : lines) {
            if (Math.abs(l.x() - from) > Math.abs(best - from)) best = l.x();
        }
        return best;
    }
}
