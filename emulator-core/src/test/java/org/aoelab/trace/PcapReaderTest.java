package org.aoelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
    /** An Ethernet header alone: broadcast, from 02:00:00:00:00:01, EtherType AoE. */
    private static final String FRAME14 = "ffffffffffff 020000000001 88a2";
    private static final Bytes F14 = Bytes.fromHex(FRAME14);

    private static PcapReader reader(String hex) throws IOException {
        return PcapReader.of(new ByteArrayInputStream(Bytes.fromHex(hex).toArray()), "hand.pcap");
    }

    private static List<PcapRecord> readAll(byte[] file) throws IOException {
        List<PcapRecord> out = new ArrayList<>();
        try (PcapReader r = PcapReader.of(new ByteArrayInputStream(file), "mem")) {
            for (PcapRecord rec; (rec = r.next()) != null; ) out.add(rec);
        }
        return out;
    }

    // ---------------------------------------------------------------- classic pcap by hand

    @Test
    void readsABigEndianMicrosecondFileAsWrittenByHand() throws Exception {
        try (PcapReader r = reader("a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001"
                + "00000002 0003d090 0000000e 0000003c" + FRAME14)) {
            assertThat(r.format()).isEqualTo(PcapReader.Format.PCAP);
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(r.interfaces()).containsExactly(new PcapInterface(1, null, 65535, 6, 0));
            PcapRecord rec = r.next();
            assertThat(rec).isEqualTo(new PcapRecord(2_250_000_000L, 0, F14, 60, null));
            assertThat(rec.isTruncated()).isTrue();
            assertThat(r.interfaceOf(rec).isEthernet()).isTrue();
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void readsALittleEndianMicrosecondFileAsWrittenByHand() throws Exception {
        try (PcapReader r = reader("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000"
                + "01000000 01000000 0e000000 0e000000" + FRAME14)) {
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(r.next()).isEqualTo(new PcapRecord(1_000_001_000L, 0, F14, 14, null));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void readsNanosecondFilesInBothByteOrdersAsWrittenByHand() throws Exception {
        try (PcapReader r = reader("a1b23c4d 0002 0004 00000000 00000000 00040000 00000001"
                + "00000001 00000007 0000000e 0000000e" + FRAME14)) {
            assertThat(r.interfaces().get(0).tsresol()).isEqualTo(9);
            assertThat(r.next().timeNanos()).isEqualTo(1_000_000_007L);
        }
        try (PcapReader r = reader("4d3cb2a1 0200 0400 00000000 00000000 00000400 01000000"
                + "01000000 07000000 0e000000 0e000000" + FRAME14)) {
            assertThat(r.next().timeNanos()).isEqualTo(1_000_000_007L);
        }
    }

    @Test
    void linkTypeIgnoresTheFcsBitsAndKeepsOtherLinkTypes() throws Exception {
        // 0x10000071: LINKTYPE_LINUX_SLL (113) with the FCS-present bit of the link-type field
        try (PcapReader r = reader("a1b2c3d4 0002 0004 00000000 00000000 0000ffff 10000071")) {
            assertThat(r.interfaces().get(0).linkType()).isEqualTo(113);
            assertThat(r.interfaces().get(0).isEthernet()).isFalse();
        }
    }

    // ---------------------------------------------------------------- pcapng by hand

    @Test
    void readsPcapngWithSeveralInterfacesResolutionsBlockKindsAndSections() throws Exception {
        String pad2 = "0000";
        String file =
                // section 1, big-endian
                "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c"
                // interface 0: no options, so microseconds; snap length 0 (no limit)
                + "00000001 00000014 0001 0000 00000000 00000014"
                // interface 1: if_tsresol 2^-10 s, if_tsoffset 100 s
                + "00000001 0000002c 0001 0000 0000ffff 0009 0001 8a000000 000e 0008 0000000000000064 00000000 0000002c"
                // EPB on interface 1: 3584 ticks = 3.5 s (+100 s), comment "hi"
                + "00000006 0000003c 00000001 00000000 00000e00 0000000e 0000000e" + FRAME14 + pad2
                + "0001 0002 68690000 00000000 0000003c"
                // a Name Resolution Block to skip
                + "00000004 00000010 00000000 00000010"
                // a Simple Packet Block: interface 0, no time
                + "00000003 00000020 0000000e" + FRAME14 + pad2 + "00000020"
                // EPB on interface 0: 1,000,001 microseconds, 14 of 60 bytes kept
                + "00000006 00000030 00000000 00000000 000f4241 0000000e 0000003c" + FRAME14 + pad2 + "00000030"
                // section 2, little-endian, interface 0 in nanoseconds, an obsolete Packet Block at 5 ns
                + "0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000"
                + "01000000 20000000 0100 0000 ffff0000 0900 0100 09000000 00000000 20000000"
                + "02000000 30000000 0000 0000 00000000 05000000 0e000000 0e000000" + FRAME14 + pad2 + "30000000";
        try (PcapReader r = reader(file)) {
            assertThat(r.format()).isEqualTo(PcapReader.Format.PCAPNG);
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
            assertThat(r.application()).isNull();
            assertThat(r.next()).isEqualTo(new PcapRecord(103_500_000_000L, 1, F14, 14, "hi"));
            assertThat(r.interfaces()).containsExactly(new PcapInterface(1, null, 0, 6, 0),
                    new PcapInterface(1, null, 65535, 0x8a, 100));
            assertThat(r.next()).isEqualTo(new PcapRecord(0, 0, F14, 14, null));
            assertThat(r.next()).isEqualTo(new PcapRecord(1_000_001_000L, 0, F14, 60, null));
            assertThat(r.next()).isEqualTo(new PcapRecord(5, 0, F14, 14, null));
            assertThat(r.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(r.interfaces()).containsExactly(new PcapInterface(1, null, 65535, 9, 0));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void sectionCommentAndApplicationMayEndWithANul() throws Exception {
        try (PcapReader r = reader("0a0d0d0a 00000030 1a2b3c4d 0001 0000 ffffffffffffffff"
                + "0001 0003 61620000 0004 0004 78797a00 00000000 00000030")) {
            assertThat(r.sectionComment()).isEqualTo("ab");
            assertThat(r.application()).isEqualTo("xyz");
            assertThat(r.next()).isNull();
        }
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void randomFramesRoundTripThroughBothFormatsAndByteOrders() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20240607L);
        List<PcapRecord> frames = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[rnd.nextInt(0, 1600)];
            for (int k = 0; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
            t += rnd.nextLong(0, 5_000_000_000L);
            frames.add(new PcapRecord(t, 0, Bytes.adopt(b), b.length, null));
        }
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ByteArrayOutputStream pcap = new ByteArrayOutputStream();
            try (PcapWriter w = PcapWriter.to(pcap, order)) {
                for (PcapRecord f : frames) w.write(f.timeNanos(), f.frame());
            }
            assertThat(readAll(pcap.toByteArray())).as("pcap " + order).isEqualTo(frames);

            ByteArrayOutputStream ng = new ByteArrayOutputStream();
            try (PcapngWriter w = PcapngWriter.to(ng, order, null, null)) {
                w.addInterface("only");
                for (PcapRecord f : frames) w.write(0, f.timeNanos(), f.frame());
            }
            assertThat(readAll(ng.toByteArray())).as("pcapng " + order).isEqualTo(frames);
        }
    }

    // ---------------------------------------------------------------- truncated and corrupt files

    @Test
    void everyTruncationOfAPcapFileReadsWholeRecordsThenFailsAtTheCut() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.to(out)) {
            w.write(1, Bytes.zeros(60));
            w.write(2, Bytes.repeat(7, 61));
            w.write(3, Bytes.EMPTY);
        }
        checkEveryTruncation(out.toByteArray(), List.of(0, 24, 24 + 76, 24 + 76 + 77, 24 + 76 + 77 + 16), List.of(0, 0, 1, 2, 3));
    }

    @Test
    void everyTruncationOfAPcapngFileReadsWholeRecordsThenFailsAtTheCut() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.to(out, "app", "note")) {
            w.addInterface("a");
            w.write(0, 1, Bytes.zeros(60), "c");
            w.write(0, 2, Bytes.repeat(7, 61));
        }
        byte[] file = out.toByteArray();
        // section header 48 bytes (with two options), interface 40, packets 104 (with a comment) and 96
        checkEveryTruncation(file, List.of(0, 48, 48 + 40, 48 + 40 + 104, 48 + 40 + 104 + 96), List.of(0, 0, 0, 1, 2));
    }

    /**
     * Cutting the file anywhere yields the records that fit and then an error naming the offset
     * where the data ran out, unless the cut falls between two blocks ({@code boundaries}, the
     * first after the file header), after which {@code counts} records have been read.
     */
    private static void checkEveryTruncation(byte[] file, List<Integer> boundaries, List<Integer> counts)
            throws IOException {
        assertThat(boundaries.get(boundaries.size() - 1)).isEqualTo(file.length);
        List<PcapRecord> whole = readAll(file);
        for (int cut = 0; cut < file.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(file, cut);
            boolean complete = cut >= boundaries.get(1) && boundaries.contains(cut);
            List<PcapRecord> got = new ArrayList<>();
            try (PcapReader r = PcapReader.of(new ByteArrayInputStream(part), "cut.pcap")) {
                for (PcapRecord rec; (rec = r.next()) != null; ) got.add(rec);
                assertThat(complete).as("the file cut at " + cut + " read without error").isTrue();
            } catch (PcapFormatException e) {
                assertThat(complete).as("cut at " + cut + ": " + e.getMessage()).isFalse();
                assertThat(e.offset()).as(e.getMessage()).isBetween(0L, (long) cut);
                assertThat(e.source()).isEqualTo("cut.pcap");
                assertThat(e.getMessage()).startsWith("cut.pcap: at byte offset " + e.offset() + ": ")
                        .contains("expected");
            }
            assertThat(got).as("records before the cut at " + cut).isEqualTo(whole.subList(0, got.size()));
            if (complete) assertThat(got).hasSize(counts.get(boundaries.indexOf(cut)));
        }
    }

    @Test
    void anEmptyFileSaysSo() {
        assertThatThrownBy(() -> reader(""))
                .isInstanceOf(PcapFormatException.class)
                .hasMessage("hand.pcap: at byte offset 0: the file is empty, expected a pcap or pcapng file header");
    }

    @Test
    void anUnknownMagicNumberNamesWhatItFoundAndWhatIsExpected() {
        assertThatThrownBy(() -> reader("7f454c46 02010100"))
                .isInstanceOfSatisfying(PcapFormatException.class, e -> {
                    assertThat(e.offset()).isZero();
                    assertThat(e.detail()).contains("starts with 7f 45 4c 46", "expected a pcap magic number", "0a 0d 0d 0a");
                });
    }

    @Test
    void aCorruptCapturedLengthIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> {
            try (PcapReader r = reader("a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001"
                    + "00000001 00000000 7fffffff 0000003c")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(32);
            assertThat(e.detail()).startsWith("captured length is 2147483647, expected at most 1048576");
        });
    }

    @Test
    void anUnsupportedPcapVersionIsNamed() {
        assertThatThrownBy(() -> reader("a1b2c3d4 0001 0000 00000000 00000000 0000ffff 00000001"))
                .isInstanceOfSatisfying(PcapFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(4);
                    assertThat(e.detail()).isEqualTo("pcap version is 1.0, expected 2.x");
                });
    }

    @Test
    void pcapngBlocksWithMismatchedLengthsAreCorrupt() {
        String shb = "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c";
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shb + "00000004 00000010 00000000 00000014")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(28 + 12);
            assertThat(e.detail()).isEqualTo("the block at offset 28 ends with length 20, expected 16 as in its header (the file is corrupt)");
        });
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shb + "00000004 0000000e 00000000")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(32);
            assertThat(e.detail()).startsWith("block total length is 14, expected a multiple of 4");
        });
    }

    @Test
    void aPacketOnAnUndeclaredInterfaceIsCorrupt() {
        String shb = "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c";
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shb + "00000006 00000020 00000000 00000000 00000000 00000000 00000000 00000020")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(36);
            assertThat(e.detail()).isEqualTo("packet on interface 0, but no Interface Description Block came before it in this section");
        });
    }

    @Test
    void aCapturedLengthLargerThanItsBlockIsCorrupt() {
        String shbIdb = "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c"
                + "00000001 00000014 0001 0000 00000000 00000014";
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shbIdb + "00000006 00000020 00000000 00000000 00000000 00000010 00000010 00000020")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(48 + 20);
            assertThat(e.detail()).contains("captured length is 16 but the Enhanced Packet Block has room for 0 bytes");
        });
    }

    @Test
    void aBadByteOrderMagicOrVersionIsNamed() {
        assertThatThrownBy(() -> reader("0a0d0d0a 0000001c 11223344 0001 0000 ffffffffffffffff 0000001c"))
                .isInstanceOfSatisfying(PcapFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(8);
                    assertThat(e.detail()).startsWith("byte-order magic is 11 22 33 44, expected 1a 2b 3c 4d");
                });
        assertThatThrownBy(() -> reader("0a0d0d0a 0000001c 1a2b3c4d 0002 0000 ffffffffffffffff 0000001c"))
                .isInstanceOfSatisfying(PcapFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(12);
                    assertThat(e.detail()).isEqualTo("pcapng version is 2.0, expected 1.x");
                });
    }

    @Test
    void anOptionRunningPastItsBlockIsCorrupt() {
        assertThatThrownBy(() -> reader("0a0d0d0a 00000024 1a2b3c4d 0001 0000 ffffffffffffffff 0001 0020 61626364 00000024"))
                .isInstanceOfSatisfying(PcapFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(24);
                    assertThat(e.detail()).isEqualTo("option 1 of 32 bytes runs past the end of its block (4 bytes left)");
                });
    }

    @Test
    void aPacketCommentRunningPastItsBlockNamesItsOffset() {
        String shbIdb = "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c"
                + "00000001 00000014 0001 0000 00000000 00000014";
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shbIdb + "00000006 00000024 00000000 00000000 00000000 00000000 00000000 0001 0010 00000024")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(48 + 28);
            assertThat(e.detail()).isEqualTo("option 1 of 16 bytes runs past the end of its block (0 bytes left)");
        });
    }

    @Test
    void aTimestampBeyondWhatALongHoldsIsCorrupt() {
        String shbIdb = "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c"
                + "00000001 00000014 0001 0000 00000000 00000014";
        assertThatThrownBy(() -> {
            try (PcapReader r = reader(shbIdb + "00000006 00000020 00000000 ffffffff ffffffff 00000000 00000000 00000020")) {
                r.next();
            }
        }).isInstanceOfSatisfying(PcapFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(48 + 12);
            assertThat(e.detail()).contains("18446744073709551615 ticks", "beyond the year 2262");
        });
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pcap");
        assertThatThrownBy(() -> PcapReader.open(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.pcap");
    }

    @Test
    void openNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short.pcap");
        Files.write(file, Bytes.fromHex("d4c3b2a1 0200").toArray());
        assertThatThrownBy(() -> PcapReader.open(file)).isInstanceOf(PcapFormatException.class)
                .hasMessage(file + ": at byte offset 6: the file ends inside the pcap file header, expected 24 bytes, found 6");
    }
}
