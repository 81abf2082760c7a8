package org.aoelab.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes that compares by content.
 *
 * <p>A {@code byte[]} in a record compares by identity and can be changed by whoever else holds
 * it; {@code Bytes} copies in ({@link #copyOf}), hands out copies ({@link #toArray}) and shares
 * its array only with slices of itself, so a decoded frame can point into the frame it came from
 * without copying the data.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static Bytes copyOf(byte[] bytes) {
        return copyOf(bytes, 0, bytes.length);
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) return EMPTY;
        return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /** The remaining bytes of {@code buffer}, copied; the buffer's position is not moved. */
    public static Bytes copyOf(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return adopt(out);
    }

    /**
     * Takes ownership of {@code bytes} without copying. The caller promises never to change the
     * array again: use it for arrays just filled and handed over (a frame read from a device, an
     * encoder's output).
     */
    public static Bytes adopt(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes, 0, bytes.length);
    }

    /** Bytes given as ints 0-255, for tests and tables. */
    public static Bytes of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFF) {
                throw new IllegalArgumentException("byte " + i + " is " + values[i] + ", expected 0-255");
            }
            out[i] = (byte) values[i];
        }
        return adopt(out);
    }

    /** {@code n} zero bytes. */
    public static Bytes zeros(int n) {
        return n == 0 ? EMPTY : new Bytes(new byte[n], 0, n);
    }

    /** {@code n} copies of {@code value}. */
    public static Bytes repeat(int value, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return adopt(out);
    }

    /**
     * Parses hexadecimal digits. Whitespace, colons and {@code #} comments to the end of a line
     * are skipped, so commented hex dumps read directly.
     *
     * @throws IllegalArgumentException naming the offending character and its position
     */
    public static Bytes fromHex(CharSequence text) {
        byte[] out = new byte[text.length() / 2 + 1];
        int n = 0;
        int pending = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
                continue;
            }
            if (Character.isWhitespace(c) || c == ':' || c == '-' || c == '_') continue;
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + c + "' at character " + (i + 1));
            }
            if (pending < 0) {
                pending = d;
            } else {
                out[n++] = (byte) (pending << 4 | d);
                pending = -1;
            }
        }
        if (pending >= 0) throw new IllegalArgumentException("odd number of hex digits");
        return copyOf(out, 0, n);
    }

    public static Bytes ofUtf8(String s) {
        return adopt(s.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index} as 0-255. */
    public int u8(int index) {
        java.util.Objects.checkIndex(index, length);
        return array[offset + index] & 0xFF;
    }

    /** The big-endian 16-bit value at {@code index}. */
    public int u16(int index) {
        java.util.Objects.checkFromIndexSize(index, 2, length);
        int p = offset + index;
        return (array[p] & 0xFF) << 8 | array[p + 1] & 0xFF;
    }

    /** The big-endian 32-bit value at {@code index}, unsigned. */
    public long u32(int index) {
        java.util.Objects.checkFromIndexSize(index, 4, length);
        int p = offset + index;
        return ((long) (array[p] & 0xFF) << 24) | (array[p + 1] & 0xFF) << 16
                | (array[p + 2] & 0xFF) << 8 | array[p + 3] & 0xFF;
    }

    /** The big-endian 48-bit value at {@code index} (a MAC address). */
    public long u48(int index) {
        java.util.Objects.checkFromIndexSize(index, 6, length);
        long v = 0;
        for (int i = 0; i < 6; i++) v = v << 8 | (array[offset + index + i] & 0xFF);
        return v;
    }

    /** The bytes {@code [from, to)}, sharing this array. */
    public Bytes slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        if (from == 0 && to == length) return this;
        if (from == to) return EMPTY;
        return new Bytes(array, offset + from, to - from);
    }

    /** The bytes from {@code from} to the end. */
    public Bytes slice(int from) {
        return slice(from, length);
    }

    public Bytes concat(Bytes other) {
        if (other.length == 0) return this;
        if (length == 0) return other;
        byte[] out = new byte[length + other.length];
        copyTo(0, out, 0, length);
        other.copyTo(0, out, length, other.length);
        return adopt(out);
    }

    public void copyTo(int from, byte[] dst, int dstOffset, int count) {
        java.util.Objects.checkFromIndexSize(from, count, length);
        System.arraycopy(array, offset + from, dst, dstOffset, count);
    }

    /** Puts all bytes into {@code dst} at its position. */
    public void writeTo(ByteBuffer dst) {
        dst.put(array, offset, length);
    }

    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only view; the caller cannot change these bytes through it. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** True when every byte in {@code [from, to)} is zero. */
    public boolean isZero(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        for (int i = offset + from, end = offset + to; i < end; i++) {
            if (array[i] != 0) return false;
        }
        return true;
    }

    /** Length of this run once trailing zero bytes are removed. */
    public int lengthWithoutTrailingZeros() {
        int n = length;
        while (n > 0 && array[offset + n - 1] == 0) n--;
        return n;
    }

    public String toHex() {
        return HEX.formatHex(array, offset, offset + length);
    }

    /** Hex of at most {@code max} bytes from {@code from}, with "..." when cut. */
    public String toHex(int from, int max) {
        int start = Math.max(0, Math.min(from, length));
        int end = Math.min(length, start + max);
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end; i++) {
            if (i > start) sb.append(' ');
            sb.append(HEX.toHexDigits(array[offset + i]));
        }
        if (end < length) sb.append(" ...");
        return sb.toString();
    }

    public String toUtf8() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Bytes b) || b.length != length) return false;
        return Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset, end = offset + length; i < end; i++) h = 31 * h + array[i];
            hash = h;
        }
        return h;
    }

    /** Short form: the length and up to 16 bytes of hex. */
    @Override
    public String toString() {
        return length + " bytes [" + toHex(0, 16) + "]";
    }
}
