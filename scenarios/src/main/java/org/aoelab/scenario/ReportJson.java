package org.aoelab.scenario;

import java.util.List;
import java.util.Locale;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.lock.LockReport;
import org.aoelab.target.AoeTarget;

/**
 * The JSON report of a run (schema in docs/report.md). Written by hand, keys in a fixed order
 * and numbers in a fixed format, so the same run gives the same bytes.
 */
public final class ReportJson {

    /** Version of the report's schema; bump it when a field changes meaning. */
    public static final int SCHEMA_VERSION = 1;

    private ReportJson() {
    }

    public static String of(RunResult r) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n");
        kv(sb, 1, "schema", SCHEMA_VERSION).append(",\n");
        kv(sb, 1, "scenario", r.scenario().name()).append(",\n");
        kv(sb, 1, "seed", r.seed()).append(",\n");
        kv(sb, 1, "endTimeNanos", r.endTime()).append(",\n");
        kv(sb, 1, "completed", r.completed()).append(",\n");
        kv(sb, 1, "ok", r.ok()).append(",\n");
        kv(sb, 1, "reproduce", "aoelab run " + r.scenario().name() + " --seed " + r.seed()).append(",\n");
        indent(sb, 1).append("\"properties\": [");
        List<RunResult.Verdict> vs = r.verdicts();
        for (int i = 0; i < vs.size(); i++) {
            RunResult.Verdict v = vs.get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            indent(sb, 2).append("{\"property\": ").append(str(v.property())).append(", \"held\": ").append(v.held())
                    .append(", \"detail\": ").append(str(v.detail())).append('}');
        }
        sb.append(vs.isEmpty() ? "],\n" : "\n  ],\n");
        indent(sb, 1).append("\"frames\": {\"sent\": ").append(r.framesSent()).append(", \"retransmissions\": ")
                .append(r.retransmissions()).append("},\n");
        indent(sb, 1).append("\"initiators\": [");
        int i = 0;
        for (AoeInitiator ini : r.initiators().values()) {
            sb.append(i++ == 0 ? "\n" : ",\n");
            var s = ini.stats();
            indent(sb, 2).append("{\"name\": ").append(str(ini.name())).append(", \"mac\": ").append(str(ini.mac().toString()))
                    .append(", \"framesSent\": ").append(s.framesSent()).append(", \"retransmissions\": ")
                    .append(s.retransmissions()).append(", \"unexpectedAnswers\": ").append(s.unexpectedAnswers())
                    .append(", \"bytesRead\": ").append(s.bytesRead()).append(", \"bytesWritten\": ")
                    .append(s.bytesWritten()).append('}');
        }
        sb.append(i == 0 ? "],\n" : "\n  ],\n");
        indent(sb, 1).append("\"targets\": [");
        i = 0;
        for (var e : r.targets().entrySet()) {
            AoeTarget t = e.getValue();
            sb.append(i++ == 0 ? "\n" : ",\n");
            indent(sb, 2).append("{\"name\": ").append(str(e.getKey())).append(", \"address\": ")
                    .append(str(t.config().name())).append(", \"framesSent\": ").append(t.nic().stats().sent())
                    .append(", \"framesReceived\": ").append(t.nic().stats().received()).append('}');
        }
        sb.append(i == 0 ? "],\n" : "\n  ],\n");
        indent(sb, 1).append("\"locks\": [");
        i = 0;
        for (LockReport.TargetLocks t : r.locks().targets()) {
            sb.append(i++ == 0 ? "\n" : ",\n");
            indent(sb, 2).append("{\"target\": ").append(str(t.target())).append(", \"attempts\": ").append(t.attempts())
                    .append(", \"conflicts\": ").append(t.conflicts()).append(", \"acquisitions\": ")
                    .append(t.acquisitions()).append(", \"latencyNanos\": {\"mean\": ")
                    .append(num(t.acquisitionLatency().getMean())).append(", \"p50\": ")
                    .append(num(t.acquisitionLatency().getPercentile(50))).append(", \"max\": ")
                    .append(num(t.acquisitionLatency().getMax())).append("},\n");
            indent(sb, 3).append("\"timeline\": [");
            for (int k = 0; k < t.timeline().size(); k++) {
                LockReport.Holding h = t.timeline().get(k);
                sb.append(k == 0 ? "" : ", ").append("{\"initiator\": ").append(str(h.initiator()))
                        .append(", \"from\": ").append(h.from()).append(", \"until\": ").append(h.until()).append('}');
            }
            sb.append("],\n");
            indent(sb, 3).append("\"violations\": [");
            for (int k = 0; k < t.violations().size(); k++) {
                LockReport.Violation v = t.violations().get(k);
                sb.append(k == 0 ? "\n" : ",\n");
                indent(sb, 4).append("{\"property\": ").append(str(v.property().title())).append(", \"time\": ")
                        .append(v.time()).append(", \"initiators\": [");
                for (int j = 0; j < v.initiators().size(); j++) {
                    sb.append(j == 0 ? "" : ", ").append(str(v.initiators().get(j)));
                }
                sb.append("], \"explanation\": ").append(str(v.explanation())).append(", \"frames\": [");
                for (int j = 0; j < v.frames().size(); j++) {
                    sb.append(j == 0 ? "" : ", ").append(str(v.frames().get(j)));
                }
                sb.append("]}");
            }
            sb.append(t.violations().isEmpty() ? "]}" : "\n      ]}");
        }
        sb.append(i == 0 ? "],\n" : "\n  ],\n");
        indent(sb, 1).append("\"failures\": [");
        for (int k = 0; k < r.failures().size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(str(r.failures().get(k)));
        }
        sb.append("]\n}\n");
        return sb.toString();
    }

    private static StringBuilder indent(StringBuilder sb, int level) {
        return sb.append("  ".repeat(level));
    }

    private static StringBuilder kv(StringBuilder sb, int level, String k, Object v) {
        indent(sb, level).append(str(k)).append(": ");
        if (v instanceof String s) {
            sb.append(str(s));
        } else {
            sb.append(v);
        }
        return sb;
    }

    static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
