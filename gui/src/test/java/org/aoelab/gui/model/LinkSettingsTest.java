package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aoelab.net.Link;
import org.aoelab.net.LossModel;
import org.aoelab.net.Nic;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

    private static Link link() {
        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        Nic nic = sw.connect("h1", MacAddress.of(0x020000000001L), frame -> { });
        return nic.link();
    }

    @Test
    void appliedSettingsReadBackTheSameInBothDirections() {
        Link l = link();
        LinkSettings s = new LinkSettings(LinkSettings.LossKind.RANDOM, 0.1, 0.5, 5_000_000, 1_000_000, 0.05, 0.02, 0.01,
                10_000_000, 1500, true);
        s.applyTo(l);
        assertThat(LinkSettings.of(l)).isEqualTo(s);
        assertThat(l.fromSwitch().lossModel()).isEqualTo(LossModel.bernoulli(0.1));
        assertThat(l.fromSwitch().delayNanos()).isEqualTo(5_000_000);
        assertThat(l.fromSwitch().rateBitsPerSecond()).isEqualTo(10_000_000);
    }

    @Test
    void burstyLossIsAGilbertModel() {
        Link l = link();
        LinkSettings.CLEAN.withLoss(LinkSettings.LossKind.BURSTY, 0.05, 0.25).applyTo(l);
        assertThat(l.toSwitch().lossModel()).isEqualTo(LossModel.gilbert(0.05, 0.25));
        LinkSettings back = LinkSettings.of(l);
        assertThat(back.lossModel()).isEqualTo(LinkSettings.LossKind.BURSTY);
        assertThat(back.expectedLoss()).isEqualTo(0.05 / 0.30);
    }

    @Test
    void mtuAndUpDownReachThePortAndTheLink() {
        Link l = link();
        LinkSettings.CLEAN.withMtu(9000).withUp(false).applyTo(l);
        assertThat(l.port().mtu()).isEqualTo(9000);
        assertThat(l.nic().mtu()).as("the NIC keeps the MTU it was connected with").isEqualTo(1500);
        assertThat(l.isUp()).isFalse();
        LinkSettings.CLEAN.applyTo(l);
        assertThat(l.isUp()).isTrue();
        assertThat(l.toSwitch().isNone()).isTrue();
    }

    @Test
    void summaryAndSeverityDescribeTheLink() {
        assertThat(LinkSettings.CLEAN.summary()).isEmpty();
        assertThat(LinkSettings.CLEAN.severity()).isZero();
        assertThat(LinkSettings.CLEAN.withDelay(5_000_000, 1_000_000).summary()).isEqualTo("5 ms ±1 ms");
        assertThat(LinkSettings.CLEAN.withDelay(5_000_000, 0).severity()).isEqualTo(1);
        assertThat(LinkSettings.CLEAN.withLoss(LinkSettings.LossKind.RANDOM, 0.2, 0.5).withDuplicate(0.05).summary())
                .isEqualTo("loss 20% · dup 5%");
        assertThat(LinkSettings.CLEAN.withRate(10_000_000).summary()).isEqualTo("10 Mbit/s");
        assertThat(LinkSettings.CLEAN.withUp(false).summary()).isEqualTo("down");
        assertThat(LinkSettings.CLEAN.withUp(false).severity()).isEqualTo(3);
        assertThat(LinkSettings.CLEAN.withMtu(9000).summary()).isEqualTo("mtu 9000");
    }

    @Test
    void impossibleValuesAreRefusedByName() {
        assertThatThrownBy(() -> LinkSettings.CLEAN.withLoss(LinkSettings.LossKind.RANDOM, 1.5, 0.5))
                .hasMessage("loss is 1.5, expected a probability from 0 to 1");
        assertThatThrownBy(() -> LinkSettings.CLEAN.withDelay(-1, 0)).hasMessage("delay is -1 ns, expected 0 to 1 hour");
        assertThatThrownBy(() -> LinkSettings.CLEAN.withMtu(20)).hasMessage("mtu is 20 bytes, expected 46 to 9000");
        assertThatThrownBy(() -> LinkSettings.CLEAN.withRate(-5)).hasMessageStartingWith("rate is -5 bit/s");
    }
}
