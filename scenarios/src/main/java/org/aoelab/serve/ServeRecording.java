package org.aoelab.serve;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.aoelab.tap.TapBridge;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.wire.Bytes;

/**
 * What {@code aoelab serve --record} writes: a pcapng file with every frame crossing the TAP
 * device, on two interfaces ({@link #FROM_HOST} "NAME from host", {@link #TO_HOST} "NAME to
 * host"), each at its simulated time plus the wall-clock time the session started, so Wireshark
 * shows real times. The section comment holds what {@code aoelab replay} needs:
 *
 * <pre>
 * AoE Lab serve recording; replay with: aoelab replay FILE
 * command: serve --tap tap0 --target 1.0=ram:64MiB,profile=aoelab,bufcnt=16 ... --seed 1 --mtu 1500
 * origin-epoch-ns: 1733000000000000000
 * </pre>
 *
 * Writing happens on the loop thread; an I/O error stops the recording and is reported once.
 */
public final class ServeRecording implements TapBridge.Recorder, AutoCloseable {
    public static final int FROM_HOST = 0;
    public static final int TO_HOST = 1;
    public static final String COMMAND_PREFIX = "command: ";
    public static final String ORIGIN_PREFIX = "origin-epoch-ns: ";

    private final PcapngWriter writer;
    private final long originEpochNanos;
    private IOException failure;

    /**
     * @param command          the canonical serve command line (without {@code aoelab})
     * @param originEpochNanos the wall-clock time, in nanoseconds since 1970, of simulated time 0
     */
    public ServeRecording(OutputStream out, String tap, List<String> command, long originEpochNanos) throws IOException {
        this.originEpochNanos = originEpochNanos;
        String comment = "AoE Lab serve recording; replay with: aoelab replay FILE\n" + COMMAND_PREFIX + ShellWords.join(command)
                + "\n" + ORIGIN_PREFIX + originEpochNanos;
        this.writer = PcapngWriter.to(out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16),
                "AoE Lab serve", comment);
        writer.addInterface(tap + " from host");
        writer.addInterface(tap + " to host");
    }

    @Override
    public void fromHost(long timeNanos, Bytes frame) {
        write(FROM_HOST, timeNanos, frame);
    }

    @Override
    public void toHost(long timeNanos, Bytes frame) {
        write(TO_HOST, timeNanos, frame);
    }

    private void write(int iface, long timeNanos, Bytes frame) {
        if (failure != null) return;
        try {
            writer.write(iface, originEpochNanos + timeNanos, frame);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The error that stopped the recording, or null. */
    public IOException failure() {
        return failure;
    }

    public long framesWritten() {
        return writer.framesWritten();
    }

    /** Flushes what is buffered to the file (the status line does it now and then). */
    public void flush() {
        if (failure != null) return;
        try {
            writer.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
        if (failure != null) throw new UncheckedIOException("recording failed", failure);
    }
}
