package org.aoelab.gui.locks;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the lock timeline's shapes go, computed without a toolkit: per target a lane, in it a row
 * per initiator with a bar for each time it believed it held the lock, a tick for each attempt
 * and a mark for each conflict; a violation is a red line across the lane at its time, numbered
 * as in the list beside it. Time runs left to right from 0 to the end of the run.
 */
public final class LockLayout {
    public static final double LEFT = 90;
    public static final double RIGHT = 20;
    public static final double TOP = 24;
    public static final double ROW = 24;
    public static final double LANE_GAP = 26;

    public enum MarkKind { ATTEMPT, CONFLICT }

    /** What the timeline shows of one target. */
    public record Target(String name, List<String> initiators, List<Holding> holdings, List<Mark> marks,
                         List<Violation> violations) {
    }

    public record Holding(String initiator, long from, long until) {
    }

    public record Mark(String initiator, long time, MarkKind kind) {
    }

    /** @param number its number in the violation list, from 1 */
    public record Violation(int number, long time, List<String> initiators, String title) {
    }

    public record Lane(String target, double y, double height) {
    }

    public record RowLabel(String text, double y) {
    }

    /** @param overlapping another initiator believed it held the lock during part of this bar */
    public record Bar(String initiator, double x1, double x2, double y, double height, boolean open, boolean overlapping) {
    }

    public record Tick(double x, double y, MarkKind kind) {
    }

    public record ViolationLine(int number, double x, double y1, double y2, String title) {
    }

    public record AxisTick(double x, String label) {
    }

    public record Chart(List<Lane> lanes, List<RowLabel> rows, List<Bar> bars, List<Tick> ticks,
                        List<ViolationLine> violations, List<AxisTick> axis, double height) {
    }

    private LockLayout() {
    }

    /** The x of time {@code t} in a chart {@code width} wide showing 0 to {@code end}. */
    public static double x(long t, long end, double width) {
        double usable = Math.max(1, width - LEFT - RIGHT);
        return LEFT + usable * Math.max(0, Math.min(1, end <= 0 ? 0 : (double) t / end));
    }

    public static Chart layout(List<Target> targets, long end, double width) {
        List<Lane> lanes = new ArrayList<>();
        List<RowLabel> rows = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        List<ViolationLine> lines = new ArrayList<>();
        double y = TOP;
        for (Target t : targets) {
            double laneTop = y;
            double h = Math.max(1, t.initiators().size()) * ROW;
            lanes.add(new Lane(t.name(), laneTop, h));
            for (int i = 0; i < t.initiators().size(); i++) {
                String ini = t.initiators().get(i);
                double rowY = laneTop + i * ROW;
                rows.add(new RowLabel(ini, rowY + ROW / 2));
                for (Holding hold : t.holdings()) {
                    if (!hold.initiator().equals(ini)) continue;
                    long until = hold.until() < 0 ? end : hold.until();
                    boolean overlap = false;
                    for (Holding other : t.holdings()) {
                        if (other.initiator().equals(ini)) continue;
                        long ou = other.until() < 0 ? end : other.until();
                        if (other.from() < until && hold.from() < ou) overlap = true;
                    }
                    double x1 = x(hold.from(), end, width);
                    double x2 = Math.max(x1 + 2, x(until, end, width));
                    bars.add(new Bar(ini, x1, x2, rowY + 4, ROW - 8, hold.until() < 0, overlap));
                }
                for (Mark m : t.marks()) {
                    if (m.initiator().equals(ini)) ticks.add(new Tick(x(m.time(), end, width), rowY + ROW / 2, m.kind()));
                }
            }
            for (Violation v : t.violations()) {
                lines.add(new ViolationLine(v.number(), x(v.time(), end, width), laneTop - 4, laneTop + h + 4, v.title()));
            }
            y = laneTop + h + LANE_GAP;
        }
        List<AxisTick> axis = new ArrayList<>();
        if (end > 0) {
            long step = niceStep(end / 6);
            for (long t = 0; t <= end; t += step) axis.add(new AxisTick(x(t, end, width), org.aoelab.gui.model.Units.duration(t)));
        }
        return new Chart(lanes, rows, bars, ticks, lines, axis, y);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    public static long niceStep(long rough) {
        long p = 1;
        while (p * 10 <= Math.max(1, rough)) p *= 10;
        for (long m : new long[] {1, 2, 5, 10}) {
            if (p * m >= rough) return p * m;
        }
        return p * 10;
    }

    /**
     * Counts of {@code values} in {@code bins} equal bins from 0 to the largest value.
     *
     * @return the counts, and in {@code edges} (length bins + 1) where the bins start and end
     */
    public static long[] histogram(double[] values, int bins, double[] edges) {
        long[] counts = new long[bins];
        double max = 0;
        for (double v : values) max = Math.max(max, v);
        if (max <= 0) max = 1;
        for (int i = 0; i <= bins; i++) edges[i] = max * i / bins;
        for (double v : values) {
            int b = (int) Math.min(bins - 1, Math.floor(v / max * bins));
            counts[Math.max(0, b)]++;
        }
        return counts;
    }
}
