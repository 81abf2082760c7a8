package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;

class RamDiskTest {
    private static final long TIB_SECTORS = (1L << 40) / 512;
    private static final int CHUNK = RamDisk.DEFAULT_CHUNK_SIZE;

    @Test
    void allocatedBytesGrowOnlyWithWrittenChunks() throws DiskException {
        RamDisk disk = new RamDisk(TIB_SECTORS);
        assertThat(disk.allocatedBytes()).isZero();

        disk.write(0, TestData.sectors(0, 1, 1));
        assertThat(disk.allocatedBytes()).isEqualTo(CHUNK);
        disk.write(127, TestData.sectors(127, 1, 1)); // last sector of the same 64 KiB chunk
        assertThat(disk.allocatedBytes()).isEqualTo(CHUNK);
        disk.write(128, TestData.sectors(128, 1, 1)); // first of the next
        assertThat(disk.allocatedBytes()).isEqualTo(2L * CHUNK);
        disk.write(TIB_SECTORS - 1, TestData.sectors(0, 1, 1));
        assertThat(disk.allocatedBytes()).isEqualTo(3L * CHUNK);
        disk.read(1000, 128, new byte[128 * 512], 0);
        assertThat(disk.allocatedBytes()).as("reads allocate nothing").isEqualTo(3L * CHUNK);
        disk.write(5000, Bytes.zeros(256 * 512));
        assertThat(disk.allocatedBytes()).as("zeros into unwritten chunks allocate nothing").isEqualTo(3L * CHUNK);
        disk.write(0, Bytes.zeros(512));
        assertThat(TestData.read(disk, 0, 1)).as("zeros into a written chunk do land").isEqualTo(Bytes.zeros(512));
    }

    @Test
    void theLastChunkOfAnOddSizedDiskIsShort() throws DiskException {
        RamDisk disk = new RamDisk(130); // 128 sectors, then a chunk of 2
        disk.write(129, TestData.sectors(129, 1, 1));
        assertThat(disk.allocatedBytes()).isEqualTo(1024);
        assertThat(TestData.read(disk, 128, 2)).isEqualTo(Bytes.zeros(512).concat(TestData.sectors(129, 1, 1)));
    }

    @Test
    void aDiskOfTheWholeLba48RangeWorksAtItsLastSector() throws DiskException {
        long max = 1L << 48;
        RamDisk disk = new RamDisk(max);
        disk.write(max - 1, TestData.sectors(max - 1, 1, 2));
        assertThat(TestData.read(disk, max - 1, 1)).isEqualTo(TestData.sectors(max - 1, 1, 2));
        assertThat(disk.describe()).isEqualTo("ram 128 PiB (sparse, 64 KiB used)");
        assertThatThrownBy(() -> new RamDisk(max + 1))
                .hasMessage("sectors is 281474976710657 sectors, expected 1 to 2^48 (281474976710656, the LBA48 limit)");
    }

    @Test
    void aOneTibDiskCostsAFewHundredBytesOfHeapUntilWritten() throws DiskException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeThat(threads).as("a JVM that counts allocated bytes").isInstanceOf(com.sun.management.ThreadMXBean.class);
        var counter = (com.sun.management.ThreadMXBean) threads;
        assumeThat(counter.isThreadAllocatedMemorySupported()).isTrue();
        counter.setThreadAllocatedMemoryEnabled(true);
        new RamDisk(TIB_SECTORS).write(0, Bytes.zeros(512)); // load the classes first
        long id = Thread.currentThread().getId();
        Bytes mib = TestData.sectors(0, 2048, 3);

        long before = counter.getThreadAllocatedBytes(id);
        RamDisk disk = new RamDisk(TIB_SECTORS);
        long empty = counter.getThreadAllocatedBytes(id) - before;
        disk.write(1L << 30, mib); // 16 whole chunks
        long written = counter.getThreadAllocatedBytes(id) - before;

        assertThat(empty).as("bytes allocated for an empty 1 TiB disk").isLessThan(512);
        assertThat(written - empty).as("bytes allocated to write 1 MiB").isBetween(1L << 20, (1L << 20) + 8192);
        assertThat(disk.allocatedBytes()).isEqualTo(1L << 20);
        assertThat(disk.heapBytes()).isBetween(1L << 20, (1L << 20) + 4096);
    }

    @Test
    void tenThousandEmptyOneTibDisksFitInAFewMegabytes() throws DiskException {
        // Were each disk to cost even a chunk table of 16M entries, this would need terabytes.
        List<RamDisk> disks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) disks.add(new RamDisk(TIB_SECTORS));
        long heap = 0;
        for (RamDisk d : disks) heap += d.heapBytes();
        assertThat(heap).isLessThan(10_000L * 512);
    }

    @Test
    void aCappedDiskRefusesTheWholeWriteThatWouldPassTheCap() throws DiskException {
        RamDisk disk = new RamDisk(1024, CHUNK, 2L * CHUNK);
        disk.write(0, TestData.sectors(0, 1, 1));
        Bytes spanning = TestData.sectors(100, 300, 2); // chunk 0 (had), 1 (new), 2 (new, over the cap)

        assertThatThrownBy(() -> disk.write(100, spanning)).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR);
            assertThat(e.lba()).isEqualTo(256);
            assertThat(e.getMessage()).isEqualTo("ram disk is full: writing sector 256 needs 192 KiB allocated, over the cap of 128 KiB");
        });
        assertThat(disk.allocatedBytes()).isEqualTo(CHUNK);
        assertThat(TestData.read(disk, 100, 28).isZero(0, 28 * 512)).as("nothing of the refused write landed").isTrue();
        disk.write(100, spanning.slice(0, 156 * 512)); // up to the end of chunk 1: fits
        assertThat(disk.allocatedBytes()).isEqualTo(2L * CHUNK);
        disk.write(300, Bytes.zeros(512 * 10)); // zeros allocate nothing, so pass
        assertThat(disk.describe()).isEqualTo("ram 512 KiB (sparse, 128 KiB used of at most 128 KiB)");
    }

    @Test
    void readOnlyRefusesWritesAndCanBeLifted() throws DiskException {
        RamDisk disk = new RamDisk(8);
        disk.setReadOnly(true);
        assertThatThrownBy(() -> disk.write(3, TestData.sectors(3, 1, 1))).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.READ_ONLY);
            assertThat(e.lba()).isEqualTo(3);
        });
        assertThat(disk.describe()).isEqualTo("ram 4 KiB (sparse, 0 B used), read-only");
        disk.setReadOnly(false);
        disk.write(3, TestData.sectors(3, 1, 1));
        assertThat(TestData.read(disk, 3, 1)).isEqualTo(TestData.sectors(3, 1, 1));
    }

    @Test
    void closingDropsTheDataAndLaterIoFails() throws DiskException {
        RamDisk disk = new RamDisk(8);
        disk.write(0, TestData.sectors(0, 8, 1));
        disk.close();
        assertThat(disk.allocatedBytes()).isZero();
        assertThatThrownBy(() -> disk.read(0, 1, new byte[512], 0)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR))
                .hasMessage("ram 4 KiB (closed) is closed");
    }

    @Test
    void smallChunksAndBadChunkSizes() throws DiskException {
        RamDisk disk = new RamDisk(100, 512, RamDisk.UNLIMITED);
        disk.write(10, TestData.sectors(10, 3, 1));
        assertThat(disk.allocatedBytes()).isEqualTo(1536);
        assertThat(TestData.read(disk, 9, 5)).isEqualTo(Bytes.zeros(512).concat(TestData.sectors(10, 3, 1)).concat(Bytes.zeros(512)));
        assertThatThrownBy(() -> new RamDisk(100, 1000, RamDisk.UNLIMITED))
                .hasMessage("chunkSize is 1000, expected a power of two from 512 to 1073741824");
        assertThatThrownBy(() -> new RamDisk(0)).hasMessageStartingWith("sectors is 0 sectors, expected 1 to 2^48");
        assertThatThrownBy(() -> new RamDisk(1, 512, -1)).hasMessage("maxAllocatedBytes is -1, expected 0 or more");
    }

    @Test
    void chunkTableGrowsAndKeepsEveryChunk() {
        LongMap<String> map = new LongMap<>();
        for (long k = 0; k < 5000; k++) map.put(k * 977, "v" + k);
        map.put(977, "again");
        assertThat(map.size()).isEqualTo(5000);
        assertThat(map.get(977)).isEqualTo("again");
        assertThat(map.get(4999L * 977)).isEqualTo("v4999");
        assertThat(map.get(978)).isNull();
        assertThatThrownBy(() -> map.put(-1, "x")).hasMessage("key is -1, expected 0 or more");
    }
}
