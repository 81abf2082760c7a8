package org.aoelab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** Target configuration: defaults from the profile, and clear refusals of bad values. */
class TargetConfigTest {
    @Test
    void defaults_followTheProfile() {
        TargetConfig c = TargetConfig.of(3, 1);
        assertThat(c.profile()).isEqualTo(TargetProfile.AOELAB);
        assertThat(c.bufferCount()).isEqualTo(16);
        assertThat(c.enforceBufferCount()).isFalse();
        assertThat(c.firmwareVersion()).isEqualTo(0x4019);
        assertThat(c.serial()).isEqualTo("3.1:emu");
        assertThat(c.model()).isEqualTo("AoE emulator disk");
        assertThat(c.lba48()).isTrue();
        assertThat(c.initialConfig()).isEqualTo(Bytes.EMPTY);
        assertThat(c.name()).isEqualTo("e3.1");
        TargetConfig g = TargetConfig.builder(3, 1).profile(TargetProfile.GGAOED).build();
        assertThat(g.firmwareVersion()).isEqualTo(0x0100);
        assertThat(g.model()).isEqualTo("ggaoed");
    }

    @Test
    void toBuilder_keepsEveryField() {
        TargetConfig c = TargetConfig.builder(7, 9).profile(TargetProfile.VBLADE).bufferCount(64).enforceBufferCount(true)
                .model("M").serial("S").firmwareRevision("F").lba48(false).accept(List.of(MacAddress.local(1)))
                .deny(List.of(MacAddress.local(2))).initialConfig("x").initialMask(List.of(MacAddress.local(3))).build();
        assertThat(c.toBuilder().build().toString()).isEqualTo(c.toString());
    }

    @Test
    void wildcardShelf_isRefused() {
        assertThatThrownBy(() -> TargetConfig.of(0xFFFF, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shelf is 65535").hasMessageContaining("0-65534");
    }

    @Test
    void wildcardSlot_isRefused() {
        assertThatThrownBy(() -> TargetConfig.of(1, 0xFF)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot is 255").hasMessageContaining("0-254");
    }

    @Test
    void shelf0x0FFF_isRefusedAsLinuxDoes() {
        assertThatThrownBy(() -> TargetConfig.of(0x0FFF, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4095").hasMessageContaining("all ones");
    }

    @Test
    void bufferCountOutOfRange_isRefused() {
        assertThatThrownBy(() -> TargetConfig.builder(1, 1).bufferCount(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bufferCount is 70000");
    }

    @Test
    void modelLongerThan40Characters_isRefused() {
        assertThatThrownBy(() -> TargetConfig.builder(1, 1).model("m".repeat(41))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model").hasMessageContaining("at most 40");
    }

    @Test
    void serialWithNonAsciiText_isRefused() {
        assertThatThrownBy(() -> TargetConfig.builder(1, 1).serial("sé")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serial").hasMessageContaining("character 2");
    }

    @Test
    void initialConfigLongerThan1024Bytes_isRefused() {
        assertThatThrownBy(() -> TargetConfig.builder(1, 1).initialConfig(Bytes.zeros(1025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialConfig length is 1025");
    }

    @Test
    void initialMaskLongerThanTheProfileHolds_isRefused() {
        List<MacAddress> macs = new java.util.ArrayList<>();
        for (int i = 0; i < 33; i++) macs.add(MacAddress.local(i + 1));
        assertThatThrownBy(() -> TargetConfig.builder(1, 1).profile(TargetProfile.VBLADE).initialMask(macs).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("33").hasMessageContaining("32");
    }

    @Test
    void diskTooLargeWithoutLba48_isRefusedWhenTheEngineStarts() {
        TargetConfig c = TargetConfig.builder(1, 1).lba48(false).build();
        assertThatThrownBy(() -> new TargetEngine(c, new TestDisk(1L << 28), MacAddress.local(1), 1500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lba48").hasMessageContaining("268435456");
    }

    @Test
    void duplicateMacsInAList_areKeptOnce() {
        TargetConfig c = TargetConfig.builder(1, 1).accept(List.of(MacAddress.local(1), MacAddress.local(1))).build();
        assertThat(c.accept()).hasSize(1);
    }
}
