package org.aoelab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {

    private static List<Integer> order(long seed, SchedulePolicy policy) {
        Simulation sim = new Simulation(seed, policy);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            sim.schedule(1000, () -> ran.add(n));
        }
        sim.runUntilIdle(100);
        return ran;
    }

    @Test
    void inOrderRunsSimultaneousEventsAsScheduled() {
        for (long seed = 0; seed < 20; seed++) {
            assertThat(order(seed, SchedulePolicy.IN_ORDER)).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void randomTiesShuffleSimultaneousEventsTheSameWayForTheSameSeed() {
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            List<Integer> a = order(seed, SchedulePolicy.randomTies());
            assertThat(a).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            assertThat(order(seed, SchedulePolicy.randomTies())).isEqualTo(a);
            seen.add(a);
        }
        assertThat(seen.size()).isGreaterThan(30); // 720 orders possible
    }

    @Test
    void aWindowShakesEventsLaterByLessThanTheWindowAndReordersCloseOnes() {
        Simulation sim = new Simulation(3, SchedulePolicy.randomWithin(500));
        List<Long> times = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            sim.schedule(1000 + i * 10L, () -> {
                times.add(sim.now());
                ran.add(n);
            });
        }
        sim.runUntilIdle(1000);
        for (int k = 0; k < ran.size(); k++) {
            long planned = 1000 + ran.get(k) * 10L;
            assertThat(times.get(k)).isBetween(planned, planned + 499);
        }
        assertThat(ran).isNotEqualTo(ran.stream().sorted().toList());
    }

    @Test
    void otherStreamsDrawTheSameNumbersWhateverThePolicy() {
        double a = new Simulation(9).randoms().stream("link").nextDouble();
        double b = new Simulation(9, SchedulePolicy.randomWithin(100)).randoms().stream("link").nextDouble();
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aNegativeWindowOrAWindowWithoutShufflingIsRefused() {
        assertThatThrownBy(() -> SchedulePolicy.randomWithin(-1)).hasMessageContaining("window must be >= 0 ns, got -1");
        assertThatThrownBy(() -> new SchedulePolicy(false, 10)).hasMessageContaining("needs random ties");
    }
}
