package org.aoelab.bench.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.aoelab.trace.PcapReader;
import org.aoelab.trace.PcapRecord;
import org.aoelab.trace.PcapWriter;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading (and writing) a trace of 1,000,000 frames: one operation is the whole file, so
 * frames per second = 1,000,000 / (seconds per operation). Two traces: {@code small}, 60-byte
 * frames (discovery, config, short answers), and {@code reads}, READ EXT requests (60 bytes)
 * alternating with their 1,060-byte answers, as a disk being read looks on the wire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PcapBenchmark {
    public static final int FRAMES = 1_000_000;

    @Param({"small", "reads"})
    public String trace;

    private Bytes request;
    private Bytes answer;
    private Path pcap;
    private Path pcapng;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        MacAddress host = MacAddress.local(1);
        MacAddress target = MacAddress.local(2);
        AoeFrame read = AoeFrame.request(target, host, 3, 1, 0x00022f40L, AtaArg.read48(0x1000, 2));
        request = AoeCodec.encode(read);
        answer = trace.equals("reads")
                ? AoeCodec.encode(read.answer(target, 3, 1, ((AtaArg) read.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0,
                        Bytes.repeat(0x5a, 1024))))
                : AoeCodec.encode(read.answer(target, 3, 1, ((AtaArg) read.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0,
                        Bytes.EMPTY)));
        pcap = Files.createTempFile("aoelab-bench-", ".pcap");
        pcapng = Files.createTempFile("aoelab-bench-", ".pcapng");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            writeAll(w);
        }
        try (PcapngWriter w = PcapngWriter.create(pcapng, "PcapBenchmark", null)) {
            int iface = w.addInterface("bench");
            for (int i = 0; i < FRAMES; i++) w.write(iface, i * 1_000L, (i & 1) == 0 ? request : answer);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(pcap);
        Files.deleteIfExists(pcapng);
    }

    private void writeAll(PcapWriter w) throws IOException {
        for (int i = 0; i < FRAMES; i++) w.write(i * 1_000L, (i & 1) == 0 ? request : answer);
    }

    private static long readAll(Path file) throws IOException {
        long bytes = 0;
        int n = 0;
        try (PcapReader r = PcapReader.open(file)) {
            for (PcapRecord rec; (rec = r.next()) != null; n++) bytes += rec.frame().length();
        }
        if (n != FRAMES) throw new IllegalStateException("read " + n + " frames, expected " + FRAMES);
        return bytes;
    }

    /** Read every record of the classic pcap file (the frames are copied out of the file). */
    @Benchmark
    public long readPcap() throws IOException {
        return readAll(pcap);
    }

    /** The same frames from a pcapng file (Enhanced Packet Blocks). */
    @Benchmark
    public long readPcapng() throws IOException {
        return readAll(pcapng);
    }

    /** Write the 1,000,000 frames as classic pcap to a stream that discards them. */
    @Benchmark
    public long writePcap() throws IOException {
        try (PcapWriter w = PcapWriter.to(OutputStream.nullOutputStream())) {
            writeAll(w);
            return w.framesWritten();
        }
    }
}
