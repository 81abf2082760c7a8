package org.aoelab.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    private static final long MS = 1_000_000L;

    @Test
    void firstTimeoutIsSixteenAndAHalfSecondsAsLinux() {
        RttEstimator r = new RttEstimator(1, Long.MAX_VALUE);
        assertThat(r.rtoNanos()).isEqualTo(2 * 250 * MS + 8 * 2000 * MS);
    }

    @Test
    void oneSampleMovesTheAverageByAQuarterOfOnePercentAndTheDeviationByAnEighth() {
        RttEstimator r = new RttEstimator(1, Long.MAX_VALUE);
        r.sample(250 * MS + 256 * MS); // err = +256 ms
        assertThat(r.averageNanos()).isEqualTo(251 * MS);
        assertThat(r.deviationNanos()).isEqualTo(2000 * MS + (256 * MS - 2000 * MS) / 8);
    }

    @Test
    void steadyRoundTripsShrinkTheTimeoutTowardsTwiceTheRoundTrip() {
        RttEstimator r = new RttEstimator(1, Long.MAX_VALUE);
        for (int i = 0; i < 5000; i++) {
            r.sample(MS);
        }
        assertThat(r.averageNanos()).isBetween(MS, MS + MS / 100);
        assertThat(r.rtoNanos()).isBetween(2 * MS, 3 * MS);
    }

    @Test
    void boundsClampTheTimeout() {
        RttEstimator r = new RttEstimator(5 * MS, 10_000 * MS);
        assertThat(r.rtoNanos()).isEqualTo(10_000 * MS);
        for (int i = 0; i < 5000; i++) {
            r.sample(0);
        }
        assertThat(r.rtoNanos()).isEqualTo(5 * MS);
        r.reset();
        assertThat(r.rtoNanos()).isEqualTo(10_000 * MS);
        assertThat(r.samples()).isZero();
    }

    @Test
    void badBoundsAreRefusedByName() {
        assertThatThrownBy(() -> new RttEstimator(0, 1)).hasMessageContaining("RTO bounds");
        assertThatThrownBy(() -> new RttEstimator(10, 5)).hasMessageContaining("min 10 ns, max 5 ns");
    }
}
