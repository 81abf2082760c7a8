package org.aoelab.trace;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.aoelab.wire.Bytes;

/**
 * Writes Ethernet frames to a classic pcap file with nanosecond timestamps, the format every
 * capture tool reads (Wireshark, tshark, tcpdump).
 *
 * <pre>
 * file header (24 bytes)                          record header (16 bytes), then the frame
 * +-----------+-------+-------+------+-------+     +---------+----------+----------+----------+
 * | a1b23c4d  | 2 | 4 |  zone | sigf | snap  | LT  | seconds | nanosecs | captured | original |
 * +-----------+-------+-------+------+-------+     +---------+----------+----------+----------+
 *   magic: nanosecond resolution; LT = LINKTYPE_ETHERNET (1); snap = 65535
 * </pre>
 *
 * Fields are in the byte order chosen at creation (little-endian by default, as on the machines
 * that write most captures); readers tell the order from the magic. Frames are written as given,
 * from the destination MAC, without FCS; a frame longer than the 65,535-byte snapshot length is cut
 * to it, with its full length recorded as the original length. Not thread-safe.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** Classic pcap magic for microsecond timestamps. */
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    /** Classic pcap magic for nanosecond timestamps: what this writer writes. */
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    public static final int SNAPLEN = 65535;
    public static final int FILE_HEADER_LENGTH = 24;
    public static final int RECORD_HEADER_LENGTH = 16;
    /** The latest time a classic pcap record can hold: 2^32 - 1 seconds and 999,999,999 ns. */
    public static final long MAX_TIME_NANOS = 0xFFFF_FFFFL * 1_000_000_000L + 999_999_999L;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_LENGTH);
    private final byte[] scratch = new byte[SNAPLEN];
    private long frames;
    private boolean closed;

    private PcapWriter(OutputStream out, ByteOrder order) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        header.order(order);
        ByteBuffer fh = ByteBuffer.allocate(FILE_HEADER_LENGTH).order(order);
        fh.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(PcapInterface.LINKTYPE_ETHERNET);
        this.out.write(fh.array());
    }

    /** A writer to {@code out}, little-endian; the file header is written at once. */
    public static PcapWriter to(OutputStream out) throws IOException {
        return to(out, ByteOrder.LITTLE_ENDIAN);
    }

    /** A writer to {@code out} in the given byte order; the file header is written at once. */
    public static PcapWriter to(OutputStream out, ByteOrder order) throws IOException {
        if (out == null) throw new IllegalArgumentException("out is missing");
        if (order == null) throw new IllegalArgumentException("order is missing");
        return new PcapWriter(out, order);
    }

    /** Creates (or replaces) {@code file} and writes its header. */
    public static PcapWriter create(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("file is missing");
        OutputStream os = Files.newOutputStream(file);
        try {
            return new PcapWriter(os, ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            os.close();
            throw e;
        }
    }

    /**
     * Appends one frame captured at {@code timeNanos}.
     *
     * @throws IllegalArgumentException when the time is negative or beyond {@link #MAX_TIME_NANOS}
     */
    public void write(long timeNanos, Bytes frame) throws IOException {
        if (closed) throw new IllegalStateException("the pcap writer is closed");
        if (frame == null) throw new IllegalArgumentException("frame is missing");
        if (timeNanos < 0 || timeNanos > MAX_TIME_NANOS) {
            throw new IllegalArgumentException("timeNanos is " + timeNanos + ", expected 0-" + MAX_TIME_NANOS
                    + " (a classic pcap record holds 32-bit seconds)");
        }
        int length = frame.length();
        int captured = Math.min(length, SNAPLEN);
        header.clear();
        header.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (timeNanos % 1_000_000_000L))
                .putInt(captured).putInt(length);
        out.write(header.array(), 0, RECORD_HEADER_LENGTH);
        frame.copyTo(0, scratch, 0, captured);
        out.write(scratch, 0, captured);
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
}
