package org.aoelab.bench.disk;

import java.util.concurrent.TimeUnit;

import org.aoelab.disk.DiskException;
import org.aoelab.disk.RamDisk;
import org.aoelab.wire.Bytes;
import org.apache.commons.math3.random.Well512a;
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
 * 4 KiB (8-sector) reads and writes on a RAM disk at random 4 KiB-aligned places (issue 4).
 * {@code written}: a 256 MiB disk written all over, so every access finds its chunk;
 * {@code sparse}: a 1 TiB disk read where nothing was written (zero fill); {@code hot}: one
 * place over and over, the disk's own overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RamDiskBenchmark {
    private static final int PLACES = 1 << 16;
    private static final long WRITTEN_SECTORS = (256L << 20) / 512;
    private static final long SPARSE_SECTORS = (1L << 40) / 512;

    private RamDisk written;
    private RamDisk sparse;
    private final long[] writtenLbas = new long[PLACES];
    private final long[] sparseLbas = new long[PLACES];
    private final byte[] buffer = new byte[4096];
    private Bytes data;
    private int next;

    @Setup
    public void setUp() throws DiskException {
        written = new RamDisk(WRITTEN_SECTORS);
        Bytes mib = Bytes.repeat(0x5A, 1 << 20);
        for (long lba = 0; lba < WRITTEN_SECTORS; lba += 2048) written.write(lba, mib);
        sparse = new RamDisk(SPARSE_SECTORS);
        Well512a random = new Well512a(20240401);
        for (int i = 0; i < PLACES; i++) {
            writtenLbas[i] = (long) (random.nextDouble() * (WRITTEN_SECTORS / 8)) * 8;
            sparseLbas[i] = (long) (random.nextDouble() * (SPARSE_SECTORS / 8)) * 8;
        }
        data = Bytes.repeat(0xA5, 4096);
    }

    private int place() {
        int i = next;
        next = (i + 1) & (PLACES - 1);
        return i;
    }

    @Benchmark
    public byte read4kWritten() throws DiskException {
        written.read(writtenLbas[place()], 8, buffer, 0);
        return buffer[4095];
    }

    @Benchmark
    public void write4kWritten() throws DiskException {
        written.write(writtenLbas[place()], data);
    }

    /** The same 4 KiB every time: the disk's own overhead, with the data in the CPU cache. */
    @Benchmark
    public byte read4kHot() throws DiskException {
        written.read(4096, 8, buffer, 0);
        return buffer[4095];
    }

    @Benchmark
    public byte read4kSparseUnwritten() throws DiskException {
        sparse.read(sparseLbas[place()], 8, buffer, 0);
        return buffer[4095];
    }
}
