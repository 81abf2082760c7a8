package org.aoelab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.aoelab.testing.RealTools.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealToolsTest {

    @Test
    void modeIsAutoUnlessRequiredIsAsked() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse("")).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse("auto")).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse(" Required ")).isEqualTo(Mode.REQUIRED);
    }

    @Test
    void anUnknownModeNamesThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> Mode.parse("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property aoelab.e2e is 'yes', expected auto or required");
    }

    @Test
    void somethingAvailableNeitherSkipsNorFails() {
        assertThatCode(() -> RealTools.require(Mode.AUTO, true, "x")).doesNotThrowAnyException();
        assertThatCode(() -> RealTools.require(Mode.REQUIRED, true, "x")).doesNotThrowAnyException();
    }

    @Test
    void somethingMissingSkipsWithTheReasonInAutoMode() {
        assertThatThrownBy(() -> RealTools.require(Mode.AUTO, false, "(decision unit test) a tool is missing"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("(decision unit test) a tool is missing")
                .hasMessageContaining("-Daoelab.e2e=required makes this a failure");
    }

    @Test
    void somethingMissingFailsInRequiredMode() {
        assertThatThrownBy(() -> RealTools.require(Mode.REQUIRED, false, "(decision unit test) a tool is missing"))
                .isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("(decision unit test) a tool is missing")
                .hasMessageContaining("aoelab.e2e=required");
    }

    @Test
    void findsOnlyExecutableFilesOnThePath(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path plain = Files.writeString(a.resolve("tool"), "not executable");
        Path exe = Files.writeString(b.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectory(a.resolve("dir-tool"));
        String path = String.join(File.pathSeparator, "", a.toString(), b.toString());
        assertThat(RealTools.findOnPath("tool", path)).contains(exe);
        assertThat(RealTools.findOnPath("dir-tool", path)).isEmpty();
        assertThat(RealTools.findOnPath("missing", path)).isEmpty();
        assertThat(RealTools.findOnPath("tool", null)).isEmpty();
        assertThat(RealTools.findOnPath(exe.toString(), "")).contains(exe);
        assertThat(RealTools.findOnPath(plain.toString(), "")).isEmpty();
    }

    @Test
    void requireToolReturnsThePathOfAToolThatIsThere() {
        assertThat(RealTools.requireTool("sh")).isExecutable();
    }

    @Test
    void rootIsTheEffectiveUserIdOfTheProcessStatus() {
        assertThat(RealTools.isRootFromStatus("Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n")).isTrue();
        assertThat(RealTools.isRootFromStatus("Uid:\t1000\t1000\t1000\t1000\n")).isFalse();
        assertThat(RealTools.isRootFromStatus("Uid:\t1000\t0\t1000\t1000\n")).isTrue();
        assertThatThrownBy(() -> RealTools.isRootFromStatus("Name:\tjava\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runReturnsExitStatusAndBothOutputs() throws Exception {
        ProcessResult r = RealTools.run(Duration.ofSeconds(30), "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r).isEqualTo(new ProcessResult(3, "out\n", "err\n"));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.describe()).contains("exit status 3", "out", "err");
    }

    @Test
    void runClosesStandardInputSoAReaderEndsAtOnce() throws Exception {
        assertThat(RealTools.run(Duration.ofSeconds(30), "cat")).isEqualTo(new ProcessResult(0, "", ""));
    }

    @Test
    void aProcessThatOutlivesItsTimeoutIsKilledAndTheTestFails() {
        // tail -f never ends by itself; 300 ms is all it gets
        assertThatThrownBy(() -> RealTools.run(Duration.ofMillis(300), "tail", "-f", "/dev/null"))
                .isInstanceOfSatisfying(RealTools.TimedOut.class, e -> {
                    assertThat(e).hasMessageStartingWith("tail -f /dev/null did not finish within 300 ms and was killed");
                    assertThat(ProcessHandle.of(e.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                });
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> RealTools.run(Duration.ZERO, "true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout is PT0S, expected a positive duration");
        assertThatThrownBy(() -> RealTools.run(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command is empty");
        assertThatThrownBy(() -> RealTools.requireTool(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("executable is missing");
    }
}
