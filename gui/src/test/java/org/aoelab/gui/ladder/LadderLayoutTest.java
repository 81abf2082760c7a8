package org.aoelab.gui.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aoelab.gui.model.Fate;
import org.junit.jupiter.api.Test;

class LadderLayoutTest {
    private static LadderLayout.Frame f(long seq, String src, String dst, int fate, long pair) {
        return new LadderLayout.Frame(seq, seq, src, dst, fate, pair, "frame " + seq, 0);
    }

    private final List<String> nodes = List.of("h1", "h2", "t1");

    @Test
    void lifelinesSpreadEvenlyBetweenTheMargins() {
        LadderLayout.Diagram d = LadderLayout.layout(nodes, List.of(), 1000, 20, 0);
        assertThat(d.lifelines()).extracting(LadderLayout.Lifeline::x).containsExactly(70.0, 500.0, 930.0);
    }

    @Test
    void aDeliveredFrameGoesFromSenderToReceiverOnItsOwnRow() {
        LadderLayout.Diagram d = LadderLayout.layout(nodes, List.of(f(1, "h1", "t1", Fate.DELIVERED, 0),
                f(2, "t1", "h1", Fate.DELIVERED, 1)), 1000, 20, 0);
        LadderLayout.Arrow a = d.arrows().get(0);
        assertThat(a.startX()).isEqualTo(70);
        assertThat(a.endX()).isEqualTo(930);
        assertThat(a.y()).isEqualTo(LadderLayout.HEADER + 10);
        assertThat(a.lost()).isFalse();
        assertThat(d.arrows().get(1).startX()).isEqualTo(930);
        assertThat(d.arrows().get(1).y()).isEqualTo(LadderLayout.HEADER + 30);
    }

    @Test
    void aLostFrameStopsPartWayWithACross() {
        LadderLayout.Arrow a = LadderLayout.layout(nodes, List.of(f(1, "h1", "t1", Fate.DROPPED, 0)), 1000, 20, 0).arrows().get(0);
        assertThat(a.lost()).isTrue();
        assertThat(a.endX()).isEqualTo(70 + 860 * LadderLayout.LOST_SHARE);
    }

    @Test
    void aFrameDeliveredDespiteALostCopyIsNotLost() {
        LadderLayout.Arrow a = LadderLayout.layout(nodes, List.of(f(1, "h1", "t1", Fate.DROPPED | Fate.DELIVERED | Fate.DUPLICATED, 0)),
                1000, 20, 0).arrows().get(0);
        assertThat(a.lost()).isFalse();
        assertThat(a.endX()).isEqualTo(930);
    }

    @Test
    void broadcastsAreDashedAcrossToTheFarthestLifeline() {
        LadderLayout.Arrow a = LadderLayout.layout(nodes, List.of(f(1, "h2", "broadcast", Fate.DELIVERED, 0)), 1000, 20, 0)
                .arrows().get(0);
        assertThat(a.toAll()).isTrue();
        assertThat(a.startX()).isEqualTo(500);
        assertThat(a.endX()).isIn(70.0, 930.0);
    }

    @Test
    void retransmissionsAreMarked() {
        LadderLayout.Arrow a = LadderLayout.layout(nodes, List.of(f(1, "h1", "t1", Fate.RETRANSMISSION | Fate.DELIVERED, 0)),
                1000, 20, 0).arrows().get(0);
        assertThat(a.retransmission()).isTrue();
    }

    @Test
    void aRequestAndItsAnswerAreBracketedAndHighlightedTogether() {
        List<LadderLayout.Frame> frames = List.of(f(1, "h1", "t1", Fate.DELIVERED, 3), f(2, "h2", "t1", Fate.DELIVERED, 0),
                f(3, "t1", "h1", Fate.DELIVERED, 1));
        LadderLayout.Diagram d = LadderLayout.layout(nodes, frames, 1000, 20, 3);
        assertThat(d.brackets()).hasSize(1);
        LadderLayout.Bracket b = d.brackets().get(0);
        assertThat(b.y1()).isEqualTo(LadderLayout.HEADER + 10);
        assertThat(b.y2()).isEqualTo(LadderLayout.HEADER + 50);
        assertThat(b.selected()).isTrue();
        assertThat(d.arrows().get(0).pairedWithSelection()).isTrue();
        assertThat(d.arrows().get(1).pairedWithSelection()).isFalse();
        assertThat(d.arrows().get(2).selected()).isTrue();
    }

    @Test
    void aClickFindsTheFrameOfItsRow() {
        LadderLayout.Diagram d = LadderLayout.layout(nodes, List.of(f(7, "h1", "t1", 0, 0), f(8, "t1", "h1", 0, 0)), 1000, 20, 0);
        assertThat(d.hit(LadderLayout.HEADER + 5)).isEqualTo(7);
        assertThat(d.hit(LadderLayout.HEADER + 25)).isEqualTo(8);
        assertThat(d.hit(LadderLayout.HEADER + 100)).isZero();
        assertThat(d.height()).isEqualTo(LadderLayout.HEADER + 40);
    }
}
