package org.aoelab.gui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.gui.Labs;
import org.junit.jupiter.api.Test;

class ChartsViewModelTest {

    private static double total(TimeSeries s) {
        double t = 0;
        for (int i = 0; i < s.size(); i++) t += s.value(i);
        return t;
    }

    @Test
    void aLossyCopyHasThroughputRetransmissionsAndNothingOutstandingAtTheEnd() {
        Labs lab = new Labs().open("lossy-copy", 7).runToEnd();
        ChartsViewModel vm = lab.vm.charts();
        assertThat(total(vm.throughput())).as("bytes delivered").isGreaterThan(4L << 20);
        assertThat(total(vm.retransmissions())).isPositive();
        assertThat(vm.outstanding().size()).isPositive();
        double peak = 0;
        for (int i = 0; i < vm.outstanding().size(); i++) peak = Math.max(peak, vm.outstanding().value(i));
        assertThat(peak).isGreaterThan(1);
        assertThat(vm.outstandingNow()).isZero();
        assertThat(vm.throughput().size()).isLessThanOrEqualTo(ChartsViewModel.BUCKETS);
    }

    @Test
    void aCleanRunRetransmitsNothing() {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        assertThat(total(lab.vm.charts().retransmissions())).isZero();
        assertThat(total(lab.vm.charts().throughput())).isPositive();
    }
}
