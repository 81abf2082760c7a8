package org.aoelab.wire;

/**
 * The 512-byte IDENTIFY DEVICE data that targets return (protocol reference 4.3): 256
 * little-endian words, text fields with the first character of each pair in the high byte.
 */
public final class Identify {
    private Identify() {
    }

    public static final int WORD_SERIAL = 10;
    public static final int WORD_FIRMWARE = 23;
    public static final int WORD_MODEL = 27;
    public static final int SERIAL_CHARS = 20;
    public static final int FIRMWARE_CHARS = 8;
    public static final int MODEL_CHARS = 40;
    public static final int LBA48_BIT = 0x0400;

    /** What a target puts into its IDENTIFY answer. */
    public record Identity(String serial, String firmware, String model, long sectors, boolean lba48) {
        public Identity {
            Checks.notNull("serial", serial);
            Checks.notNull("firmware", firmware);
            Checks.notNull("model", model);
            Checks.range("sectors", sectors, 0, 0xFFFF_FFFF_FFFFL);
            if (!lba48 && sectors > 0x0FFF_FFFFL) {
                throw new IllegalArgumentException("a disk without LBA48 must have fewer than 2^28 sectors, has " + sectors);
            }
        }
    }

    /** Builds the 512 bytes vblade builds (4.3), with this identity. */
    public static byte[] build(Identity id) {
        byte[] d = new byte[512];
        putText(d, WORD_SERIAL, SERIAL_CHARS, id.serial());
        putText(d, WORD_FIRMWARE, FIRMWARE_CHARS, id.firmware());
        putText(d, WORD_MODEL, MODEL_CHARS, id.model());
        putWord(d, 47, 0x8000);
        putWord(d, 49, 0x0200);
        putWord(d, 50, 0x4000);
        long lba28 = Math.min(id.sectors(), 0x0FFF_FFFFL);
        putWord(d, 60, (int) (lba28 & 0xFFFF));
        putWord(d, 61, (int) (lba28 >>> 16));
        putWord(d, 83, id.lba48() ? 0x5400 : 0x5000);
        putWord(d, 84, 0x4000);
        putWord(d, 86, id.lba48() ? 0x1400 : 0x1000);
        putWord(d, 87, 0x4000);
        putWord(d, 93, 0x400B);
        if (id.lba48()) {
            for (int i = 0; i < 4; i++) putWord(d, 100 + i, (int) (id.sectors() >>> (16 * i)) & 0xFFFF);
        }
        return d;
    }

    /** Sets word {@code word} of IDENTIFY data (little-endian). */
    public static void putWord(byte[] d, int word, int value) {
        d[2 * word] = (byte) value;
        d[2 * word + 1] = (byte) (value >>> 8);
    }

    static void putText(byte[] d, int word, int chars, String text) {
        for (int i = 0; i < chars; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c > 0x7E || c < 0x20) c = '?';
            // character 2k goes in the high byte of word k, which is the second byte on the wire
            int at = 2 * word + (i ^ 1);
            d[at] = (byte) c;
        }
    }

    public static int word(Bytes data, int word) {
        return data.u8(2 * word) | data.u8(2 * word + 1) << 8;
    }

    public static String text(Bytes data, int word, int chars) {
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            int b = data.u8(2 * word + (i ^ 1));
            sb.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return sb.toString().stripTrailing();
    }

    public static boolean lba48(Bytes data) {
        return ((word(data, 83) | word(data, 86)) & LBA48_BIT) != 0;
    }

    /** Capacity in sectors as Linux reads it: words 100-103 with LBA48, else words 60-61. */
    public static long sectors(Bytes data) {
        if (lba48(data)) {
            long v = 0;
            for (int i = 3; i >= 0; i--) v = v << 16 | word(data, 100 + i);
            return v;
        }
        return (long) word(data, 61) << 16 | word(data, 60);
    }

    public static Identity parse(Bytes data) {
        if (data.length() < 512) throw new IllegalArgumentException("IDENTIFY data is " + data.length() + " bytes, expected 512");
        return new Identity(text(data, WORD_SERIAL, SERIAL_CHARS), text(data, WORD_FIRMWARE, FIRMWARE_CHARS),
                text(data, WORD_MODEL, MODEL_CHARS), sectors(data), lba48(data));
    }
}
