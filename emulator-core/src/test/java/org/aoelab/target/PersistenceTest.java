package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.OTHER;
import static org.aoelab.target.Harness.assertConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacMaskArg.Directive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config string, mask list and reserve list kept in a state file beside a file-backed disk (as ggaoed). */
class PersistenceTest {
    @TempDir
    Path dir;

    private Path disk() {
        return dir.resolve("disk.img");
    }

    private Harness target() {
        return Harness.of(Harness.config().stateBeside(disk()));
    }

    @Test
    void stateFile_sitsBesideTheDiskFile() {
        assertThat(TargetConfig.stateFileFor(disk())).isEqualTo(dir.resolve("disk.img.aoestate"));
    }

    @Test
    void configMaskAndReserve_surviveARestart() {
        Harness first = target();
        assertConfig(first.send(Harness.configRequest(ConfigCommand.SET, "lock:host-a")));
        first.answer(Harness.maskEdit(HOST, Directive.add(HOST), Directive.add(OTHER)));
        first.answer(Harness.reserveSet(HOST, HOST));

        Harness second = target();
        TargetState s = second.engine.state();
        assertThat(s.configString()).isEqualTo(Bytes.ofUtf8("lock:host-a"));
        assertThat(s.maskList()).containsExactly(HOST, OTHER);
        assertThat(s.reserveList()).containsExactly(HOST);
    }

    @Test
    void savedState_overridesTheInitialConfigAndMask() {
        Harness first = target();
        first.send(Harness.configRequest(ConfigCommand.FORCE_SET, "saved"));
        Harness second = Harness.of(Harness.config().stateBeside(disk()).initialConfig("initial").initialMask(List.of(OTHER)));
        assertThat(second.engine.state().configString()).isEqualTo(Bytes.ofUtf8("saved"));
        assertThat(second.engine.state().maskList()).isEmpty();
    }

    @Test
    void withoutAStateFile_theInitialValuesApply() {
        Harness t = Harness.of(Harness.config().stateBeside(disk()).initialConfig("initial"));
        assertThat(t.engine.state().configString()).isEqualTo(Bytes.ofUtf8("initial"));
        assertThat(Files.exists(TargetConfig.stateFileFor(disk()))).isFalse();
    }

    @Test
    void theFileIsPlainTextWithTheStringInHex() throws IOException {
        Harness t = target();
        t.send(Harness.configRequest(ConfigCommand.FORCE_SET, "hello"));
        t.answer(Harness.reserveSet(HOST, OTHER));
        List<String> lines = Files.readAllLines(TargetConfig.stateFileFor(disk()));
        assertThat(lines).contains("config 68656c6c6f", "reserve 02:00:00:00:00:03");
        assertThat(lines.get(0)).startsWith("#");
    }

    @Test
    void rewriteIsAtomic_noTemporaryFileIsLeftBehind() throws IOException {
        Harness t = target();
        for (int i = 0; i < 5; i++) t.send(Harness.configRequest(ConfigCommand.FORCE_SET, "v" + i));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("disk.img.aoestate");
        }
        assertThat(target().engine.state().configString()).isEqualTo(Bytes.ofUtf8("v4"));
    }

    @Test
    void requestsThatChangeNothing_doNotWriteTheFile() {
        Harness t = target();
        t.send(Harness.configRequest(ConfigCommand.READ, ""));
        t.send(Harness.configRequest(ConfigCommand.SET, ""));
        t.answer(Harness.maskEdit(HOST, Directive.delete(OTHER)));
        assertThat(Files.exists(TargetConfig.stateFileFor(disk()))).isFalse();
    }

    @Test
    void aFileThatCannotBeWritten_isCountedAndTheTargetCarriesOn() {
        Harness t = Harness.of(Harness.config().stateFile(dir.resolve("missing-dir/disk.img.aoestate")));
        assertConfig(t.send(Harness.configRequest(ConfigCommand.FORCE_SET, "still works")));
        assertThat(t.engine.state().configString()).isEqualTo(Bytes.ofUtf8("still works"));
        assertThat(t.engine.stats().stateSaveFailures()).isEqualTo(1);
        assertConfig(t.send(Harness.request(ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))));
    }

    @Test
    void aBrokenFile_isRefusedNamingFileLineAndEntry() throws IOException {
        Path state = TargetConfig.stateFileFor(disk());
        Files.writeString(state, "# state\nconfig 6869\nmask 02:00:00:00:00:01\nmask not-a-mac\n");
        assertThatThrownBy(this::target).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(state + ":4:").hasMessageContaining("mask entry").hasMessageContaining("not-a-mac");
    }

    @Test
    void anUnknownEntry_isRefusedNamingWhatIsAllowed() throws IOException {
        Path state = TargetConfig.stateFileFor(disk());
        Files.writeString(state, "colour blue\n");
        assertThatThrownBy(this::target).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":1:").hasMessageContaining("'colour'").hasMessageContaining("config, mask or reserve");
    }

    @Test
    void aMaskListLongerThanTheProfileHolds_isRefused() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 33; i++) sb.append("mask ").append(org.aoelab.wire.MacAddress.local(i + 1)).append('\n');
        Files.writeString(TargetConfig.stateFileFor(disk()), sb);
        assertThatThrownBy(() -> Harness.of(Harness.config().profile(TargetProfile.VBLADE).stateBeside(disk())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":33:").hasMessageContaining("32");
    }

    @Test
    void aConfigStringLongerThan1024_isRefused() throws IOException {
        Files.writeString(TargetConfig.stateFileFor(disk()), "config " + "61".repeat(1025) + "\n");
        assertThatThrownBy(this::target).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025 bytes");
    }
}
