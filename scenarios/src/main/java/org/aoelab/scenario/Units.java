package org.aoelab.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aoelab.disk.Sizes;

/**
 * Reads the quantities people write in scenario files and on command lines: durations
 * ({@code 250ms}), sizes ({@code 64M}, {@code 1GiB}), bit rates ({@code 100Mbit}) and
 * probabilities ({@code 5%}). Errors say what was found and give an example of what is expected.
 */
public final class Units {
    private Units() {
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z%]*)\\s*");

    /** "1.5s", "250ms", "100us" (or "µs"), "20ns", "2m", "1h" to nanoseconds. "0" is allowed. */
    public static long duration(String text) {
        String t = text.replace("µ", "u");
        Matcher m = NUMBER_UNIT.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration (expected a number and a unit, such as 250ms, 1.5s, 100us)");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            case "" -> {
                if (v == 0) yield 1;
                throw new IllegalArgumentException("'" + text + "' has no unit (expected ns, us, ms, s, m or h, such as " + m.group(1) + "ms)");
            }
            default -> throw new IllegalArgumentException("'" + text + "': unknown time unit '" + m.group(2)
                    + "' (expected ns, us, ms, s, m or h)");
        };
        double ns = v * scale;
        if (ns > Long.MAX_VALUE / 2) throw new IllegalArgumentException("'" + text + "' is too long a duration");
        return Math.round(ns);
    }

    /**
     * Sizes in bytes: a plain number, or K, M, G, T, P (binary: 1K = 1024), KiB ... PiB (binary),
     * KB ... PB (decimal), and "s" or "sectors" for 512-byte sectors; read exactly, by the same
     * parser as disk sizes ({@link Sizes#parseAnyBytes}), without their whole-sector rule.
     */
    public static long size(String text) {
        return Sizes.parseAnyBytes(text);
    }

    /** Bit rates: "100Mbit", "1Gbps", "10kbit", "1G" (bits per second, decimal). */
    public static long bitRate(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a bit rate (expected such as 100Mbit or 1Gbps)");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT).replace("bps", "").replace("bit", "").replace("/s", "");
        double scale = switch (unit) {
            case "" -> 1;
            case "k" -> 1e3;
            case "m" -> 1e6;
            case "g" -> 1e9;
            case "t" -> 1e12;
            default -> throw new IllegalArgumentException("'" + text + "': unknown rate unit '" + m.group(2)
                    + "' (expected bit, kbit, Mbit, Gbit or bps forms)");
        };
        return Math.round(v * scale);
    }

    /** "5%", "0.05" or "0" to a probability 0-1. */
    public static double probability(String text) {
        String t = text.trim();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a probability (expected a percentage such as 5% or a fraction such as 0.05)");
        }
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("'" + text + "' is out of range (expected 0% to 100%)");
        return v;
    }

    /** "1.5s" for 1,500,000,000 ns: the shortest exact form. */
    public static String formatDuration(long ns) {
        if (ns == 0) return "0";
        long[] scales = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < scales.length; i++) {
            if (ns % scales[i] == 0) return ns / scales[i] + names[i];
        }
        return ns + "ns";
    }

    /** Human time for tables: "12.345 ms", "1.200 s". */
    public static String humanTime(long ns) {
        if (ns < 1_000) return ns + " ns";
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.3f us", ns / 1e3);
        if (ns < 1_000_000_000) return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /** "64 MiB", "1.5 GiB", "512 bytes". */
    public static String humanSize(long bytes) {
        String[] u = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        if (i == 0) return bytes + " bytes";
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, u[i]) : String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
