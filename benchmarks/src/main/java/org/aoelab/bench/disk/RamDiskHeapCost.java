package org.aoelab.bench.disk;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.aoelab.disk.DiskException;
import org.aoelab.disk.RamDisk;
import org.aoelab.wire.Bytes;

/**
 * Heap cost of sparse RAM disks (issue 4): many 1 TiB disks, empty and with 1 MiB written
 * (256 writes of 4 KiB, spread over the disk in runs of 64 KiB), measured as used heap after a
 * full GC divided by the count. Run:
 * {@code java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.aoelab.bench.disk.RamDiskHeapCost}
 */
public final class RamDiskHeapCost {
    private static final long TIB_SECTORS = (1L << 40) / 512;

    private RamDiskHeapCost() {
    }

    public static void main(String[] args) throws DiskException {
        int empty = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int written = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Bytes block = Bytes.repeat(0x5A, 4096);

        long base = usedAfterGc();
        List<RamDisk> disks = new ArrayList<>();
        for (int i = 0; i < empty; i++) disks.add(new RamDisk(TIB_SECTORS));
        long emptyCost = (usedAfterGc() - base) / empty;
        report("empty 1 TiB RamDisk", empty, emptyCost, disks.get(0));
        disks.clear();

        base = usedAfterGc();
        for (int i = 0; i < written; i++) {
            RamDisk d = new RamDisk(TIB_SECTORS);
            for (int run = 0; run < 16; run++) {
                long start = (long) run * (TIB_SECTORS / 16) + (long) i * 4096;
                for (int k = 0; k < 16; k++) d.write(start + 8L * k, block);
            }
            disks.add(d);
        }
        long writtenCost = (usedAfterGc() - base) / written;
        report("1 TiB RamDisk with 1 MiB written", written, writtenCost, disks.get(0));
        System.out.printf(Locale.ROOT, "beyond the data written: %,d bytes per disk%n", writtenCost - (1L << 20));
    }

    private static void report(String what, int count, long perDisk, RamDisk sample) {
        System.out.printf(Locale.ROOT, "%s: %,d bytes per disk (measured over %,d disks; allocatedBytes %,d, heapBytes estimate %,d)%n",
                what, perDisk, count, sample.allocatedBytes(), sample.heapBytes());
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
