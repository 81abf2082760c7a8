package org.aoelab.trace;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.wire.Bytes;

/**
 * Writes a pcapng file: one Section Header Block (with an optional comment and the name of the
 * application), one Interface Description Block per interface (its name, Ethernet link type and
 * nanosecond resolution), and an Enhanced Packet Block per frame, optionally with a comment that
 * Wireshark shows next to the packet (why it was dropped, which scenario step sent it).
 *
 * <pre>
 * every block:  +------+--------------+------ body ------+--------------+
 *               | type | total length | ... options ...  | total length |
 *               +------+--------------+------------------+--------------+
 * SHB 0x0A0D0D0A: byte-order magic 1A2B3C4D, version 1.0, section length -1,
 *                 shb_userappl (4), opt_comment (1)
 * IDB 0x00000001: link type 1, snap length 65535, if_name (2), if_tsresol (9) = 9
 * EPB 0x00000006: interface, timestamp (high, low) in ns, captured and original length,
 *                 frame padded to 32 bits, opt_comment (1)
 * </pre>
 *
 * Interfaces must be added before frames are written on them; a frame longer than 65,535 bytes
 * is cut to that length with its full length recorded. Not thread-safe.
 */
public final class PcapngWriter implements Closeable, Flushable {
    static final int BLOCK_SHB = 0x0A0D0D0A;
    static final int BLOCK_IDB = 0x00000001;
    static final int BLOCK_EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_END = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_SHB_USERAPPL = 4;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    public static final int SNAPLEN = 65535;
    private static final int MAX_OPTION = 0xFFFF;

    private final OutputStream out;
    private final ByteOrder order;
    private ByteBuffer block = ByteBuffer.allocate(SNAPLEN + 1024);
    private final List<String> interfaces = new ArrayList<>();
    private long frames;
    private boolean closed;

    private PcapngWriter(OutputStream out, ByteOrder order, String application, String comment) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.order = order;
        byte[] app = optionBytes("application", application);
        byte[] note = optionBytes("comment", comment);
        begin(BLOCK_SHB);
        block.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        if (note != null) option(OPT_COMMENT, note);
        if (app != null) option(OPT_SHB_USERAPPL, app);
        endOptions(note != null || app != null);
        finish();
    }

    /**
     * A little-endian writer to {@code out}; the section header is written at once.
     *
     * @param application the program that wrote the file ({@code shb_userappl}), or null
     * @param comment     a comment on the whole file, or null
     */
    public static PcapngWriter to(OutputStream out, String application, String comment) throws IOException {
        return to(out, ByteOrder.LITTLE_ENDIAN, application, comment);
    }

    /** As {@link #to(OutputStream, String, String)}, in the given byte order. */
    public static PcapngWriter to(OutputStream out, ByteOrder order, String application, String comment)
            throws IOException {
        if (out == null) throw new IllegalArgumentException("out is missing");
        if (order == null) throw new IllegalArgumentException("order is missing");
        return new PcapngWriter(out, order, application, comment);
    }

    /** Creates (or replaces) {@code file}, little-endian, and writes its section header. */
    public static PcapngWriter create(Path file, String application, String comment) throws IOException {
        if (file == null) throw new IllegalArgumentException("file is missing");
        OutputStream os = Files.newOutputStream(file);
        try {
            return new PcapngWriter(os, ByteOrder.LITTLE_ENDIAN, application, comment);
        } catch (IOException | RuntimeException e) {
            os.close();
            throw e;
        }
    }

    /**
     * Declares an Ethernet interface with nanosecond timestamps.
     *
     * @param name its {@code if_name} (a port, a link, a TAP device), or null for none
     * @return its id, to pass to {@link #write}: 0 for the first interface, then 1, 2, ...
     */
    public int addInterface(String name) throws IOException {
        checkOpen();
        byte[] n = optionBytes("interface name", name);
        begin(BLOCK_IDB);
        block.putShort((short) PcapInterface.LINKTYPE_ETHERNET).putShort((short) 0).putInt(SNAPLEN);
        if (n != null) option(OPT_IF_NAME, n);
        option(OPT_IF_TSRESOL, new byte[] {PcapInterface.TSRESOL_NANOS});
        endOptions(true);
        finish();
        interfaces.add(name);
        return interfaces.size() - 1;
    }

    /** Appends a frame captured on {@code interfaceId} at {@code timeNanos}, without a comment. */
    public void write(int interfaceId, long timeNanos, Bytes frame) throws IOException {
        write(interfaceId, timeNanos, frame, null);
    }

    /**
     * Appends a frame captured on {@code interfaceId} at {@code timeNanos}.
     *
     * @param comment shown by Wireshark with the packet, or null
     * @throws IllegalArgumentException for an interface not added, a negative time, or a comment
     *                                  longer than 65,535 bytes in UTF-8
     */
    public void write(int interfaceId, long timeNanos, Bytes frame, String comment) throws IOException {
        checkOpen();
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new IllegalArgumentException("interfaceId is " + interfaceId + ", expected "
                    + (interfaces.isEmpty() ? "an interface added with addInterface first" : "0-" + (interfaces.size() - 1)));
        }
        if (frame == null) throw new IllegalArgumentException("frame is missing");
        if (timeNanos < 0) throw new IllegalArgumentException("timeNanos is " + timeNanos + ", expected 0 or more");
        byte[] note = optionBytes("comment", comment);
        int length = frame.length();
        int captured = Math.min(length, SNAPLEN);
        begin(BLOCK_EPB);
        block.putInt(interfaceId).putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos)
                .putInt(captured).putInt(length);
        frame.slice(0, captured).writeTo(block);
        pad();
        if (note != null) {
            option(OPT_COMMENT, note);
            endOptions(true);
        }
        finish();
        frames++;
    }

    /** Frames written so far. */
    public long framesWritten() {
        return frames;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }

    // ---------------------------------------------------------------- blocks

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the pcapng writer is closed");
    }

    private static byte[] optionBytes(String what, String value) {
        if (value == null) return null;
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_OPTION) {
            throw new IllegalArgumentException(what + " is " + b.length + " bytes in UTF-8, expected at most " + MAX_OPTION);
        }
        return b;
    }

    private void begin(int type) {
        block.clear();
        block.order(order);
        block.putInt(type).putInt(0); // length filled in by finish()
    }

    private void ensure(int more) {
        if (block.remaining() >= more) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(block.capacity() * 2, block.position() + more)).order(order);
        block.flip();
        bigger.put(block);
        block = bigger;
    }

    private void option(int code, byte[] value) {
        ensure(4 + value.length + 3 + 4 + 4);
        block.putShort((short) code).putShort((short) value.length).put(value);
        pad();
    }

    private void endOptions(boolean any) {
        if (any) block.putInt(OPT_END); // opt_endofopt: code 0, length 0
    }

    private void pad() {
        while ((block.position() & 3) != 0) block.put((byte) 0);
    }

    private void finish() throws IOException {
        ensure(4);
        int total = block.position() + 4;
        block.putInt(4, total);
        block.putInt(total);
        out.write(block.array(), 0, total);
    }
}
