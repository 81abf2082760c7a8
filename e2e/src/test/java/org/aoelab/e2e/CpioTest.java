package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CpioTest {
    /** An entry read back: name, mode, rdev and data. */
    record Entry(String name, int mode, int rdevMajor, int rdevMinor, String data) {
    }

    /** Reads a newc archive the way the kernel's initramfs unpacker does. */
    static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (true) {
            String header = new String(archive, at, 110, StandardCharsets.US_ASCII);
            assertThat(header).startsWith("070701");
            int mode = field(header, 1);
            int size = field(header, 6);
            int rdevMajor = field(header, 9);
            int rdevMinor = field(header, 10);
            int nameSize = field(header, 11);
            String name = new String(archive, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertThat(archive[at + 110 + nameSize - 1]).isZero();
            at = align(at + 110 + nameSize);
            if (name.equals(Cpio.TRAILER)) {
                assertThat(at).isEqualTo(archive.length);
                return entries;
            }
            entries.add(new Entry(name, mode, rdevMajor, rdevMinor, new String(archive, at, size, StandardCharsets.UTF_8)));
            at = align(at + size);
        }
    }

    private static int field(String header, int index) {
        return Integer.parseInt(header.substring(6 + 8 * index, 14 + 8 * index), 16);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void entriesRoundTripWithTheirTypesAndPadding() throws IOException {
        byte[] archive = Cpio.inMemory(c -> c.directory("bin").file("bin/busybox", 0755, "xyz".getBytes(StandardCharsets.UTF_8))
                .symlink("bin/sh", "busybox").charDevice("dev/console", 5, 1).file("init", 0700, new byte[0]));

        assertThat(read(archive)).containsExactly(
                new Entry("bin", 0040755, 0, 0, ""),
                new Entry("bin/busybox", 0100755, 0, 0, "xyz"),
                new Entry("bin/sh", 0120777, 0, 0, "busybox"),
                new Entry("dev/console", 0020600, 5, 1, ""),
                new Entry("init", 0100700, 0, 0, ""));
        assertThat(archive.length % 4).isZero();
    }

    @Test
    void missingParentDirectoriesAreAddedOnce() throws IOException {
        byte[] archive = Cpio.inMemory(c -> c.directory("lib").fileWithParents("lib/x86_64-linux-gnu/libc.so.6", 0755,
                new byte[0]).fileWithParents("lib64/ld.so", 0755, new byte[0]));

        assertThat(read(archive)).extracting(Entry::name).containsExactly("lib", "lib/x86_64-linux-gnu",
                "lib/x86_64-linux-gnu/libc.so.6", "lib64", "lib64/ld.so");
    }

    @Test
    void sameEntriesGiveTheSameBytes() throws IOException {
        Cpio.IOFunction build = c -> c.directory("lib").file("lib/a.ko", 0644, new byte[] {1, 2, 3});

        assertThat(Cpio.inMemory(build)).isEqualTo(Cpio.inMemory(build));
    }

    @Test
    void badNamesAndPermissionsAreRefused() {
        assertThatThrownBy(() -> Cpio.inMemory(c -> c.file("/init", 0755, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/init'");
        assertThatThrownBy(() -> Cpio.inMemory(c -> c.file("init", 0755, new byte[0]).file("init", 0755, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in the archive");
        assertThatThrownBy(() -> Cpio.inMemory(c -> c.file("x", 0100755, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected at most 07777");
    }
}
