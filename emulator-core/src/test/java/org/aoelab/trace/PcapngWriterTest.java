package org.aoelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {
    private static final String SHB_LE = "0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000";

    private static String hex(ByteArrayOutputStream out) {
        return Bytes.adopt(out.toByteArray()).toHex();
    }

    @Test
    void sectionHeaderWithoutOptionsIsTwentyEightBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter.to(out, null, null).close();
        assertThat(hex(out)).isEqualTo(Bytes.fromHex(SHB_LE).toHex());
    }

    @Test
    void interfaceBlockCarriesNameAndNanosecondResolution() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.to(out, null, null)) {
            assertThat(w.addInterface("sw0")).isZero();
            assertThat(w.addInterface(null)).isEqualTo(1);
        }
        assertThat(hex(out)).isEqualTo(Bytes.fromHex(SHB_LE
                + "01000000 28000000 0100 0000 ffff0000 0200 0300 73773000 0900 0100 09000000 00000000 28000000"
                + "01000000 20000000 0100 0000 ffff0000 0900 0100 09000000 00000000 20000000").toHex());
    }

    @Test
    void enhancedPacketBlockSplitsTheNanosecondTimeAndPadsTheFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.to(out, null, null)) {
            w.addInterface(null);
            w.flush();
            out.reset(); // keep only the packet blocks
            w.write(0, 0x1_0000_0002L, Bytes.fromHex("aabbcc"));
            w.write(0, 0, Bytes.fromHex("aabbcc"), "x");
            assertThat(w.framesWritten()).isEqualTo(2);
        }
        assertThat(hex(out)).isEqualTo(Bytes.fromHex(
                "06000000 24000000 00000000 01000000 02000000 03000000 03000000 aabbcc00 24000000"
                        + "06000000 30000000 00000000 00000000 00000000 03000000 03000000 aabbcc00"
                        + " 0100 0100 78000000 00000000 30000000").toHex());
    }

    @Test
    void roundTripsSectionInterfacesFramesAndCommentsInBothByteOrders() throws Exception {
        Bytes a = Bytes.fromHex("ffffffffffff 020000000001 88a2 1000 ffffff01 00000000").concat(Bytes.zeros(36));
        Bytes b = Bytes.repeat(0x5a, 1061);
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapngWriter w = PcapngWriter.to(out, order, "aoelab test", "seed 7\nlock race")) {
                int host = w.addInterface("host-a");
                int target = w.addInterface("target e3.1 – ünïcode");
                w.write(host, 1_000, a);
                w.write(target, 0x7fff_ffff_ffff_fffeL, b, "dropped: loss on link host-a<->switch");
                w.write(host, 3, Bytes.EMPTY, "");
            }
            try (PcapReader r = PcapReader.of(new ByteArrayInputStream(out.toByteArray()), "mem")) {
                assertThat(r.format()).isEqualTo(PcapReader.Format.PCAPNG);
                assertThat(r.byteOrder()).isEqualTo(order);
                assertThat(r.application()).isEqualTo("aoelab test");
                assertThat(r.sectionComment()).isEqualTo("seed 7\nlock race");
                assertThat(r.next()).isEqualTo(new PcapRecord(1_000, 0, a, 60, null));
                assertThat(r.next()).isEqualTo(new PcapRecord(0x7fff_ffff_ffff_fffeL, 1, b, 1061,
                        "dropped: loss on link host-a<->switch"));
                assertThat(r.next()).isEqualTo(new PcapRecord(3, 0, Bytes.EMPTY, 0, ""));
                assertThat(r.next()).isNull();
                assertThat(r.interfaces()).containsExactly(new PcapInterface(1, "host-a", 65535, 9, 0),
                        new PcapInterface(1, "target e3.1 – ünïcode", 65535, 9, 0));
            }
        }
    }

    @Test
    void createWritesAFileThatReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "app", null)) {
            w.write(w.addInterface("p"), 9, Bytes.of(1, 2, 3));
        }
        assertThat(PcapReader.readAll(file)).containsExactly(new PcapRecord(9, 0, Bytes.of(1, 2, 3), 3, null));
    }

    @Test
    void refusesFramesOnInterfacesNotAddedNegativeTimesAndHugeComments() throws Exception {
        PcapngWriter w = PcapngWriter.to(new ByteArrayOutputStream(), null, null);
        assertThatThrownBy(() -> w.write(0, 0, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interfaceId is 0, expected an interface added with addInterface first");
        w.addInterface("a");
        assertThatThrownBy(() -> w.write(1, 0, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interfaceId is 1, expected 0-0");
        assertThatThrownBy(() -> w.write(0, -5, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeNanos is -5, expected 0 or more");
        assertThatThrownBy(() -> w.write(0, 0, Bytes.EMPTY, "é".repeat(40_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comment is 80000 bytes in UTF-8, expected at most 65535");
        assertThatThrownBy(() -> PcapngWriter.to(new ByteArrayOutputStream(), "x".repeat(70_000), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("application is 70000 bytes");
        assertThat(w.framesWritten()).isZero();
        w.close();
        assertThatThrownBy(() -> w.addInterface("b")).isInstanceOf(IllegalStateException.class);
    }
}
