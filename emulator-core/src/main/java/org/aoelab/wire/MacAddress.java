package org.aoelab.wire;

/**
 * A 48-bit Ethernet MAC address, held as a {@code long} so that the switch can key tables by it
 * without allocating.
 */
public record MacAddress(long value) implements Comparable<MacAddress> {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address value " + Long.toHexString(value) + " is wider than 48 bits");
        }
    }

    public static MacAddress of(long value) {
        return value == BROADCAST.value ? BROADCAST : new MacAddress(value);
    }

    /**
     * Parses {@code 02:00:00:00:00:01}, {@code 02-00-00-00-00-01} or {@code 020000000001}
     * (the form vblade's {@code -m} takes).
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static MacAddress parse(String text) {
        String s = text.trim();
        String digits;
        if (s.length() == 17) {
            char sep = s.charAt(2);
            if (sep != ':' && sep != '-') throw bad(text);
            StringBuilder sb = new StringBuilder(12);
            for (int i = 0; i < 6; i++) {
                if (i > 0 && s.charAt(3 * i - 1) != sep) throw bad(text);
                sb.append(s, 3 * i, 3 * i + 2);
            }
            digits = sb.toString();
        } else if (s.length() == 12) {
            digits = s;
        } else {
            throw bad(text);
        }
        long v = 0;
        for (int i = 0; i < 12; i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) throw bad(text);
            v = v << 4 | d;
        }
        return of(v);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not a MAC address: '" + text
                + "' (expected six hex pairs such as 02:00:00:00:00:01)");
    }

    /** A locally administered unicast address {@code 02:00:xx:xx:xx:xx} numbered {@code n}. */
    public static MacAddress local(long n) {
        if (n < 0 || n > 0xFFFF_FFFFL) throw new IllegalArgumentException("local MAC number " + n + " out of range 0-4294967295");
        return new MacAddress(0x0200_0000_0000L | n);
    }

    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** Group bit set (broadcast included). */
    public boolean isMulticast() {
        return (value & 0x0100_0000_0000L) != 0;
    }

    /** Byte {@code i} (0 = first on the wire). */
    public int octet(int i) {
        java.util.Objects.checkIndex(i, 6);
        return (int) (value >>> (8 * (5 - i))) & 0xFF;
    }

    public void writeTo(byte[] dst, int offset) {
        for (int i = 0; i < 6; i++) dst[offset + i] = (byte) (value >>> (8 * (5 - i)));
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = octet(i);
            out[3 * i] = Character.forDigit(b >>> 4, 16);
            out[3 * i + 1] = Character.forDigit(b & 0xF, 16);
            if (i < 5) out[3 * i + 2] = ':';
        }
        return new String(out);
    }
}
