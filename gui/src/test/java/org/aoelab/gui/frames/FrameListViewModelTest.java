package org.aoelab.gui.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.Labs;
import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;

class FrameListViewModelTest {

    private static void fill(FrameStore s, FrameListViewModel vm, int from, int to) {
        for (int i = from; i <= to; i++) {
            s.append(i, i * 1000L, i % 2 == 0 ? "h1" : "t1", "x", org.aoelab.gui.model.Frames.readRequest(i, i), 0, 0, null);
            vm.appended(i);
        }
    }

    @Test
    void rowsFollowTheStoreAndAreAnnouncedOncePerFlush() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1L << 30);
        FrameListViewModel vm = new FrameListViewModel(s);
        List<String> changes = new ArrayList<>();
        vm.rows().addListener((ListChangeListener<FrameRow>) c -> {
            while (c.next()) changes.add((c.wasAdded() ? "+" + c.getFrom() + ".." + c.getTo() : "") + (c.wasRemoved() ? "-" + c.getRemovedSize() : ""));
        });
        fill(s, vm, 1, 10);
        vm.flush();
        fill(s, vm, 11, 15);
        vm.flush();
        vm.flush();
        assertThat(changes).containsExactly("+0..10", "+10..15");
        assertThat(vm.rows()).hasSize(15);
        assertThat(vm.rows().get(3).seq()).isEqualTo(4);
        assertThat(vm.shownProperty().get()).isEqualTo(15);
    }

    @Test
    void evictionIsAnnouncedAsRowsLeavingTheFront() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1L << 30);
        FrameListViewModel vm = new FrameListViewModel(s);
        fill(s, vm, 1, 100);
        vm.flush();
        List<String> changes = new ArrayList<>();
        vm.rows().addListener((ListChangeListener<FrameRow>) c -> {
            while (c.next()) changes.add((c.wasRemoved() ? "-" + c.getFrom() + "x" + c.getRemovedSize() : "") + (c.wasAdded() ? "+" + c.getFrom() + ".." + c.getTo() : ""));
        });
        fill(s, vm, 101, FrameStore.SEGMENT + 5);
        vm.flush();
        // the first segment went: the 100 rows shown leave the front, the 5 retained new ones arrive
        assertThat(changes).containsExactly("-0x100+0..5");
        assertThat(vm.rows().size()).isEqualTo(s.size());
        assertThat(vm.rows().get(0).seq()).isEqualTo(s.firstSeq());
    }

    @Test
    void aFilterShowsOnlyMatchingFramesAndKeepsUpWithNewOnes() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1L << 30);
        FrameListViewModel vm = new FrameListViewModel(s);
        fill(s, vm, 1, 20);
        vm.flush();
        assertThat(vm.setFilter("lab.src == h1")).isTrue();
        vm.flush();
        assertThat(vm.rows()).hasSize(10).allMatch(r -> r.source().equals("h1"));
        assertThat(vm.indexOf(4)).isEqualTo(1);
        assertThat(vm.indexOf(5)).isEqualTo(-1);
        assertThat(vm.seqAt(2)).isEqualTo(6);
        fill(s, vm, 21, 22);
        vm.flush();
        assertThat(vm.rows()).hasSize(11);
        assertThat(vm.setFilter("")).isTrue();
        vm.flush();
        assertThat(vm.rows()).hasSize(22);
    }

    @Test
    void aBadFilterKeepsTheOldOneAndSaysWhy() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1L << 30);
        FrameListViewModel vm = new FrameListViewModel(s);
        fill(s, vm, 1, 4);
        vm.setFilter("lab.src == t1");
        vm.flush();
        assertThat(vm.setFilter("aoe.cmd = 1")).isFalse();
        vm.flush();
        assertThat(vm.filterErrorProperty().get()).contains("expected ==");
        assertThat(vm.rows()).hasSize(2);
        vm.setFilter("aoe.cmd == 0");
        assertThat(vm.filterErrorProperty().get()).isEmpty();
    }

    @Test
    void aFilterOverManyFramesRunsInSlices() {
        FrameStore s = new FrameStore(1_000_000, 1L << 30);
        FrameListViewModel vm = new FrameListViewModel(s);
        Bytes f = org.aoelab.gui.model.Frames.readRequest(1, 1);
        int n = FrameListViewModel.FILTER_SLICE * 2 + 10;
        for (int i = 1; i <= n; i++) s.append(i, i, "h1", "t1", f, i % 1000 == 0 ? Fate.DROPPED : Fate.DELIVERED, 0, null);
        vm.flush();
        vm.setFilter("lab.fate == lost");
        assertThat(vm.filterProgressProperty().get()).isLessThan(100);
        assertThat(vm.work()).isTrue();
        assertThat(vm.work()).isFalse();
        vm.flush();
        assertThat(vm.filterProgressProperty().get()).isEqualTo(100);
        assertThat(vm.rows()).hasSize(n / 1000);
    }

    @Test
    void selectionFollowsTheFrameAndIsDroppedWithIt() {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        FrameListViewModel vm = lab.vm.frames();
        vm.select(3);
        assertThat(vm.selectedProperty().get()).isEqualTo(3);
        assertThat(vm.selectNext()).isTrue();
        assertThat(vm.selectedProperty().get()).isEqualTo(4);
        lab.session.restart(2);
        lab.settle();
        assertThat(vm.selectedProperty().get()).isZero();
    }

    @Test
    void rowsDescribeTheirFrame() {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        FrameListViewModel vm = lab.vm.frames();
        FrameRow identify = null;
        FrameRow answer = null;
        for (FrameRow r : vm.rows()) {
            if (identify == null && r.summary().equals("IDENTIFY")) identify = r;
            if (answer == null && r.summary().startsWith("IDENTIFY answer")) answer = r;
        }
        assertThat(identify).isNotNull();
        assertThat(answer).isNotNull();
        assertThat(identify.source()).isEqualTo("h1");
        assertThat(identify.destination()).isEqualTo("t1");
        assertThat(identify.shelfSlot()).isEqualTo("e1.0");
        assertThat(identify.flags()).isEqualTo("-");
        assertThat(identify.pair()).isEqualTo(answer.seq());
        assertThat(answer.pair()).isEqualTo(identify.seq());
        assertThat(answer.flags()).isEqualTo("R");
        assertThat(answer.tag()).isEqualTo(identify.tag());
        assertThat(answer.length()).isEqualTo(548);
        assertThat(answer.fateText()).isEqualTo("delivered");
        assertThat(answer.command()).isZero();
    }
}
