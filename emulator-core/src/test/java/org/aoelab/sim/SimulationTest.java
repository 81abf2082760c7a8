package org.aoelab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.aoelab.trace.TimerEvent;
import org.aoelab.trace.TraceRecorder;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private final Simulation sim = new Simulation(1);
    private final List<String> log = new ArrayList<>();

    @Test
    void runsEventsByTimeThenBySchedulingOrder() {
        sim.schedule(30, () -> log.add("c@30"));
        sim.schedule(10, () -> log.add("a@10"));
        sim.schedule(10, () -> log.add("b@10"));
        sim.schedule(0, () -> log.add("z@0"));

        assertThat(sim.runUntilIdle(100)).isEqualTo(4);
        assertThat(log).containsExactly("z@0", "a@10", "b@10", "c@30");
        assertThat(sim.now()).isEqualTo(30);
    }

    @Test
    void eventsScheduledForNowFromInsideAnEventRunAfterThoseAlreadyDue() {
        sim.schedule(5, () -> {
            log.add("first");
            sim.schedule(0, () -> log.add("third"));
        });
        sim.schedule(5, () -> log.add("second"));
        sim.runUntilIdle(10);
        assertThat(log).containsExactly("first", "second", "third");
    }

    @Test
    void cancelledTimersDoNotRun() {
        Timer t = sim.schedule(10, () -> log.add("cancelled"));
        sim.schedule(20, () -> log.add("kept"));
        assertThat(t.isPending()).isTrue();
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).isFalse();
        assertThat(t.isPending()).isFalse();
        sim.runUntilIdle(10);
        assertThat(log).containsExactly("kept");
        assertThat(t.time()).isEqualTo(10);
    }

    @Test
    void aTimerThatRanCannotBeCancelled() {
        Timer t = sim.schedule(1, () -> log.add("ran"));
        sim.step();
        assertThat(t.isPending()).isFalse();
        assertThat(t.cancel()).isFalse();
    }

    @Test
    void alarmsMoveWhenSetAgainAndCanBeReused() {
        Alarm alarm = sim.alarm(() -> log.add("alarm@" + sim.now()));
        alarm.setAt(100);
        alarm.setAt(50);
        sim.schedule(70, () -> alarm.setAfter(5));
        sim.runUntilIdle(10);
        assertThat(log).containsExactly("alarm@50", "alarm@75");
        assertThat(alarm.isPending()).isFalse();
        alarm.setAfter(1);
        assertThat(alarm.cancel()).isTrue();
        sim.runUntilIdle(10);
        assertThat(log).hasSize(2);
    }

    @Test
    void runForStopsAtTheHorizonAndMovesTheClockThere() {
        sim.schedule(10, () -> log.add("10"));
        sim.schedule(20, () -> log.add("20"));
        sim.schedule(21, () -> log.add("21"));
        sim.runFor(20);
        assertThat(log).containsExactly("10", "20");
        assertThat(sim.now()).isEqualTo(20);
        sim.runFor(100);
        assertThat(log).containsExactly("10", "20", "21");
        assertThat(sim.now()).isEqualTo(120);
    }

    @Test
    void runUntilStopsWhenTheConditionHolds() {
        int[] count = {0};
        Runnable[] body = new Runnable[1];
        Alarm ticker = sim.alarm(() -> body[0].run());
        body[0] = () -> {
            count[0]++;
            ticker.setAfter(10);
        };
        ticker.setAt(0);

        assertThat(sim.runUntil(() -> count[0] == 5, 1_000)).isTrue();
        assertThat(sim.now()).isEqualTo(40);
        assertThat(sim.runUntil(() -> count[0] == 1_000, 100)).isFalse();
        assertThat(sim.now()).isEqualTo(140);
        assertThat(count[0]).isEqualTo(15);
    }

    @Test
    void runUntilIdleStopsAtTheEventLimit() {
        for (int i = 0; i < 10; i++) sim.schedule(i, () -> { });
        assertThat(sim.runUntilIdle(3)).isEqualTo(3);
        assertThat(sim.pending()).isEqualTo(7);
        assertThat(sim.nextEventTime()).isEqualTo(3);
        assertThat(sim.runUntilIdle(100)).isEqualTo(7);
        assertThat(sim.step()).isFalse();
        assertThat(sim.nextEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(sim.eventsRun()).isEqualTo(10);
    }

    @Test
    void labelledTimersAreTracedWhenTheyFire() {
        TraceRecorder rec = new TraceRecorder();
        sim.trace().subscribe(rec);
        sim.schedule(7, "host-a", "retransmit tag 7", () -> log.add("fired"));
        sim.schedule(3, () -> log.add("silent"));
        sim.runUntilIdle(10);
        assertThat(rec.events()).containsExactly(new TimerEvent(7, "host-a", "retransmit tag 7"));
    }

    @Test
    void idsAreFreshAndPositive() {
        long a = sim.nextId();
        long b = sim.nextId();
        assertThat(a).isPositive();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void refusesTimesInThePastAndNegativeDelays() {
        sim.runFor(100);
        assertThatThrownBy(() -> sim.scheduleAt(99, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time is 99 ns").hasMessageContaining("now (100 ns) or later");
        assertThatThrownBy(() -> sim.schedule(-1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay is -1 ns, expected 0 or more");
        assertThatThrownBy(() -> sim.runFor(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delay is -5 ns");
        assertThatThrownBy(() -> sim.alarm(() -> { }).setAt(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time is 3 ns");
        assertThatThrownBy(() -> sim.schedule(1, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action is missing");
    }

    @Test
    void refusesToRunTheLoopFromInsideAnEvent() {
        sim.schedule(1, () -> sim.step());
        assertThatThrownBy(() -> sim.step()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running an event");
        // The loop is usable again afterwards.
        sim.schedule(1, () -> log.add("ok"));
        sim.runUntilIdle(10);
        assertThat(log).containsExactly("ok");
    }

    @Test
    void longDelaysSaturateInsteadOfOverflowing() {
        sim.runFor(10);
        Timer t = sim.schedule(Long.MAX_VALUE, () -> { });
        assertThat(t.time()).isEqualTo(Long.MAX_VALUE);
    }

    /** The heap against a sorted map: random schedules and cancels, seeded. */
    @Test
    void heapAgreesWithASortedModelUnderRandomSchedulingAndCancelling() {
        RandomGenerator rnd = new Well512a(20240601);
        TreeMap<long[], Integer> model = new TreeMap<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        List<Timer> timers = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        List<Integer> ran = new ArrayList<>();
        long seq = 0;
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            long delay = rnd.nextInt(1_000);
            Timer t = sim.schedule(delay, () -> ran.add(n));
            long[] key = {sim.now() + delay, seq++};
            model.put(key, n);
            timers.add(t);
            keys.add(key);
            if (rnd.nextInt(4) == 0) {
                int victim = rnd.nextInt(timers.size());
                if (timers.get(victim).cancel()) model.remove(keys.get(victim));
            }
            if (rnd.nextInt(3) == 0) {
                int steps = rnd.nextInt(5);
                for (int s = 0; s < steps && sim.step(); s++) {
                    model.pollFirstEntry();
                }
            }
        }
        List<Integer> expected = new ArrayList<>(ran);
        expected.addAll(model.values());
        sim.runUntilIdle(Long.MAX_VALUE);
        assertThat(ran).isEqualTo(expected);
    }
}
