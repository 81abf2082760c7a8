package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
