package org.aoelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durations() {
        assertThat(Units.duration("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(Units.duration("100us")).isEqualTo(100_000L);
        assertThat(Units.duration("100µs")).isEqualTo(100_000L);
        assertThat(Units.duration("0")).isZero();
        assertThatThrownBy(() -> Units.duration("10")).hasMessageContaining("has no unit");
        assertThat(Units.formatDuration(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(Units.formatDuration(2_000_000_000L)).isEqualTo("2s");
    }

    @Test
    void sizesAreBinaryForSingleLettersAndDecimalForKbMbGb() {
        assertThat(Units.size("64M")).isEqualTo(64L << 20);
        assertThat(Units.size("1GiB")).isEqualTo(1L << 30);
        assertThat(Units.size("1GB")).isEqualTo(1_000_000_000L);
        assertThat(Units.size("8 sectors")).isEqualTo(4096);
        assertThat(Units.size("1000")).isEqualTo(1000); // any whole number of bytes, not only whole sectors
        assertThat(Units.size("1.5K")).isEqualTo(1536);
        assertThat(Units.size("1PB")).isEqualTo(1_000_000_000_000_000L);
        assertThatThrownBy(() -> Units.size("12Q")).hasMessageStartingWith("size '12Q' has an unknown unit 'Q' (expected a number of bytes,"
                + " or a number with a unit: K, M, G, T, P or KiB ... PiB (binary)");
        assertThatThrownBy(() -> Units.size("0.3K")).hasMessage("size '0.3K' is not a whole number of bytes (307.2)");
        assertThatThrownBy(() -> Units.size("9000P")).hasMessage("size '9000P' is too large (at most 8 EiB)");
    }

    @Test
    void ratesAndProbabilities() {
        assertThat(Units.bitRate("100Mbit")).isEqualTo(100_000_000L);
        assertThat(Units.bitRate("1Gbps")).isEqualTo(1_000_000_000L);
        assertThat(Units.probability("5%")).isEqualTo(0.05);
        assertThat(Units.probability("0.2")).isEqualTo(0.2);
        assertThatThrownBy(() -> Units.probability("120%")).hasMessageContaining("out of range");
    }
}
