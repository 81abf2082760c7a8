package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aoelab.trace.NoteEvent;
import org.aoelab.trace.TraceRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Out-of-range impairments are refused with a message naming the parameter and the allowed range. */
class ImpairmentsValidationTest {
    private Impairments imp;
    private Fixture net;

    @BeforeEach
    void setUp() {
        net = new Fixture(1);
        imp = net.host("host-a", 1).nic.link().toSwitch();
    }

    private static void refused(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void probabilitiesMustLieBetweenZeroAndOne() {
        refused(() -> imp.loss(-0.1), "random loss p is -0.1, expected 0 to 1");
        refused(() -> imp.loss(1.5), "random loss p is 1.5, expected 0 to 1");
        refused(() -> imp.loss(Double.NaN), "random loss p is NaN, expected 0 to 1");
        refused(() -> imp.duplicate(2), "duplicate probability is 2.0, expected 0 to 1");
        refused(() -> imp.reorder(-1, 1), "reorder probability is -1.0, expected 0 to 1");
        refused(() -> imp.corrupt(1.01), "corrupt probability is 1.01, expected 0 to 1");
        refused(() -> imp.delay(0, 10, 1.2, DelayDistribution.NORMAL), "jitter correlation is 1.2, expected 0 to 1");
    }

    @Test
    void lossModelParametersAreNamedAsNetemNamesThem() {
        refused(() -> LossModel.gilbertElliott(0.1, -0.2, 1, 0), "Gilbert-Elliott r (bad to good) is -0.2, expected 0 to 1");
        refused(() -> LossModel.gilbertElliott(1.1, 0.2, 1, 0), "Gilbert-Elliott p (good to bad) is 1.1, expected 0 to 1");
        refused(() -> LossModel.gilbertElliott(0.1, 0.2, 2, 0), "Gilbert-Elliott 1-h (loss in the bad state) is 2.0, expected 0 to 1");
        refused(() -> LossModel.gilbertElliott(0.1, 0.2, 1, -1), "Gilbert-Elliott 1-k (loss in the good state) is -1.0, expected 0 to 1");
        refused(() -> LossModel.fourState(0.1, 0.1, 0.1, 0.1, 1.5), "4-state p14 is 1.5, expected 0 to 1");
        refused(() -> LossModel.fourState(0.6, 0.1, 0.1, 0.1, 0.5),
                "4-state p13 + p14 is 1.1, expected 0 to 1 (both leave state 1)");
        refused(() -> LossModel.fourState(0.1, 0.7, 0.4, 0.1, 0.1),
                "4-state p31 + p32 is 1.1, expected 0 to 1 (both leave state 3)");
        refused(() -> imp.loss((LossModel) null), "loss model is missing");
    }

    @Test
    void timesAndSizesHaveTheirRanges() {
        refused(() -> imp.delay(-1), "delay is -1 ns, expected 0 ns to 3600000000000 ns");
        refused(() -> imp.delay(0, 3_600_000_000_001L), "jitter is 3600000000001 ns, expected 0 ns to 3600000000000 ns");
        refused(() -> imp.delay(1, 1, 0, null), "delay distribution is missing");
        refused(() -> imp.reorder(0.5, 0), "reorder gap is 0, expected 1 to 1000000");
        refused(() -> imp.corrupt(0.5, 0, 0), "corrupt bits is 0, expected 1 to 64");
        refused(() -> imp.corrupt(0.5, 65, 0), "corrupt bits is 65, expected 1 to 64");
        refused(() -> imp.corrupt(0.5, 1, -1), "corrupt from byte is -1, expected 0 to 9018");
        refused(() -> imp.rate(-1), "rate is -1 bit/s, expected 0 bit/s to 1000000000000 bit/s");
        refused(() -> imp.rate(1000, 2000), "rate overhead is 2000 bytes, expected 0 bytes to 1024 bytes");
        refused(() -> imp.queueLimitFrames(0), "queue limit is 0 frames, expected 1 frames to 10000000 frames");
        refused(() -> imp.queueLimitBytes(-5), "queue limit is -5 bytes, expected 0 bytes to 1000000000000 bytes");
    }

    @Test
    void aRefusedValueLeavesTheSettingsAsTheyWere() {
        imp.loss(0.2).delay(5, 2);
        refused(() -> imp.delay(-3, 1), "delay is -3 ns, expected 0 ns to 3600000000000 ns");
        assertThat(imp.delayNanos()).isEqualTo(5);
        assertThat(imp.jitterNanos()).isEqualTo(2);
        assertThat(imp.lossModel()).isEqualTo(LossModel.bernoulli(0.2));
    }

    @Test
    void settingsReadBackAndDescribeThemselvesInNetemsWords() {
        assertThat(imp.isNone()).isTrue();
        assertThat(imp.toString()).isEqualTo("none");
        imp.delay(10_000_000, 1_000_000, 0.25, DelayDistribution.NORMAL).loss(LossModel.gilbert(0.01, 0.25))
                .duplicate(0.001).reorder(0.25, 5).corrupt(0.005).rate(10_000_000, 24).queueLimitFrames(100);
        assertThat(imp.toString()).isEqualTo("delay 10ms 1ms 25% distribution normal loss gemodel p 1% r 25% 1-h 100% 1-k 0%"
                + " duplicate 0.1% reorder 25% gap 5 corrupt 0.5% rate 10Mbit overhead 24 limit 100");
        Impairments back = net.host("host-b", 2).nic.link().fromSwitch();
        back.copyFrom(imp);
        assertThat(back.toString()).isEqualTo(imp.toString());
        assertThat(back.reorderGap()).isEqualTo(5);
        imp.clear();
        assertThat(imp.isNone()).isTrue();
        assertThat(imp.queueLimitFrames()).isEqualTo(Impairments.DEFAULT_QUEUE_FRAMES);
    }

    @Test
    void describesProbabilitiesAndTimesShortly() {
        assertThat(LossModel.bernoulli(0.07)).hasToString("random 7%");
        assertThat(LossModel.bernoulli(0.0005)).hasToString("random 0.05%");
        assertThat(LossModel.NONE).hasToString("no loss");
        assertThat(imp.delay(1_500, 250).toString()).isEqualTo("delay 1.5us 250ns");
        assertThat(imp.delay(2_000_000_000L).rate(1_500_000_000L).toString()).isEqualTo("delay 2s rate 1.5Gbit limit 1000");
    }

    @Test
    void changesAreTracedAsNotes() {
        TraceRecorder rec = new TraceRecorder();
        net.sim.trace().subscribe(rec);
        imp.loss(0.1);
        assertThat(rec.ofType(NoteEvent.class)).containsExactly(new NoteEvent(0, "host-a->sw", "impairments", "loss random 10%"));
    }
}
