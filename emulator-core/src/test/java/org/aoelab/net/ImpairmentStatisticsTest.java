package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.aoelab.net.Fixture.Host;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.trace.TraceRecorder;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

/** Duplication, reordering, corruption and the rate limiter, with fixed seeds and model-derived bounds. */
class ImpairmentStatisticsTest {
    private static final long US = 1_000;
    private static final long MS = 1_000_000;

    private Fixture net;
    private Host a;
    private Host b;

    private void pair(long seed) {
        net = new Fixture(seed);
        a = net.host("host-a", 1);
        b = net.host("host-b", 2);
    }

    private Impairments out() {
        return a.nic.link().toSwitch();
    }

    private DirectionStats outStats() {
        return a.nic.link().stats().toSwitch();
    }

    @Test
    void duplicatesFivePercentOfFrames() {
        pair(31);
        out().duplicate(0.05);
        int n = 100_000;
        Fixture.sendEvery(net.sim, a, b.mac(), n, US, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        long dups = outStats().duplicated();
        // Binomial(100000, 0.05): mean 5000, sd 68.9.
        double sd = Math.sqrt(n * 0.05 * 0.95);
        assertThat((double) dups).isCloseTo(5_000, within(5 * sd));
        assertThat(b.frames).hasSize(n + (int) dups);
        // Each duplicate follows its original (no delay here), with the same bytes.
        long[] seqs = b.seqs();
        int twice = 0;
        for (int i = 1; i < seqs.length; i++) {
            assertThat(seqs[i]).isGreaterThanOrEqualTo(seqs[i - 1]);
            if (seqs[i] == seqs[i - 1]) {
                twice++;
                assertThat(b.frames.get(i)).isEqualTo(b.frames.get(i - 1));
            }
        }
        assertThat(twice).isEqualTo(dups);
        // Seed 31 gives exactly 5112 duplicates (model: 5000 +- 69).
        assertThat(dups).as("exact outcome for seed 31").isEqualTo(5_112);
    }

    @Test
    void duplicatesAreTracedWithTheirCauseAndParent() {
        pair(32);
        TraceRecorder rec = new TraceRecorder();
        net.sim.trace().subscribe(rec);
        out().duplicate(1);
        a.nic.send(Fixture.frame(b.mac(), a.mac(), 1, 60));
        net.sim.runUntilIdle(100);
        long original = rec.frames(Kind.SENT).get(0).frameId();
        assertThat(rec.frames(Kind.DUPLICATED)).singleElement().satisfies(e -> {
            assertThat(e.parentId()).isEqualTo(original);
            assertThat(e.frameId()).isNotEqualTo(original);
            assertThat(e.place()).isEqualTo("host-a->sw");
            assertThat(e.cause()).isEqualTo("duplicate 100%");
        });
        assertThat(b.frames).hasSize(2);
    }

    @Test
    void reordersAQuarterOfFramesAheadOfTheDelayLine() {
        pair(33);
        out().delay(MS).reorder(0.25, 1);
        int n = 100_000;
        Fixture.sendEvery(net.sim, a, b.mac(), n, 100 * US, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        long reordered = outStats().reordered();
        // With gap 1 each frame is reordered independently: Binomial(100000, 0.25), sd 136.9.
        assertThat((double) reordered).isCloseTo(25_000, within(5 * Math.sqrt(n * 0.25 * 0.75)));
        // At the receiver: frames that arrived while an earlier one was still in flight. Only
        // reordered frames overtake, and each does unless all ten frames sent in the millisecond
        // before it were reordered too (or it is among the first).
        boolean[] arrived = new boolean[n];
        int low = 0;
        int overtook = 0;
        for (long s : b.seqs()) {
            if (s > low) overtook++;
            arrived[(int) s] = true;
            while (low < n && arrived[low]) low++;
        }
        assertThat(b.frames).hasSize(n);
        assertThat(overtook).isBetween((int) reordered - 20, (int) reordered);
        // Seed 33 gives exactly 25,139 reordered frames (model: 25,000 +- 137).
        assertThat(reordered).as("exact outcome for seed 33").isEqualTo(25_139);
    }

    @Test
    void reorderGapFiveWithCertaintySendsEveryFifthFrameAhead() {
        pair(34);
        TraceRecorder rec = new TraceRecorder();
        net.sim.trace().subscribe(rec);
        out().delay(MS).reorder(1, 5);
        Fixture.sendEvery(net.sim, a, b.mac(), 20, 100 * US, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        assertThat(b.seqs()).containsExactly(4, 9, 0, 1, 2, 3, 14, 5, 6, 7, 8, 19, 10, 11, 12, 13, 15, 16, 17, 18);
        assertThat(rec.frames(Kind.REORDERED)).hasSize(4).first().satisfies(e -> assertThat(e.cause())
                .isEqualTo("reorder 100% gap 5: skips the delay, arrives in 0ns, ahead of 4 frames in flight"));
    }

    @Test
    void corruptionFlipsExactlyTheAskedNumberOfBitsAfterTheProtectedBytes() {
        pair(35);
        out().corrupt(1, 3, 22);
        int n = 1_000;
        Fixture.sendEvery(net.sim, a, b.mac(), n, US, 100);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        assertThat(b.frames).hasSize(n);
        for (Bytes got : b.frames) {
            Bytes sent = Fixture.frame(b.mac(), a.mac(), Fixture.seq(got), 100);
            int flipped = 0;
            for (int i = 0; i < 100; i++) {
                int diff = Integer.bitCount(got.u8(i) ^ sent.u8(i));
                if (i < 22) assertThat(diff).as("protected byte " + i).isZero();
                flipped += diff;
            }
            assertThat(flipped).isEqualTo(3);
        }
        assertThat(outStats().corrupted()).isEqualTo(n);
    }

    @Test
    void corruptsTenPercentOfFrames() {
        pair(36);
        out().corrupt(0.1, 1, 22);
        int n = 100_000;
        Fixture.sendEvery(net.sim, a, b.mac(), n, US, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        int damaged = 0;
        for (Bytes got : b.frames) {
            if (!got.equals(Fixture.frame(b.mac(), a.mac(), Fixture.seq(got), 60))) damaged++;
        }
        assertThat((double) damaged).isCloseTo(10_000, within(5 * Math.sqrt(n * 0.1 * 0.9)));
        assertThat(outStats().corrupted()).isEqualTo(damaged);
    }

    @Test
    void aCorruptedFrameThatNoLongerDecodesIsCountedAtTheReceiver() {
        net = new Fixture(37);
        TraceRecorder rec = new TraceRecorder();
        net.sim.trace().subscribe(rec);
        a = net.host("host-a", 1);
        Nic[] target = new Nic[1];
        int[] failures = {0};
        target[0] = net.sw.connect("target", org.aoelab.wire.MacAddress.local(2), frame -> {
            try {
                AoeCodec.decode(frame);
            } catch (MalformedFrameException e) {
                failures[0]++;
                target[0].undecodable(frame, e.getMessage());
            }
        });
        // Four bits flipped anywhere after the Ethernet header: in the AoE header, the ATA
        // argument or the padding, which must be zero.
        target[0].link().fromSwitch().corrupt(1, 4, 14);
        for (int i = 0; i < 200; i++) {
            AoeFrame req = AoeFrame.request(target[0].mac(), a.mac(), 1, 0, i, AtaArg.read48(i, 1));
            a.nic.send(AoeCodec.encode(req));
        }
        net.sim.runUntilIdle(Long.MAX_VALUE);
        assertThat(failures[0]).isBetween(1, 200);
        assertThat(target[0].stats().undecodable()).isEqualTo(failures[0]);
        assertThat(target[0].link().stats().fromSwitch().undecodable()).isEqualTo(failures[0]);
        List<FrameEvent> undecodable = rec.frames(Kind.UNDECODABLE, "target");
        assertThat(undecodable).hasSize(failures[0]);
        List<Long> delivered = new ArrayList<>();
        for (FrameEvent e : rec.frames(Kind.DELIVERED, "target")) delivered.add(e.frameId());
        assertThat(undecodable).allSatisfy(e -> {
            assertThat(delivered).contains(e.frameId());
            assertThat(e.cause()).isNotBlank();
        });
        assertThat(rec.frames(Kind.CORRUPTED)).hasSize(200)
                .allSatisfy(e -> assertThat(e.cause()).startsWith("corrupt 100%: flipped bit "));
    }

    @Test
    void rateLimitDeliversAtTheRateAndTailDropsWhenTheQueueIsFull() {
        pair(38);
        TraceRecorder rec = new TraceRecorder();
        net.sim.trace().subscribe(rec);
        // 10 Mbit/s with 24 bytes of overhead: a 1000-byte frame takes 1024*8 bits / 10^7 = 819.2 us.
        out().rate(10_000_000, 24).queueLimitFrames(50);
        int n = 10_000;
        long spacing = 400 * US; // offered: 1000 bytes every 400 us, about twice the rate
        Fixture.sendEvery(net.sim, a, b.mac(), n, spacing, 1000);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        long tx = 819_200;
        // The transmitter never idles, so deliveries come exactly one transmission time apart.
        List<Long> t = b.times;
        for (int i = 0; i < t.size(); i++) assertThat(t.get(i)).isEqualTo((i + 1) * tx);
        // By the last offer at T = 9999 * 400 us, floor(T / 819.2 us) = 4882 frames have left, and
        // the queue (one frame leaves at most every 819 us, one arrives every 400 us) is full: 50.
        assertThat(b.frames).hasSize(4882 + 50);
        DirectionStats s = outStats();
        assertThat(s.queueDrops()).isEqualTo(n - 4932);
        assertThat(s.queued()).isEqualTo(4931);
        double throughput = s.deliveredBytes() * 8.0 * 1024 / 1000 / (t.get(t.size() - 1) * 1e-9);
        assertThat(throughput).isCloseTo(10_000_000, within(1e-6));
        assertThat(rec.frames(Kind.QUEUED).get(0).cause()).isEqualTo("rate 10Mbit: waits 419.2us behind 1 frame (1000 bytes)");
        assertThat(rec.frames(Kind.DROPPED).get(0).cause())
                .isEqualTo("queue full (tail drop): 50 frames, 50000 bytes waiting, limit 50 frames at rate 10Mbit");
    }

    @Test
    void aByteLimitedQueueHoldsOnlyWhatFits() {
        pair(39);
        out().rate(10_000_000, 24).queueLimitBytes(5_000);
        int n = 10_000;
        Fixture.sendEvery(net.sim, a, b.mac(), n, 400 * US, 1000);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        // As above, with room for five 1000-byte frames.
        assertThat(b.frames).hasSize(4882 + 5);
        assertThat(outStats().queueDrops()).isEqualTo(n - 4887);
    }

    @Test
    void rateAndDelayAddUp() {
        pair(40);
        out().rate(1_000_000_000).delay(5 * US);
        a.nic.send(Fixture.frame(b.mac(), a.mac(), 1, 1250)); // 10,000 bits: 10 us at 1 Gbit/s
        net.sim.runUntilIdle(100);
        assertThat(b.times).containsExactly(15 * US);
    }
}
