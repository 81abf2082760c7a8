package org.aoelab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.lock.LockReport;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.target.AoeTarget;

/**
 * What one run of a scenario produced: its end, the properties and their verdicts, the lock
 * report, the operations that failed, and the nodes (for statistics).
 */
public record RunResult(Scenario scenario, long seed, long endTime, boolean completed, List<String> failures,
                        long mismatches, long verifiedBytes, LockReport locks, Map<String, AoeInitiator> initiators,
                        Map<String, AoeTarget> targets, VirtualSwitch sw) {

    /** One property and whether it held. */
    public record Verdict(String property, boolean held, String detail) {
    }

    public List<Verdict> verdicts() {
        Scenario.Properties p = scenario.properties();
        List<Verdict> out = new ArrayList<>();
        boolean lockUsed = !locks.targets().isEmpty();
        if (p.mutualExclusion() && lockUsed) {
            out.add(lockVerdict(LockReport.Property.MUTUAL_EXCLUSION));
        }
        if (p.noOrphan() && lockUsed) {
            out.add(lockVerdict(LockReport.Property.NO_ORPHAN));
        }
        if (p.progress() && lockUsed) {
            out.add(lockVerdict(LockReport.Property.PROGRESS));
        }
        if (p.dataIntegrity() && verifiedBytes > 0) {
            out.add(new Verdict("data integrity", mismatches == 0, mismatches == 0
                    ? verifiedBytes + " bytes verified" : mismatches + " reads differed from what was written"));
        }
        return out;
    }

    private Verdict lockVerdict(LockReport.Property property) {
        List<LockReport.Violation> v = locks.violations().stream().filter(x -> x.property() == property).toList();
        return new Verdict(property.title(), v.isEmpty(), v.isEmpty() ? "held" : v.size() + " violation(s); first: "
                + v.get(0));
    }

    /** Every property held and every operation completed (the verdicts, without their words). */
    public boolean ok() {
        if (!failures.isEmpty()) {
            return false;
        }
        Scenario.Properties p = scenario.properties();
        if (p.dataIntegrity() && mismatches > 0) {
            return false;
        }
        for (LockReport.Violation v : locks.violations()) {
            if (p.mutualExclusion() && v.property() == LockReport.Property.MUTUAL_EXCLUSION
                    || p.noOrphan() && v.property() == LockReport.Property.NO_ORPHAN
                    || p.progress() && v.property() == LockReport.Property.PROGRESS) {
                return false;
            }
        }
        return true;
    }

    /** The first violated property, or null. */
    public LockReport.Violation firstViolation() {
        return locks.firstViolation();
    }

    public long framesSent() {
        long n = 0;
        for (AoeInitiator i : initiators.values()) {
            n += i.nic().stats().sent();
        }
        for (AoeTarget t : targets.values()) {
            n += t.nic().stats().sent();
        }
        return n;
    }

    public long retransmissions() {
        return initiators.values().stream().mapToLong(i -> i.stats().retransmissions()).sum();
    }

    public long bytesMoved() {
        return initiators.values().stream().mapToLong(i -> i.stats().bytesRead() + i.stats().bytesWritten()).sum();
    }
}
