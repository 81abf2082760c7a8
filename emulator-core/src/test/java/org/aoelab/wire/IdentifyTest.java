package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifyTest {

    @Test
    void buildsTheIdentifyDataOfVectorV4ByteForByte() throws Exception {
        AoeFrame v4 = AoeCodec.decode(VectorFile.read("ata/v4-identify-response-1gib.hex"));
        Bytes data = ((AtaArg) v4.arg()).data();
        byte[] built = Identify.build(new Identify.Identity("3.1:emu", "EMU1", "AoE emulator disk", 0x200000, true));
        assertThat(Bytes.adopt(built).toHex()).isEqualTo(data.toHex());
    }

    @Test
    void parsesWhatLinuxReads() throws Exception {
        AoeFrame v4 = AoeCodec.decode(VectorFile.read("ata/v4-identify-response-1gib.hex"));
        Identify.Identity id = Identify.parse(((AtaArg) v4.arg()).data());
        assertThat(id).isEqualTo(new Identify.Identity("3.1:emu", "EMU1", "AoE emulator disk", 0x200000, true));
    }

    @Test
    void lba28DiskReportsCapacityInWords60And61Only() {
        Bytes d = Bytes.adopt(Identify.build(new Identify.Identity("s", "f", "m", 123_456, false)));
        assertThat(Identify.lba48(d)).isFalse();
        assertThat(Identify.sectors(d)).isEqualTo(123_456);
        assertThat(Identify.word(d, 100)).isZero();
    }

    @Test
    void largeDiskCapsTheLba28Words() {
        Bytes d = Bytes.adopt(Identify.build(new Identify.Identity("s", "f", "m", 1L << 40, true)));
        assertThat((long) Identify.word(d, 61) << 16 | Identify.word(d, 60)).isEqualTo(0x0FFF_FFFFL);
        assertThat(Identify.sectors(d)).isEqualTo(1L << 40);
    }

    @Test
    void refusesAnLba28DiskAbove2To28Sectors() {
        assertThatThrownBy(() -> new Identify.Identity("s", "f", "m", 1L << 28, false))
                .hasMessageContaining("2^28");
    }
}
