package org.aoelab.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void tagsKeepBit31ClearCarryTheTickAndDoNotRepeatWithinTheCounter() {
        Tags tags = new Tags();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 0x8000; i++) {
            long t = tags.next(123_456_789L);
            assertThat(Tags.isInitiatorTag(t)).isTrue();
            assertThat(t & 0xFFFF).isEqualTo(123);
            assertThat(seen.add(t)).isTrue();
        }
        assertThat(seen.add(tags.next(123_456_789L))).isFalse(); // the counter has 15 bits
    }

    @Test
    void elapsedTimeComesFromTheLowSixteenBitsEvenAcrossTheirWrap() {
        Tags tags = new Tags();
        long t = tags.next(65_530_000_000L); // tick 65530 ms; 10 ms later the low bits have wrapped to 4
        assertThat(Tags.elapsedNanos(t, 65_540_000_000L)).isEqualTo(10_000_000L);
        assertThat(Tags.elapsedNanos(t, 65_530_000_000L + 7_000_000L)).isEqualTo(7_000_000L);
    }

    @Test
    void theFirstTagCarriesCounterOneAsTheDriversDoesAndNoTagIsTheDiscoveryTag() {
        Tags tags = new Tags();
        assertThat(tags.next(0)).isEqualTo(0x0001_0000L);
        assertThat(tags.next(5_000_000L)).isEqualTo(0x0002_0005L); // counter 2, tick 5 ms
        // At tick 0, the counter's wrap to 0 would make tag 0: it moves on to 1.
        for (int i = 3; i <= 0x7FFF; i++) tags.next(0);
        assertThat(tags.next(0)).isEqualTo(0x0001_0000L);
    }

    @Test
    void tagsWithBit31SetAreOtherTools() {
        assertThat(Tags.isInitiatorTag(0x8000_0001L)).isFalse();
    }
}
