package org.aoelab.gui.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockLayoutTest {

    @Test
    void barsRowsMarksAndViolationsLandWhereTheirTimesAre() {
        LockLayout.Target t = new LockLayout.Target("e1.0", List.of("h1", "h2"),
                List.of(new LockLayout.Holding("h1", 0, 50), new LockLayout.Holding("h2", 25, -1)),
                List.of(new LockLayout.Mark("h2", 10, LockLayout.MarkKind.ATTEMPT), new LockLayout.Mark("h1", 60, LockLayout.MarkKind.CONFLICT)),
                List.of(new LockLayout.Violation(1, 25, List.of("h1", "h2"), "mutual exclusion")));
        double w = LockLayout.LEFT + LockLayout.RIGHT + 100;
        LockLayout.Chart c = LockLayout.layout(List.of(t), 100, w);
        assertThat(c.lanes()).hasSize(1);
        assertThat(c.rows()).extracting(LockLayout.RowLabel::text).containsExactly("h1", "h2");
        LockLayout.Bar h1 = c.bars().get(0);
        assertThat(h1.x1()).isEqualTo(LockLayout.LEFT);
        assertThat(h1.x2()).isEqualTo(LockLayout.LEFT + 50);
        assertThat(h1.overlapping()).isTrue();
        LockLayout.Bar h2 = c.bars().get(1);
        assertThat(h2.open()).isTrue();
        assertThat(h2.x2()).as("an open holding runs to the end").isEqualTo(LockLayout.LEFT + 100);
        assertThat(h2.y()).isGreaterThan(h1.y());
        assertThat(c.ticks()).extracting(LockLayout.Tick::x).containsExactlyInAnyOrder(LockLayout.LEFT + 10, LockLayout.LEFT + 60);
        assertThat(c.violations()).singleElement().satisfies(v -> {
            assertThat(v.x()).isEqualTo(LockLayout.LEFT + 25);
            assertThat(v.number()).isEqualTo(1);
        });
        assertThat(c.axis()).isNotEmpty();
    }

    @Test
    void holdingsThatDoNotOverlapAreNotMarked() {
        LockLayout.Target t = new LockLayout.Target("e1.0", List.of("h1", "h2"),
                List.of(new LockLayout.Holding("h1", 0, 10), new LockLayout.Holding("h2", 10, 20)), List.of(), List.of());
        assertThat(LockLayout.layout(List.of(t), 20, 300).bars()).noneMatch(LockLayout.Bar::overlapping);
    }

    @Test
    void niceStepsAndHistograms() {
        assertThat(LockLayout.niceStep(7)).isEqualTo(10);
        assertThat(LockLayout.niceStep(13)).isEqualTo(20);
        assertThat(LockLayout.niceStep(40)).isEqualTo(50);
        assertThat(LockLayout.niceStep(1_500_000)).isEqualTo(2_000_000);
        double[] edges = new double[5];
        long[] counts = LockLayout.histogram(new double[] {1, 2, 3, 4, 8}, 4, edges);
        assertThat(counts).containsExactly(1, 2, 1, 1); // [0,2) [2,4) [4,6) [6,8]
        assertThat(edges).containsExactly(0, 2, 4, 6, 8);
    }
}
