package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

class TraceTapTest {

    private static List<Update> run(String scenario, long seed) {
        UpdateRing ring = new UpdateRing(1 << 22);
        ScenarioRunner r = new ScenarioRunner(ScenarioReader.load(scenario), seed);
        TraceTap tap = new TraceTap(ring);
        r.trace(tap);
        r.run();
        return Drain.all(ring);
    }

    @Test
    void everyFrameSentIsARowNumberedInOrderAndAnswersNameTheirRequests() {
        List<Update> all = run("basics", 1);
        List<Update.Frame> frames = Drain.of(all, Update.Frame.class);
        assertThat(frames).isNotEmpty();
        for (int i = 0; i < frames.size(); i++) assertThat(frames.get(i).seq()).isEqualTo(i + 1);
        Update.Frame first = frames.get(0);
        assertThat(first.source()).isEqualTo("t1");
        assertThat(first.destination()).isEqualTo("broadcast");
        Map<Long, Update.Frame> bySeq = new HashMap<>();
        frames.forEach(f -> bySeq.put(f.seq(), f));
        long paired = 0;
        for (Update.Frame f : frames) {
            if (f.pairSeq() == 0) continue;
            paired++;
            Update.Frame req = bySeq.get(f.pairSeq());
            assertThat(req.seq()).isLessThan(f.seq());
            assertThat(req.frame().u32(20)).as("tag of answer %d", f.seq()).isEqualTo(f.frame().u32(20));
            assertThat(req.source()).isEqualTo(f.destination());
        }
        assertThat(paired).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aTapThatNeverWaitsLeavesOutWhatDoesNotFitAndKeepsRowsDense() {
        UpdateRing ring = new UpdateRing(16);
        ScenarioRunner r = new ScenarioRunner(ScenarioReader.load("lossy-copy"), 7);
        TraceTap tap = new TraceTap(ring, true);
        r.trace(tap);
        r.build();
        r.simulation().runUntil(() -> tap.framesSent() >= 200, Long.MAX_VALUE / 4); // nobody drains: the ring fills
        assertThat(ring.size()).isEqualTo(16);
        assertThat(tap.left()).isPositive();
        assertThat(ring.producerWaits()).as("it never waited").isZero();
        List<Update.Frame> first = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(first).isNotEmpty();
        for (int i = 0; i < first.size(); i++) assertThat(first.get(i).seq()).isEqualTo(i + 1);
        long sent = tap.framesSent();
        r.simulation().runUntil(() -> tap.framesSent() > sent + 2, Long.MAX_VALUE / 4);
        List<Update.Frame> next = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(next).isNotEmpty();
        // the next row shown is the next number, with no gap for the frames left out
        assertThat(next.get(0).seq()).isEqualTo(first.size() + 1);
    }

    @Test
    void deliveriesAndLossesComeBackAsFates() {
        List<Update> all = run("lossy-copy", 7);
        List<Update.FateChange> fates = Drain.of(all, Update.FateChange.class);
        assertThat(fates).anyMatch(c -> c.bits() == Fate.DELIVERED && "t1".equals(c.deliveredTo()));
        assertThat(fates).anyMatch(c -> c.bits() == Fate.DROPPED && c.cause().startsWith("loss"));
        assertThat(fates).anyMatch(c -> c.bits() == Fate.DUPLICATED);
        assertThat(fates).anyMatch(c -> c.bits() == Fate.REORDERED);
        List<Update.Frame> frames = Drain.of(all, Update.Frame.class);
        long retransmissions = frames.stream().filter(f -> (f.fate() & Fate.RETRANSMISSION) != 0).count();
        long notes = Drain.of(all, Update.Note.class).stream().filter(n -> n.note().topic().equals("retransmit")).count();
        assertThat(retransmissions).isPositive().isEqualTo(notes);
        // every fate change names a row that exists
        long last = frames.get(frames.size() - 1).seq();
        assertThat(fates).allMatch(c -> c.seq() >= 1 && c.seq() <= last);
    }

    @Test
    void lockBeliefsAreHandedOverAsNotes() {
        List<Update> all = run("lock-race-naive", 1);
        assertThat(Drain.of(all, Update.Note.class)).extracting(n -> n.note().topic())
                .contains("lock.attempt", "lock.hold", "lock.release");
    }

    @Test
    void aStoppedTapHandsNothingOver() {
        UpdateRing ring = new UpdateRing(1 << 16);
        ScenarioRunner r = new ScenarioRunner(ScenarioReader.load("basics"), 1);
        TraceTap tap = new TraceTap(ring);
        r.trace(tap);
        tap.stop();
        r.run();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(tap.framesSent()).isZero();
    }
}
