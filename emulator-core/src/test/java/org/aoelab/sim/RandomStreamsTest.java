package org.aoelab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameSeedAndNameGiveTheSameSequenceWhateverElseWasDrawn() {
        RandomStreams a = new RandomStreams(7);
        RandomStreams b = new RandomStreams(7);
        long[] first = draw(a.stream("link/a<->sw/to-switch/loss"), 100);
        RandomGenerator other = b.stream("link/b<->sw/to-switch/loss");
        for (int i = 0; i < 1000; i++) other.nextLong();
        assertThat(draw(b.stream("link/a<->sw/to-switch/loss"), 100)).isEqualTo(first);
        assertThat(draw(a.stream("link/a<->sw/to-switch/loss"), 100)).isEqualTo(first);
    }

    @Test
    void otherNamesAndSeedsGiveOtherSequences() {
        long[] base = draw(new RandomStreams(7).stream("x"), 10);
        assertThat(draw(new RandomStreams(7).stream("y"), 10)).isNotEqualTo(base);
        assertThat(draw(new RandomStreams(8).stream("x"), 10)).isNotEqualTo(base);
        // Names that differ only in the high byte of a char still differ.
        assertThat(draw(new RandomStreams(7).stream("\u0178"), 10)).isNotEqualTo(draw(new RandomStreams(7).stream("x"), 10));
        assertThat(new RandomStreams(7).seed("x")).isNotEqualTo(new RandomStreams(7).seed("y"));
    }

    @Test
    void simulationStreamsComeFromItsSeed() {
        assertThat(draw(new Simulation(99).randoms().stream("s"), 5)).isEqualTo(draw(new RandomStreams(99).stream("s"), 5));
    }

    @Test
    void refusesAMissingName() {
        assertThatThrownBy(() -> new RandomStreams(1).stream("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random stream name is missing");
    }

    private static long[] draw(RandomGenerator g, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = g.nextLong();
        return out;
    }
}
