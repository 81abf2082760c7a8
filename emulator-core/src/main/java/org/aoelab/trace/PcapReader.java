package org.aoelab.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.aoelab.wire.Bytes;

/**
 * Reads capture files: classic pcap in either byte order with microsecond or nanosecond
 * timestamps, and pcapng (Enhanced, Simple and obsolete Packet Blocks, several interfaces with
 * their own time resolution and offset, several sections). Blocks it does not need (name
 * resolution, statistics, custom blocks) are skipped.
 *
 * <p>Reading is strict: a file that ends inside a header, a block or a packet, a block whose two
 * length fields differ, or a packet on an interface never declared raises
 * {@link PcapFormatException} naming the file, the byte offset and what was expected. A file that
 * ends exactly between two records is complete.
 *
 * <pre>{@code
 * try (PcapReader r = PcapReader.open(path)) {
 *     for (PcapRecord rec; (rec = r.next()) != null; ) { ... }
 * }
 * }</pre>
 *
 * Not thread-safe.
 */
public final class PcapReader implements Closeable {
    /** The kind of file. */
    public enum Format {
        /** Classic pcap (libpcap), one link type, one byte order. */
        PCAP,
        /** pcapng: sections of blocks, any number of interfaces. */
        PCAPNG
    }

    /** Larger than any real snapshot length (libpcap's maximum is 262,144): such a length means a corrupt file. */
    static final int MAX_CAPTURED = 1 << 20;
    /** Largest pcapng block accepted: a packet of {@link #MAX_CAPTURED} bytes with generous options. */
    static final int MAX_BLOCK = MAX_CAPTURED + (1 << 18);
    private static final int BLOCK_PACKET_OBSOLETE = 0x00000002;
    private static final int BLOCK_SPB = 0x00000003;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final Input in;
    private final String source;
    private final Format format;
    // classic pcap
    private boolean nanos;
    // both: the byte order of the file (pcap) or of the current section (pcapng)
    private boolean little;
    private final List<PcapInterface> interfaces = new ArrayList<>();
    private String application;
    private String sectionComment;
    private byte[] body = new byte[4096];
    private final byte[] head = new byte[24];
    private final byte[] fixed = new byte[20];

    private PcapReader(InputStream stream, String source) throws IOException {
        this.in = new Input(stream);
        this.source = source;
        int n = in.read(head, 0, 4);
        if (n < 4) {
            throw error(0, n == 0 ? "the file is empty, expected a pcap or pcapng file header"
                    : "the file ends after " + n + " bytes, expected a 4-byte pcap or pcapng magic number");
        }
        int be = be32(head, 0);
        if (be == PcapngWriter.BLOCK_SHB) {
            format = Format.PCAPNG;
            readSectionHeader(0);
        } else {
            format = Format.PCAP;
            readFileHeader(be);
        }
    }

    /** Opens {@code file} and reads its header. */
    public static PcapReader open(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("file is missing");
        InputStream s = Files.newInputStream(file);
        try {
            return new PcapReader(s, file.toString());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Reads a capture from {@code stream}, starting with its header.
     *
     * @param source the name used in error messages (a file name)
     */
    public static PcapReader of(InputStream stream, String source) throws IOException {
        if (stream == null) throw new IllegalArgumentException("stream is missing");
        return new PcapReader(stream, source == null ? "capture" : source);
    }

    /** Every record of {@code file}. */
    public static List<PcapRecord> readAll(Path file) throws IOException {
        try (PcapReader r = open(file)) {
            List<PcapRecord> out = new ArrayList<>();
            for (PcapRecord rec; (rec = r.next()) != null; ) out.add(rec);
            return out;
        }
    }

    public Format format() {
        return format;
    }

    /** The byte order of the file, or of the pcapng section read last. */
    public ByteOrder byteOrder() {
        return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /**
     * The interfaces declared so far in the current section: for classic pcap, the one interface
     * the file header describes (no name; resolution 6 or 9).
     */
    public List<PcapInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** The interface a record was captured on. */
    public PcapInterface interfaceOf(PcapRecord record) {
        return interfaces.get(record.interfaceId());
    }

    /** {@code shb_userappl} of the current pcapng section, or null. */
    public String application() {
        return application;
    }

    /** The comment of the current pcapng section, or null. */
    public String sectionComment() {
        return sectionComment;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws PcapFormatException when the file is truncated or corrupt
     */
    public PcapRecord next() throws IOException {
        return format == Format.PCAP ? nextClassic() : nextBlock();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---------------------------------------------------------------- classic pcap

    private void readFileHeader(int be) throws IOException {
        int le = Integer.reverseBytes(be);
        if (be == PcapWriter.MAGIC_MICROS || be == PcapWriter.MAGIC_NANOS) {
            little = false;
        } else if (le == PcapWriter.MAGIC_MICROS || le == PcapWriter.MAGIC_NANOS) {
            little = true;
        } else {
            throw error(0, "not a pcap or pcapng file: it starts with " + HEX.formatHex(head, 0, 4)
                    + ", expected a pcap magic number (a1 b2 c3 d4 or a1 b2 3c 4d, in either byte order)"
                    + " or a pcapng Section Header Block (0a 0d 0d 0a)");
        }
        nanos = (little ? le : be) == PcapWriter.MAGIC_NANOS;
        int n = in.read(head, 4, PcapWriter.FILE_HEADER_LENGTH - 4);
        if (n < PcapWriter.FILE_HEADER_LENGTH - 4) {
            throw error(4 + n, "the file ends inside the pcap file header, expected " + PcapWriter.FILE_HEADER_LENGTH
                    + " bytes, found " + (4 + n));
        }
        int major = u16(head, 4);
        if (major != 2) {
            throw error(4, "pcap version is " + major + "." + u16(head, 6) + ", expected 2.x");
        }
        long snap = u32(head, 16);
        int linkType = (int) (u32(head, 20) & 0xFFFF); // upper bits: FCS length, not the link type
        interfaces.add(new PcapInterface(linkType, null, snap,
                nanos ? PcapInterface.TSRESOL_NANOS : PcapInterface.TSRESOL_MICROS, 0));
    }

    private PcapRecord nextClassic() throws IOException {
        long at = in.offset();
        int n = in.read(head, 0, PcapWriter.RECORD_HEADER_LENGTH);
        if (n == 0) return null;
        if (n < PcapWriter.RECORD_HEADER_LENGTH) {
            throw error(at, "the file ends inside a packet record header: expected 16 bytes, found " + n);
        }
        long seconds = u32(head, 0);
        long fraction = u32(head, 4);
        long captured = u32(head, 8);
        long original = u32(head, 12);
        if (captured > MAX_CAPTURED) {
            throw error(at + 8, "captured length is " + captured + ", expected at most " + MAX_CAPTURED
                    + " (the file is corrupt)");
        }
        byte[] data = new byte[(int) captured];
        int got = in.read(data, 0, data.length);
        if (got < data.length) {
            throw error(at + PcapWriter.RECORD_HEADER_LENGTH + got, "the file ends inside a packet: expected "
                    + captured + " bytes of packet data (the captured length), found " + got);
        }
        long time = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
        return new PcapRecord(time, 0, Bytes.adopt(data), (int) Math.min(Integer.MAX_VALUE, original), null);
    }

    // ---------------------------------------------------------------- pcapng

    /** Reads the rest of a Section Header Block whose first 4 bytes are in {@code head}. */
    private void readSectionHeader(long at) throws IOException {
        int n = in.read(head, 4, 8);
        if (n < 8) {
            throw error(at + 4 + n, "the file ends inside a Section Header Block: expected its length and byte-order magic");
        }
        int magic = be32(head, 8);
        if (magic == PcapngWriter.BYTE_ORDER_MAGIC) {
            little = false;
        } else if (Integer.reverseBytes(magic) == PcapngWriter.BYTE_ORDER_MAGIC) {
            little = true;
        } else {
            throw error(at + 8, "byte-order magic is " + HEX.formatHex(head, 8, 12)
                    + ", expected 1a 2b 3c 4d or 4d 3c 2b 1a (the file is not pcapng or is corrupt)");
        }
        long total = checkLength(at, u32(head, 4), 28);
        byte[] b = readBody(at, (int) total, 12);
        int major = u16(b, 0);
        if (major != 1) throw error(at + 12, "pcapng version is " + major + "." + u16(b, 2) + ", expected 1.x");
        interfaces.clear();
        application = null;
        sectionComment = null;
        Options o = new Options(at + 12, b, 12, (int) total - 28);
        while (o.next()) {
            if (o.code == PcapngWriter.OPT_COMMENT) sectionComment = join(sectionComment, o.text());
            else if (o.code == PcapngWriter.OPT_SHB_USERAPPL) application = o.text();
        }
        readTrailer(at, total);
    }

    private PcapRecord nextBlock() throws IOException {
        while (true) {
            long at = in.offset();
            int n = in.read(head, 0, 4);
            if (n == 0) return null;
            if (n < 4) throw error(at, "the file ends inside a block header: expected 8 bytes, found " + n);
            if (be32(head, 0) == PcapngWriter.BLOCK_SHB) {
                readSectionHeader(at);
                continue;
            }
            n = in.read(head, 4, 4);
            if (n < 4) throw error(at, "the file ends inside a block header: expected 8 bytes, found " + (4 + n));
            int type = i32(head, 0);
            long total = checkLength(at, u32(head, 4), 12);
            PcapRecord rec;
            switch (type) {
                case PcapngWriter.BLOCK_IDB -> {
                    readInterface(at, total);
                    rec = null;
                }
                case PcapngWriter.BLOCK_EPB -> rec = readEnhanced(at, total);
                case BLOCK_SPB -> rec = readSimple(at, total);
                case BLOCK_PACKET_OBSOLETE -> rec = readObsolete(at, total);
                default -> {
                    readBody(at, (int) total, 8); // name resolution, statistics, custom: not needed
                    rec = null;
                }
            }
            readTrailer(at, total);
            if (rec != null) return rec;
        }
    }

    private long checkLength(long at, long total, int min) throws PcapFormatException {
        if (total < min || (total & 3) != 0 || total > MAX_BLOCK) {
            throw error(at + 4, "block total length is " + total + ", expected a multiple of 4 from " + min
                    + " to " + MAX_BLOCK + " (the file is corrupt)");
        }
        return total;
    }

    /** Reads the body of a block (after the {@code consumed} bytes already read, before the trailing length). */
    private byte[] readBody(long at, int total, int consumed) throws IOException {
        int len = total - consumed - 4;
        if (body.length < len) body = new byte[Math.max(len, body.length * 2)];
        readPart(at, total, consumed, body, len);
        return body;
    }

    /** Reads {@code len} bytes of the block at {@code at}, of which {@code consumed} are already read. */
    private void readPart(long at, long total, int consumed, byte[] dst, int len) throws IOException {
        int got = in.read(dst, 0, len);
        if (got < len) {
            throw error(at + consumed + got, "the file ends inside a " + blockName(i32(head, 0)) + " of " + total
                    + " bytes: expected " + (total - consumed - 4) + " more bytes before its trailing length, found " + got);
        }
    }

    private void readTrailer(long at, long total) throws IOException {
        long where = in.offset();
        int n = in.read(head, 0, 4);
        if (n < 4) {
            throw error(where, "the file ends before the trailing length of the block at offset " + at
                    + ": expected 4 bytes, found " + n);
        }
        long trailing = u32(head, 0);
        if (trailing != total) {
            throw error(where, "the block at offset " + at + " ends with length " + trailing + ", expected " + total
                    + " as in its header (the file is corrupt)");
        }
    }

    private void readInterface(long at, long total) throws IOException {
        if (total < 20) throw error(at + 4, "Interface Description Block of " + total + " bytes, expected at least 20");
        byte[] b = readBody(at, (int) total, 8);
        int linkType = u16(b, 0);
        long snap = u32(b, 4);
        String name = null;
        int tsresol = PcapInterface.TSRESOL_MICROS;
        long tsoffset = 0;
        Options o = new Options(at + 8, b, 8, (int) total - 20);
        while (o.next()) {
            if (o.code == PcapngWriter.OPT_IF_NAME) {
                name = o.text();
            } else if (o.code == PcapngWriter.OPT_IF_TSRESOL) {
                if (o.length != 1) throw error(at + 8 + o.start, "if_tsresol is " + o.length + " bytes long, expected 1");
                tsresol = b[o.start] & 0xFF;
                if ((tsresol & 0x80) == 0 ? tsresol > 18 : (tsresol & 0x7F) > 62) {
                    throw error(at + 8 + o.start, "if_tsresol is 0x" + Integer.toHexString(tsresol)
                            + ", expected 10^-n with n at most 18 or 2^-n with n at most 62");
                }
            } else if (o.code == PcapngWriter.OPT_IF_TSOFFSET) {
                if (o.length != 8) throw error(at + 8 + o.start, "if_tsoffset is " + o.length + " bytes long, expected 8");
                tsoffset = i64(b, o.start);
            }
        }
        interfaces.add(new PcapInterface(linkType, name, snap, tsresol, tsoffset));
    }

    private PcapRecord readEnhanced(long at, long total) throws IOException {
        if (total < 32) throw error(at + 4, "Enhanced Packet Block of " + total + " bytes, expected at least 32");
        byte[] f = fixed;
        readPart(at, total, 8, f, 20);
        int iface = checkInterface(at + 8, u32(f, 0));
        long ticks = u32(f, 4) << 32 | u32(f, 8);
        long captured = u32(f, 12);
        long original = u32(f, 16);
        int room = (int) total - 32;
        if (captured > room) {
            throw error(at + 20, "captured length is " + captured + " but the Enhanced Packet Block has room for "
                    + room + " bytes of packet data (the file is corrupt)");
        }
        int c = (int) captured;
        // the frame goes straight into its own array; padding and options into the body buffer
        byte[] data = new byte[c];
        readPart(at, total, 28, data, c);
        byte[] rest = readBody(at, (int) total, 28 + c);
        int padding = pad4(c) - c;
        String comment = comments(at + 28 + c, rest, padding, room - c - padding);
        return new PcapRecord(nanos(at + 12, iface, ticks), iface, Bytes.adopt(data), (int) Math.min(Integer.MAX_VALUE, original), comment);
    }

    private PcapRecord readSimple(long at, long total) throws IOException {
        if (total < 16) throw error(at + 4, "Simple Packet Block of " + total + " bytes, expected at least 16");
        byte[] b = readBody(at, (int) total, 8);
        checkInterface(at + 8, 0);
        long original = u32(b, 0);
        long snap = interfaces.get(0).snapLength();
        long captured = snap == 0 ? original : Math.min(original, snap);
        int room = (int) total - 16;
        if (captured > room) {
            throw error(at + 8, "original length is " + original + " but the Simple Packet Block has room for "
                    + room + " bytes of packet data (the file is corrupt)");
        }
        return new PcapRecord(0, 0, Bytes.copyOf(b, 4, (int) captured), (int) Math.min(Integer.MAX_VALUE, original), null);
    }

    private PcapRecord readObsolete(long at, long total) throws IOException {
        if (total < 32) throw error(at + 4, "Packet Block of " + total + " bytes, expected at least 32");
        byte[] b = readBody(at, (int) total, 8);
        int iface = checkInterface(at + 8, u16(b, 0));
        long ticks = u32(b, 4) << 32 | u32(b, 8);
        long captured = u32(b, 12);
        long original = u32(b, 16);
        int room = (int) total - 32;
        if (captured > room) {
            throw error(at + 20, "captured length is " + captured + " but the Packet Block has room for "
                    + room + " bytes of packet data (the file is corrupt)");
        }
        int c = (int) captured;
        String comment = comments(at + 8, b, 20 + pad4(c), room - pad4(c));
        return new PcapRecord(nanos(at + 12, iface, ticks), iface, Bytes.copyOf(b, 20, c),
                (int) Math.min(Integer.MAX_VALUE, original), comment);
    }

    private int checkInterface(long where, long id) throws PcapFormatException {
        if (id >= interfaces.size()) {
            throw error(where, "packet on interface " + id + ", but " + (interfaces.isEmpty()
                    ? "no Interface Description Block came before it in this section"
                    : "only interfaces 0-" + (interfaces.size() - 1) + " are declared in this section"));
        }
        return (int) id;
    }

    /** The {@code opt_comment} values among the options at {@code b[from..from+length)}; {@code b[0]} is at file offset {@code bodyAt}. */
    private String comments(long bodyAt, byte[] b, int from, int length) throws PcapFormatException {
        String comment = null;
        Options o = new Options(bodyAt, b, from, Math.max(0, length));
        while (o.next()) {
            if (o.code == PcapngWriter.OPT_COMMENT) comment = join(comment, o.text());
        }
        return comment;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "\n" + b;
    }

    /** Converts interface ticks to nanoseconds, with the interface's offset. */
    private long nanos(long where, int iface, long ticks) throws PcapFormatException {
        PcapInterface i = interfaces.get(iface);
        int r = i.tsresol();
        try {
            long ns;
            if ((r & 0x80) == 0) {
                if (r <= 9) {
                    if (ticks < 0) throw new ArithmeticException();
                    ns = Math.multiplyExact(ticks, pow10(9 - r));
                } else {
                    ns = Long.divideUnsigned(ticks, pow10(r - 9));
                }
            } else {
                int shift = r & 0x7F;
                ns = BigInteger.valueOf(ticks >>> 1).shiftLeft(1).add(BigInteger.valueOf(ticks & 1))
                        .multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(shift).longValueExact();
            }
            return Math.addExact(ns, Math.multiplyExact(i.tsOffsetSeconds(), 1_000_000_000L));
        } catch (ArithmeticException e) {
            throw error(where, "timestamp of " + Long.toUnsignedString(ticks) + " ticks (if_tsresol 0x"
                    + Integer.toHexString(r) + ") is beyond the year 2262, the latest time AoE Lab can represent");
        }
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) v *= 10;
        return v;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static String blockName(int type) {
        return switch (type) {
            case PcapngWriter.BLOCK_SHB -> "Section Header Block";
            case PcapngWriter.BLOCK_IDB -> "Interface Description Block";
            case PcapngWriter.BLOCK_EPB -> "Enhanced Packet Block";
            case BLOCK_SPB -> "Simple Packet Block";
            case BLOCK_PACKET_OBSOLETE -> "Packet Block";
            default -> String.format("block of type 0x%08x", type);
        };
    }

    /** Walks the options of a block body: code, length, padded value; stops at opt_endofopt. */
    private final class Options {
        private final long bodyAt;
        private final byte[] b;
        private final int end;
        private int p;
        int code;
        int length;
        int start;

        /** @param bodyAt file offset of {@code b[0]} */
        Options(long bodyAt, byte[] b, int from, int length) {
            this.bodyAt = bodyAt;
            this.b = b;
            this.p = from;
            this.end = from + length;
        }

        boolean next() throws PcapFormatException {
            if (p + 4 > end) return false;
            code = u16(b, p);
            length = u16(b, p + 2);
            if (code == PcapngWriter.OPT_END) return false;
            start = p + 4;
            if (start + length > end) {
                throw error(bodyAt + p, "option " + code + " of " + length + " bytes runs past the end of its block ("
                        + (end - start) + " bytes left)");
            }
            p = start + pad4(length);
            return true;
        }

        String text() {
            int n = length;
            while (n > 0 && b[start + n - 1] == 0) n--; // some writers end strings with a NUL
            return new String(b, start, n, StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- numbers

    private PcapFormatException error(long offset, String detail) {
        return new PcapFormatException(source, offset, detail);
    }

    private static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private int i32(byte[] b, int at) {
        int v = be32(b, at);
        return little ? Integer.reverseBytes(v) : v;
    }

    private long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFF_FFFFL;
    }

    private int u16(byte[] b, int at) {
        int v = (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
        return little ? Integer.reverseBytes(v) >>> 16 : v;
    }

    private long i64(byte[] b, int at) {
        long v = (long) be32(b, at) << 32 | be32(b, at + 4) & 0xFFFF_FFFFL;
        return little ? Long.reverseBytes(v) : v;
    }

    /** A buffered stream that knows its offset from the start of the file. */
    private static final class Input implements Closeable {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private long base;

        Input(InputStream in) {
            this.in = in;
        }

        long offset() {
            return base + pos;
        }

        /** Reads up to {@code len} bytes; fewer only at the end of the stream. */
        int read(byte[] dst, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                if (pos == limit) {
                    base += limit;
                    pos = limit = 0;
                    if (len - done >= buf.length) { // large reads bypass the buffer
                        int n = in.read(dst, off + done, len - done);
                        if (n < 0) break;
                        base += n;
                        done += n;
                        continue;
                    }
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) break;
                    limit = n;
                }
                int k = Math.min(len - done, limit - pos);
                System.arraycopy(buf, pos, dst, off + done, k);
                pos += k;
                done += k;
            }
            return done;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
