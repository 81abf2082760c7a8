package org.aoelab.gui.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    @Test
    void sumsPerBucketAndMergesPairsWhenTimeRunsPastTheEnd() {
        TimeSeries s = new TimeSeries(TimeSeries.Kind.SUM, 4, 10);
        s.add(0, 1);
        s.add(15, 2);
        s.add(39, 3);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.width()).isEqualTo(10);
        s.add(40, 4); // beyond 4 buckets of 10: buckets double to 20
        assertThat(s.width()).isEqualTo(20);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.value(0)).isEqualTo(3);
        assertThat(s.value(1)).isEqualTo(3);
        assertThat(s.value(2)).isEqualTo(4);
        assertThat(s.ratePerSecond(2)).isEqualTo(4 * 1e9 / 20);
        assertThat(s.start(2)).isEqualTo(40);
        s.add(1_000, 1); // many doublings at once
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.value(0)).isEqualTo(10);
    }

    @Test
    void levelsKeepTheHighest() {
        TimeSeries s = new TimeSeries(TimeSeries.Kind.MAX, 2, 10);
        s.add(1, 5);
        s.add(2, 3);
        s.add(12, 7);
        s.add(25, 1);
        assertThat(s.value(0)).isEqualTo(7);
        assertThat(s.value(1)).isEqualTo(1);
    }

    @Test
    void refusesOddSizes() {
        assertThatThrownBy(() -> new TimeSeries(TimeSeries.Kind.SUM, 3, 10)).hasMessageContaining("maxBuckets is 3");
        assertThatThrownBy(() -> new TimeSeries(TimeSeries.Kind.SUM, 4, 0)).hasMessageContaining("initialWidthNanos is 0");
    }
}
