package org.aoelab.lock;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** What a {@link LockMonitor} saw: per target, who held the lock when, contention, and violations. */
public record LockReport(List<TargetLocks> targets, long endTime) {

    public enum Property {
        MUTUAL_EXCLUSION("mutual exclusion"),
        NO_ORPHAN("no orphan"),
        PROGRESS("progress");

        private final String title;

        Property(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One initiator's belief that it held the lock, from {@code from} until {@code until} (-1: to the end). */
    public record Holding(String initiator, long from, long until) {
    }

    /**
     * A property broken at {@code time}, by {@code initiators}, after the lock frames in
     * {@code events} (described by {@link #frames()} only when someone reads them: explorers
     * meet thousands of violations and print one).
     */
    public record Violation(Property property, long time, List<String> initiators,
                            List<org.aoelab.trace.FrameEvent> events, String explanation) {

        /** The frames that led to it, one line each. */
        public List<String> frames() {
            return LockMonitor.describe(events);
        }

        @Override
        public String toString() {
            return String.format("%s violated at %.6f s: %s", property.title(), time / 1e9, explanation);
        }
    }

    /**
     * One target's lock history.
     *
     * @param acquisitionLatency nanoseconds from an initiator's first attempt to its acquisition
     * @param holdTimes          nanoseconds from acquisition to release
     */
    public record TargetLocks(String target, List<Holding> timeline, long attempts, long conflicts,
                              DescriptiveStatistics acquisitionLatency, DescriptiveStatistics holdTimes,
                              List<Violation> violations) {

        public long acquisitions() {
            return timeline.size();
        }

        public boolean holds(Property p) {
            return violations.stream().noneMatch(v -> v.property() == p);
        }
    }

    public boolean holds(Property p) {
        return targets.stream().allMatch(t -> t.holds(p));
    }

    public List<Violation> violations() {
        return targets.stream().flatMap(t -> t.violations().stream()).toList();
    }

    public Violation firstViolation() {
        return violations().stream().min((a, b) -> Long.compare(a.time(), b.time())).orElse(null);
    }
}
