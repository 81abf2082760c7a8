package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacTableTest {
    private static final long AGED = 100; // entries last seen before this count as aged

    @Test
    void learnsUpToItsLimitAndThenRefusesNewAddressesButNotKnownOnes() {
        MacTable t = new MacTable();
        t.limit(4);
        for (int k = 1; k <= 4; k++) assertThat(t.learn(k, k, 200, AGED)).isEqualTo(-1);
        assertThat(t.learn(5, 5, 200, AGED)).isEqualTo(MacTable.FULL);
        assertThat(t.lookup(5, AGED)).isEqualTo(-1);
        assertThat(t.learn(2, 7, 201, AGED)).isEqualTo(2); // a known address still moves
        assertThat(t.lookup(2, AGED)).isEqualTo(7);
        assertThat(t.used()).isEqualTo(4);
        assertThat(t.liveCount(AGED)).isEqualTo(4);
    }

    @Test
    void agedEntriesMakeRoomForNewOnes() {
        MacTable t = new MacTable();
        t.limit(4);
        for (int k = 1; k <= 4; k++) t.learn(k, k, 50 + k, 0);
        // later: entries 1 and 2 (seen at 51, 52) have aged, 3 and 4 (53, 54) have not
        assertThat(t.learn(9, 9, 500, 53)).isEqualTo(-1);
        assertThat(t.used()).isEqualTo(3);
        assertThat(t.lookup(9, 53)).isEqualTo(9);
        assertThat(t.lookup(3, 53)).isEqualTo(3);
        assertThat(t.lookup(1, 53)).isEqualTo(-1);
        assertThat(t.learn(10, 10, 500, 53)).isEqualTo(-1);
        assertThat(t.learn(11, 11, 500, 53)).isEqualTo(MacTable.FULL);
    }

    @Test
    void aFloodIntoAFullTableOfLiveEntriesDoesNotSweepItForEachFrame() {
        MacTable t = new MacTable();
        t.limit(1024);
        for (int k = 1; k <= 1024; k++) t.learn(k, 1, 200, AGED);
        int rebuilds = t.rebuilds();
        for (int k = 2000; k < 102_000; k++) assertThat(t.learn(k, 2, 300, AGED)).isEqualTo(MacTable.FULL);
        assertThat(t.rebuilds()).isEqualTo(rebuilds);
        // once they age, one sweep makes room
        assertThat(t.learn(5000, 3, 1000, 201)).isEqualTo(-1);
        assertThat(t.rebuilds()).isEqualTo(rebuilds + 1);
        assertThat(t.used()).isEqualTo(1);
    }

    @Test
    void aPortGoingDownAgesItsEntriesAndLetsThemBeSweptOut() {
        MacTable t = new MacTable();
        t.limit(2);
        t.learn(1, 1, 200, AGED);
        t.learn(2, 2, 200, AGED);
        t.forget(1);
        assertThat(t.learn(3, 3, 200, AGED)).isEqualTo(-1);
        assertThat(t.lookup(1, AGED)).isEqualTo(-1);
        assertThat(t.used()).isEqualTo(2);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new MacTable().limit(0)).hasMessage("MAC table limit is 0, expected at least 1");
    }
}
