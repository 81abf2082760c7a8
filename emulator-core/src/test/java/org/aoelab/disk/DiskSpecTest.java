package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiskSpecTest {
    @TempDir
    Path dir;

    @Test
    void parsesEachKindWithItsOptions() {
        assertThat(DiskSpec.parse("ram:1GiB")).isEqualTo(new DiskSpec(DiskSpec.Kind.RAM, null, 2097152, false, false, null));
        assertThat(DiskSpec.parse("ram:4096s,ro")).isEqualTo(new DiskSpec(DiskSpec.Kind.RAM, null, 4096, true, false, null));
        assertThat(DiskSpec.parse("file:/srv/d.img,sync,create=1T,ro"))
                .isEqualTo(new DiskSpec(DiskSpec.Kind.FILE, Path.of("/srv/d.img"), 1L << 31, true, true, null));
        assertThat(DiskSpec.parse("file:d.img")).isEqualTo(new DiskSpec(DiskSpec.Kind.FILE, Path.of("d.img"), 0, false, false, null));
        assertThat(DiskSpec.parse("cow:golden.img,overlay=/var/t1.cow"))
                .isEqualTo(new DiskSpec(DiskSpec.Kind.COW, Path.of("golden.img"), 0, false, false, Path.of("/var/t1.cow")));
        assertThat(DiskSpec.parse("cow:golden.img,ro")).isEqualTo(new DiskSpec(DiskSpec.Kind.COW, Path.of("golden.img"), 0, true, false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ram:1GiB", "ram:3s,ro", "file:/srv/d.img", "file:d.img,ro,sync,create=1536KiB",
            "cow:golden.img", "cow:/a/golden.img,ro,overlay=/b/t1.cow"})
    void canonicalTextReadsBackEqual(String text) {
        DiskSpec spec = DiskSpec.parse(text);
        assertThat(spec.toString()).isEqualTo(text);
        assertThat(DiskSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @Test
    void sizesAreWrittenBackInTheirShortestExactForm() {
        assertThat(DiskSpec.parse("ram:1073741824").toString()).isEqualTo("ram:1GiB");
        assertThat(DiskSpec.parse("file:x,create=2048s").toString()).isEqualTo("file:x,create=1MiB");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|disk spec is empty, expected ram:SIZE[,ro], file:PATH[,ro][,sync][,create=SIZE] or cow:BASE[,ro][,overlay=PATH]",
            "disk.img|disk spec 'disk.img': no kind, expected ram:SIZE[,ro], file:PATH[,ro][,sync][,create=SIZE] or cow:BASE[,ro][,overlay=PATH]",
            "nbd:host|disk spec 'nbd:host': unknown kind 'nbd', expected ram:SIZE[,ro], file:PATH[,ro][,sync][,create=SIZE] or cow:BASE[,ro][,overlay=PATH]",
            "RAM:1G|disk spec 'RAM:1G': unknown kind 'RAM', expected ram:SIZE[,ro], file:PATH[,ro][,sync][,create=SIZE] or cow:BASE[,ro][,overlay=PATH]",
            "ram:|disk spec 'ram:': the size is missing, expected ram:SIZE[,ro]",
            "file:,ro|disk spec 'file:,ro': the path is missing, expected file:PATH[,ro][,sync][,create=SIZE]",
            "cow:|disk spec 'cow:': the base path is missing, expected cow:BASE[,ro][,overlay=PATH]",
            "ram:1G,sync|disk spec 'ram:1G,sync': unknown option 'sync' for a ram disk, expected ram:SIZE[,ro]",
            "cow:g.img,create=1G|disk spec 'cow:g.img,create=1G': unknown option 'create=1G' for a cow disk, expected cow:BASE[,ro][,overlay=PATH]",
            "file:/a,b/c.img|disk spec 'file:/a,b/c.img': unknown option 'b/c.img' for a file disk, expected file:PATH[,ro][,sync][,create=SIZE] (paths cannot contain commas)",
            "file:x,ro,ro|disk spec 'file:x,ro,ro': option 'ro' given twice",
            "file:x,ro=yes|disk spec 'file:x,ro=yes': option 'ro' takes no value, found 'ro=yes'",
            "file:x,create|disk spec 'file:x,create': option 'create' needs a value, expected create=SIZE",
            "cow:x,overlay=|disk spec 'cow:x,overlay=': option 'overlay' needs a value, expected overlay=PATH",
            "file:x,|disk spec 'file:x,': empty option (a stray comma?), expected file:PATH[,ro][,sync][,create=SIZE]",
            "ram:1X|disk spec 'ram:1X': size: size '1X' has an unknown unit 'X' (expected a number of bytes (a multiple of 512), or a number with a unit: K, M, G, T, P or KiB ... PiB (binary), KB ... PB (decimal), s (512-byte sectors); such as 1GiB, 512MiB, 1T, 4096s)",
            "ram:1000|disk spec 'ram:1000': size: size '1000' is 1000 bytes, not a whole number of 512-byte sectors (nearest: 512 or 1024 bytes)",
            "ram:0|disk spec 'ram:0': size '0' is 0 sectors, expected 1 sector (512 bytes) to 2^48 sectors (128 PiB, the LBA48 limit)",
            "file:x,create=256P|disk spec 'file:x,create=256P': create size '256P' is 562949953421312 sectors, expected 1 sector (512 bytes) to 2^48 sectors (128 PiB, the LBA48 limit)"})
    void errorsNameTheSpecTheBadPartAndWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> DiskSpec.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theRecordRefusesMixturesNoTextCanSay() {
        assertThatThrownBy(() -> new DiskSpec(DiskSpec.Kind.RAM, null, 8, false, true, null))
                .hasMessage("sync applies to file disks only, not ram");
        assertThatThrownBy(() -> new DiskSpec(DiskSpec.Kind.FILE, Path.of("x"), 0, false, false, Path.of("o")))
                .hasMessage("overlay applies to cow disks only, not file");
        assertThatThrownBy(() -> new DiskSpec(DiskSpec.Kind.COW, null, 0, false, false, null))
                .hasMessage("a cow disk spec needs a path (cow:BASE[,ro][,overlay=PATH])");
        assertThatThrownBy(() -> DiskSpec.ram(0)).hasMessageStartingWith("ram disk size is 0 sectors");
    }

    @Test
    void opensARamDisk() throws DiskException {
        try (VirtualDisk disk = DiskSpec.parse("ram:1TiB,ro").open()) {
            assertThat(disk).isInstanceOf(RamDisk.class);
            assertThat(disk.sectors()).isEqualTo(1L << 31);
            assertThat(disk.isReadOnly()).isTrue();
        }
    }

    @Test
    void opensAFileCreatingItOnlyWhenMissing() throws DiskException {
        Path file = dir.resolve("d.img");
        try (VirtualDisk disk = DiskSpec.parse("file:" + file + ",sync,create=1MiB").open()) {
            assertThat(((FileDisk) disk).isWriteThrough()).isTrue();
            disk.write(7, TestData.sectors(7, 1, 1));
        }
        try (VirtualDisk disk = DiskSpec.parse("file:" + file + ",create=1MiB").open()) {
            assertThat(TestData.read(disk, 7, 1)).as("an existing file is used as it is").isEqualTo(TestData.sectors(7, 1, 1));
        }
        assertThatThrownBy(() -> DiskSpec.parse("file:" + file + ",create=2MiB").open())
                .isInstanceOfSatisfying(DiskException.class, e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR))
                .hasMessage("disk file " + file + " exists with 2048 sectors (1 MiB), but file:" + file
                        + ",create=2MiB asks for 4096 sectors; remove create= to use it as it is");
        assertThatThrownBy(() -> DiskSpec.parse("file:" + dir.resolve("none.img")).open())
                .hasMessage("disk file " + dir.resolve("none.img") + " does not exist");
    }

    @Test
    void opensACowDiskThatOwnsItsReadOnlyBase() throws DiskException {
        Path base = dir.resolve("golden.img");
        try (FileDisk golden = FileDisk.create(base, 256)) {
            golden.write(0, TestData.sectors(0, 256, 0));
        }
        Path overlay = dir.resolve("t.cow");
        try (VirtualDisk disk = DiskSpec.parse("cow:" + base + ",overlay=" + overlay).open()) {
            disk.write(1, TestData.sectors(1, 1, 2));
            assertThat(((CowDisk) disk).base().isReadOnly()).isTrue();
        }
        assertThat(overlay).exists();
        try (VirtualDisk ram = DiskSpec.parse("cow:" + base + ",ro").open()) {
            assertThat(ram.isReadOnly()).isTrue();
            assertThat(TestData.read(ram, 1, 1)).isEqualTo(TestData.sectors(1, 1, 0));
        }
        try (VirtualDisk again = DiskSpec.parse("cow:" + base + ",ro,overlay=" + overlay).open()) {
            assertThat(TestData.read(again, 0, 2)).isEqualTo(TestData.sectors(0, 1, 0).concat(TestData.sectors(1, 1, 2)));
        }
        assertThatThrownBy(() -> DiskSpec.parse("cow:" + base + ",ro,overlay=" + dir.resolve("new.cow")).open())
                .hasMessageContaining("a read-only overlay cannot be created");
        assertThat(Files.exists(dir.resolve("new.cow"))).isFalse();
    }
}
