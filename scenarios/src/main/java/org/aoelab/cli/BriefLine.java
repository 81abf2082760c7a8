package org.aoelab.cli;

import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Dissector.Dissection;

/** One line per frame: number, time, addresses, target, tag and summary. */
final class BriefLine {
    private BriefLine() {
    }

    static String of(long number, String time, Dissection d, Style style) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%5d ", number));
        if (time != null) sb.append(style.dim(time)).append(' ');
        AoeFrame f = d.decoded();
        if (f == null) {
            return sb.append(style.red(d.problem() == null ? "undecodable" : "malformed: " + d.problem().getMessage())).toString();
        }
        sb.append(f.src()).append(" > ").append(f.dst()).append(' ');
        String dir = f.header().response() ? style.green("<-") : style.yellow("->");
        sb.append(dir).append(' ').append(f.header().target())
                .append(String.format(" tag %08x ", f.header().tag()));
        String summary = d.summary();
        sb.append(f.header().error() ? style.red(summary) : summary);
        return sb.toString();
    }
}
