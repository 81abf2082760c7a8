package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiskTest {
    @TempDir
    Path dir;

    @Test
    void createMakesASparseFileLargerThanTheFilesystem() throws DiskException, IOException {
        Path file = dir.resolve("big.img");
        long sectors = 1L << 33; // 4 TiB
        assumeThat(Files.getFileStore(dir).getTotalSpace()).as("a filesystem smaller than 4 TiB").isLessThan(sectors * 512);
        try (FileDisk disk = FileDisk.create(file, sectors)) {
            assertThat(disk.sectors()).isEqualTo(sectors);
            assertThat(disk.describe()).isEqualTo("file " + file + " 4 TiB");
        }
        assertThat(Files.size(file)).isEqualTo(sectors * 512);
    }

    @Test
    void sectorNIsAtByte512TimesN() throws DiskException, IOException {
        Path file = dir.resolve("d.img");
        try (FileDisk disk = FileDisk.create(file, 16)) {
            disk.write(3, TestData.sectors(3, 2, 1));
        }
        byte[] raw = Files.readAllBytes(file);
        assertThat(raw).hasSize(16 * 512);
        assertThat(Bytes.copyOf(raw, 3 * 512, 1024)).isEqualTo(TestData.sectors(3, 2, 1));
        assertThat(Bytes.copyOf(raw, 0, 3 * 512).isZero(0, 3 * 512)).isTrue();
    }

    @Test
    void createRefusesAnExistingFileAndLeavesItAlone() throws IOException {
        Path file = dir.resolve("precious.img");
        Files.write(file, new byte[1024]);
        assertIoError(() -> FileDisk.create(file, 8),
                "cannot create disk file " + file + ": it exists already (open it instead, or remove it first)");
        assertThat(Files.size(file)).isEqualTo(1024);
    }

    @Test
    void openExplainsFilesThatCannotBeDisks() throws IOException {
        Path missing = dir.resolve("missing.img");
        assertIoError(() -> FileDisk.open(missing), "disk file " + missing + " does not exist");
        assertIoError(() -> FileDisk.open(dir), "disk file " + dir + " is not a regular file");
        Path tiny = dir.resolve("tiny.img");
        Files.write(tiny, new byte[100]);
        assertIoError(() -> FileDisk.open(tiny),
                "disk file " + tiny + " is 100 bytes, expected 512 bytes (one sector) to 128 PiB (2^48 sectors)");
        Path noParent = dir.resolve("no/such/dir/x.img");
        assertThatThrownBy(() -> FileDisk.create(noParent, 8)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR))
                .hasMessageStartingWith("file disk " + noParent + ": cannot create disk file: java.nio.file.NoSuchFileException");
    }

    @Test
    void bytesPastTheLastWholeSectorAreIgnored() throws DiskException, IOException {
        Path file = dir.resolve("odd.img");
        byte[] raw = new byte[1000];
        Arrays.fill(raw, (byte) 7);
        Files.write(file, raw);
        try (FileDisk disk = FileDisk.open(file)) {
            assertThat(disk.sectors()).isEqualTo(1);
            assertThat(TestData.read(disk, 0, 1)).isEqualTo(Bytes.repeat(7, 512));
        }
    }

    @Test
    void readOnlyRefusesWritesAndLeavesTheFileAsItWas() throws DiskException, IOException {
        Path file = dir.resolve("ro.img");
        FileDisk.create(file, 8).close();
        try (FileDisk disk = FileDisk.open(file, FileDisk.Option.READ_ONLY, FileDisk.Option.WRITE_THROUGH)) {
            assertThat(disk.isReadOnly()).isTrue();
            assertThat(disk.isWriteThrough()).as("nothing to write through").isFalse();
            assertThat(disk.describe()).isEqualTo("file " + file + " 4 KiB, read-only");
            assertThatThrownBy(() -> disk.write(2, TestData.sectors(2, 1, 1))).isInstanceOfSatisfying(DiskException.class, e -> {
                assertThat(e.kind()).isEqualTo(DiskException.Kind.READ_ONLY);
                assertThat(e.lba()).isEqualTo(2);
            });
            disk.flush();
        }
        assertThat(Files.readAllBytes(file)).containsOnly(0);
    }

    @Test
    void writeThroughSaysSo() throws DiskException {
        Path file = dir.resolve("sync.img");
        try (FileDisk disk = FileDisk.create(file, 2048, FileDisk.Option.WRITE_THROUGH)) {
            assertThat(disk.isWriteThrough()).isTrue();
            assertThat(disk.describe()).isEqualTo("file " + file + " 1 MiB, write-through");
            disk.write(0, TestData.sectors(0, 8, 2));
            assertThat(TestData.read(disk, 0, 8)).isEqualTo(TestData.sectors(0, 8, 2));
        }
    }

    @Test
    void ioAfterCloseFailsAndClosingTwiceDoesNothing() throws DiskException {
        FileDisk disk = FileDisk.create(dir.resolve("c.img"), 8);
        disk.close();
        disk.close();
        assertThatThrownBy(() -> disk.read(0, 1, new byte[512], 0)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR)).hasMessageEndingWith("(closed) is closed");
        assertThatThrownBy(() -> disk.write(0, Bytes.zeros(512))).isInstanceOf(DiskException.class);
        assertThatThrownBy(disk::flush).isInstanceOf(DiskException.class);
    }

    @Test
    void aFileTruncatedUnderTheDiskIsAnIoErrorNamingThePath() throws DiskException, IOException {
        Path file = dir.resolve("t.img");
        try (FileDisk disk = FileDisk.create(file, 8)) {
            try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
                other.truncate(1024);
            }
            assertThatThrownBy(() -> disk.read(4, 1, new byte[512], 0)).isInstanceOfSatisfying(DiskException.class, e -> {
                assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR);
                assertThat(e.lba()).isEqualTo(4);
            }).hasMessage("file disk " + file + ": sector 4 is past the end of the file, now 1024 bytes (was it truncated while open?)");
        }
    }

    private static void assertIoError(DiskDataTest.ThrowingCall call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR)).hasMessage(message);
    }
}
