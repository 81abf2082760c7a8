package org.aoelab.gui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.gui.model.LinkSettings;
import org.aoelab.gui.model.NodeInfo;
import org.aoelab.gui.model.Update;
import org.junit.jupiter.api.Test;

class LinkControlsViewModelTest {
    private final TopologyViewModel topology = new TopologyViewModel();
    private final List<String> applied = new ArrayList<>();
    private final List<LinkSettings> settings = new ArrayList<>();
    private final LinkControlsViewModel vm = new LinkControlsViewModel(topology, (n, s) -> {
        applied.add(n);
        settings.add(s);
    });

    private void nodes(LinkSettings h1) {
        topology.update(new Update.Topology(List.of(new NodeInfo("h1", NodeInfo.Kind.INITIATOR, "", "", h1),
                new NodeInfo("t1", NodeInfo.Kind.TARGET, "e1.0 vblade", "", LinkSettings.CLEAN))));
    }

    @Test
    void selectingALinkLoadsItsSettingsWithoutApplyingThem() {
        nodes(LinkSettings.CLEAN.withDelay(2_000_000, 0).withLoss(LinkSettings.LossKind.RANDOM, 0.1, 0.5));
        topology.select("h1");
        assertThat(vm.nodeProperty().get()).isEqualTo("h1");
        assertThat(vm.delayMsProperty().get()).isEqualTo(2.0);
        assertThat(vm.lossPercentProperty().get()).isEqualTo(10.0);
        assertThat(vm.headingProperty().get()).isEqualTo("Link h1 <-> switch");
        assertThat(applied).isEmpty();
    }

    @Test
    void selectingBeforeTheTopologyArrivesLoadsWhenItDoes() {
        topology.select("t1");
        assertThat(vm.nodeProperty().get()).isEmpty();
        nodes(LinkSettings.CLEAN);
        assertThat(vm.nodeProperty().get()).isEqualTo("t1");
        assertThat(vm.headingProperty().get()).contains("e1.0 vblade");
    }

    @Test
    void everyChangeIsAppliedAtOnce() {
        nodes(LinkSettings.CLEAN);
        topology.select("h1");
        vm.lossPercentProperty().set(25);
        vm.delayMsProperty().set(1.5);
        vm.upProperty().set(false);
        assertThat(applied).containsExactly("h1", "h1", "h1");
        LinkSettings last = settings.get(2);
        assertThat(last.loss()).isEqualTo(0.25);
        assertThat(last.delay()).isEqualTo(1_500_000);
        assertThat(last.up()).isFalse();
        vm.clear();
        assertThat(settings.get(settings.size() - 1)).isEqualTo(LinkSettings.CLEAN);
    }

    @Test
    void anImpossibleValueIsRefusedWithTheReason() {
        nodes(LinkSettings.CLEAN);
        topology.select("h1");
        vm.lossPercentProperty().set(150);
        assertThat(applied).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("loss is 1.5, expected a probability from 0 to 1");
        vm.lossPercentProperty().set(50);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(applied).containsExactly("h1");
    }

    @Test
    void nothingIsAppliedWithoutASelectedLink() {
        nodes(LinkSettings.CLEAN);
        vm.lossPercentProperty().set(10);
        assertThat(applied).isEmpty();
    }
}
