package org.aoelab.gui.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.gui.Labs;
import org.junit.jupiter.api.Test;

class LockViewModelTest {

    @Test
    void theNaiveRaceShowsItsMutualExclusionViolations() {
        Labs lab = new Labs().open("lock-race-naive", 1).runToEnd();
        LockViewModel vm = lab.vm.locks();
        assertThat(vm.violations()).isNotEmpty();
        assertThat(vm.violations().get(0)).startsWith("1. mutual exclusion at ").contains("believes it holds e1.0");
        assertThat(vm.figuresProperty().get()).startsWith("e1.0: 4 attempts").contains("acquisition latency").contains("violation");
        LockLayout.Chart c = vm.layout(800);
        assertThat(c.lanes()).extracting(LockLayout.Lane::target).containsExactly("e1.0");
        assertThat(c.violations()).hasSize(vm.violations().size());
        assertThat(c.bars()).anyMatch(LockLayout.Bar::overlapping);
        assertThat(c.ticks()).isNotEmpty();
        assertThat(vm.latencies("e1.0")).hasSize(4);
        vm.selectViolation(0);
        assertThat(vm.detailsProperty().get()).startsWith("mutual exclusion violated at").contains("The lock frames before it:");
        vm.selectViolation(-1);
        assertThat(vm.detailsProperty().get()).isEmpty();
    }

    @Test
    void setIfEmptyOrNoLocksShowNoViolation() {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        LockViewModel vm = lab.vm.locks();
        assertThat(vm.violations()).isEmpty();
        assertThat(vm.figuresProperty().get()).isEqualTo("No lock activity yet.");
        assertThat(vm.layout(800).lanes()).isEmpty();
    }

    @Test
    void aRestartForgetsTheOldRun() {
        Labs lab = new Labs().open("lock-race-naive", 1).runToEnd();
        lab.session.restart(3);
        lab.settle();
        assertThat(lab.vm.locks().violations()).isEmpty();
        assertThat(lab.vm.locks().end()).isZero();
    }
}
