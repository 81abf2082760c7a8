package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Field;
import org.junit.jupiter.api.Test;

class FrameFilterTest {
    private final FrameFields.Frame read = Frames.of(1, Frames.readRequest(0x10001, 4096), "h1", "t1", Fate.DELIVERED, null);
    private final FrameFields.Frame answer = Frames.of(2, Frames.readAnswer(0x10001, 4096), "t1", "h1", Fate.DELIVERED,
            Frames.readRequest(0x10001, 4096));
    private final FrameFields.Frame set = Frames.of(3, Frames.configSet(0x20002, "lock h1"), "h1", "t1",
            Fate.DROPPED | Fate.RETRANSMISSION, null);
    private final FrameFields.Frame conflict = Frames.of(4, Frames.configError(0x20002, "lock h1"), "t1", "h1",
            Fate.DELIVERED | Fate.ERROR, null);

    private static boolean m(String filter, FrameFields.Frame f) {
        return FrameFilter.parse(filter).matches(f);
    }

    @Test
    void theIssuesExampleFindsTheConfigError() {
        String f = "aoe.cmd == 1 && aoe.error == 4";
        assertThat(m(f, conflict)).isTrue();
        assertThat(m(f, set)).isFalse();
        assertThat(m(f, read)).isFalse();
    }

    @Test
    void comparesNumbersInDecimalAndHex() {
        assertThat(m("aoe.tag == 0x00010001", read)).isTrue();
        assertThat(m("aoe.tag == 65537", read)).isTrue();
        assertThat(m("aoe.lba >= 4096 and aoe.lba < 4097", read)).isTrue();
        assertThat(m("aoe.ata.cmd == 0x24", read)).isTrue();
        assertThat(m("aoe.major eq 1 && aoe.minor ne 1", read)).isTrue();
        assertThat(m("frame.len > 1000", answer)).isTrue();
        assertThat(m("frame.number <= 1", answer)).isFalse();
        assertThat(m("frame.time == 0.002", answer)).isTrue();
    }

    @Test
    void answersCarryTheirRequestsAtaCommandAsWiresharkDoes() {
        assertThat(m("aoe.ata.cmd == 0x24 && aoe.response", answer)).isTrue();
        assertThat(m("aoe.ata.status == 0x40", answer)).isTrue();
        assertThat(m("aoe.ata.status", read)).isFalse();
    }

    @Test
    void flagsAloneAreTrueWhenSetAndNotNegates() {
        assertThat(m("aoe.response", answer)).isTrue();
        assertThat(m("aoe.response", read)).isFalse();
        assertThat(m("!aoe.response", read)).isTrue();
        assertThat(m("not aoe.flags_error", read)).isTrue();
        assertThat(m("aoe.flags_error", conflict)).isTrue();
        assertThat(m("aoe", read)).isTrue();
    }

    @Test
    void labFieldsDescribeWhatHappened() {
        assertThat(m("lab.fate == lost", set)).isTrue();
        assertThat(m("lab.fate == delivered", set)).isFalse();
        assertThat(m("lab.retransmission", set)).isTrue();
        assertThat(m("lab.src == h1 && lab.dst == \"t1\"", set)).isTrue();
        assertThat(m("lab.cause contains random", set)).isTrue();
    }

    @Test
    void stringsMacsAndGrouping() {
        assertThat(m("aoe.cfg.string == \"lock h1\"", set)).isTrue();
        assertThat(m("aoe.cfg.string contains LOCK", set)).isTrue();
        assertThat(m("eth.src == 02:00:00:02:00:01", read)).isTrue();
        assertThat(m("eth.dst == 02:00:00:02:00:01", read)).isFalse();
        assertThat(m("(aoe.cmd == 1 || aoe.cmd == 0) && !(aoe.response)", read)).isTrue();
        assertThat(m("aoe.cmd == 1 || aoe.cmd == 0 && aoe.response", read)).isFalse();
    }

    @Test
    void aFieldTheFrameLacksMakesAComparisonFalse() {
        assertThat(m("aoe.cfg.bufcnt == 0", read)).isFalse();
        assertThat(m("aoe.cfg.bufcnt != 0", read)).isFalse();
        assertThat(m("aoe.lba == 0", set)).isFalse();
    }

    @Test
    void fieldsOnlyTheDissectorKnowsAreFoundThroughIt() {
        assertThat(m("aoe.verflags == 0x18", answer)).isTrue();
        assertThat(m("aoe.ata.reserved == 0", read)).isTrue();
    }

    @Test
    void blankMatchesEverything() {
        assertThat(FrameFilter.parse("  ").matchesAll()).isTrue();
        assertThat(m("", conflict)).isTrue();
    }

    @Test
    void mistakesAreExplainedWithTheirColumn() {
        assertThatThrownBy(() -> FrameFilter.parse("aoe.cmd = 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filter, column 9: expected == (one = is not an operator); found '= 1'");
        assertThatThrownBy(() -> FrameFilter.parse("foo.bar == 1"))
                .hasMessageStartingWith("filter, column 1: unknown field 'foo.bar'");
        assertThatThrownBy(() -> FrameFilter.parse("aoe.cmd == 1 &&"))
                .hasMessageContaining("expected a field name").hasMessageEndingWith("found the end");
        assertThatThrownBy(() -> FrameFilter.parse("(aoe.cmd == 1"))
                .hasMessageContaining("expected ) to close");
        assertThatThrownBy(() -> FrameFilter.parse("aoe.tag == 12ab"))
                .hasMessageContaining("'12ab' is not a number");
        assertThatThrownBy(() -> FrameFilter.parse("aoe.cmd == 1 aoe.tag"))
                .hasMessageContaining("expected && or || or the end");
    }

    /** The fast path reads the same values the dissector shows, for every field both know. */
    @Test
    void directValuesAgreeWithTheDissector() {
        for (FrameFields.Frame f : List.of(read, answer, set, conflict)) {
            Dissector d = new Dissector();
            if (f.request() != null) d.dissect(f.request());
            List<Field> fields = FrameFields.flatten(d.dissect(f.bytes()).fields(), new ArrayList<>());
            int compared = 0;
            for (Field x : fields) {
                if (!FrameFields.DIRECT.containsKey(x.name())) continue;
                Object direct = FrameFields.value(x.name(), f);
                Object shown = FrameFields.parse(x.value());
                assertThat(direct).as(x.name() + " of frame " + f.number()).isEqualTo(shown);
                compared++;
            }
            assertThat(compared).isGreaterThan(8);
        }
    }

    @Test
    void notAoeFramesHaveEthernetFieldsOnly() {
        FrameFields.Frame arp = Frames.of(9, Bytes.fromHex("ffffffffffff020000020001" + "0806" + "00".repeat(46)), "h1",
                "broadcast", 0, null);
        assertThat(m("eth.type == 0x0806", arp)).isTrue();
        assertThat(m("aoe", arp)).isFalse();
        assertThat(m("aoe.cmd == 0", arp)).isFalse();
    }
}
