package org.aoelab.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.wire.MalformedFrameException.Reason;

/**
 * Encodes and strictly decodes AoE frames (protocol reference sections 1-3).
 *
 * <p>Decoding reads the common header first, then the argument of its command. Lengths come from
 * the fields, never from the frame length (padding may follow); every read checks the bytes
 * present first. A frame that cannot be decoded raises {@link MalformedFrameException} with the
 * reason, the offset, and, when the header decoded, the header, so a target can still answer.
 *
 * <p>Decoded values share the frame's bytes (write and read data are slices, not copies).
 */
public final class AoeCodec {
    private AoeCodec() {
    }

    // ---------------------------------------------------------------- decoding

    public static AoeFrame decode(EthernetFrame frame) throws MalformedFrameException {
        return decode(frame.bytes());
    }

    public static AoeFrame decode(byte[] frame) throws MalformedFrameException {
        return decode(Bytes.copyOf(frame));
    }

    /** Decodes a whole Ethernet frame (destination MAC at offset 0, no FCS). */
    public static AoeFrame decode(Bytes b) throws MalformedFrameException {
        int n = b.length();
        if (n < EthernetFrame.HEADER_LENGTH) {
            throw new MalformedFrameException(Reason.TRUNCATED_ETHERNET, n, b,
                    "frame has " + n + " bytes, expected at least 14 (Ethernet header)", null);
        }
        int etherType = b.u16(12);
        if (etherType != EthernetFrame.ETHERTYPE_AOE) {
            throw new MalformedFrameException(Reason.NOT_AOE, 12, b,
                    String.format("EtherType is 0x%04x, expected 0x88a2", etherType), null);
        }
        if (n < AoeHeader.ARG_OFFSET) {
            throw new MalformedFrameException(Reason.TRUNCATED_HEADER, n, b,
                    "frame has " + n + " bytes, expected at least 24 (Ethernet and AoE headers)", null);
        }
        MacAddress dst = MacAddress.of(b.u48(0));
        MacAddress src = MacAddress.of(b.u48(6));
        int vf = b.u8(14);
        AoeHeader h = new AoeHeader(vf >>> 4, (vf & AoeHeader.FLAG_RESPONSE) != 0, (vf & AoeHeader.FLAG_ERROR) != 0,
                vf & 0x03, b.u8(15), b.u16(16), b.u8(18), b.u8(19), b.u32(20));

        if (h.error() && n <= EthernetFrame.MIN_LENGTH && b.isZero(AoeHeader.ARG_OFFSET, n)) {
            // Header only, zero-padded (ggaoed's error answers): no body to read (2.4).
            return rawErrorBody(dst, src, h, b);
        }
        AoeArg arg;
        int end;
        switch (h.command()) {
            case 0 -> {
                if (!fits(b, AtaArg.FIXED_LENGTH, h)) return rawErrorBody(dst, src, h, b);
                AtaArg ata = decodeAta(b, h);
                arg = ata;
                end = AoeHeader.ARG_OFFSET + ata.encodedLength();
            }
            case 1 -> {
                if (!fits(b, ConfigArg.FIXED_LENGTH, h)) return rawErrorBody(dst, src, h, b);
                ConfigArg cfg;
                try {
                    cfg = decodeConfig(b, h);
                } catch (MalformedFrameException e) {
                    if (h.error()) return rawErrorBody(dst, src, h, b);
                    throw e;
                }
                arg = cfg;
                end = AoeHeader.ARG_OFFSET + cfg.encodedLength();
            }
            case 2 -> {
                if (!fits(b, MacMaskArg.FIXED_LENGTH, h)) return rawErrorBody(dst, src, h, b);
                MacMaskArg mask;
                try {
                    mask = decodeMask(b, h);
                } catch (MalformedFrameException e) {
                    if (h.error()) return rawErrorBody(dst, src, h, b);
                    throw e;
                }
                arg = mask;
                end = AoeHeader.ARG_OFFSET + mask.encodedLength();
            }
            case 3 -> {
                if (!fits(b, ReserveArg.FIXED_LENGTH, h)) return rawErrorBody(dst, src, h, b);
                ReserveArg rsv;
                try {
                    rsv = decodeReserve(b, h);
                } catch (MalformedFrameException e) {
                    if (h.error()) return rawErrorBody(dst, src, h, b);
                    throw e;
                }
                arg = rsv;
                end = AoeHeader.ARG_OFFSET + rsv.encodedLength();
            }
            default -> {
                // No layout: the whole rest is the argument, so a target can echo it with error 1.
                arg = new RawArg(stripPadding(b, AoeHeader.ARG_OFFSET));
                end = AoeHeader.ARG_OFFSET + ((RawArg) arg).bytes().length();
            }
        }
        return new AoeFrame(dst, src, h, arg, stripPadding(b, end));
    }

    /** True when the fixed part of the argument is present; throws for a truncated non-error frame. */
    private static boolean fits(Bytes b, int fixed, AoeHeader h) throws MalformedFrameException {
        int have = b.length() - AoeHeader.ARG_OFFSET;
        if (have >= fixed) return true;
        if (h.error()) return false;
        throw new MalformedFrameException(Reason.TRUNCATED_ARGUMENT, b.length(), b,
                AoeCommand.describe(h.command()) + " argument needs " + fixed + " bytes (frame of at least "
                        + (AoeHeader.ARG_OFFSET + fixed) + "), frame has " + b.length(), h);
    }

    /** An error answer whose body does not fit its command's layout: keep the body raw. */
    private static AoeFrame rawErrorBody(MacAddress dst, MacAddress src, AoeHeader h, Bytes b) {
        Bytes body = stripPadding(b, AoeHeader.ARG_OFFSET);
        return new AoeFrame(dst, src, h, new RawArg(body), Bytes.EMPTY);
    }

    /**
     * The bytes from {@code from} to the end, without the zero padding that ends a frame of at
     * most 60 bytes (encoding puts that padding back).
     */
    private static Bytes stripPadding(Bytes b, int from) {
        if (from >= b.length()) return Bytes.EMPTY;
        if (b.length() > EthernetFrame.MIN_LENGTH) return b.slice(from);
        int end = Math.max(from, b.lengthWithoutTrailingZeros());
        return b.slice(from, end);
    }

    private static AtaArg decodeAta(Bytes b, AoeHeader h) throws MalformedFrameException {
        final int p = AoeHeader.ARG_OFFSET;
        int aflags = b.u8(p);
        int count = b.u8(p + 2);
        long lba = 0;
        for (int i = 5; i >= 0; i--) lba = lba << 8 | b.u8(p + 4 + i);
        int dataAt = p + AtaArg.FIXED_LENGTH;
        int available = b.length() - dataAt;
        Bytes data;
        if (h.response()) {
            // An answer carries whole sectors; its Sector Count is what was *not* transferred.
            data = b.slice(dataAt, dataAt + available / AtaArg.SECTOR_SIZE * AtaArg.SECTOR_SIZE);
        } else if ((aflags & AtaArg.FLAG_WRITE) != 0) {
            int need = count * AtaArg.SECTOR_SIZE;
            if (available < need) {
                throw new MalformedFrameException(Reason.SHORT_WRITE_DATA, b.length(), b,
                        "write of " + count + " sectors needs " + need + " data bytes from offset 36, frame has "
                                + available, h);
            }
            data = b.slice(dataAt, dataAt + need);
        } else {
            data = Bytes.EMPTY; // a read may carry a payload (Linux probes): it goes to the trailer
        }
        return new AtaArg(aflags, b.u8(p + 1), count, b.u8(p + 3), lba, b.u16(p + 10), data);
    }

    private static ConfigArg decodeConfig(Bytes b, AoeHeader h) throws MalformedFrameException {
        final int p = AoeHeader.ARG_OFFSET;
        int len = b.u16(p + 6);
        int at = p + ConfigArg.FIXED_LENGTH;
        if (len > ConfigArg.MAX_STRING) {
            throw new MalformedFrameException(Reason.BAD_CONFIG_LENGTH, p + 6, b,
                    "config string length is " + len + ", expected at most 1024", h);
        }
        if (at + len > b.length()) {
            throw new MalformedFrameException(Reason.BAD_CONFIG_LENGTH, p + 6, b,
                    "config string length is " + len + " but only " + (b.length() - at) + " bytes follow", h);
        }
        int v = b.u8(p + 5);
        return new ConfigArg(b.u16(p), b.u16(p + 2), b.u8(p + 4), v >>> 4, v & 0x0F, b.slice(at, at + len));
    }

    private static MacMaskArg decodeMask(Bytes b, AoeHeader h) throws MalformedFrameException {
        final int p = AoeHeader.ARG_OFFSET;
        int mcmd = b.u8(p + 1);
        int merror = b.u8(p + 2);
        int dirCount = b.u8(p + 3);
        if (h.response() && merror != 0) {
            // Dir Count is the index of the failing directive; nothing reliable follows (pitfall 25).
            return new MacMaskArg(b.u8(p), mcmd, merror, dirCount, List.of());
        }
        int at = p + MacMaskArg.FIXED_LENGTH;
        if (at + dirCount * MacMaskArg.DIRECTIVE_LENGTH > b.length()) {
            throw new MalformedFrameException(Reason.TRUNCATED_DIRECTIVES, p + 3, b,
                    "Dir Count is " + dirCount + " (" + dirCount * MacMaskArg.DIRECTIVE_LENGTH
                            + " bytes of directives) but only " + (b.length() - at) + " bytes follow", h);
        }
        List<MacMaskArg.Directive> dirs = new ArrayList<>(dirCount);
        for (int i = 0; i < dirCount; i++, at += MacMaskArg.DIRECTIVE_LENGTH) {
            dirs.add(new MacMaskArg.Directive(b.u8(at), b.u8(at + 1), MacAddress.of(b.u48(at + 2))));
        }
        return new MacMaskArg(b.u8(p), mcmd, merror, dirCount, dirs);
    }

    private static ReserveArg decodeReserve(Bytes b, AoeHeader h) throws MalformedFrameException {
        final int p = AoeHeader.ARG_OFFSET;
        int nmacs = b.u8(p + 1);
        int at = p + ReserveArg.FIXED_LENGTH;
        if (at + 6 * nmacs > b.length()) {
            throw new MalformedFrameException(Reason.TRUNCATED_MAC_LIST, p + 1, b,
                    "NMacs is " + nmacs + " (" + 6 * nmacs + " bytes) but only " + (b.length() - at) + " bytes follow", h);
        }
        List<MacAddress> macs = new ArrayList<>(nmacs);
        for (int i = 0; i < nmacs; i++, at += 6) macs.add(MacAddress.of(b.u48(at)));
        return new ReserveArg(b.u8(p), macs);
    }

    // ---------------------------------------------------------------- encoding

    /** The frame's bytes, padded with zeros to at least 60. */
    public static Bytes encode(AoeFrame f) {
        byte[] out = new byte[f.encodedLength()];
        encodeInto(f, out, 0);
        return Bytes.adopt(out);
    }

    public static EthernetFrame encodeFrame(AoeFrame f) {
        return EthernetFrame.trusted(encode(f));
    }

    /**
     * Writes the frame at the buffer's position and advances it; returns the number of bytes.
     * For senders that reuse one buffer.
     */
    public static int encodeTo(AoeFrame f, ByteBuffer dst) {
        int n = f.encodedLength();
        if (dst.hasArray()) {
            int at = dst.arrayOffset() + dst.position();
            if (dst.remaining() < n) throw new java.nio.BufferOverflowException();
            encodeInto(f, dst.array(), at);
            dst.position(dst.position() + n);
        } else {
            byte[] tmp = new byte[n];
            encodeInto(f, tmp, 0);
            dst.put(tmp);
        }
        return n;
    }

    /** Writes {@code f.encodedLength()} bytes into {@code out} at {@code at}, padding included. */
    public static void encodeInto(AoeFrame f, byte[] out, int at) {
        f.dst().writeTo(out, at);
        f.src().writeTo(out, at + 6);
        out[at + 12] = (byte) 0x88;
        out[at + 13] = (byte) 0xA2;
        AoeHeader h = f.header();
        out[at + 14] = (byte) h.verFlags();
        out[at + 15] = (byte) h.errorCode();
        out[at + 16] = (byte) (h.major() >>> 8);
        out[at + 17] = (byte) h.major();
        out[at + 18] = (byte) h.minor();
        out[at + 19] = (byte) h.command();
        long tag = h.tag();
        out[at + 20] = (byte) (tag >>> 24);
        out[at + 21] = (byte) (tag >>> 16);
        out[at + 22] = (byte) (tag >>> 8);
        out[at + 23] = (byte) tag;
        f.arg().encode(out, at + AoeHeader.ARG_OFFSET);
        int p = at + f.meaningfulLength();
        Bytes trailer = f.trailer();
        trailer.copyTo(0, out, p, trailer.length());
        p += trailer.length();
        int end = at + f.encodedLength();
        if (p < end) java.util.Arrays.fill(out, p, end, (byte) 0);
    }

    // ---------------------------------------------------------------- sizes

    /** Most sectors per ATA frame on a link of this MTU: floor((MTU - 36) / 512), at most 255 (1.3). */
    public static int maxSectors(int mtu) {
        if (mtu < 0) throw new IllegalArgumentException("MTU is " + mtu + ", expected a positive number");
        return Math.max(0, Math.min(255, (mtu - 36) / AtaArg.SECTOR_SIZE));
    }
}
