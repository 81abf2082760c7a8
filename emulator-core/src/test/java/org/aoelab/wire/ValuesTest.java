package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void macAddressParsesTheFormsToolsUse() {
        MacAddress m = MacAddress.parse("02:00:00:00:00:01");
        assertThat(MacAddress.parse("02-00-00-00-00-01")).isEqualTo(m);
        assertThat(MacAddress.parse("020000000001")).isEqualTo(m);
        assertThat(m.toString()).isEqualTo("02:00:00:00:00:01");
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00")).hasMessageContaining("not a MAC address");
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00:zz")).hasMessageContaining("02:00:00:00:00:zz");
    }

    @Test
    void bytesCompareByContentAndSlicesShare() {
        Bytes a = Bytes.fromHex("01 02 03 04 # comment\n05");
        assertThat(a.slice(1, 3)).isEqualTo(Bytes.of(2, 3));
        assertThat(a.slice(1, 3).hashCode()).isEqualTo(Bytes.of(2, 3).hashCode());
        assertThat(a.u32(0)).isEqualTo(0x01020304L);
        assertThat(a.u16(3)).isEqualTo(0x0405);
        assertThatThrownBy(() -> Bytes.fromHex("0g")).hasMessageContaining("'g' at character 2");
        byte[] src = {1, 2};
        Bytes copy = Bytes.copyOf(src);
        src[0] = 9;
        assertThat(copy.u8(0)).isEqualTo(1);
    }

    @Test
    void headerRefusesOutOfRangeFieldsNamingThem() {
        assertThatThrownBy(() -> AoeHeader.request(0x10000, 0, AoeCommand.ATA, 0)).hasMessage("major is 65536, expected 0-65535");
        assertThatThrownBy(() -> AoeHeader.request(1, 256, AoeCommand.ATA, 0)).hasMessage("minor is 256, expected 0-255");
        assertThatThrownBy(() -> AoeHeader.request(1, 1, AoeCommand.ATA, 1L << 32)).hasMessageContaining("tag");
    }

    @Test
    void configStringIsLimitedTo1024Bytes() {
        assertThat(ConfigArg.request(ConfigCommand.SET, Bytes.zeros(1024)).string().length()).isEqualTo(1024);
        assertThatThrownBy(() -> ConfigArg.request(ConfigCommand.SET, Bytes.zeros(1025)))
                .hasMessage("config string length is 1025, expected 0-1024");
    }

    @Test
    void writeMustCarryExactlySectorCountSectors() {
        MacAddress a = MacAddress.local(1);
        assertThatThrownBy(() -> AoeFrame.request(a, a, 1, 1, 1, AtaArg.write48(0, 2, Bytes.zeros(512))))
                .hasMessageContaining("expected Sector Count 2 x 512 = 1024");
    }

    @Test
    void lba28AddressGoesIntoTheDeviceRegisterAsLinuxSendsIt() {
        AtaArg a = AtaArg.read28(0x0ABCDEF1L, 1);
        assertThat(a.deviceRegister()).isEqualTo(0xEA);
        assertThat(a.lba()).isEqualTo(0x0ABCDEF1L);
        assertThat(AtaArg.read48(0x0ABCDEF1L, 1).lba()).isEqualTo(0x0ABCDEF1L);
    }

    @Test
    void sectorsPerFrameFollowTheMtuMinus36Rule() {
        assertThat(AoeCodec.maxSectors(1500)).isEqualTo(2);
        assertThat(AoeCodec.maxSectors(9000)).isEqualTo(17);
        assertThat(AoeCodec.maxSectors(1060)).isEqualTo(2);
        assertThat(AoeCodec.maxSectors(1059)).isEqualTo(1);
        assertThat(AoeCodec.maxSectors(200_000)).isEqualTo(255);
        assertThat(AoeCodec.maxSectors(500)).isZero();
    }

    @Test
    void errorAnswerKeepsTagCommandAndPutsTheTargetsOwnAddress() {
        MacAddress init = MacAddress.local(1);
        MacAddress tgt = MacAddress.local(2);
        AoeFrame req = new AoeFrame(MacAddress.BROADCAST, init, AoeHeader.request(0xFFFF, 0xFF, AoeCommand.QUERY_CONFIG, 77),
                ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8("x")));
        AoeFrame ans = req.errorAnswer(tgt, 3, 1, AoeError.CONFIG_STRING_PRESENT, ConfigArg.response(16, 0x4019, 2, 3, Bytes.ofUtf8("y")));
        assertThat(ans.header().verFlags()).isEqualTo(0x1C);
        assertThat(ans.header().tag()).isEqualTo(77);
        assertThat(ans.header().major()).isEqualTo(3);
        assertThat(ans.dst()).isEqualTo(init);
        assertThat(ans.src()).isEqualTo(tgt);
    }

    @Test
    void maskAnswerWithMErrorCarriesNoDirectives() {
        MacAddress a = MacAddress.local(1);
        assertThatThrownBy(() -> new AoeFrame(a, a, AoeHeader.request(1, 1, AoeCommand.MAC_MASK_LIST, 0).toResponse(1, 1),
                new MacMaskArg(0, 1, 3, 1, List.of(MacMaskArg.Directive.add(a))))).hasMessageContaining("carries no directives");
    }
}
