package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.aoelab.net.Fixture.Host;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.trace.NoteEvent;
import org.aoelab.trace.TraceRecorder;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualSwitchTest {
    private static final long SECOND = 1_000_000_000L;
    private Fixture net;
    private final TraceRecorder trace = new TraceRecorder();
    private Host a;
    private Host b;
    private Host c;

    @BeforeEach
    void setUp() {
        net = new Fixture(1);
        net.sim.trace().subscribe(trace);
        a = net.host("host-a", 1);
        b = net.host("host-b", 2);
        c = net.host("host-c", 3);
    }

    private void send(Host from, MacAddress to, long seq) {
        from.nic.send(Fixture.frame(to, from.mac(), seq, 60));
        net.sim.runFor(0); // switching and these links take no time
    }

    @Test
    void floodsUnknownUnicastThenForwardsOnceTheAddressIsLearned() {
        send(a, b.mac(), 1);
        // b is unknown: flooded to b and c (c's NIC ignores a frame not for it), never back to a.
        assertThat(b.seqs()).containsExactly(1);
        assertThat(c.frames).isEmpty();
        assertThat(c.nic.stats().filtered()).isEqualTo(1);
        assertThat(a.frames).isEmpty();
        assertThat(trace.frames(Kind.FLOODED)).extracting(FrameEvent::place).containsExactly("sw/host-b", "sw/host-c");
        assertThat(trace.frames(Kind.FLOODED)).allSatisfy(e -> assertThat(e.cause()).startsWith("unknown unicast to 02:00:00:00:00:02"));

        send(b, a.mac(), 2);
        // a was learned from the first frame: forwarded only to a.
        assertThat(a.seqs()).containsExactly(2);
        assertThat(c.nic.stats().filtered()).isEqualTo(1);
        assertThat(trace.frames(Kind.FORWARDED)).singleElement().satisfies(e -> {
            assertThat(e.place()).isEqualTo("sw/host-a");
            assertThat(e.cause()).isEqualTo("to 02:00:00:00:00:01, learned on sw/host-a");
        });
        assertThat(net.sw.lookup(1, a.mac())).contains(a.nic.port());
        assertThat(net.sw.lookup(1, b.mac())).contains(b.nic.port());
        assertThat(net.sw.stats()).isEqualTo(new SwitchStats(2, 1, 2, 0, 0, 0, 0, 0, 2, 0, 2));
    }

    @Test
    void aPortWithTwoAddressesBehindItNamesTheRightOneEachTime() {
        MacAddress x = MacAddress.parse("02:00:00:00:00:0a");
        MacAddress y = MacAddress.parse("02:00:00:00:00:0b");
        c.nic.send(Fixture.frame(a.mac(), x, 1, 60)); // two addresses behind c's port (a bridge there, say)
        c.nic.send(Fixture.frame(a.mac(), y, 2, 60));
        net.sim.runFor(0);
        trace.clear();
        send(a, x, 3);
        send(a, y, 4);
        send(a, x, 5);
        assertThat(trace.frames(Kind.FORWARDED)).extracting(FrameEvent::cause).containsExactly(
                "to 02:00:00:00:00:0a, learned on sw/host-c", "to 02:00:00:00:00:0b, learned on sw/host-c",
                "to 02:00:00:00:00:0a, learned on sw/host-c");
    }

    @Test
    void frameIdsFollowTheFrameAndFloodCopiesNameTheirParent() {
        send(a, b.mac(), 1);
        long sent = trace.frames(Kind.SENT).get(0).frameId();
        List<FrameEvent> floods = trace.frames(Kind.FLOODED);
        assertThat(floods).allSatisfy(f -> {
            assertThat(f.parentId()).isEqualTo(sent);
            assertThat(f.frameId()).isNotEqualTo(sent);
        });
        assertThat(trace.frames(Kind.DELIVERED)).singleElement().satisfies(d -> {
            assertThat(d.place()).isEqualTo("host-b");
            assertThat(d.frameId()).isEqualTo(floods.get(0).frameId());
        });
    }

    @Test
    void broadcastReachesEveryOtherPortButNotTheSender() {
        send(a, MacAddress.BROADCAST, 7);
        assertThat(b.seqs()).containsExactly(7);
        assertThat(c.seqs()).containsExactly(7);
        assertThat(a.frames).isEmpty();
        assertThat(trace.frames(Kind.FLOODED)).allSatisfy(e -> assertThat(e.cause()).isEqualTo("broadcast"));
    }

    @Test
    void neverSendsAFrameBackOutOfItsIngressPort() {
        // Teach the switch that b sits behind a's port (a frame with source b enters on a's port).
        a.nic.send(Fixture.frame(MacAddress.BROADCAST, b.mac(), 1, 60));
        net.sim.runUntilIdle(1_000);
        trace.clear();
        send(a, b.mac(), 2);
        assertThat(b.seqs()).containsExactly(1);
        assertThat(a.frames).isEmpty();
        assertThat(net.sw.stats().filtered()).isEqualTo(1);
        assertThat(trace.frames(Kind.DROPPED)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo("filtered: destination 02:00:00:00:00:02 is on the ingress port sw/host-a"));
    }

    @Test
    void learnedAddressesAgeOutAndAreFloodedAgain() {
        net.sw.setAgeing(10 * SECOND);
        send(b, MacAddress.BROADCAST, 1);
        net.sim.runFor(9 * SECOND);
        send(a, b.mac(), 2);
        assertThat(trace.frames(Kind.FORWARDED)).hasSize(1);
        assertThat(net.sw.lookup(1, b.mac())).isPresent();

        net.sim.runFor(2 * SECOND); // b last seen 11 s ago
        assertThat(net.sw.lookup(1, b.mac())).isEmpty();
        send(a, b.mac(), 3);
        assertThat(trace.frames(Kind.FORWARDED)).hasSize(1);
        assertThat(trace.frames(Kind.FLOODED).stream().filter(e -> e.cause().startsWith("unknown unicast"))).hasSize(2);
        assertThat(b.seqs()).containsExactly(2, 3);
        assertThat(net.sw.macTable()).extracting(MacEntry::mac).containsExactly(a.mac());
    }

    @Test
    void aFloodOfMadeUpSourceAddressesFillsTheTableButNeverPastItsLimit() {
        net.sw.setMacTableLimit(64);
        net.sw.setAgeing(10 * SECOND);
        send(a, MacAddress.BROADCAST, 1);
        send(b, MacAddress.BROADCAST, 2);
        trace.clear();
        for (int i = 0; i < 10_000; i++) c.nic.send(Fixture.frame(MacAddress.BROADCAST, MacAddress.local(0x10_0000 + i), i, 60));
        net.sim.runFor(0);
        assertThat(net.sw.stats().macEntries()).isEqualTo(64);
        assertThat(net.sw.stats().notLearned()).isEqualTo(10_000 - 62);
        assertThat(trace.ofType(NoteEvent.class)).filteredOn(n -> n.text().endsWith("not learned: the table is full (64 addresses)"))
                .hasSize(10_000 - 62);
        send(a, b.mac(), 3); // the hosts learned before the flood are still forwarded to
        assertThat(trace.frames(Kind.FORWARDED)).extracting(FrameEvent::place).containsExactly("sw/host-b");

        net.sim.runFor(11 * SECOND); // the flood's addresses age out: new ones are learned again
        send(c, MacAddress.BROADCAST, 4);
        assertThat(net.sw.lookup(1, c.mac())).isPresent();
        assertThat(net.sw.stats().macEntries()).isEqualTo(1);
        assertThatThrownBy(() -> net.sw.setMacTableLimit(0)).hasMessageContaining("MAC table size");
    }

    @Test
    void anAddressThatMovesIsRelearnedOnItsNewPort() {
        send(a, MacAddress.BROADCAST, 1);
        c.nic.send(Fixture.frame(MacAddress.BROADCAST, a.mac(), 2, 60)); // a's address now appears behind c
        net.sim.runUntilIdle(1_000);
        assertThat(net.sw.lookup(1, a.mac())).contains(c.nic.port());
        assertThat(trace.ofType(NoteEvent.class)).extracting(NoteEvent::text)
                .contains("02:00:00:00:00:01 vlan 1 moved from sw/host-a");
    }

    @Test
    void dropsAndCountsFramesLargerThanTheEgressPortsMtu() {
        Host jumbo = net.host("jumbo", 4, PortOptions.DEFAULT.withMtu(9000));
        Host jumbo2 = net.host("jumbo2", 5, PortOptions.DEFAULT.withMtu(9000));
        send(b, MacAddress.BROADCAST, 1); // learn b
        send(jumbo2, MacAddress.BROADCAST, 2);
        trace.clear();
        jumbo.nic.send(Fixture.frame(b.mac(), jumbo.mac(), 3, 14 + 9000));
        jumbo.nic.send(Fixture.frame(jumbo2.mac(), jumbo.mac(), 4, 14 + 9000));
        net.sim.runUntilIdle(1_000);
        assertThat(b.seqs()).containsExactly(2);
        assertThat(jumbo2.seqs()).containsExactly(1, 4);
        assertThat(net.sw.stats().mtuDrops()).isEqualTo(1);
        assertThat(trace.frames(Kind.DROPPED)).singleElement().satisfies(e -> {
            assertThat(e.place()).isEqualTo("sw/host-b");
            assertThat(e.cause()).isEqualTo("mtu: payload of 9000 bytes exceeds egress port sw/host-b's MTU 1500");
        });
    }

    @Test
    void bareOversizeAndRuntFramesAreDroppedAtIngress() {
        List<Bytes> out = new ArrayList<>();
        Port tap = net.sw.attach("tap0", out::add, PortOptions.DEFAULT);
        tap.inject(Fixture.frame(MacAddress.BROADCAST, MacAddress.local(9), 1, 14 + 1501));
        tap.inject(Bytes.of(1, 2, 3));
        tap.inject(Fixture.frame(MacAddress.BROADCAST, MacAddress.local(9), 2, 60));
        net.sim.runUntilIdle(1_000);
        assertThat(a.seqs()).containsExactly(2);
        SwitchStats s = net.sw.stats();
        assertThat(s.mtuDrops()).isEqualTo(1);
        assertThat(s.runts()).isEqualTo(1);
        send(a, MacAddress.local(9), 3);
        assertThat(out).extracting(Fixture::seq).containsExactly(3L);
        assertThat(trace.frames(Kind.DELIVERED, "sw/tap0")).hasSize(1);
        assertThatThrownBy(() -> a.nic.port().inject(Bytes.zeros(60))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only bare ports take injected frames");
    }

    @Test
    void vlansAreIsolatedAndTrunksTagAndUntag() {
        Fixture v = new Fixture(1);
        TraceRecorder rec = new TraceRecorder();
        v.sim.trace().subscribe(rec);
        Host red1 = v.host("red1", 1, PortOptions.access(10));
        Host red2 = v.host("red2", 2, PortOptions.access(10));
        Host blue = v.host("blue", 3, PortOptions.access(20));
        Host trunk = v.host("trunk", 4, PortOptions.trunk(10, 20));

        red1.nic.send(Fixture.frame(MacAddress.BROADCAST, red1.mac(), 1, 60));
        v.sim.runUntilIdle(1_000);
        assertThat(red2.seqs()).containsExactly(1);
        assertThat(blue.frames).isEmpty();
        // The trunk gets it tagged with VLAN 10 and four bytes longer.
        assertThat(trunk.frames).singleElement().satisfies(f -> {
            assertThat(f.u16(12)).isEqualTo(0x8100);
            assertThat(f.u16(14) & 0xFFF).isEqualTo(10);
            assertThat(f.length()).isEqualTo(64);
        });

        // From the trunk, tagged 20: reaches blue untagged, not the red ports.
        trunk.nic.send(tag(Fixture.frame(MacAddress.BROADCAST, trunk.mac(), 2, 60), 20));
        v.sim.runUntilIdle(1_000);
        assertThat(blue.seqs()).containsExactly(2);
        assertThat(blue.frames.get(0).length()).isEqualTo(60);
        assertThat(red2.seqs()).containsExactly(1);

        // Unicast to a red address from blue's VLAN is never delivered: the address is unknown in VLAN 20.
        blue.nic.send(Fixture.frame(red1.mac(), blue.mac(), 3, 60));
        v.sim.runUntilIdle(1_000);
        assertThat(red1.frames).isEmpty();
        assertThat(v.sw.lookup(10, red1.mac())).isPresent();
        assertThat(v.sw.lookup(20, red1.mac())).isEmpty();

        // A VLAN the trunk does not carry, and a tagged frame on an access port, are dropped and counted.
        trunk.nic.send(tag(Fixture.frame(MacAddress.BROADCAST, trunk.mac(), 4, 60), 30));
        red1.nic.send(tag(Fixture.frame(MacAddress.BROADCAST, red1.mac(), 5, 60), 20));
        trunk.nic.send(Fixture.frame(MacAddress.BROADCAST, trunk.mac(), 6, 60));
        v.sim.runUntilIdle(1_000);
        assertThat(blue.seqs()).containsExactly(2);
        assertThat(v.sw.stats().vlanDrops()).isEqualTo(3);
        assertThat(rec.frames(Kind.DROPPED, "sw/trunk")).extracting(FrameEvent::cause).containsExactly(
                "vlan: VLAN 30 is not carried by trunk sw/trunk [10, 20]",
                "vlan: untagged frame on trunk sw/trunk without a native VLAN");
        assertThat(rec.frames(Kind.DROPPED, "sw/red1")).extracting(FrameEvent::cause).containsExactly(
                "vlan: frame tagged 20 on access port of VLAN 10");
        // Blue's unicast to an address unknown in VLAN 20 was flooded to the trunk, whose NIC ignored it.
        assertThat(rec.frames(Kind.DROPPED, "trunk")).extracting(FrameEvent::cause).containsExactly(
                "not for this NIC: destination 02:00:00:00:00:01, NIC is 02:00:00:00:00:04");
    }

    @Test
    void aTrunksNativeVlanTravelsUntagged() {
        Fixture v = new Fixture(1);
        Host red = v.host("red", 1, PortOptions.access(10));
        Host trunk = v.host("trunk", 2, PortOptions.trunk(20).withNativeVlan(10));
        trunk.nic.send(Fixture.frame(MacAddress.BROADCAST, trunk.mac(), 1, 60));
        red.nic.send(Fixture.frame(MacAddress.BROADCAST, red.mac(), 2, 60));
        v.sim.runUntilIdle(1_000);
        assertThat(red.seqs()).containsExactly(1);
        assertThat(trunk.seqs()).containsExactly(2);
        assertThat(trunk.frames.get(0).u16(12)).isEqualTo(Fixture.TEST_TYPE);
    }

    @Test
    void partitionsDropTrafficBetweenTheSidesUntilHealed() {
        send(a, MacAddress.BROADCAST, 0);
        send(b, MacAddress.BROADCAST, 0);
        send(c, MacAddress.BROADCAST, 0);
        net.sw.partitionAt(SECOND, Set.of(a.nic.port()), Set.of(b.nic.port()));
        net.sw.healAt(3 * SECOND);
        net.sim.runFor(2 * SECOND);
        assertThat(net.sw.isPartitioned(a.nic.port(), b.nic.port())).isTrue();
        assertThat(net.sw.isPartitioned(a.nic.port(), c.nic.port())).isFalse();
        trace.clear();

        send(a, b.mac(), 1);
        send(a, c.mac(), 2);
        send(b, MacAddress.BROADCAST, 3);
        assertThat(b.seqs()).containsExactly(0, 0);
        assertThat(c.seqs()).containsExactly(0, 0, 2, 3);
        assertThat(a.seqs()).containsExactly(0, 0);
        assertThat(net.sw.stats().partitionDrops()).isEqualTo(1);
        assertThat(trace.frames(Kind.DROPPED)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo("partition: sw/host-a is cut off from sw/host-b"));

        net.sim.runFor(2 * SECOND);
        assertThat(trace.ofType(NoteEvent.class)).extracting(NoteEvent::text).contains("healed");
        send(a, b.mac(), 4);
        assertThat(b.seqs()).containsExactly(0, 0, 4);
    }

    @Test
    void aLinkGoingDownLosesFramesInFlightAndTheAddressesBehindIt() {
        send(b, MacAddress.BROADCAST, 0);
        b.nic.link().fromSwitch().delay(1_000_000);
        a.nic.send(Fixture.frame(b.mac(), a.mac(), 1, 60));
        b.nic.link().setUpAt(500_000, false);
        b.nic.link().setUpAt(2_000_000, true);
        net.sim.runFor(1_000_000);
        assertThat(b.frames).isEmpty();
        assertThat(net.sw.lookup(1, b.mac())).isEmpty();
        b.nic.send(Fixture.frame(a.mac(), b.mac(), 2, 60)); // into a dead link
        net.sim.runFor(2_000_000);
        assertThat(b.nic.link().isUp()).isTrue();
        assertThat(a.seqs()).containsExactly(0);
        b.nic.send(Fixture.frame(a.mac(), b.mac(), 3, 60));
        net.sim.runUntilIdle(100);
        assertThat(a.seqs()).containsExactly(0, 3);
        assertThat(trace.frames(Kind.DROPPED)).extracting(FrameEvent::cause)
                .containsExactly("link down: frame was in flight", "link down");
        LinkStats s = b.nic.link().stats();
        assertThat(s.fromSwitch().linkDownDrops()).isEqualTo(1);
        assertThat(s.toSwitch().linkDownDrops()).isEqualTo(1);
        assertThat(trace.ofType(NoteEvent.class)).filteredOn(n -> n.topic().equals("link"))
                .extracting(NoteEvent::text).containsExactly("down", "up");
    }

    @Test
    void namesNicsPortsAndLinksAfterTheNodeAndSwitch() {
        Host second = net.host("host-a", 9);
        assertThat(a.nic.name()).isEqualTo("host-a");
        assertThat(second.nic.name()).isEqualTo("host-a#2");
        assertThat(second.nic.node()).isEqualTo("host-a");
        assertThat(second.nic.port().name()).isEqualTo("sw/host-a#2");
        assertThat(second.nic.link().name()).isEqualTo("host-a#2<->sw");
        assertThat(net.sw.port("sw/host-b")).contains(b.nic.port());
        assertThat(net.sw.ports()).hasSize(4);
        assertThat(a.nic.mtu()).isEqualTo(1500);
    }

    @Test
    void refusesBadTopologyInput() {
        assertThatThrownBy(() -> net.sw.connect("x", MacAddress.BROADCAST, f -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a group address");
        assertThatThrownBy(() -> net.sw.connect(" ", MacAddress.local(5), f -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node name is missing");
        assertThatThrownBy(() -> net.sw.connect("has space", MacAddress.local(5), f -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains a space");
        net.sw.attach("tap0", f -> { }, PortOptions.DEFAULT);
        assertThatThrownBy(() -> net.sw.attach("tap0", f -> { }, PortOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sw/tap0 is already taken");
        assertThatThrownBy(() -> net.sw.partition(Set.of(a.nic.port()), Set.of(a.nic.port(), b.nic.port())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sw/host-a is in both");
        assertThatThrownBy(() -> net.sw.partition(Set.of(), Set.of(b.nic.port())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition side a is empty");
        Fixture other = new Fixture(1);
        Host stranger = other.host("x", 1);
        assertThatThrownBy(() -> net.sw.partition(Set.of(stranger.nic.port()), Set.of(b.nic.port())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to switch sw, expected a port of sw");
        assertThatThrownBy(() -> net.sw.setAgeing(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAC ageing time is 0 ns, expected 1 ns to");
        assertThatThrownBy(() -> a.nic.send(Bytes.zeros(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame is 10 bytes, expected at least 14");
        assertThatThrownBy(() -> a.nic.send(Fixture.frame(b.mac(), a.mac(), 1, 14 + 1501)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload is 1501 bytes, NIC host-a has MTU 1500");
    }

    @Test
    void refusesBadPortOptions() {
        assertThatThrownBy(() -> PortOptions.DEFAULT.withMtu(9001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port MTU is 9001 bytes, expected 46 bytes to 9000 bytes");
        assertThatThrownBy(() -> PortOptions.access(4095)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("access VLAN is 4095, expected 1 to 4094");
        assertThatThrownBy(() -> PortOptions.trunk(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trunk VLAN is 0, expected 1 to 4094");
        assertThatThrownBy(() -> PortOptions.access(10).withNativeVlan(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only trunks have one");
        assertThat(PortOptions.trunk(30, 10).withNativeVlan(5).toString()).isEqualTo("trunk [10, 30] native 5, mtu 1500");
    }

    static Bytes tag(Bytes untagged, int vlan) {
        byte[] out = new byte[untagged.length() + 4];
        untagged.copyTo(0, out, 0, 12);
        out[12] = (byte) 0x81;
        out[14] = (byte) (vlan >>> 8);
        out[15] = (byte) vlan;
        untagged.copyTo(12, out, 16, untagged.length() - 12);
        return Bytes.adopt(out);
    }
}
