package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.assertAoeError;
import static org.aoelab.target.Harness.assertConfig;
import static org.aoelab.target.Harness.assertDropped;
import static org.aoelab.target.Harness.configRequest;
import static org.aoelab.target.Harness.request;
import static org.aoelab.target.Harness.sent;
import static org.aoelab.target.Harness.vector;
import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query Config, all five CCmds and the undefined ones, as the protocol reference, section 3.2, says. */
class QueryConfigTest {
    private final Harness h = Harness.aoelab();

    private Bytes cfg() {
        return h.engine.state().configString();
    }

    private void hold(String s) {
        assertConfig(h.send(configRequest(ConfigCommand.FORCE_SET, s)));
    }

    // ---------------------------------------------------------------- CCmd 0: read

    @Test
    void ccmd0_read_answersTheLinuxBroadcastQueryWithTheCurrentString_vectorsV1V2() {
        hold("hello");
        Outcome o = h.send(vector("config/v1-broadcast-query-linux.hex"));
        assertThat(o.answer()).isEqualTo(sent("config/v2-response-hello.hex"));
    }

    @Test
    void ccmd0_read_ignoresTheArgumentString_aoepingsFiller() {
        hold("abc");
        ConfigArg c = assertConfig(h.send(vector("config/aoeping-read-1024-filler.hex")));
        assertThat(c.string()).isEqualTo(Bytes.ofUtf8("abc"));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("abc"));
    }

    @Test
    void ccmd0_answer_fillsEveryFieldAndEchoesTheCcmd() {
        hold("x");
        ConfigArg c = assertConfig(h.send(configRequest(ConfigCommand.READ, "")));
        assertThat(c).isEqualTo(ConfigArg.response(16, 0x4019, 2, 0, Bytes.ofUtf8("x")));
    }

    // ---------------------------------------------------------------- CCmd 1: test

    @Test
    void ccmd1_test_exactMatch_answersWithTheString() {
        hold("cluster-a");
        ConfigArg c = assertConfig(h.send(configRequest(ConfigCommand.TEST, "cluster-a")));
        assertThat(c.ccmd()).isEqualTo(1);
        assertThat(c.string()).isEqualTo(Bytes.ofUtf8("cluster-a"));
    }

    @Test
    void ccmd1_test_mismatch_isSilence() {
        hold("cluster-a");
        assertDropped(h.send(configRequest(ConfigCommand.TEST, "cluster-b")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd1_test_prefixOnly_isSilence() {
        hold("cluster-a");
        assertDropped(h.send(configRequest(ConfigCommand.TEST, "cluster")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd1_test_emptyString_matchesOnlyAnEmptyConfig() {
        assertConfig(h.send(configRequest(ConfigCommand.TEST, "")));
        hold("a");
        assertDropped(h.send(configRequest(ConfigCommand.TEST, "")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd1_test_changesNothing() {
        hold("a");
        h.send(configRequest(ConfigCommand.TEST, "b"));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("a"));
    }

    // ---------------------------------------------------------------- CCmd 2: test prefix

    @Test
    void ccmd2_prefix_matchingPrefix_answers() {
        hold("cluster-a/node1");
        assertThat(assertConfig(h.send(configRequest(ConfigCommand.TEST_PREFIX, "cluster-a"))).string())
                .isEqualTo(Bytes.ofUtf8("cluster-a/node1"));
    }

    @Test
    void ccmd2_prefix_wholeString_answers() {
        hold("abc");
        assertConfig(h.send(configRequest(ConfigCommand.TEST_PREFIX, "abc")));
    }

    @Test
    void ccmd2_prefix_mismatch_isSilence() {
        hold("cluster-a");
        assertDropped(h.send(configRequest(ConfigCommand.TEST_PREFIX, "cluster-b")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd2_prefix_longerThanTheTargetsString_isSilence() {
        hold("abc");
        assertDropped(h.send(configRequest(ConfigCommand.TEST_PREFIX, "abcd")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd2_prefix_theRequestIsThePrefixNotTheOtherWayRound() {
        hold("ab");
        assertDropped(h.send(configRequest(ConfigCommand.TEST_PREFIX, "abc")), DropReason.CONFIG_NO_MATCH);
    }

    @Test
    void ccmd2_prefix_emptyString_matchesEveryTarget() {
        assertConfig(h.send(configRequest(ConfigCommand.TEST_PREFIX, "")));
        hold("anything");
        assertConfig(h.send(configRequest(ConfigCommand.TEST_PREFIX, "")));
    }

    // ---------------------------------------------------------------- CCmd 3: set if empty

    @Test
    void ccmd3_setWhenEmpty_succeedsAndAnswersTheNewString() {
        ConfigArg c = assertConfig(h.send(configRequest(ConfigCommand.SET, "lock:host-a")));
        assertThat(c.string()).isEqualTo(Bytes.ofUtf8("lock:host-a"));
        assertThat(c.ccmd()).isEqualTo(3);
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("lock:host-a"));
    }

    @Test
    void ccmd3_setWhenPresentAndDifferent_isError4CarryingTheCurrentString_vectorV8() {
        h.engine.setMtu(1500);
        hold("hello");
        Outcome o = h.send(vector("config/v8-set-request-aoecfg.hex"));
        assertThat(o.answer()).isEqualTo(sent("config/v8-set-refused-error4.hex"));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("hello"));
    }

    @Test
    void ccmd3_setIdentical_succeedsUnderAoelab() {
        hold("same");
        assertConfig(h.send(configRequest(ConfigCommand.SET, "same")));
    }

    @Test
    void ccmd3_setEmptyStringWhenEmpty_succeedsAndStaysEmpty() {
        assertConfig(h.send(configRequest(ConfigCommand.SET, "")));
        assertThat(cfg()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void ccmd3_raceOfTwoSetIfEmpty_exactlyOneWins() {
        assertConfig(h.send(request(HOST, ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8("lock:a")))));
        assertAoeError(h.send(request(Harness.OTHER, ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8("lock:b")))), 4);
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("lock:a"));
    }

    // ---------------------------------------------------------------- CCmd 4: force set

    @Test
    void ccmd4_forceSet_replacesAPresentString() {
        hold("old");
        ConfigArg c = assertConfig(h.send(configRequest(ConfigCommand.FORCE_SET, "new")));
        assertThat(c.string()).isEqualTo(Bytes.ofUtf8("new"));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("new"));
    }

    @Test
    void ccmd4_forceSetEmpty_releasesTheString() {
        hold("lock:a");
        assertConfig(h.send(configRequest(ConfigCommand.FORCE_SET, "")));
        assertThat(cfg()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void ccmd4_forceSet_vectorForE1_2() {
        Harness t = Harness.of(org.aoelab.target.TargetConfig.builder(1, 2));
        assertConfig(t.send(vector("config/force-set-request.hex")));
        assertThat(t.engine.state().configString()).isEqualTo(Bytes.ofUtf8("lock:host-b"));
    }

    @Test
    void ccmd4_forceSet_of1024Bytes_isAccepted_andTheStringDoesNotShareTheFrame() {
        Bytes big = Bytes.repeat('z', 1024);
        byte[] frame = AoeCodec.encode(request(ConfigArg.request(ConfigCommand.FORCE_SET, big))).toArray();
        assertConfig(h.send(Bytes.copyOf(frame)));
        assertThat(cfg()).isEqualTo(big);
    }

    // ---------------------------------------------------------------- undefined CCmds and lengths

    @ParameterizedTest(name = "CCmd {0}")
    @ValueSource(ints = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void ccmd5to15_getError2AndChangeNothing(int ccmd) {
        hold("keep");
        assertAoeError(h.send(request(ConfigArg.request(ccmd, Bytes.ofUtf8("x")))), 2);
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("keep"));
    }

    @Test
    void undefinedCcmd7_vector_getsError2() {
        assertAoeError(h.send(vector("config/undefined-ccmd-7-request.hex")), 2);
    }

    @Test
    void lengthAbove1024_isError2AndChangesNothing() {
        Outcome o = h.send(vector("malformed/bad-config-length-over-1024.hex"));
        assertAoeError(o, 2);
        assertThat(o.malformed()).contains("1025");
        assertThat(cfg()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void lengthBeyondTheFrame_isError2AndChangesNothing() {
        assertAoeError(h.send(vector("malformed/bad-config-length-beyond-frame.hex")), 2);
        assertThat(cfg()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void paddingAfterTheString_isIgnored() {
        Bytes frame = Harness.unpadded(configRequest(ConfigCommand.FORCE_SET, "ab")).concat(Bytes.of(0xEE, 0xEE, 0xEE));
        assertConfig(h.send(frame));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("ab"));
    }

    @Test
    void highNibbleOfTheCcmdByte_isIgnoredInRequests() {
        Bytes frame = Harness.with(AoeCodec.encode(configRequest(ConfigCommand.FORCE_SET, "v")), 29, 0x54);
        assertConfig(h.send(frame));
        assertThat(cfg()).isEqualTo(Bytes.ofUtf8("v"));
    }

    @Test
    void answersGoToEachRequester_discoveryFromTwoHosts() {
        AoeFrame a = h.answer(request(MacAddress.local(77), ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY)));
        assertThat(a.dst()).isEqualTo(MacAddress.local(77));
    }
}
