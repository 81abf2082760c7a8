package org.aoelab.gui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aoelab.gui.model.LinkSettings;
import org.aoelab.gui.model.NodeInfo;
import org.junit.jupiter.api.Test;

class TopologyLayoutTest {
    private static NodeInfo node(String name, NodeInfo.Kind kind, LinkSettings link) {
        return new NodeInfo(name, kind, "", "", link);
    }

    @Test
    void initiatorsGoLeftTargetsRightPortsBelowAndLinksMeetAtTheSwitch() {
        List<NodeInfo> nodes = List.of(node("h1", NodeInfo.Kind.INITIATOR, LinkSettings.CLEAN),
                node("h2", NodeInfo.Kind.INITIATOR, LinkSettings.CLEAN),
                node("t1", NodeInfo.Kind.TARGET, LinkSettings.CLEAN.withLoss(LinkSettings.LossKind.RANDOM, 0.1, 0.5)),
                node("sw/tap0", NodeInfo.Kind.PORT, LinkSettings.CLEAN));
        TopologyLayout.Layout l = TopologyLayout.layout(nodes, 400, 300);
        assertThat(l.switchX()).isEqualTo(200);
        assertThat(l.switchY()).isEqualTo(150);
        TopologyLayout.Placed h1 = l.nodes().get(0);
        TopologyLayout.Placed h2 = l.nodes().get(1);
        TopologyLayout.Placed t1 = l.nodes().get(2);
        TopologyLayout.Placed tap = l.nodes().get(3);
        assertThat(h1.x()).isLessThan(200);
        assertThat(h2.x()).isLessThan(200);
        assertThat(h1.y()).isNotEqualTo(h2.y());
        assertThat(t1.x()).isGreaterThan(200);
        assertThat(t1.y()).isEqualTo(150.0);
        assertThat(tap.y()).isGreaterThan(150);
        for (TopologyLayout.Placed p : l.nodes()) {
            assertThat(p.x()).isBetween(0.0, 400.0);
            assertThat(p.y()).isBetween(0.0, 300.0);
        }
        TopologyLayout.LinkLine link = l.links().get(2);
        assertThat(link.node()).isEqualTo("t1");
        assertThat(link.x2()).isEqualTo(200);
        assertThat(link.label()).isEqualTo("loss 10%");
        assertThat(link.severity()).isEqualTo(2);
    }
}
