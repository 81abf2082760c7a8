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

class PcapWriterTest {
    private static final Bytes FRAME = Bytes.fromHex("ffffffffffff 020000000001 88a2 1000 ffffff01 00000000");

    @Test
    void writesTheNanosecondFileHeaderLittleEndianByDefault() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter.to(out).close();
        assertThat(Bytes.adopt(out.toByteArray()).toHex())
                .isEqualTo("4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000");
    }

    @Test
    void writesTheFileHeaderBigEndianOnRequest() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter.to(out, ByteOrder.BIG_ENDIAN).close();
        assertThat(Bytes.adopt(out.toByteArray()).toHex())
                .isEqualTo("a1b23c4d" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000001");
    }

    @Test
    void recordHeaderHoldsSecondsNanosecondsAndBothLengths() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.to(out, ByteOrder.BIG_ENDIAN)) {
            w.write(3_000_000_123L, FRAME);
            assertThat(w.framesWritten()).isEqualTo(1);
        }
        Bytes file = Bytes.adopt(out.toByteArray());
        assertThat(file.length()).isEqualTo(24 + 16 + FRAME.length());
        assertThat(file.slice(24, 40).toHex()).isEqualTo("00000003" + "0000007b" + "00000018" + "00000018");
        assertThat(file.slice(40)).isEqualTo(FRAME);
    }

    @Test
    void framesComeBackWithTheirTimesInBothByteOrders() throws Exception {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PcapWriter w = PcapWriter.to(out, order)) {
                w.write(0, FRAME);
                w.write(1, Bytes.zeros(60));
                w.write(PcapWriter.MAX_TIME_NANOS, Bytes.EMPTY);
            }
            try (PcapReader r = PcapReader.of(new ByteArrayInputStream(out.toByteArray()), "mem")) {
                assertThat(r.byteOrder()).isEqualTo(order);
                assertThat(r.interfaces()).containsExactly(new PcapInterface(1, null, 65535, 9, 0));
                assertThat(r.next()).isEqualTo(new PcapRecord(0, 0, FRAME, FRAME.length(), null));
                assertThat(r.next()).isEqualTo(new PcapRecord(1, 0, Bytes.zeros(60), 60, null));
                assertThat(r.next()).isEqualTo(new PcapRecord(PcapWriter.MAX_TIME_NANOS, 0, Bytes.EMPTY, 0, null));
                assertThat(r.next()).isNull();
            }
        }
    }

    @Test
    void aFrameLongerThanTheSnapshotLengthIsCutAndKeepsItsLength(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("long.pcap");
        Bytes big = Bytes.repeat(0xab, 70_000);
        try (PcapWriter w = PcapWriter.create(file)) {
            w.write(5, big);
        }
        List<PcapRecord> all = PcapReader.readAll(file);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).frame()).isEqualTo(big.slice(0, 65535));
        assertThat(all.get(0).originalLength()).isEqualTo(70_000);
        assertThat(all.get(0).isTruncated()).isTrue();
    }

    @Test
    void createWritesAFileThatReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            w.write(42, FRAME);
        }
        assertThat(PcapReader.readAll(file)).containsExactly(new PcapRecord(42, 0, FRAME, FRAME.length(), null));
    }

    @Test
    void rejectsTimesAClassicRecordCannotHold() throws Exception {
        PcapWriter w = PcapWriter.to(new ByteArrayOutputStream());
        assertThatThrownBy(() -> w.write(-1, FRAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeNanos is -1").hasMessageContaining("expected 0-");
        assertThatThrownBy(() -> w.write(PcapWriter.MAX_TIME_NANOS + 1, FRAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-bit seconds");
        assertThatThrownBy(() -> w.write(0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame is missing");
        assertThat(w.framesWritten()).isZero();
    }

    @Test
    void writingAfterCloseIsAnError() throws Exception {
        PcapWriter w = PcapWriter.to(new ByteArrayOutputStream());
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write(0, FRAME)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void flushPushesRecordsToTheStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = PcapWriter.to(out);
        w.write(0, FRAME);
        assertThat(out.size()).isZero(); // buffered until flushed
        w.flush();
        assertThat(out.size()).isEqualTo(24 + 16 + FRAME.length());
    }
}
