package org.aoelab.disk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disk sizes as people write them: {@code 1GiB}, {@code 512MiB}, {@code 1T}, {@code 1.5G},
 * {@code 4096s} (sectors), or plain bytes ({@code 1048576}). Binary units (K, M, G, T, P, or
 * KiB ... PiB) count 1024s; decimal ones (KB ... PB) count 1000s. Every size is a whole number
 * of 512-byte sectors, since a disk cannot hold part of one.
 */
public final class Sizes {
    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");
    private static final String EXPECTED = "expected a number of bytes (a multiple of 512), or a number with a unit:"
            + " K, M, G, T, P or KiB ... PiB (binary), KB ... PB (decimal), s (512-byte sectors);"
            + " such as 1GiB, 512MiB, 1T, 4096s";
    private static final String EXPECTED_ANY = "expected a number of bytes, or a number with a unit:"
            + " K, M, G, T, P or KiB ... PiB (binary), KB ... PB (decimal), s (512-byte sectors);"
            + " such as 64M, 1GiB, 1000";
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /**
     * Parses a size to bytes.
     *
     * @throws IllegalArgumentException naming the text, what is wrong and what is allowed
     */
    public static long parseBytes(String text) {
        return parse(text, true);
    }

    /**
     * Parses a size to bytes, as {@link #parseBytes} but any whole number of bytes: a length to
     * read or write, a buffer, a cap.
     *
     * @throws IllegalArgumentException naming the text, what is wrong and what is allowed
     */
    public static long parseAnyBytes(String text) {
        return parse(text, false);
    }

    private static long parse(String text, boolean wholeSectors) {
        String expected = wholeSectors ? EXPECTED : EXPECTED_ANY;
        if (text == null || text.isBlank()) throw new IllegalArgumentException("size is empty (" + expected + ")");
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("size '" + text + "' is not a size (" + expected + ")");
        String unit = m.group(2);
        long scale = switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "s", "sector", "sectors" -> VirtualDisk.SECTOR_SIZE;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "p", "pib" -> 1L << 50;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "pb" -> 1_000_000_000_000_000L;
            default -> throw new IllegalArgumentException("size '" + text + "' has an unknown unit '" + unit
                    + "' (" + expected + ")");
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size '" + text + "' is too large (at most 8 EiB)");
        }
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("size '" + text + "' is not a whole number of bytes ("
                    + bytes.stripTrailingZeros().toPlainString() + ")");
        }
        long b = bytes.longValueExact();
        if (wholeSectors && b % VirtualDisk.SECTOR_SIZE != 0) {
            long lower = b - b % VirtualDisk.SECTOR_SIZE;
            throw new IllegalArgumentException("size '" + text + "' is " + b
                    + " bytes, not a whole number of 512-byte sectors (nearest: " + lower + " or " + (lower + VirtualDisk.SECTOR_SIZE)
                    + " bytes)");
        }
        return b;
    }

    /** Parses a size to 512-byte sectors; see {@link #parseBytes}. */
    public static long parseSectors(String text) {
        return parseBytes(text) / VirtualDisk.SECTOR_SIZE;
    }

    /**
     * Human form for status lines: the largest binary unit, at most one decimal, e.g.
     * {@code 1 GiB}, {@code 1.5 TiB}, {@code 512 B}.
     */
    public static String format(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes is " + bytes + ", expected 0 or more");
        int unit = 0;
        while (unit < BINARY.length - 1 && bytes >= 1L << (10 * (unit + 1))) unit++;
        BigDecimal v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << (10 * unit)), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return v.toPlainString() + " " + BINARY[unit];
    }

    /**
     * The exact short form that {@link #parseBytes} reads back: the largest binary unit that
     * divides {@code bytes}, else sectors, else bytes ({@code 1GiB}, {@code 3s}, {@code 100}).
     */
    public static String formatExact(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes is " + bytes + ", expected 0 or more");
        if (bytes == 0) return "0";
        for (int unit = 5; unit >= 1; unit--) {
            long scale = 1L << (10 * unit);
            if (bytes % scale == 0) return bytes / scale + BINARY[unit];
        }
        if (bytes % VirtualDisk.SECTOR_SIZE == 0) return bytes / VirtualDisk.SECTOR_SIZE + "s";
        return Long.toString(bytes);
    }
}
