package org.aoelab.net;

/** Range checks whose messages name the parameter, the value found and the allowed range. */
final class Limits {
    /** Longest delay or jitter a link accepts: one hour. */
    static final long MAX_DELAY_NANOS = 3_600_000_000_000L;

    private Limits() {
    }

    static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is " + value + ", expected 0 to 1");
        }
        return value;
    }

    static long range(String name, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + unit + ", expected " + min + unit + " to " + max + unit);
        }
        return value;
    }

    static int range(String name, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + unit + ", expected " + min + unit + " to " + max + unit);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " is missing");
        return value;
    }

    /** A probability as a short percentage: 0.1 -> "10%", 0.0005 -> "0.05%". */
    static String percent(double p) {
        return new java.math.BigDecimal(p * 100).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + "%";
    }

    /** Nanoseconds in the largest unit that keeps them short: "10ms", "1.5us", "250ns". */
    static String duration(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos >= 1_000_000_000L) return trim(nanos / 1e9) + "s";
        if (nanos >= 1_000_000L) return trim(nanos / 1e6) + "ms";
        if (nanos >= 1_000L) return trim(nanos / 1e3) + "us";
        return nanos + "ns";
    }

    /** Bits per second as tc writes them: "10Mbit", "1.5Gbit", "800bit". */
    static String rate(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000_000L) return trim(bitsPerSecond / 1e9) + "Gbit";
        if (bitsPerSecond >= 1_000_000L) return trim(bitsPerSecond / 1e6) + "Mbit";
        if (bitsPerSecond >= 1_000L) return trim(bitsPerSecond / 1e3) + "Kbit";
        return bitsPerSecond + "bit";
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
