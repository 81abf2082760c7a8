package org.aoelab.gui.playback;

import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.gui.Labs;
import org.aoelab.gui.model.PlayState;
import org.junit.jupiter.api.Test;

class PlaybackViewModelTest {

    @Test
    void stepsRunsAndRestartsWithTheSeedField() {
        Labs lab = new Labs().open("basics", 1);
        PlaybackViewModel vm = lab.vm.playback();
        assertThat(vm.seedTextProperty().get()).isEqualTo("1");
        vm.stepFrame();
        lab.settle();
        assertThat(lab.vm.store().size()).isEqualTo(1);
        vm.speedProperty().set(PlaybackViewModel.SPEEDS.get(PlaybackViewModel.SPEEDS.size() - 1));
        vm.run();
        lab.settle();
        assertThat(lab.vm.stateProperty().get()).isEqualTo(PlayState.FINISHED);
        assertThat(vm.clockProperty().get()).endsWith(" s finished");
        vm.seedTextProperty().set("99");
        assertThat(vm.restart()).isTrue();
        lab.settle();
        assertThat(lab.vm.seedProperty().get()).isEqualTo(99);
        assertThat(lab.vm.store().size()).isZero();
    }

    @Test
    void aBadSeedIsRefusedWithTheReason() {
        Labs lab = new Labs().open("basics", 1);
        PlaybackViewModel vm = lab.vm.playback();
        vm.seedTextProperty().set("abc");
        assertThat(vm.restart()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("seed is 'abc', expected a whole number from 0 to 9223372036854775807");
    }

    @Test
    void openingAnUnknownScenarioSaysWhichOnesExist() {
        Labs lab = new Labs().open("basics", 1);
        assertThat(lab.vm.playback().openScenario("no-such-scenario")).isFalse();
        assertThat(lab.vm.problemProperty().get()).contains("no-such-scenario");
        assertThat(lab.vm.playback().builtInScenarios()).contains("lock-race-naive");
    }
}
