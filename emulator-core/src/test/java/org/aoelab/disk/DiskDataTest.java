package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.aoelab.wire.Bytes;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data tests every disk kind must pass (issue 4): the first and last sectors, LBA28 and
 * LBA48 addresses, the 2^28 boundary on a large sparse disk, and ranges past the end.
 */
class DiskDataTest {
    /** 2^28: the first sector that needs LBA48 (READ/WRITE SECTORS EXT). */
    private static final long LBA28_LIMIT = 1L << 28;
    /** A 4 TiB disk: sparse, beyond LBA28 and beyond 32-bit sector numbers. */
    private static final long LARGE = 1L << 33;

    @TempDir
    Path dir;
    private final List<VirtualDisk> opened = new ArrayList<>();

    interface Maker {
        VirtualDisk make(long sectors, Path dir) throws DiskException;
    }

    record Kind(String name, Maker maker) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("ram", (sectors, dir) -> new RamDisk(sectors)),
                new Kind("file", (sectors, dir) -> FileDisk.create(dir.resolve("disk.img"), sectors)),
                new Kind("file write-through", (sectors, dir) ->
                        FileDisk.create(dir.resolve("disk.img"), sectors, FileDisk.Option.WRITE_THROUGH)),
                new Kind("cow in RAM", (sectors, dir) -> CowDisk.inRam(readOnlyRam(sectors))),
                new Kind("cow in a file", (sectors, dir) -> CowDisk.inFile(readOnlyRam(sectors), dir.resolve("o.cow"))),
                new Kind("cow over a file", (sectors, dir) -> {
                    FileDisk.create(dir.resolve("base.img"), sectors).close();
                    return CowDisk.inRam(FileDisk.open(dir.resolve("base.img"), FileDisk.Option.READ_ONLY)).closingBase();
                }),
                new Kind("faulty ram", (sectors, dir) -> new FaultyDisk(new RamDisk(sectors), new Well512a(1))));
    }

    private static RamDisk readOnlyRam(long sectors) {
        RamDisk base = new RamDisk(sectors);
        base.setReadOnly(true);
        return base;
    }

    private VirtualDisk open(Kind kind, long sectors) throws DiskException {
        VirtualDisk disk = kind.maker().make(sectors, dir);
        opened.add(disk);
        return disk;
    }

    @AfterEach
    void closeAll() throws DiskException {
        for (VirtualDisk d : opened) d.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void firstAndLastSectorsHoldWhatWasWritten(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, 1000);
        assertThat(disk.sectors()).isEqualTo(1000);
        disk.write(0, TestData.sectors(0, 1, 1));
        disk.write(999, TestData.sectors(999, 1, 2));

        assertThat(TestData.read(disk, 0, 1)).isEqualTo(TestData.sectors(0, 1, 1));
        assertThat(TestData.read(disk, 999, 1)).isEqualTo(TestData.sectors(999, 1, 2));
        Bytes all = TestData.read(disk, 0, 1000);
        assertThat(all.isZero(512, 999 * 512)).as("sectors 1-998 were never written").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rangesPastTheEndAreOutOfRangeAndChangeNothing(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, 1000);
        disk.write(999, TestData.sectors(999, 1, 3));

        assertOutOfRange(() -> disk.read(1000, 1, new byte[512], 0), 1000);
        assertOutOfRange(() -> disk.read(999, 2, new byte[1024], 0), 1000);
        assertOutOfRange(() -> disk.read(Long.MAX_VALUE, 1, new byte[512], 0), Long.MAX_VALUE);
        assertOutOfRange(() -> disk.read(-1, 1, new byte[512], 0), -1);
        assertOutOfRange(() -> disk.write(1000, TestData.sectors(1000, 1, 4)), 1000);
        assertOutOfRange(() -> disk.write(999, TestData.sectors(999, 2, 4)) /* last sector plus one past */, 1000);
        assertOutOfRange(() -> disk.write((1L << 48) - 1, TestData.sectors(0, 1, 4)), (1L << 48) - 1);

        assertThat(TestData.read(disk, 998, 2)).isEqualTo(Bytes.zeros(512).concat(TestData.sectors(999, 1, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writeAcrossTheLba28BoundaryOfALargeSparseDisk(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, LARGE);
        Bytes data = TestData.sectors(LBA28_LIMIT - 4, 8, 5);
        disk.write(LBA28_LIMIT - 4, data);

        assertThat(TestData.read(disk, LBA28_LIMIT - 4, 8)).isEqualTo(data);
        assertThat(TestData.read(disk, LBA28_LIMIT - 1, 1)).as("last LBA28 sector").isEqualTo(TestData.sectors(LBA28_LIMIT - 1, 1, 5));
        assertThat(TestData.read(disk, LBA28_LIMIT, 1)).as("first LBA48-only sector").isEqualTo(TestData.sectors(LBA28_LIMIT, 1, 5));
        assertThat(TestData.read(disk, LBA28_LIMIT + 4, 4).isZero(0, 2048)).isTrue();
        assertThat(TestData.read(disk, LBA28_LIMIT - 8, 4).isZero(0, 2048)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void lba48SectorsAboveFourBillionAndTheLastOne(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, LARGE);
        long above32Bits = (1L << 32) + 7;
        disk.write(above32Bits, TestData.sectors(above32Bits, 2, 6));
        disk.write(LARGE - 1, TestData.sectors(LARGE - 1, 1, 7));

        assertThat(TestData.read(disk, above32Bits, 2)).isEqualTo(TestData.sectors(above32Bits, 2, 6));
        assertThat(TestData.read(disk, 7, 2).isZero(0, 1024)).as("no wrap to sector 7").isTrue();
        assertThat(TestData.read(disk, LARGE - 1, 1)).isEqualTo(TestData.sectors(LARGE - 1, 1, 7));
        assertOutOfRange(() -> disk.read(LARGE, 1, new byte[512], 0), LARGE);
        assertOutOfRange(() -> disk.write(LARGE - 1, TestData.sectors(0, 2, 0)), LARGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void writesAcrossChunksReadBackInAnyPieces(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, 4096);
        Bytes data = TestData.sectors(100, 300, 8); // 150 KiB from 50 KiB: crosses 64 KiB chunks
        disk.write(100, data);
        disk.write(250, TestData.sectors(250, 3, 9)); // overwrite three in the middle

        assertThat(TestData.read(disk, 100, 150)).isEqualTo(data.slice(0, 150 * 512));
        assertThat(TestData.read(disk, 250, 3)).isEqualTo(TestData.sectors(250, 3, 9));
        assertThat(TestData.read(disk, 253, 147)).isEqualTo(data.slice(153 * 512));
        Bytes around = TestData.read(disk, 99, 302);
        assertThat(around.isZero(0, 512)).isTrue();
        assertThat(around.isZero(301 * 512, 302 * 512)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void zeroSectorsAtTheEndIsAllowedAndDoesNothing(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, 10);
        disk.read(10, 0, new byte[0], 0);
        disk.write(10, Bytes.EMPTY);
        disk.flush();
        assertThat(TestData.read(disk, 0, 10).isZero(0, 5120)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void badBuffersAreTheCallersBug(Kind kind) throws DiskException {
        VirtualDisk disk = open(kind, 10);
        assertThatThrownBy(() -> disk.read(0, 2, new byte[1023], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> disk.read(0, -1, new byte[512], 0)).hasMessage("count is -1, expected 0 or more sectors");
        assertThatThrownBy(() -> disk.write(0, Bytes.zeros(100)))
                .hasMessage("data is 100 bytes, expected a whole number of 512-byte sectors");
    }

    private static void assertOutOfRange(ThrowingCall call, long lba) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.OUT_OF_RANGE);
            assertThat(e.lba()).isEqualTo(lba);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
