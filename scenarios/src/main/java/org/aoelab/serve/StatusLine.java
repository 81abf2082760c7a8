package org.aoelab.serve;

import java.util.Locale;
import java.util.Map;
import org.aoelab.scenario.Units;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.tap.TapBridge;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetStats;

/**
 * The live status line of {@code aoelab serve}, such as
 * {@code 12.0s in 1,204 out 1,210 | e1.0 r 4.0 MiB w 1.0 MiB err 0 | lag 31 us max 1.204 ms}.
 * Built on the loop thread, where the targets' counters may be read.
 */
public final class StatusLine {
    private StatusLine() {
    }

    /** The line for now. */
    public static String of(long simNanos, TapBridge bridge, Map<String, AoeTarget> targets, RealTimeDriver driver) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%.1fs in %,d out %,d", simNanos / 1e9, bridge.framesIn(), bridge.framesOut()));
        long dropped = bridge.filtered() + bridge.oversize() + bridge.shed();
        if (dropped > 0) {
            sb.append(String.format(Locale.ROOT, " (refused %,d, shed %,d)", bridge.filtered() + bridge.oversize(), bridge.shed()));
        }
        for (Map.Entry<String, AoeTarget> e : targets.entrySet()) {
            TargetStats s = e.getValue().stats();
            sb.append(" | ").append(e.getValue().config().name())
                    .append(" r ").append(Units.humanSize(s.sectorsRead() * 512))
                    .append(" w ").append(Units.humanSize(s.sectorsWritten() * 512))
                    .append(" err ").append(s.aoeErrors() + s.ataErrors());
        }
        sb.append(" | lag ").append(Units.humanTime(driver.lagNanos())).append(" max ").append(Units.humanTime(driver.maxLagNanos()));
        return sb.toString();
    }
}
