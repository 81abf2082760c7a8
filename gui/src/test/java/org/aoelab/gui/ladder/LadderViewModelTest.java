package org.aoelab.gui.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.gui.Labs;
import org.junit.jupiter.api.Test;

class LadderViewModelTest {

    @Test
    void followsTheNewestFramesUntilScrolledAndLifelinesPutInitiatorsFirst() {
        Labs lab = new Labs().open("lock-race-naive", 1).runToEnd();
        LadderViewModel vm = lab.vm.ladder();
        vm.setVisibleRows(10);
        int total = lab.vm.frames().rows().size();
        assertThat(vm.followingProperty().get()).isTrue();
        assertThat(vm.firstRowProperty().get()).isEqualTo(total - 10);
        assertThat(vm.nodes()).containsExactly("h1", "h2", "t1");
        LadderLayout.Diagram d = vm.layout(900, 20);
        assertThat(d.arrows()).hasSize(10);
        assertThat(d.lifelines()).extracting(LadderLayout.Lifeline::name).containsExactly("h1", "h2", "t1");
        vm.scrollTo(0);
        assertThat(vm.followingProperty().get()).isFalse();
        assertThat(vm.layout(900, 20).arrows().get(0).seq()).isEqualTo(1);
        vm.scrollTo(total);
        assertThat(vm.followingProperty().get()).isTrue();
    }

    @Test
    void clickingAnArrowSelectsItsFrameAndSelectingScrollsItIntoView() {
        Labs lab = new Labs().open("lock-race-naive", 1).runToEnd();
        LadderViewModel vm = lab.vm.ladder();
        vm.setVisibleRows(10);
        vm.scrollTo(0);
        LadderLayout.Diagram d = vm.layout(900, 20);
        vm.clickAt(d, d.arrows().get(3).y());
        assertThat(lab.vm.frames().selectedProperty().get()).isEqualTo(d.arrows().get(3).seq());
        lab.vm.frames().select(25);
        assertThat(vm.firstRowProperty().get()).isLessThanOrEqualTo(24).isGreaterThan(24 - 10);
        assertThat(vm.layout(900, 20).arrows()).anyMatch(a -> a.seq() == 25 && a.selected());
    }
}
