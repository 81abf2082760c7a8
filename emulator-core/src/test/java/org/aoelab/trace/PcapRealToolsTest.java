package org.aoelab.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by {@link PcapWriter} and {@link PcapngWriter} open in the real tools with the
 * same times, lengths, interfaces and comments. Skipped without the tools unless
 * {@code -Daoelab.e2e=required}.
 */
class PcapRealToolsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Bytes A = Bytes.fromHex("ffffffffffff 020000000001 88a2 1000 ffffff01 00000000").concat(Bytes.zeros(36));
    private static final Bytes B = Bytes.fromHex("020000000001 020000000002 88a2 1800 00030101 00000000 0010 4019 02 10 0005")
            .concat(Bytes.ofUtf8("hello"));
    /** 2023-11-14T22:13:20.123456789Z. */
    private static final long T0 = 1_700_000_000_123_456_789L;

    private static ProcessResult ok(String... command) throws Exception {
        ProcessResult r = RealTools.run(TIMEOUT, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.describe()).isZero();
        return r;
    }

    @Test
    void classicPcapInBothByteOrdersGivesTsharkAndTcpdumpNanosecondTimesAndLengths(@TempDir Path dir) throws Exception {
        String tshark = RealTools.requireTool("tshark").toString();
        String tcpdump = RealTools.requireTool("tcpdump").toString();
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path file = dir.resolve("t-" + order + ".pcap");
            try (PcapWriter w = PcapWriter.to(Files.newOutputStream(file), order)) {
                w.write(T0, A);
                w.write(T0 + 1, B);
                w.write(T0 + 2_000_000_000L, A);
            }
            ProcessResult ts = ok(tshark, "-r", file.toString(), "-T", "fields", "-E", "separator=|",
                    "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "eth.type");
            assertThat(ts.stdout().strip().lines()).as(order.toString()).containsExactly(
                    "1700000000.123456789|60|60|0x88a2",
                    "1700000000.123456790|37|37|0x88a2",
                    "1700000002.123456789|60|60|0x88a2");
            ProcessResult td = ok(tcpdump, "-r", file.toString(), "-tt", "--nano", "-nn", "-e");
            assertThat(td.stdout().strip().lines()).as(order.toString()).hasSize(3)
                    .satisfies(lines -> {
                        assertThat(lines.get(0)).startsWith("1700000000.123456789 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype AoE (0x88a2), length 60");
                        assertThat(lines.get(1)).startsWith("1700000000.123456790 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype AoE (0x88a2), length 37");
                        assertThat(lines.get(2)).startsWith("1700000002.123456789 ");
                    });
            assertThat(td.stderr()).contains("link-type EN10MB (Ethernet), snapshot length 65535");
        }
    }

    @Test
    void pcapngInterfacesCommentsAndSectionInfoReachTsharkCapinfosAndTcpdump(@TempDir Path dir) throws Exception {
        String tshark = RealTools.requireTool("tshark").toString();
        String capinfos = RealTools.requireTool("capinfos").toString();
        String tcpdump = RealTools.requireTool("tcpdump").toString();
        Path file = dir.resolve("t.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "AoE Lab test", "seed 7: two hosts race for e3.1")) {
            int host = w.addInterface("host-a");
            int target = w.addInterface("target-e3.1");
            w.write(host, T0, A, "discovery");
            w.write(target, T0 + 5, B);
            w.write(host, T0 + 7, A, "retransmission, new tag");
        }
        ProcessResult ts = ok(tshark, "-r", file.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.time_epoch", "-e", "frame.interface_id", "-e", "frame.interface_name", "-e", "frame.comment",
                "-e", "frame.len");
        assertThat(ts.stdout().strip().lines()).containsExactly(
                "1700000000.123456789|0|host-a|discovery|60",
                "1700000000.123456794|1|target-e3.1||37",
                "1700000000.123456796|0|host-a|retransmission, new tag|60");
        ProcessResult ci = ok(capinfos, file.toString());
        assertThat(ci.stdout()).containsPattern("File type: +Wireshark/\\.\\.\\. - pcapng")
                .containsPattern("Number of packets: +3")
                .containsPattern("Capture comment: +seed 7: two hosts race for e3.1")
                .containsPattern("Capture application: +AoE Lab test")
                .contains("Interface #0 info:", "Name = host-a", "Interface #1 info:", "Name = target-e3.1");
        ProcessResult td = ok(tcpdump, "-r", file.toString(), "-tt", "--nano", "-nn");
        assertThat(td.stdout().strip().lines()).hasSize(3);
        assertThat(td.stdout()).contains("1700000000.123456794");
    }
}
