package org.aoelab.bench;

import java.util.concurrent.TimeUnit;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MalformedFrameException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode plus encode of a 1,060-byte ATA read answer carrying 1,024 data bytes (issue: at least
 * 10 million per second per core). Decoding shares the frame's bytes; encoding writes into a
 * reused buffer, as a sender writing to a device does; {@code ...Allocating} makes a new array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private Bytes wire;
    private final byte[] out = new byte[9000];

    @Setup
    public void setUp() {
        MacAddress host = MacAddress.local(1);
        MacAddress target = MacAddress.local(2);
        AoeFrame request = AoeFrame.request(target, host, 3, 1, 0x00022f40L, AtaArg.read48(0x1000, 2));
        byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        AoeFrame answer = request.answer(target, 3, 1,
                ((AtaArg) request.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0, Bytes.adopt(data)));
        wire = AoeCodec.encode(answer);
        if (wire.length() != 1060) throw new IllegalStateException("expected 1060 bytes, got " + wire.length());
    }

    @Benchmark
    public int decodeEncode() throws MalformedFrameException {
        AoeFrame f = AoeCodec.decode(wire);
        AoeCodec.encodeInto(f, out, 0);
        return out[1059];
    }

    @Benchmark
    public Bytes decodeEncodeAllocating() throws MalformedFrameException {
        return AoeCodec.encode(AoeCodec.decode(wire));
    }

    @Benchmark
    public AoeFrame decodeOnly() throws MalformedFrameException {
        return AoeCodec.decode(wire);
    }
}
