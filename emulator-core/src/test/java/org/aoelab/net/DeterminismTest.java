package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.aoelab.net.Fixture.Host;
import org.aoelab.sim.Alarm;
import org.aoelab.sim.Simulation;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.TraceDigest;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The same topology, traffic and seed give the same trace, frame for frame; another seed gives
 * another trace. The scenario uses every impairment, a link flap and a partition.
 */
class DeterminismTest {
    private static final long US = 1_000;
    private static final long MS = 1_000_000;

    /** Outcome of one run: the trace digest, what each host received, and which kinds of event occurred. */
    record Run(String digest, long events, List<List<Bytes>> received, Set<FrameEvent.Kind> kinds) {
    }

    static Run run(long seed, boolean traced) {
        Fixture net = new Fixture(seed);
        TraceDigest digest = new TraceDigest();
        Set<FrameEvent.Kind> kinds = EnumSet.noneOf(FrameEvent.Kind.class);
        if (traced) {
            net.sim.trace().subscribe(digest);
            net.sim.trace().subscribe(e -> {
                if (e instanceof FrameEvent f) kinds.add(f.kind());
            });
        }
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 5; i++) hosts.add(net.host("host-" + (char) ('a' + i), i + 1));
        Impairments[] dirs = {
            hosts.get(0).nic.link().toSwitch(), hosts.get(1).nic.link().fromSwitch(),
            hosts.get(2).nic.link().toSwitch(), hosts.get(3).nic.link().fromSwitch(),
            hosts.get(4).nic.link().toSwitch()};
        dirs[0].loss(LossModel.gilbertElliott(0.05, 0.3, 0.9, 0.01)).delay(100 * US, 30 * US, 0.3, DelayDistribution.NORMAL);
        dirs[1].duplicate(0.05).reorder(0.2, 3).delay(50 * US, 10 * US, 0, DelayDistribution.PARETO);
        dirs[2].corrupt(0.05, 2, 14).rate(50_000_000, 24).queueLimitFrames(8);
        dirs[3].loss(LossModel.fourState(0.02, 0.3, 0.2, 0.4, 0.01)).delay(20 * US, 5 * US, 0.5, DelayDistribution.PARETO_NORMAL);
        dirs[4].loss(0.03).delay(10 * US, 10 * US).rate(100_000_000).queueLimitBytes(6_000);
        hosts.get(1).nic.link().setUpAt(20 * MS, false);
        hosts.get(1).nic.link().setUpAt(25 * MS, true);
        net.sw.partitionAt(30 * MS, Set.of(hosts.get(0).nic.port()), Set.of(hosts.get(2).nic.port(), hosts.get(3).nic.port()));
        net.sw.healAt(40 * MS);

        for (Host h : hosts) traffic(net.sim, h, hosts);
        net.sim.runFor(50 * MS);
        List<List<Bytes>> received = new ArrayList<>();
        for (Host h : hosts) received.add(List.copyOf(h.frames));
        return new Run(digest.hex(), digest.events(), received, kinds);
    }

    /** Each host sends to a random other host (one in ten to everyone) at exponential intervals, mean 20 us. */
    private static void traffic(Simulation sim, Host from, List<Host> hosts) {
        RandomGenerator rng = sim.randoms().stream("traffic/" + from.nic.name());
        ExponentialDistribution gaps = new ExponentialDistribution(rng, 20 * US);
        long[] seq = {0};
        Alarm[] alarm = new Alarm[1];
        alarm[0] = sim.alarm(() -> {
            MacAddress to = rng.nextInt(10) == 0 ? MacAddress.BROADCAST : hosts.get(rng.nextInt(hosts.size())).mac();
            if (!to.equals(from.mac())) from.nic.send(Fixture.frame(to, from.mac(), seq[0]++, 60 + rng.nextInt(1400)));
            alarm[0].setAfter((long) gaps.sample());
        });
        alarm[0].setAfter((long) gaps.sample());
    }

    @Test
    void sameSeedGivesTheSameTraceAndAnotherSeedAnotherOne() {
        Run first = run(42, true);
        Run again = run(42, true);
        Run other = run(43, true);
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(again.received()).isEqualTo(first.received());
        assertThat(other.digest()).isNotEqualTo(first.digest());
        // The run exercised the whole machinery.
        assertThat(first.events()).isGreaterThan(20_000);
        assertThat(first.kinds()).containsAll(EnumSet.of(FrameEvent.Kind.SENT, FrameEvent.Kind.DROPPED, FrameEvent.Kind.DUPLICATED,
                FrameEvent.Kind.CORRUPTED, FrameEvent.Kind.REORDERED, FrameEvent.Kind.QUEUED, FrameEvent.Kind.FORWARDED,
                FrameEvent.Kind.FLOODED, FrameEvent.Kind.DELIVERED));
    }

    @Test
    void watchingTheTraceDoesNotChangeWhatHappens() {
        assertThat(run(42, false).received()).isEqualTo(run(42, true).received());
    }

    @Test
    void addingALinkDoesNotChangeWhichFramesAnotherLinkLoses() {
        List<Long> alone = lossesOfAToB(false);
        List<Long> crowded = lossesOfAToB(true);
        assertThat(crowded).isEqualTo(alone).isNotEmpty();
    }

    private static List<Long> lossesOfAToB(boolean withNeighbour) {
        Fixture net = new Fixture(5);
        Host a = net.host("host-a", 1);
        Host b = net.host("host-b", 2);
        a.nic.link().toSwitch().loss(0.3);
        if (withNeighbour) {
            Host c = net.host("host-c", 3);
            c.nic.link().toSwitch().loss(0.5).duplicate(0.5);
            Fixture.sendEvery(net.sim, c, MacAddress.local(99), 1_000, US, 60);
        }
        Fixture.sendEvery(net.sim, a, b.mac(), 1_000, US, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        List<Long> lost = new ArrayList<>();
        boolean[] got = new boolean[1_000];
        for (long s : b.seqs()) got[(int) s] = true;
        for (int i = 0; i < got.length; i++) if (!got[i]) lost.add((long) i);
        return lost;
    }
}
