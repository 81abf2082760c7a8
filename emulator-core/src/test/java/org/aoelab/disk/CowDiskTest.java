package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CowDiskTest {
    private static final int SECTORS = 2048; // 1 MiB: 16 chunks of 64 KiB

    @TempDir
    Path dir;

    /** A golden image: every sector holds its own pattern, frozen read-only. */
    private static RamDisk golden() throws DiskException {
        RamDisk base = new RamDisk(SECTORS);
        base.write(0, TestData.sectors(0, SECTORS, 0));
        base.setReadOnly(true);
        return base;
    }

    @Test
    void twoOverlaysOverOneBaseSeeOnlyTheirOwnWrites() throws DiskException {
        RamDisk base = golden();
        CowDisk a = CowDisk.inRam(base);
        CowDisk b = CowDisk.inFile(base, dir.resolve("b.cow"));

        a.write(10, TestData.sectors(10, 1, 'A'));
        b.write(10, TestData.sectors(10, 1, 'B'));
        b.write(500, TestData.sectors(500, 2, 'B'));

        assertThat(TestData.read(a, 10, 1)).isEqualTo(TestData.sectors(10, 1, 'A'));
        assertThat(TestData.read(b, 10, 1)).isEqualTo(TestData.sectors(10, 1, 'B'));
        assertThat(TestData.read(a, 500, 2)).as("a still sees the base where b wrote").isEqualTo(TestData.sectors(500, 2, 0));
        assertThat(TestData.read(base, 0, SECTORS)).as("the base is untouched").isEqualTo(TestData.sectors(0, SECTORS, 0));
        assertThat(TestData.read(a, 9, 1)).as("the rest of a copied chunk comes from the base").isEqualTo(TestData.sectors(9, 1, 0));
        assertThat(TestData.read(b, 11, 117)).isEqualTo(TestData.sectors(11, 117, 0));
    }

    @Test
    void aReadSpanningCopiedAndUncopiedChunksStitchesThemTogether() throws DiskException {
        CowDisk disk = CowDisk.inRam(golden());
        disk.write(130, TestData.sectors(130, 1, 1)); // chunk 1
        disk.write(400, TestData.sectors(400, 1, 1)); // chunk 3

        Bytes expected = TestData.sectors(0, 130, 0).concat(TestData.sectors(130, 1, 1)).concat(TestData.sectors(131, 269, 0))
                .concat(TestData.sectors(400, 1, 1)).concat(TestData.sectors(401, 199, 0));
        assertThat(TestData.read(disk, 0, 600)).isEqualTo(expected);
        assertThat(disk.overlayBytes()).isEqualTo(2 * 65536);
    }

    @Test
    void aHundredOverlaysShareOneGoldenImage() throws DiskException {
        RamDisk base = golden();
        List<CowDisk> targets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CowDisk d = CowDisk.inRam(base);
            d.write(7, TestData.sectors(7, 1, i));
            targets.add(d);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(TestData.read(targets.get(i), 7, 2)).isEqualTo(TestData.sectors(7, 1, i).concat(TestData.sectors(8, 1, 0)));
        }
        assertThat(base.allocatedBytes()).isEqualTo(SECTORS * 512L);
    }

    @Test
    void aWholeChunkWriteDoesNotReadTheBase() throws DiskException {
        FaultyDisk base = new FaultyDisk(golden(), new Well512a(1));
        base.addMediaError(0, 128, DiskOp.READ);
        CowDisk whole = CowDisk.inRam(base);
        whole.write(0, TestData.sectors(0, 128, 5)); // covers chunk 0 exactly: nothing to copy
        assertThat(TestData.read(whole, 0, 128)).isEqualTo(TestData.sectors(0, 128, 5));

        CowDisk partial = CowDisk.inRam(base);
        assertThatThrownBy(() -> partial.write(5, TestData.sectors(5, 1, 5))).as("a partial write copies the chunk first")
                .isInstanceOfSatisfying(DiskException.class, e -> assertThat(e.lba()).isZero());
    }

    @Test
    void baseErrorsComeThroughAsTheyAre() throws DiskException {
        FaultyDisk base = new FaultyDisk(golden(), new Well512a(1));
        base.addMediaError(300, 1, DiskOp.READ);
        CowDisk disk = CowDisk.inRam(base);
        assertThatThrownBy(() -> disk.read(290, 20, new byte[20 * 512], 0)).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.MEDIA_ERROR);
            assertThat(e.lba()).isEqualTo(300);
        });
        disk.write(256, TestData.sectors(256, 128, 1)); // chunk 2 whole: no base read needed
        assertThat(TestData.read(disk, 290, 20)).isEqualTo(TestData.sectors(290, 20, 1));
    }

    @Test
    void theBaseMustBeReadOnly() {
        assertThatThrownBy(() -> CowDisk.inRam(new RamDisk(8)))
                .hasMessage("base ram 4 KiB (sparse, 0 B used) is writable, expected a read-only disk (open it read-only,"
                        + " e.g. file:PATH,ro) so nothing changes it under its overlays");
        assertThatThrownBy(() -> CowDisk.inRam(null)).hasMessage("base is missing");
    }

    @Test
    void aFileOverlayReopensWithItsData() throws DiskException {
        RamDisk base = golden();
        Path overlay = dir.resolve("t1.cow");
        try (CowDisk disk = CowDisk.inFile(base, overlay)) {
            disk.write(1000, TestData.sectors(1000, 3, 9));
            disk.write(5, TestData.sectors(5, 1, 9));
            assertThat(disk.describe()).isEqualTo("cow over ram 1 MiB (sparse, 1 MiB used), read-only (overlay file " + overlay
                    + ", 128 KiB copied)");
        }
        assertThat(CowDisk.mapPathFor(overlay)).exists().hasFileName("t1.cow.map");

        try (CowDisk again = CowDisk.inFile(base, overlay)) {
            assertThat(again.overlayBytes()).isEqualTo(2 * 65536);
            assertThat(TestData.read(again, 1000, 3)).isEqualTo(TestData.sectors(1000, 3, 9));
            assertThat(TestData.read(again, 5, 1)).isEqualTo(TestData.sectors(5, 1, 9));
            assertThat(TestData.read(again, 1003, 1)).isEqualTo(TestData.sectors(1003, 1, 0));
            again.write(1500, TestData.sectors(1500, 1, 10)); // a third chunk, appended after the two
        }
        try (CowDisk third = CowDisk.inFile(base, overlay, 65536, true)) {
            assertThat(TestData.read(third, 1500, 1)).isEqualTo(TestData.sectors(1500, 1, 10));
            assertThat(TestData.read(third, 1000, 1)).isEqualTo(TestData.sectors(1000, 1, 9));
            assertThat(third.isReadOnly()).isTrue();
            assertThatThrownBy(() -> third.write(0, Bytes.zeros(512))).isInstanceOfSatisfying(DiskException.class,
                    e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.READ_ONLY));
            assertThatThrownBy(() -> third.setReadOnly(false)).hasMessageContaining("was opened read-only");
        }
    }

    @Test
    void aFileOverlayKeepsTheChunkSizeItWasMadeWith() throws DiskException {
        RamDisk base = golden();
        Path overlay = dir.resolve("small.cow");
        try (CowDisk disk = CowDisk.inFile(base, overlay, 4096, false)) {
            disk.write(3, TestData.sectors(3, 1, 1));
            assertThat(disk.overlayBytes()).isEqualTo(4096);
        }
        try (CowDisk disk = CowDisk.inFile(base, overlay)) {
            assertThat(disk.chunkSize()).isEqualTo(4096);
            assertThat(TestData.read(disk, 0, 9)).isEqualTo(TestData.sectors(0, 3, 0).concat(TestData.sectors(3, 1, 1))
                    .concat(TestData.sectors(4, 5, 0)));
        }
    }

    @Test
    void aTornLastMapEntryIsDroppedAndItsSlotReused() throws DiskException, IOException {
        RamDisk base = golden();
        Path overlay = dir.resolve("torn.cow");
        try (CowDisk disk = CowDisk.inFile(base, overlay)) {
            disk.write(0, TestData.sectors(0, 1, 1));
        }
        Files.write(CowDisk.mapPathFor(overlay), new byte[] {0, 0, 0}, StandardOpenOption.APPEND); // a crash mid-append
        try (CowDisk disk = CowDisk.inFile(base, overlay)) {
            assertThat(TestData.read(disk, 0, 1)).isEqualTo(TestData.sectors(0, 1, 1));
            disk.write(200, TestData.sectors(200, 1, 2));
        }
        assertThat(Files.size(CowDisk.mapPathFor(overlay))).isEqualTo(FileOverlayStore.HEADER + 16);
        try (CowDisk disk = CowDisk.inFile(base, overlay)) {
            assertThat(TestData.read(disk, 200, 1)).isEqualTo(TestData.sectors(200, 1, 2));
        }
    }

    @Test
    void overlayFilesThatDoNotFitAreRefusedNamingThem() throws DiskException, IOException {
        Path overlay = dir.resolve("x.cow");
        CowDisk.inFile(golden(), overlay).close();
        RamDisk other = new RamDisk(4096);
        other.setReadOnly(true);
        assertIoError(() -> CowDisk.inFile(other, overlay),
                "overlay " + overlay + " was made over a base of 2048 sectors, but this base has 4096 sectors");

        Files.delete(CowDisk.mapPathFor(overlay));
        assertIoError(() -> CowDisk.inFile(golden(), overlay), "overlay " + overlay + " exists but its map "
                + CowDisk.mapPathFor(overlay) + " does not; both are needed (remove both to start afresh)");

        Files.write(CowDisk.mapPathFor(overlay), "not a map at all, really not one".getBytes());
        assertIoError(() -> CowDisk.inFile(golden(), overlay),
                "overlay map " + CowDisk.mapPathFor(overlay) + " is not an overlay map (no AOECOW1 header)");

        Path missing = dir.resolve("missing.cow");
        assertIoError(() -> CowDisk.inFile(golden(), missing, 65536, true),
                "overlay " + missing + " does not exist, and a read-only overlay cannot be created");
    }

    @Test
    void aCorruptMapEntryIsRefused() throws DiskException, IOException {
        Path overlay = dir.resolve("c.cow");
        try (CowDisk disk = CowDisk.inFile(golden(), overlay)) {
            disk.write(0, TestData.sectors(0, 1, 1));
        }
        Files.write(CowDisk.mapPathFor(overlay), new byte[] {0, 0, 0, 0, 0, 0, 0, 99}, StandardOpenOption.APPEND);
        assertIoError(() -> CowDisk.inFile(golden(), overlay),
                "overlay map " + CowDisk.mapPathFor(overlay) + " is corrupt: entry 1 names chunk 99, expected 0-15");
    }

    @Test
    void vanishingAndLatencyFollowTheBase() throws DiskException {
        FaultyDisk base = new FaultyDisk(golden(), new Well512a(1));
        base.setLatency(DiskOp.READ, Latency.fixed(3_000));
        CowDisk disk = CowDisk.inRam(base);
        assertThat(disk.nextLatencyNanos(DiskOp.READ, 0, 1)).isEqualTo(3_000);
        assertThat(disk.isVanished()).isFalse();
        base.vanish();
        assertThat(disk.isVanished()).isTrue();
    }

    @Test
    void closingLeavesASharedBaseOpenUnlessAskedToCloseIt() throws DiskException {
        RamDisk base = golden();
        CowDisk.inRam(base).close();
        assertThat(TestData.read(base, 0, 1)).isEqualTo(TestData.sectors(0, 1, 0));
        CowDisk owner = CowDisk.inRam(base).closingBase();
        owner.close();
        assertThatThrownBy(() -> base.read(0, 1, new byte[512], 0)).hasMessageEndingWith("is closed");
        assertThatThrownBy(() -> owner.read(0, 1, new byte[512], 0)).hasMessageEndingWith("is closed");
    }

    @Test
    void aReadOnlyRamOverlayRefusesWrites() throws DiskException {
        CowDisk disk = CowDisk.inRam(golden());
        disk.setReadOnly(true);
        assertThatThrownBy(() -> disk.write(0, Bytes.zeros(512))).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.READ_ONLY));
        assertThat(disk.overlayBytes()).isZero();
    }

    private static void assertIoError(DiskDataTest.ThrowingCall call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR)).hasMessage(message);
    }
}
