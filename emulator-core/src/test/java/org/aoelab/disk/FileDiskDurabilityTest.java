package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FLUSH durability (issue 4): a write acknowledged after FLUSH is in the file when read back by
 * a fresh process ({@link DiskTool} in its own JVM). The writer either stays open in this
 * process or is a second process that halts right after FLUSH without closing anything. That
 * proves the data is in the file, not in a buffer of ours; surviving power loss on top of that
 * is FileChannel.force's promise, which a test cannot pull the plug on.
 */
class FileDiskDurabilityTest {
    private static final long LBA48_SECTOR = (1L << 28) + 5;

    @TempDir
    Path dir;

    @Test
    void aFlushedWriteIsInTheFileForAFreshProcessWhileTheWriterIsStillOpen() throws Exception {
        Path file = dir.resolve("disk.img");
        try (FileDisk disk = FileDisk.create(file, 1L << 30)) {
            disk.write(LBA48_SECTOR, TestData.sectors(LBA48_SECTOR, 1, 11));
            disk.flush();

            String hex = run("dump", "file:" + file + ",ro", Long.toString(LBA48_SECTOR)).trim();
            assertThat(hex).isEqualTo(TestData.sectors(LBA48_SECTOR, 1, 11).toHex());
        }
    }

    @Test
    void aWriterThatHaltsRightAfterFlushLeavesItsDataForTheNextProcess() throws Exception {
        Path file = dir.resolve("disk.img");
        assertThat(run("write-flush-halt", "file:" + file + ",create=1GiB", "4096", "12")).isEqualTo("FLUSHED\n");

        assertThat(run("dump", "file:" + file, "4096").trim()).isEqualTo(TestData.sectors(4096, 1, 12).toHex());
        assertThat(run("dump", "file:" + file, "4097").trim()).isEqualTo("00".repeat(512));
    }

    @Test
    void aWriteThroughDiskNeedsNoFlush() throws Exception {
        Path file = dir.resolve("sync.img");
        FileDisk.create(file, 2048).close();
        assertThat(run("write-halt", "file:" + file + ",sync", "2047", "13")).isEqualTo("WRITTEN\n");

        assertThat(run("dump", "file:" + file + ",ro", "2047").trim()).isEqualTo(TestData.sectors(2047, 1, 13).toHex());
    }

    @Test
    void aFileOverlayFlushedByAHaltedWriterReopensInAFreshProcess() throws Exception {
        Path base = dir.resolve("golden.img");
        try (FileDisk golden = FileDisk.create(base, 4096)) {
            golden.write(0, TestData.sectors(0, 4096, 0));
        }
        Path overlay = dir.resolve("t1.cow");
        String spec = "cow:" + base + ",overlay=" + overlay;
        assertThat(run("write-flush-halt", spec, "300", "14")).isEqualTo("FLUSHED\n");

        String readOnly = "cow:" + base + ",ro,overlay=" + overlay;
        assertThat(run("dump", readOnly, "300").trim()).isEqualTo(TestData.sectors(300, 1, 14).toHex());
        assertThat(run("dump", readOnly, "301").trim()).as("the rest of the chunk came from the base")
                .isEqualTo(TestData.sectors(301, 1, 0).toHex());
        assertThat(run("dump", "file:" + base + ",ro", "300").trim()).as("the base never changed")
                .isEqualTo(TestData.sectors(300, 1, 0).toHex());
    }

    /** Runs {@link DiskTool} in a new JVM with this test's class path; returns its output. */
    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                DiskTool.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("DiskTool finished").isTrue();
        assertThat(process.exitValue()).as("DiskTool exit status; output: %s", output).isZero();
        return output;
    }
}
