package org.aoelab.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error: {@code [#####.....] 5,000/10,000 seeds 9,800/s, 12 violating}. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String unit;
    private int lastLength;

    ProgressBar(PrintWriter err, String unit) {
        this.err = err;
        this.unit = unit;
    }

    void show(long done, long total, long elapsedNanos, String extra) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double rate = elapsedNanos == 0 ? 0 : done * 1e9 / elapsedNanos;
        String line = String.format("\r[%s%s] %,d/%,d %s, %,.0f/s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, unit, rate, extra == null ? "" : ", " + extra);
        err.print(line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
