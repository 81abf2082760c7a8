package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.SHELF;
import static org.aoelab.target.Harness.SLOT;
import static org.aoelab.target.Harness.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.aoelab.disk.DiskOp;
import org.aoelab.disk.FaultyDisk;
import org.aoelab.disk.Latency;
import org.aoelab.disk.RamDisk;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.TraceEvent;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.Test;

/** {@link AoeTarget} on a virtual switch, in simulated time. */
class AoeTargetTest {
    private static final long MS = 1_000_000L;

    private final Simulation sim = new Simulation(42);
    private final VirtualSwitch sw = new VirtualSwitch(sim, "sw");
    private final List<Bytes> received = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final List<TraceEvent> trace = new ArrayList<>();
    private final Nic host;

    AoeTargetTest() {
        host = sw.connect("host", HOST, f -> {
            received.add(f);
            arrivals.add(sim.now());
        });
        sim.trace().subscribe(trace::add);
    }

    private AoeTarget target(TargetConfig config, org.aoelab.disk.VirtualDisk disk) {
        return new AoeTarget(sim, sw, TARGET, config, disk);
    }

    private long send(AoeFrame f) {
        return host.send(AoeCodec.encode(f), 0);
    }

    private List<AoeFrame> answers() {
        return received.stream().map(Harness::decode).toList();
    }

    private List<FrameEvent> events(FrameEvent.Kind kind) {
        return trace.stream().filter(e -> e instanceof FrameEvent f && f.kind() == kind).map(e -> (FrameEvent) e).toList();
    }

    @Test
    void announcesItselfAtStart_broadcastConfigAnswerWithTag0() {
        target(TargetConfig.builder(SHELF, SLOT).initialConfig("hello").build(), new TestDisk(1000));
        sim.runUntilIdle(100);
        assertThat(answers()).hasSize(1);
        AoeFrame a = answers().get(0);
        assertThat(a.dst()).isEqualTo(MacAddress.BROADCAST);
        assertThat(a.header().tag()).isZero();
        assertThat(((ConfigArg) a.arg()).string()).isEqualTo(Bytes.ofUtf8("hello"));
        assertThat(arrivals.get(0)).isZero();
    }

    @Test
    void answersAfterTheDisksLatency() {
        TestDisk disk = new TestDisk(1000);
        disk.latencyNanos = 5 * MS;
        target(TargetConfig.of(SHELF, SLOT), disk);
        sim.runUntilIdle(100);
        received.clear();
        arrivals.clear();
        long t0 = sim.now();
        send(Harness.ata(AtaArg.read48(0, 2)));
        sim.runUntilIdle(100);
        assertThat(answers()).hasSize(1);
        assertThat(arrivals.get(0) - t0).isEqualTo(5 * MS);
    }

    @Test
    void configAnswers_needNoDiskAndLeaveAtOnce() {
        TestDisk disk = new TestDisk(1000);
        disk.latencyNanos = 5 * MS;
        target(TargetConfig.of(SHELF, SLOT), disk);
        sim.runUntilIdle(100);
        arrivals.clear();
        send(Harness.configRequest(ConfigCommand.READ, ""));
        sim.runUntilIdle(100);
        assertThat(arrivals).containsExactly(0L);
    }

    @Test
    void latencyComesFromTheDiskForTheOperationPerformed() {
        FaultyDisk disk = new FaultyDisk(new RamDisk(1000), new Well512a(7));
        disk.setLatency(DiskOp.WRITE, Latency.fixed(3 * MS));
        disk.setLatency(DiskOp.READ, Latency.fixed(1 * MS));
        target(TargetConfig.of(SHELF, SLOT), disk);
        sim.runUntilIdle(100);
        arrivals.clear();
        send(Harness.ata(AtaArg.write48(0, 1, Bytes.repeat(4, 512))));
        sim.runUntilIdle(100);
        send(Harness.ata(AtaArg.read48(0, 1)));
        sim.runUntilIdle(100);
        assertThat(arrivals).containsExactly(3 * MS, 4 * MS);
        assertThat(((AtaArg) answers().get(2).arg()).data()).isEqualTo(Bytes.repeat(4, 512));
    }

    @Test
    void enforcedBufferCount_dropsRequestsBeyondItWhileAnswersWait() {
        TestDisk disk = new TestDisk(1000);
        disk.latencyNanos = 1 * MS;
        AoeTarget t = target(TargetConfig.builder(SHELF, SLOT).bufferCount(2).enforceBufferCount(true).build(), disk);
        sim.runUntilIdle(100);
        received.clear();
        for (int i = 0; i < 5; i++) send(Harness.request(HOST, SHELF, SLOT, AtaArg.read48(i, 1), 100 + i));
        sim.runFor(MS / 2);
        assertThat(t.outstanding()).isEqualTo(2);
        sim.runUntilIdle(1000);
        assertThat(answers()).extracting(a -> a.header().tag()).containsExactly(100L, 101L);
        assertThat(t.stats().dropped(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(events(FrameEvent.Kind.DROPPED)).filteredOn(e -> e.cause().contains("Buffer Count")).hasSize(3);
        assertThat(t.outstanding()).isZero();
        // Once the answers have left, there is room again.
        send(Harness.ata(AtaArg.read48(0, 1)));
        sim.runUntilIdle(100);
        assertThat(received).hasSize(3);
    }

    @Test
    void unenforcedBufferCount_answersEveryRequest() {
        TestDisk disk = new TestDisk(1000);
        disk.latencyNanos = 1 * MS;
        target(TargetConfig.builder(SHELF, SLOT).bufferCount(2).build(), disk);
        sim.runUntilIdle(100);
        received.clear();
        for (int i = 0; i < 5; i++) send(Harness.ata(AtaArg.read48(i, 1)));
        sim.runUntilIdle(1000);
        assertThat(received).hasSize(5);
    }

    @Test
    void vanishedDisk_meansNoAnswersAtAll() {
        TestDisk disk = new TestDisk(1000);
        disk.vanished = true;
        AoeTarget t = target(TargetConfig.of(SHELF, SLOT), disk);
        send(Harness.configRequest(ConfigCommand.READ, ""));
        send(Harness.ata(AtaArg.identify()));
        sim.runUntilIdle(100);
        assertThat(received).isEmpty();
        assertThat(t.stats().dropped(DropReason.DISK_VANISHED)).isEqualTo(2);
    }

    @Test
    void diskVanishingWhileAnAnswerWaits_withholdsTheAnswer() {
        TestDisk disk = new TestDisk(1000);
        disk.latencyNanos = 10 * MS;
        AoeTarget t = target(TargetConfig.of(SHELF, SLOT), disk);
        sim.runUntilIdle(100);
        received.clear();
        send(Harness.ata(AtaArg.read48(0, 1)));
        sim.runFor(MS);
        disk.vanished = true;
        sim.runUntilIdle(100);
        assertThat(received).isEmpty();
        assertThat(t.stats().answersWithheld()).isEqualTo(1);
        assertThat(events(FrameEvent.Kind.DROPPED)).anyMatch(e -> e.cause().contains("vanished"));
    }

    @Test
    void answers_areTracedAnsweredNamingTheRequestAsParent() {
        target(TargetConfig.of(SHELF, SLOT), new TestDisk(1000));
        sim.runUntilIdle(100);
        long requestId = send(Harness.ata(AtaArg.identify()));
        sim.runUntilIdle(100);
        List<FrameEvent> answered = events(FrameEvent.Kind.ANSWERED);
        assertThat(answered).hasSize(1);
        FrameEvent a = answered.get(0);
        assertThat(a.parentId()).isEqualTo(requestId);
        assertThat(a.place()).isEqualTo("e3.1");
        assertThat(events(FrameEvent.Kind.SENT)).anyMatch(s -> s.frameId() == a.frameId() && s.parentId() == requestId);
    }

    @Test
    void drops_areTracedWithTheirCause() {
        target(TargetConfig.builder(SHELF, SLOT).deny(List.of(HOST)).build(), new TestDisk(1000));
        sim.runUntilIdle(100);
        long id = send(Harness.ata(AtaArg.identify()));
        sim.runUntilIdle(100);
        assertThat(events(FrameEvent.Kind.DROPPED)).anyMatch(e -> e.frameId() == id && e.place().equals("e3.1")
                && e.cause().equals("e3.1: " + DropReason.ACCESS_DENIED.cause()));
    }

    @Test
    void broadcastsForOtherTargets_areCountedButNotTraced() {
        AoeTarget t = target(TargetConfig.of(SHELF, SLOT), new TestDisk(1000));
        sim.runUntilIdle(100);
        trace.clear();
        host.send(AoeCodec.encode(Harness.broadcast(9, 9, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY), 1)), 0);
        sim.runUntilIdle(100);
        assertThat(t.stats().dropped(DropReason.NOT_ADDRESSED)).isEqualTo(1);
        assertThat(events(FrameEvent.Kind.DROPPED)).isEmpty();
    }

    @Test
    void undecodableFrames_areReportedThroughTheNic() {
        AoeTarget t = target(TargetConfig.of(SHELF, SLOT), new TestDisk(1000));
        sim.runUntilIdle(100);
        Bytes shortAta = Harness.vector("malformed/truncated-argument-ata-30-bytes.hex");
        host.send(shortAta, 0);
        sim.runUntilIdle(100);
        assertThat(t.nic().stats().undecodable()).isEqualTo(1);
        assertThat(events(FrameEvent.Kind.UNDECODABLE)).singleElement()
                .satisfies(e -> assertThat(e.cause()).startsWith("e3.1: ").contains("36"));
    }

    @Test
    void otherProtocolsBroadcasts_areDroppedButNotReportedUndecodable_whileADamagedUnicastIs() {
        AoeTarget t = target(TargetConfig.of(SHELF, SLOT), new TestDisk(1000));
        sim.runUntilIdle(100);
        Bytes arp = Harness.with(Harness.with(AoeCodec.encode(Harness.broadcast(SHELF, SLOT, AtaArg.identify(), 1)), 12, 0x08), 13, 0x06);
        host.send(arp, 0);
        Bytes damaged = Harness.with(AoeCodec.encode(Harness.ata(AtaArg.identify())), 12, 0x98);
        host.send(damaged, 0);
        sim.runUntilIdle(100);
        assertThat(t.stats().dropped(DropReason.NOT_AOE)).isEqualTo(2);
        assertThat(events(FrameEvent.Kind.UNDECODABLE)).singleElement().satisfies(e -> assertThat(e.frame()).isEqualTo(damaged));
    }

    @Test
    void jumboPort_advertises17SectorsPerFrame() {
        new AoeTarget(sim, sw, TARGET, TargetConfig.of(SHELF, SLOT), new TestDisk(1000), PortOptions.DEFAULT.withMtu(9000));
        sim.runUntilIdle(100);
        assertThat(((ConfigArg) answers().get(0).arg()).sectorCount()).isEqualTo(17);
    }

    @Test
    void answerLargerThanTheMtu_isWithheldNotSent() {
        AoeTarget t = new AoeTarget(sim, sw, TARGET, TargetConfig.builder(SHELF, SLOT).initialConfig(Bytes.repeat('c', 1024)).build(),
                new TestDisk(1000), PortOptions.DEFAULT.withMtu(576));
        sim.runUntilIdle(100);
        assertThat(received).isEmpty();
        send(Harness.configRequest(ConfigCommand.READ, ""));
        sim.runUntilIdle(100);
        assertThat(received).isEmpty();
        assertThat(t.stats().answersWithheld()).isEqualTo(1);
    }

    @Test
    void manyTargetsOnOneSwitch_eachAnswersDiscoveryWithItsOwnAddress() {
        for (int i = 0; i < 20; i++) {
            new AoeTarget(sim, sw, MacAddress.local(100 + i), TargetConfig.of(1, i), new TestDisk(100));
        }
        sim.runUntilIdle(100_000);
        assertThat(received).hasSize(20); // the announcements
        received.clear();
        host.send(AoeCodec.encode(Harness.broadcast(0xFFFF, 0xFF, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY), 0)), 0);
        sim.runUntilIdle(100_000);
        assertThat(answers()).extracting(a -> a.header().minor()).containsExactlyInAnyOrder(
                java.util.stream.IntStream.range(0, 20).boxed().toArray(Integer[]::new));
        assertThat(answers()).allMatch(a -> a.header().major() == 1 && a.dst().equals(HOST));
    }

    @Test
    void targetsSharingOneNic_answerFromTheSameMac() {
        List<AoeTarget> targets = new ArrayList<>();
        Nic shared = sw.connect("vblade-host", TARGET, f -> targets.forEach(t -> t.receive(f)));
        targets.add(new AoeTarget(sim, shared, TargetConfig.of(SHELF, 1), new TestDisk(100)));
        targets.add(new AoeTarget(sim, shared, TargetConfig.of(SHELF, 2), new TestDisk(100)));
        sim.runUntilIdle(100);
        received.clear();
        host.send(AoeCodec.encode(Harness.request(HOST, SHELF, 0xFF, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY), 3)), 0);
        sim.runUntilIdle(100);
        assertThat(answers()).extracting(a -> a.header().minor()).containsExactlyInAnyOrder(1, 2);
        assertThat(answers()).allMatch(a -> a.src().equals(TARGET));
    }

    @Test
    void sameSeedSameTrace() {
        assertThat(runRecorded()).isEqualTo(runRecorded());
    }

    private List<String> runRecorded() {
        Simulation s = new Simulation(9);
        VirtualSwitch v = new VirtualSwitch(s, "sw");
        List<String> out = new ArrayList<>();
        s.trace().subscribe(e -> out.add(e.toString()));
        Nic h = v.connect("host", HOST, f -> { });
        FaultyDisk disk = new FaultyDisk(new RamDisk(1000), s.randoms().stream("disk/e3.1"));
        disk.setLatency(Latency.exponential(2 * MS));
        new AoeTarget(s, v, TARGET, TargetConfig.of(SHELF, SLOT), disk);
        for (int i = 0; i < 10; i++) h.send(AoeCodec.encode(Harness.request(HOST, SHELF, SLOT, AtaArg.read48(i, 1), i)), 0);
        s.runUntilIdle(10_000);
        return out;
    }
}
