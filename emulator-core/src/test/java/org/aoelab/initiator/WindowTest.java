package org.aoelab.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void startsAtHalfTheCap() {
        Window w = new Window(16);
        assertThat(w.maxout()).isEqualTo(8);
        assertThat(w.ssthresh()).isEqualTo(8);
    }

    @Test
    void bufferCountOneGivesAWindowOfZeroAndNothingIsEverSent() {
        Window w = new Window(1);
        assertThat(w.maxout()).isZero();
        assertThat(w.canSend()).isFalse();
    }

    @Test
    void fillsToMaxoutThenStops() {
        Window w = new Window(8);
        for (int i = 0; i < 4; i++) {
            assertThat(w.canSend()).isTrue();
            w.sent();
        }
        assertThat(w.canSend()).isFalse();
        assertThat(w.outstanding()).isEqualTo(4);
    }

    @Test
    void timeoutHalvesTheThresholdAndCollapsesToOneThenSlowStartRegrowsToTheThreshold() {
        Window w = new Window(64); // maxout 32
        w.timedOut();
        assertThat(w.maxout()).isEqualTo(1);
        assertThat(w.ssthresh()).isEqualTo(16);
        for (int i = 0; i < 15; i++) {
            w.sent();
            w.answered();
        }
        assertThat(w.maxout()).isEqualTo(16);
        w.sent();
        w.answered(); // at the threshold: congestion avoidance, grows only when full
        assertThat(w.maxout()).isEqualTo(16);
    }

    @Test
    void congestionAvoidanceGrowsByOneAfterAFullWindowCountdown() {
        Window w = new Window(8); // maxout 4 = ssthresh, next_cwnd 8
        int grownAt = -1;
        for (int round = 0; round < 20 && grownAt < 0; round++) {
            while (w.canSend()) {
                w.sent();
            }
            w.answered(); // answered while the window is full
            if (w.maxout() == 5) {
                grownAt = round;
            }
        }
        assertThat(grownAt).isEqualTo(8); // the countdown starts at nframes and fires after it reaches zero
    }

    @Test
    void neverGrowsBeyondTheCap() {
        Window w = new Window(4);
        for (int i = 0; i < 100; i++) {
            while (w.canSend()) {
                w.sent();
            }
            w.answered();
        }
        assertThat(w.maxout()).isEqualTo(4);
    }

    @Test
    void aSmallerCapResetsAWindowThatNoLongerFits() {
        Window w = new Window(64);
        w.updateCap(16);
        assertThat(w.maxout()).isEqualTo(8);
        w.updateCap(64);
        assertThat(w.maxout()).isEqualTo(8);
        assertThat(w.nframes()).isEqualTo(64);
    }
}
