package org.aoelab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;

class LockMonitorTest {

    private static final long MS = 1_000_000L;
    private final LockMonitor monitor = new LockMonitor(5_000 * MS, 60_000 * MS);

    private void note(long t, String who, String topic) {
        monitor.accept(new NoteEvent(t, who, topic, "e1.0"));
    }

    /** The target's answer carrying its config string, as sent (traced SENT at the target). */
    private void targetSays(long t, String string) {
        MacAddress target = MacAddress.of(0x020000010001L);
        AoeFrame req = AoeFrame.request(target, MacAddress.of(0x020000020001L), 1, 0, 7,
                ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
        AoeFrame answer = req.answer(target, 1, 0, ConfigArg.response(16, 0x4019, 2, 0, Bytes.ofUtf8(string)));
        monitor.accept(new FrameEvent(t, FrameEvent.Kind.SENT, "t1", t + 1, 0, AoeCodec.encode(answer), null));
    }

    @Test
    void twoBelieversAtOnceViolateMutualExclusionNamingBoth() {
        note(1 * MS, "h1", LockClient.TOPIC_ATTEMPT);
        note(1 * MS, "h2", LockClient.TOPIC_ATTEMPT);
        targetSays(2 * MS, "lock h1");
        note(3 * MS, "h1", LockClient.TOPIC_HOLD);
        targetSays(3 * MS, "lock h2");
        note(4 * MS, "h2", LockClient.TOPIC_HOLD);
        LockReport r = monitor.report(10 * MS);
        assertThat(r.holds(LockReport.Property.MUTUAL_EXCLUSION)).isFalse();
        LockReport.Violation v = r.firstViolation();
        assertThat(v.property()).isEqualTo(LockReport.Property.MUTUAL_EXCLUSION);
        assertThat(v.time()).isEqualTo(4 * MS);
        assertThat(v.initiators()).containsExactly("h1", "h2");
        assertThat(v.frames()).isNotEmpty().anyMatch(f -> f.contains("lock h2"));
    }

    @Test
    void aSecondBelieverIsSeenAsItHappensButAWaitOnlyWhenJudged() {
        note(1 * MS, "h1", LockClient.TOPIC_ATTEMPT);
        note(1 * MS, "h2", LockClient.TOPIC_ATTEMPT);
        note(2 * MS, "h1", LockClient.TOPIC_HOLD);
        assertThat(monitor.violated(LockReport.Property.MUTUAL_EXCLUSION)).isFalse();
        note(3 * MS, "h2", LockClient.TOPIC_HOLD);
        assertThat(monitor.violated(LockReport.Property.MUTUAL_EXCLUSION)).isTrue();
        assertThat(monitor.violated(LockReport.Property.NO_ORPHAN)).isFalse();
        note(4 * MS, "h3", LockClient.TOPIC_ATTEMPT);
        assertThat(monitor.report(100_000 * MS).holds(LockReport.Property.PROGRESS)).isFalse();
        assertThat(monitor.violated(LockReport.Property.PROGRESS)).isFalse(); // judged at report time only
    }

    @Test
    void anOrphanThatEndsLateIsSeenWhenItEnds() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(1 * MS, "lock h1");
        note(2 * MS, "h1", LockClient.TOPIC_CONFLICT);
        targetSays(4_000 * MS, "");
        assertThat(monitor.violated(LockReport.Property.NO_ORPHAN)).isFalse(); // within the 5 s bound
        note(5_000 * MS, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(5_001 * MS, "lock h1");
        note(5_002 * MS, "h1", LockClient.TOPIC_CONFLICT);
        targetSays(11_000 * MS, "");
        assertThat(monitor.violated(LockReport.Property.NO_ORPHAN)).isTrue();
    }

    @Test
    void handOverWithoutOverlapHoldsAndIsDrawnAsATimeline() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(1 * MS, "lock h1");
        note(2 * MS, "h1", LockClient.TOPIC_HOLD);
        note(0, "h2", LockClient.TOPIC_ATTEMPT);
        note(3 * MS, "h2", LockClient.TOPIC_CONFLICT);
        note(10 * MS, "h1", LockClient.TOPIC_RELEASE);
        targetSays(11 * MS, "");
        targetSays(12 * MS, "lock h2");
        note(13 * MS, "h2", LockClient.TOPIC_HOLD);
        note(20 * MS, "h2", LockClient.TOPIC_RELEASE);
        targetSays(21 * MS, "");
        LockReport r = monitor.report(30 * MS);
        assertThat(r.violations()).isEmpty();
        LockReport.TargetLocks t = r.targets().get(0);
        assertThat(t.timeline()).containsExactly(new LockReport.Holding("h1", 2 * MS, 10 * MS),
                new LockReport.Holding("h2", 13 * MS, 20 * MS));
        assertThat(t.attempts()).isEqualTo(2);
        assertThat(t.conflicts()).isEqualTo(1);
        assertThat(t.acquisitionLatency().getValues()).containsExactly(2.0 * MS, 13.0 * MS);
        assertThat(t.holdTimes().getMean()).isEqualTo(7.5 * MS);
    }

    @Test
    void aStringNobodyBelievesInBeyondTheBoundIsAnOrphan() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(1 * MS, "lock h1");
        note(2 * MS, "h1", LockClient.TOPIC_CONFLICT); // h1 thinks it lost, yet the string is its own
        LockReport shortRun = monitor.report(4_000 * MS);
        assertThat(shortRun.holds(LockReport.Property.NO_ORPHAN)).isTrue();
        LockReport r = monitor.report(6_000 * MS);
        assertThat(r.holds(LockReport.Property.NO_ORPHAN)).isFalse();
        assertThat(r.firstViolation().time()).isEqualTo(2 * MS); // from the moment h1 gave up, not from the set
        assertThat(r.firstViolation().explanation()).contains("lock h1");
    }

    @Test
    void aShortGapBetweenSetAndBeliefIsNoOrphan() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(1 * MS, "lock h1");
        note(2 * MS, "h1", LockClient.TOPIC_HOLD);
        note(100 * MS, "h1", LockClient.TOPIC_RELEASE);
        targetSays(101 * MS, "");
        assertThat(monitor.report(100_000 * MS).violations()).isEmpty();
    }

    @Test
    void anInitiatorWaitingBeyondTheProgressBoundIsReported() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        note(10 * MS, "h1", LockClient.TOPIC_CONFLICT);
        LockReport r = monitor.report(61_000 * MS);
        assertThat(r.holds(LockReport.Property.PROGRESS)).isFalse();
        assertThat(r.firstViolation().initiators()).containsExactly("h1");
    }

    @Test
    void badBoundsAreRefused() {
        assertThatThrownBy(() -> new LockMonitor(0, 1)).hasMessageContaining("orphan 0");
    }

    @Test
    void aReleaseStillUnderWayIsNoOrphanButOneThatEndedWithTheStringStillSetIs() {
        note(0, "h1", LockClient.TOPIC_ATTEMPT);
        targetSays(1 * MS, "lock h1");
        note(2 * MS, "h1", LockClient.TOPIC_HOLD);
        note(10 * MS, "h1", LockClient.TOPIC_RELEASE); // its force-set "" is slow to get through
        assertThat(monitor.report(9_000 * MS).holds(LockReport.Property.NO_ORPHAN)).isTrue();
        note(9_000 * MS, "h1", LockClient.TOPIC_RELEASED); // gave up: the string stays
        assertThat(monitor.report(13_000 * MS).holds(LockReport.Property.NO_ORPHAN)).isTrue();
        LockReport r = monitor.report(15_000 * MS);
        assertThat(r.holds(LockReport.Property.NO_ORPHAN)).isFalse();
        assertThat(r.firstViolation().time()).isEqualTo(9_000 * MS);
    }

    @Test
    void theOwnerIsNamedByTheLockString() {
        assertThat(LockMonitor.ownerOf(Bytes.ofUtf8("lock h7"))).isEqualTo("h7");
        assertThat(LockMonitor.ownerOf(Bytes.ofUtf8("lock h7 until 123"))).isEqualTo("h7");
        assertThat(LockMonitor.ownerOf(Bytes.ofUtf8("something else"))).isNull();
    }
}
