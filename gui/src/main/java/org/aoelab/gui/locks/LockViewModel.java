package org.aoelab.gui.locks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.model.Units;
import org.aoelab.gui.model.Update;
import org.aoelab.lock.LockClient;
import org.aoelab.lock.LockReport;
import org.aoelab.trace.NoteEvent;

/**
 * Lock contention: per target, who believed they held the config-string lock when (from the
 * {@link org.aoelab.lock.LockMonitor}'s report), every attempt and conflict (from the initiators'
 * notes), the violations with their explanation, and the contention figures. At most
 * {@value #MAX_MARKS} attempt and conflict marks are kept per target (the oldest go first).
 */
public final class LockViewModel implements LabViewModel.UpdateListener {
    public static final int MAX_MARKS = 100_000;

    private final Map<String, TargetData> targets = new LinkedHashMap<>();
    private LockReport report;
    private long end;
    private boolean dirty;

    // Properties
    private final ObservableList<String> violations = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper(this, "figures", "No lock activity yet.");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);

    // ------------------------------------------------------------------ Properties

    /** One line per violation, numbered as on the timeline: {@code "1. mutual exclusion at 0.023 s: ..."}. */
    public ObservableList<String> violations() {
        return violations;
    }

    /** Attempts, conflicts, acquisitions and acquisition latency per target. */
    public ReadOnlyStringProperty figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** The selected violation explained, with the lock frames that led to it. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public long end() {
        return end;
    }

    public List<String> targetNames() {
        return new ArrayList<>(targets.keySet());
    }

    // ------------------------------------------------------------------ Commands

    /** Shows the explanation of violation {@code index} (0-based), or nothing for -1. */
    public void selectViolation(int index) {
        List<LockReport.Violation> all = report == null ? List.of() : sortedViolations();
        if (index < 0 || index >= all.size()) {
            details.set("");
            return;
        }
        LockReport.Violation v = all.get(index);
        StringBuilder sb = new StringBuilder(v.toString()).append('\n');
        if (!v.frames().isEmpty()) sb.append("\nThe lock frames before it:\n");
        for (String f : v.frames()) sb.append("  ").append(f).append('\n');
        details.set(sb.toString());
    }

    /** The timeline of every target, {@code width} wide. */
    public LockLayout.Chart layout(double width) {
        List<LockLayout.Target> out = new ArrayList<>();
        int number = 0;
        Map<LockReport.Violation, Integer> numbers = new java.util.HashMap<>();
        for (LockReport.Violation v : report == null ? List.<LockReport.Violation>of() : sortedViolations()) numbers.put(v, ++number);
        for (TargetData t : targets.values()) {
            List<LockLayout.Holding> holdings = new ArrayList<>();
            List<LockLayout.Violation> vs = new ArrayList<>();
            LockReport.TargetLocks tl = locks(t.name);
            if (tl != null) {
                for (LockReport.Holding h : tl.timeline()) holdings.add(new LockLayout.Holding(h.initiator(), h.from(), h.until()));
                for (LockReport.Violation v : tl.violations()) {
                    vs.add(new LockLayout.Violation(numbers.getOrDefault(v, 0), v.time(), v.initiators(), v.property().title()));
                }
            }
            out.add(new LockLayout.Target(t.name, new ArrayList<>(t.initiators), holdings, new ArrayList<>(t.marks), vs));
        }
        return LockLayout.layout(out, end, width);
    }

    /** Acquisition latencies of {@code target}, nanoseconds. */
    public double[] latencies(String target) {
        LockReport.TargetLocks tl = locks(target);
        return tl == null ? new double[0] : tl.acquisitionLatency().getValues();
    }

    private LockReport.TargetLocks locks(String target) {
        if (report == null) return null;
        for (LockReport.TargetLocks t : report.targets()) {
            if (t.target().equals(target)) return t;
        }
        return null;
    }

    private List<LockReport.Violation> sortedViolations() {
        List<LockReport.Violation> all = new ArrayList<>(report.violations());
        all.sort((a, b) -> Long.compare(a.time(), b.time()));
        return all;
    }

    // ------------------------------------------------------------------ updates

    @Override
    public void update(Update u) {
        if (u instanceof Update.Note n && n.note().topic().startsWith("lock.")) {
            NoteEvent e = n.note();
            String device = e.text().split(" ", 2)[0];
            TargetData t = targets.computeIfAbsent(device, TargetData::new);
            t.initiators.add(e.place());
            LockLayout.MarkKind kind = switch (e.topic()) {
                case LockClient.TOPIC_ATTEMPT -> LockLayout.MarkKind.ATTEMPT;
                case LockClient.TOPIC_CONFLICT -> LockLayout.MarkKind.CONFLICT;
                default -> null;
            };
            if (kind != null) {
                if (t.marks.size() >= MAX_MARKS) t.marks.removeFirst();
                t.marks.add(new LockLayout.Mark(e.place(), e.time(), kind));
            }
            end = Math.max(end, e.time());
            dirty = true;
        } else if (u instanceof Update.Locks l) {
            report = l.report();
            end = Math.max(end, report.endTime());
            for (LockReport.TargetLocks tl : report.targets()) {
                TargetData t = targets.computeIfAbsent(tl.target(), TargetData::new);
                for (LockReport.Holding h : tl.timeline()) t.initiators.add(h.initiator());
            }
            dirty = true;
        } else if (u instanceof Update.Clock c) {
            if (c.now() > end && !targets.isEmpty()) {
                end = c.now();
                dirty = true;
            }
        }
    }

    @Override
    public void reset() {
        targets.clear();
        report = null;
        end = 0;
        violations.clear();
        figures.set("No lock activity yet.");
        details.set("");
        dirty = true;
    }

    @Override
    public void flush() {
        if (!dirty) return;
        dirty = false;
        List<String> lines = new ArrayList<>();
        if (report != null) {
            int i = 0;
            for (LockReport.Violation v : sortedViolations()) {
                lines.add(++i + ". " + v.property().title() + " at " + Units.seconds(v.time()) + " s: " + v.explanation());
            }
        }
        if (!lines.equals(violations)) violations.setAll(lines);
        figures.set(figuresText());
        revision.set(revision.get() + 1);
    }

    private String figuresText() {
        if (targets.isEmpty()) return "No lock activity yet.";
        StringBuilder sb = new StringBuilder();
        for (TargetData t : targets.values()) {
            LockReport.TargetLocks tl = locks(t.name);
            if (sb.length() > 0) sb.append('\n');
            sb.append(t.name).append(": ");
            if (tl == null) {
                sb.append(t.marks.size()).append(" attempts and conflicts so far");
                continue;
            }
            sb.append(tl.attempts()).append(" attempts, ").append(tl.conflicts()).append(" conflicts, ")
                    .append(tl.acquisitions()).append(" acquisitions");
            if (tl.attempts() > 0) sb.append(String.format(" (%.0f%% contended)", 100.0 * tl.conflicts() / tl.attempts()));
            var lat = tl.acquisitionLatency();
            if (lat.getN() > 0) {
                sb.append("; acquisition latency mean ").append(Units.duration((long) lat.getMean()))
                        .append(", median ").append(Units.duration((long) lat.getPercentile(50)))
                        .append(", max ").append(Units.duration((long) lat.getMax()));
            }
            sb.append("; ").append(tl.violations().isEmpty() ? "no violation" : tl.violations().size() + " violation(s)");
        }
        return sb.toString();
    }

    private static final class TargetData {
        final String name;
        final Set<String> initiators = new LinkedHashSet<>();
        final java.util.ArrayDeque<LockLayout.Mark> marks = new java.util.ArrayDeque<>();

        TargetData(String name) {
            this.name = name;
        }
    }
}
