package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.aoelab.trace.PcapReader;
import org.aoelab.trace.PcapRecord;
import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    /** Protocol reference V1, the Linux driver's broadcast config query. */
    private static final String V1 = "ffffffffffff 020000000001 88a2 1000 ffffff01 00000000 0000000000 000000";
    /** V8's refused set, answered with error 4. */
    private static final String V8_ANSWER = "020000000001 020000000002 88a2 1c04 00030101 800493e0 0010401902 13 0005 68656c6c6f";

    @Test
    void explainsEveryFieldOfTheFirstWorkedExampleInByteOrder() {
        Cli r = Cli.run("decode", "--color=never", V1);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("32 bytes (unpadded)", "request to e*.*", "config read");
        String[] order = {"eth.dst", "eth.src", "eth.type", "aoe.verflags", "aoe.version", "aoe.response", "aoe.error",
                "aoe.major", "aoe.minor", "aoe.cmd", "aoe.tag", "aoe.cfg.bufcnt", "aoe.cfg.fwver", "aoe.cfg.scnt",
                "aoe.cfg.ccmd", "aoe.cfg.len"};
        int at = -1;
        for (String name : order) {
            int next = r.out().indexOf(name, at + 1);
            assertThat(next).as(name + " after the previous field").isGreaterThan(at);
            at = next;
        }
        assertThat(r.out()).containsPattern("0x0010 +ff ff +aoe.major +0xffff +every shelf \\(wildcard\\)");
        assertThat(r.out()).containsPattern("0001 \\.\\.\\.\\. +aoe.version +1");
        assertThat(r.out()).contains("Query Config Information");
    }

    @Test
    void namesTheErrorAndTheConfigCommandInTheirOwnWords() {
        Cli r = Cli.run("decode", "--color=never", V8_ANSWER);
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsPattern("aoe.error +4 +config string present");
        assertThat(r.out()).containsPattern("aoe.cfg.ccmd +3 +set if empty");
        assertThat(r.out()).containsPattern("aoe.cfg.string +\"hello\"");
    }

    @Test
    void malformedFrameSaysWhatIsWrongAtWhichOffsetAndExits2WithoutAStackTrace() {
        // a config set claiming 200 bytes of string with 5 present
        Cli r = Cli.run("decode", "--color=never", "ffffffffffff 020000000001 88a2 1000 00030101 80000005 0000000000 03 00c8 6162636465");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("bad config length at offset 30", "only 5 bytes follow", "AoE error 2");
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badHexIsBadInputNamingTheCharacter() {
        Cli r = Cli.run("decode", "ffzz");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("not a hex digit: 'z' at character 3");
    }

    @Test
    void noFrameIsBadInput() {
        Cli r = Cli.run("decode");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no frame given");
    }

    @Test
    void identifyAnswerIsExplainedWhenItsRequestIsKnownOnlyInACapture() {
        // a lone answer: the dissector cannot know it answers IDENTIFY, so the data stays raw
        String answer = "020000000001 020000000002 88a2 1800 00030100 00012f3c 00000040 000000a0 0000 0000 " + "00".repeat(512);
        Cli r = Cli.run("decode", "--color=never", answer);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("1 sector of data").doesNotContain("aoe.identify.model");
    }

    @Test
    void briefModePrintsOneLine() {
        Cli r = Cli.run("decode", "--brief", "--color=never", V1);
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(r.out()).contains("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff", "e*.*", "tag 00000000", "config read");
    }

    @Test
    void aHexFileWithBlankLinesBetweenFramesDecodesEachFrame(@TempDir Path dir) throws Exception {
        Path hexFile = Files.writeString(dir.resolve("two.hex"), "# V1\n" + V1 + "\n\n  \n# V8 answer\n" + V8_ANSWER + "\n");
        Cli r = Cli.run("decode", "--color=never", hexFile.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Frame 1 · 32 bytes (unpadded) · request to e*.*", "Frame 2 · 37 bytes (unpadded) · response from e3.1");
    }

    @Test
    void writePcapTurnsHexFramesIntoACaptureOneMillisecondApart(@TempDir Path dir) throws Exception {
        Path hexFile = Files.writeString(dir.resolve("two.hex"), V1 + "\n\n" + V8_ANSWER + "\n");
        Path out = dir.resolve("two.pcap");
        Cli r = Cli.run("decode", "--brief", "--color=never", "--write-pcap", out.toString(), hexFile.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(3).last().isEqualTo("wrote 2 frames to " + out);
        assertThat(PcapReader.readAll(out)).containsExactly(
                new PcapRecord(0, 0, Bytes.fromHex(V1), 32, null),
                new PcapRecord(1_000_000, 0, Bytes.fromHex(V8_ANSWER), 37, null));
        // and back: the capture decodes as the hex did
        Cli back = Cli.run("decode", "--brief", "--color=never", "--pcap", out.toString());
        assertThat(back.out()).contains("0.001000000 02:00:00:00:00:02 > 02:00:00:00:00:01 <- e3.1 tag 800493e0 error 4");
    }

    @Test
    void writePcapOfOneFrameGivenAsArguments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("one.pcap");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("decode", "--color=never", "--write-pcap", out.toString()));
        args.addAll(java.util.List.of(V1.split(" ")));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("wrote 1 frame to " + out);
        assertThat(PcapReader.readAll(out)).extracting(PcapRecord::frame).containsExactly(Bytes.fromHex(V1));
    }

    @Test
    void writePcapIntoAMissingDirectoryIsBadInputNamingTheFile(@TempDir Path dir) {
        Path out = dir.resolve("no/such/dir/x.pcap");
        Cli r = Cli.run("decode", "--write-pcap", out.toString(), V1);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aoelab decode: cannot write " + out + ": no such directory");
    }

    @Test
    void writePcapTakesHexNotACapture(@TempDir Path dir) {
        Cli r = Cli.run("decode", "--write-pcap", dir.resolve("o.pcap").toString(), "--pcap", dir.resolve("i.pcap").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--write-pcap writes frames given as hex, not frames read with --pcap");
    }

    @Test
    void aBadFrameAmongSeveralIsNamedByNumber(@TempDir Path dir) throws Exception {
        Path hexFile = Files.writeString(dir.resolve("bad.hex"), V1 + "\n\nff zz\n");
        Cli r = Cli.run("decode", hexFile.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read frame 2: not a hex digit: 'z' at character 4");
    }
}
