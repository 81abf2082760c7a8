package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.Frames;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.Update;
import org.aoelab.gui.model.UpdateRing;
import org.junit.jupiter.api.Test;

class LabViewModelTest {

    @Test
    void aPulseStopsWhenItsTimeBudgetIsSpentAndLeavesTheRestWaiting() {
        UpdateRing ring = new UpdateRing(1 << 16);
        AtomicLong clock = new AtomicLong();
        // every reading of the clock costs 5 ms: the second batch check is over the 12 ms budget
        LabViewModel vm = new LabViewModel(ring, new FrameStore(1_000_000, 1L << 30), () -> clock.getAndAdd(5_000_000));
        for (int i = 1; i <= 20_000; i++) ring.put(new Update.Frame(i, i, "h1", "t1", Frames.readRequest(i, 0), 0, 0));
        int first = vm.pump();
        assertThat(first).isLessThan(20_000).isPositive();
        assertThat(ring.size()).isEqualTo(20_000 - first);
        assertThat(vm.frames().rows()).hasSize(first);
        while (!ring.isEmpty()) vm.pump();
        assertThat(vm.frames().rows()).hasSize(20_000);
        assertThat(vm.appliedProperty().get()).isEqualTo(20_000);
    }

    @Test
    void aFullRingMakesTheProducerWaitRatherThanLoseUpdates() {
        UpdateRing ring = new UpdateRing(16);
        for (int i = 0; i < 16; i++) assertThat(ring.put(new Update.Problem("x" + i))).isTrue();
        Thread.currentThread().interrupt();
        assertThat(ring.put(new Update.Problem("one too many"))).as("an interrupted producer gives up").isFalse();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(ring.producerWaits()).isEqualTo(1);
        assertThat(ring.size()).isEqualTo(16);
    }

    @Test
    void theStatusTitleAndStateFollowTheRun() {
        Labs lab = new Labs().open("basics", 1);
        assertThat(lab.vm.titleProperty().get()).isEqualTo("AoE Lab: basics (seed 1)");
        assertThat(lab.vm.stateProperty().get()).isEqualTo(PlayState.PAUSED);
        lab.runToEnd();
        assertThat(lab.vm.stateProperty().get()).isEqualTo(PlayState.FINISHED);
        assertThat(lab.vm.statusProperty().get()).contains("virtual").contains(lab.vm.store().size() + " frames");
        assertThat(lab.vm.topology().nodes()).hasSize(2);
    }

    @Test
    void theStoreKeepsOnlyTheNewestFramesAndSaysSo() {
        Labs lab = new Labs(FrameStore.SEGMENT);
        for (int i = 1; i <= 2 * FrameStore.SEGMENT + 100; i++) {
            lab.vm.ring().put(new Update.Frame(i, i, "h1", "t1", Frames.readRequest(i, 0), 0, 0));
            if (i % 10_000 == 0) lab.vm.pump();
        }
        lab.settle();
        assertThat(lab.vm.store().evicted()).isEqualTo(2L * FrameStore.SEGMENT);
        assertThat(lab.vm.store().size()).isLessThanOrEqualTo(FrameStore.SEGMENT);
        assertThat(lab.vm.frames().rows().size()).isEqualTo(lab.vm.store().size());
        assertThat(lab.vm.statusProperty().get()).contains("oldest dropped from view");
    }
}
