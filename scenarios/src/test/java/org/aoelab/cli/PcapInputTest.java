package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.aoelab.trace.PcapWriter;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapInputTest {
    /** Protocol reference V1, the Linux driver's broadcast config query, padded as on the wire. */
    private static final Bytes V1 = Bytes.fromHex("ffffffffffff 020000000001 88a2 1000 ffffff01 00000000 0000000000 000000")
            .concat(Bytes.zeros(28));
    /** V2, the answer from e3.1 holding "hello". */
    private static final Bytes V2 = Bytes.fromHex("020000000001 020000000002 88a2 1800 00030101 00000000 0010 4019 02 10 0005 68656c6c6f");
    /** An IPv4 frame. */
    private static final Bytes IPV4 = Bytes.fromHex("020000000002 020000000001 0800 4500002e").concat(Bytes.zeros(42));

    @TempDir
    Path dir;

    private Path pcap(String name, long[] times, Bytes... frames) throws Exception {
        Path file = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(file)) {
            for (int i = 0; i < frames.length; i++) w.write(times[i], frames[i]);
        }
        return file;
    }

    @Test
    void printsEveryAoeFrameFieldByFieldWithNumberAndTimeAndSkipsTheRest() throws Exception {
        Path file = pcap("s.pcap", new long[] {5_000_000_000L, 5_000_120_000L, 6_000_000_000L}, V1, V2, IPV4);
        Cli r = Cli.run("decode", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Capture " + file + " · pcap")
                .contains("Frame 1 · 0.000000000 s · 60 bytes · request to e*.* · config read")
                .contains("Frame 2 · 0.000120000 s · 37 bytes (unpadded) · response from e3.1")
                .contains("Frame 3 · 1.000000000 s · 60 bytes · skipped: not AoE (EtherType 0x0800, IPv4)")
                .contains("3 frames: 2 AoE, 1 skipped (not AoE)");
        assertThat(r.out()).containsPattern("0x0010 +ff ff +aoe.major +0xffff +every shelf \\(wildcard\\)");
        assertThat(r.out()).containsPattern("aoe.cfg.string +\"hello\"");
        assertThat(r.out().indexOf("Frame 2")).isGreaterThan(r.out().indexOf("aoe.cfg.len"));
    }

    @Test
    void briefPrintsOneLinePerFrame() throws Exception {
        Path file = pcap("s.pcap", new long[] {0, 120_000, 1_000_000_000L}, V1, V2, IPV4);
        Cli r = Cli.run("decode", "--brief", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "    1 0.000000000 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff -> e*.* tag 00000000 config read",
                "    2 0.000120000 02:00:00:00:00:02 > 02:00:00:00:00:01 <- e3.1 tag 00000000 config read answer \"hello\"",
                "    3 1.000000000 skipped: not AoE (EtherType 0x0800, IPv4)");
    }

    @Test
    void readsPcapngWithItsInterfacesAndComments() throws Exception {
        Path file = dir.resolve("s.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "AoE Lab", "seed 7")) {
            int host = w.addInterface("host-a");
            int target = w.addInterface("target");
            w.write(host, 10, V1, "discovery");
            w.write(target, 20, V2);
        }
        Cli r = Cli.run("decode", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Capture " + file + " · pcapng · written by AoE Lab", "comment: seed 7",
                "Frame 1 · 0.000000000 s · on host-a · 60 bytes", "  comment: discovery",
                "Frame 2 · 0.000000010 s · on target · 37 bytes", "2 frames: 2 AoE, 0 skipped (not AoE)");
    }

    @Test
    void anIdentifyAnswerIsExplainedWithTheRequestBeforeIt() throws Exception {
        MacAddress host = MacAddress.parse("02:00:00:00:00:01");
        MacAddress disk = MacAddress.parse("02:00:00:00:00:02");
        AoeFrame identify = AoeFrame.request(disk, host, 3, 1, 0x00012f3cL, AtaArg.identify());
        Bytes id = Bytes.adopt(Identify.build(new Identify.Identity("SN42", "FW1", "AoE Lab disk", 0x200000, true)));
        AoeFrame answer = identify.answer(disk, 3, 1, ((AtaArg) identify.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0, id));
        Path file = pcap("id.pcap", new long[] {0, 1}, AoeCodec.encode(identify), AoeCodec.encode(answer));
        Cli r = Cli.run("decode", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("IDENTIFY answer ok").containsPattern("aoe.identify.model +\"AoE Lab disk\"");
    }

    @Test
    void aMalformedFrameIsExplainedAndTheRestStillPrintedThenExit2() throws Exception {
        Bytes bad = Bytes.fromHex("ffffffffffff 020000000001 88a2 1000 00030101 80000005 0000000000 03 00c8 6162636465");
        Path file = pcap("bad.pcap", new long[] {0, 1, 2}, V1, bad, V2);
        Cli r = Cli.run("decode", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("bad config length at offset 30", "Frame 3 ·", "3 frames: 3 AoE, 0 skipped (not AoE), 1 malformed");
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aTruncatedFilePrintsTheWholeFramesThenNamesFileAndOffsetAndExits2() throws Exception {
        Path whole = pcap("whole.pcap", new long[] {0, 1}, V1, V2);
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(b, b.length - 10));
        Cli r = Cli.run("decode", "--color=never", "--pcap", cut.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("Frame 1 ·").doesNotContain("Frame 2");
        int offset = 24 + 16 + 60 + 16 + 27;
        assertThat(r.err().strip()).isEqualTo("aoelab decode: not a valid capture: " + cut + ": at byte offset " + offset
                + ": the file ends inside a packet: expected 37 bytes of packet data (the captured length), found 27");
    }

    @Test
    void aFileThatIsNoCaptureSaysWhatItStartsWith() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello world");
        Cli r = Cli.run("decode", "--pcap", text.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(text + ": at byte offset 0: not a pcap or pcapng file: it starts with 68 65 6c 6c");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aMissingFileOrADirectoryIsBadInputNamingIt() {
        Path missing = dir.resolve("nope.pcap");
        Cli r = Cli.run("decode", "--pcap", missing.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aoelab decode: cannot read " + missing + ": no such file");
        Cli d = Cli.run("decode", "--pcap", dir.toString());
        assertThat(d.status()).isEqualTo(2);
        assertThat(d.err()).contains(dir + " is a directory, expected a pcap or pcapng file");
    }

    @Test
    void framesOfAnotherLinkTypeAreSkipped() throws Exception {
        // a classic pcap of LINKTYPE_LINUX_SLL (113) holding one 16-byte record
        Path file = Files.write(dir.resolve("sll.pcap"), Bytes.fromHex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 71000000"
                + "00000000 00000000 10000000 10000000 00000001 0006 020000000001 0000 88a2").toArray());
        Cli r = Cli.run("decode", "--brief", "--color=never", "--pcap", file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out().strip()).isEqualTo("1 0.000000000 skipped: link type 113 is not Ethernet");
    }

    @Test
    void hexAndPcapTogetherIsBadInput() throws Exception {
        Path file = pcap("s.pcap", new long[] {0}, V1);
        Cli r = Cli.run("decode", "--pcap", file.toString(), "ffff");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("give either HEX or --pcap, not both");
    }

    @Test
    void skipReasonsNameWhatTheFrameIs() {
        var eth = new org.aoelab.trace.PcapInterface(1, null, 65535, 9, 0);
        assertThat(PcapInput.skipReason(eth, V1)).isNull();
        assertThat(PcapInput.skipReason(eth, Bytes.zeros(10))).isEqualTo("not AoE (10 bytes, shorter than an Ethernet header)");
        assertThat(PcapInput.skipReason(eth, Bytes.fromHex("ffffffffffff 020000000001 8100 0005 88a2 1000")))
                .isEqualTo("VLAN-tagged AoE (VLAN 5), not decoded");
        assertThat(PcapInput.skipReason(eth, Bytes.fromHex("ffffffffffff 020000000001 0026 4242")))
                .isEqualTo("not AoE (EtherType 0x0026, an 802.3 length)");
        assertThat(PcapInput.relative(1_000_000_007L)).isEqualTo("1.000000007");
        assertThat(PcapInput.relative(-5)).isEqualTo("-0.000000005");
    }
}
