package org.aoelab.gui.model;

import java.util.Locale;

/** Formatting of times, rates, sizes and shares for labels. */
public final class Units {
    private Units() {
    }

    /** {@code 0.001234} s as {@code "1.234 ms"}, from nanoseconds. */
    public static String duration(long nanos) {
        long a = Math.abs(nanos);
        if (a == 0) return "0";
        if (a < 1_000) return nanos + " ns";
        if (a < 1_000_000) return trim(nanos / 1e3) + " µs";
        if (a < 1_000_000_000) return trim(nanos / 1e6) + " ms";
        return trim(nanos / 1e9) + " s";
    }

    /** Virtual time as seconds with microseconds: {@code "0.012345"}. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    public static String percent(double p) {
        return trim(p * 100) + "%";
    }

    public static String rate(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000_000) return trim(bitsPerSecond / 1e9) + " Gbit/s";
        if (bitsPerSecond >= 1_000_000) return trim(bitsPerSecond / 1e6) + " Mbit/s";
        if (bitsPerSecond >= 1_000) return trim(bitsPerSecond / 1e3) + " kbit/s";
        return bitsPerSecond + " bit/s";
    }

    public static String bytes(double n) {
        if (n >= 1 << 30) return trim(n / (1 << 30)) + " GiB";
        if (n >= 1 << 20) return trim(n / (1 << 20)) + " MiB";
        if (n >= 1 << 10) return trim(n / (1 << 10)) + " KiB";
        return trim(n) + " B";
    }

    static String trim(double v) {
        String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
