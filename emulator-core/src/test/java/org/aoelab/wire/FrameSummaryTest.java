package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSummaryTest {
    private static final MacAddress HOST = MacAddress.parse("02:00:00:00:00:0a");
    private static final MacAddress TARGET = MacAddress.parse("02:00:00:01:00:01");

    private static AoeFrame request(AoeArg arg) {
        return AoeFrame.request(TARGET, HOST, 1, 0, 7, arg);
    }

    @Test
    void configRequestAndAnswerAreTold() {
        AoeFrame ask = request(ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
        AoeFrame answer = ask.answer(TARGET, 1, 0, ConfigArg.response(16, 0x4019, 2, 0, Bytes.ofUtf8("lock:a")));
        assertThat(FrameSummary.describe(ask)).isEqualTo("config read");
        assertThat(FrameSummary.describe(answer)).isEqualTo("config read answer \"lock:a\"");
    }

    @Test
    void maskAndReserveAnswersAreTold() {
        AoeFrame mask = request(MacMaskArg.read());
        AoeFrame reserve = request(ReserveArg.set(List.of(HOST)));
        assertThat(FrameSummary.describe(mask)).doesNotContain("answer");
        assertThat(FrameSummary.describe(mask.answer(TARGET, 1, 0, MacMaskArg.list(0, List.of(HOST)))))
                .startsWith("mask " + MaskCommand.describe(0) + " answer");
        assertThat(FrameSummary.describe(reserve)).doesNotContain("answer").endsWith("[" + HOST + "]");
        assertThat(FrameSummary.describe(reserve.answer(TARGET, 1, 0, ReserveArg.set(List.of(HOST)))))
                .isEqualTo("reserve " + ReserveCommand.describe(1) + " answer [" + HOST + "]");
    }

    @Test
    void ataAnswersKeepTheirForm() {
        AoeFrame read = request(AtaArg.read48(4096, 2));
        assertThat(FrameSummary.describe(read)).isEqualTo("READ EXT lba 4096 x2");
        AoeFrame ok = read.answer(TARGET, 1, 0, ((AtaArg) read.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0, Bytes.adopt(new byte[1024])));
        assertThat(FrameSummary.describe(ok, AtaOpcode.READ_SECTORS_EXT)).isEqualTo("READ EXT answer ok 1024 bytes");
    }
}
