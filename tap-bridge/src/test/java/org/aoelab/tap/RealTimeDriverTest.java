package org.aoelab.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.aoelab.sim.Simulation;
import org.junit.jupiter.api.Test;

class RealTimeDriverTest {
    private static final long MS = 1_000_000L;
    private static final long START = 5_000_000_000L;

    private final Simulation sim = new Simulation(1);
    private final ManualWallClock clock = new ManualWallClock(START);
    private final RealTimeDriver driver = new RealTimeDriver(sim, 4, clock);

    @Test
    void eventsRunAtTheirWallTimes() throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        for (long t : new long[] {1 * MS, 3 * MS, 3 * MS, 10 * MS}) {
            sim.scheduleAt(t, () -> seen.add(clock.nanos() - START));
        }
        driver.run(20 * MS);
        assertThat(seen).containsExactly(1 * MS, 3 * MS, 3 * MS, 10 * MS);
        assertThat(sim.now()).isEqualTo(20 * MS);
        assertThat(clock.nanos()).isEqualTo(START + 20 * MS);
        assertThat(driver.maxLagNanos()).isZero();
    }

    @Test
    void busyEventsMakeLaterOnesLateAndTheLagIsReported() throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        sim.scheduleAt(1 * MS, () -> clock.advance(5 * MS)); // an event that takes 5 ms of wall time
        sim.scheduleAt(2 * MS, () -> seen.add(clock.nanos() - START));
        sim.scheduleAt(9 * MS, () -> seen.add(clock.nanos() - START));
        driver.run(10 * MS);
        assertThat(seen).containsExactly(6 * MS, 9 * MS); // late, then back on time: nothing is shifted
        assertThat(driver.maxLagNanos()).isEqualTo(4 * MS);
        assertThat(driver.lagNanos()).isZero();
    }

    @Test
    void postedTasksRunInsideTheLoopInOrderAtTheWallTime() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        clock.advance(0);
        assertThat(driver.post(() -> seen.add("a " + sim.now() + " " + driver.inLoop()))).isTrue();
        assertThat(driver.post(() -> seen.add("b " + sim.now()))).isTrue();
        sim.scheduleAt(2 * MS, () -> driver.post(() -> seen.add("c " + sim.now())));
        driver.run(5 * MS);
        assertThat(seen).containsExactly("a 0 true", "b 0", "c " + 2 * MS);
        assertThat(driver.tasksRun()).isEqualTo(3);
        assertThat(driver.inLoop()).isFalse();
    }

    @Test
    void whatTheWaiterReadsOnTheLoopDoesNotWakeTheLoopButPostsFromOtherThreadsDo() throws Exception {
        // A waiter that "reads" one frame per wait on the loop thread and posts it, as TapBridge's
        // inline reader does: a wake-up for that would cost the next wait a system call for nothing.
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        List<String> seen = new ArrayList<>();
        CompletableFuture<Void> outsidePosted = new CompletableFuture<>();
        driver.useWaiter(new RealTimeDriver.Waiter() {
            int reads;

            @Override
            public void await(long deadlineNanos) throws InterruptedException {
                int n = ++reads;
                if (n <= 3) {
                    driver.post(() -> seen.add("frame " + n));
                } else if (n == 4) {
                    Thread t = new Thread(() -> driver.post(() -> {
                        seen.add("from outside");
                        driver.stop();
                    }));
                    t.start();
                    t.join();
                    outsidePosted.complete(null);
                } else {
                    clock.advance(Math.max(0, deadlineNanos - clock.nanos()));
                }
            }

            @Override
            public void wake() {
                wakes.incrementAndGet();
            }
        });
        clock.advance(0);
        driver.run(0);
        assertThat(seen).containsExactly("frame 1", "frame 2", "frame 3", "from outside");
        assertThat(outsidePosted).isDone();
        // the outside post woke the waiter once; stop() wakes it once more
        assertThat(wakes.get()).isEqualTo(2);
    }

    @Test
    void theWaiterIsGivenTheNextEventsWallTimeOrNoDeadlineWhenNothingIsDue() throws Exception {
        List<Long> deadlines = new ArrayList<>();
        sim.scheduleAt(3 * MS, () -> { });
        driver.useWaiter(new RealTimeDriver.Waiter() {
            @Override
            public void await(long deadlineNanos) {
                deadlines.add(deadlineNanos);
                if (deadlineNanos == NO_DEADLINE) {
                    driver.post(driver::stop); // what another thread's post would do: end the wait
                } else {
                    clock.advance(deadlineNanos - clock.nanos());
                }
            }

            @Override
            public void wake() {
            }
        });
        driver.run(0);
        assertThat(deadlines).containsExactly(START + 3 * MS, RealTimeDriver.Waiter.NO_DEADLINE);
    }

    @Test
    void aFullInboxShedsTasksAndCountsThem() {
        for (int i = 0; i < 4; i++) {
            assertThat(driver.post(() -> { })).isTrue();
        }
        assertThat(driver.post(() -> { })).isFalse();
        assertThat(driver.post(() -> { })).isFalse();
        assertThat(driver.shed()).isEqualTo(2);
        assertThat(driver.inboxSize()).isEqualTo(4);
    }

    @Test
    void stopEndsTheLoopWithoutALimit() throws InterruptedException {
        sim.scheduleAt(7 * MS, driver::stop);
        sim.scheduleAt(8 * MS, () -> {
            throw new AssertionError("ran after stop");
        });
        driver.run(0);
        assertThat(sim.now()).isEqualTo(7 * MS);
        assertThat(driver.isRunning()).isFalse();
    }

    @Test
    void callCompletesWhenTheOperationAnswersFromALaterEvent() throws Exception {
        CompletableFuture<String> f = driver.call(cb -> sim.schedule(2 * MS, () -> cb.accept("at " + sim.now())));
        driver.run(5 * MS);
        assertThat(f.get(0, TimeUnit.SECONDS)).isEqualTo("at " + 2 * MS);
    }

    @Test
    void callFailsAtOnceWhenTheInboxIsFull() {
        for (int i = 0; i < 4; i++) driver.post(() -> { });
        CompletableFuture<Object> f = driver.call(cb -> cb.accept("never"));
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void anOperationThatThrowsFailsItsFuture() throws InterruptedException {
        CompletableFuture<Object> f = driver.call(cb -> {
            throw new IllegalStateException("boom");
        });
        driver.run(MS);
        assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
    }

    @Test
    void simulatedTimeContinuesFromWhereTheSimulationIs() throws InterruptedException {
        sim.runFor(100 * MS);
        List<Long> seen = new ArrayList<>();
        sim.scheduleAt(101 * MS, () -> seen.add(clock.nanos() - START));
        driver.run(2 * MS);
        assertThat(seen).containsExactly(1 * MS);
        assertThat(driver.originNanos()).isEqualTo(START - 100 * MS);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new RealTimeDriver(sim, 0, clock)).hasMessageContaining("inbox capacity is 0");
        assertThatThrownBy(() -> new RealTimeDriver(null, 1, clock)).hasMessageContaining("simulation");
        assertThatThrownBy(() -> driver.run(-1)).hasMessageContaining("limit is -1");
        assertThatThrownBy(() -> WallClock.system(-5)).hasMessageContaining("spin time is -5");
    }

    @Test
    void onTheSystemClockEventsNeverRunEarlyAndTasksFromOtherThreadsGetIn() throws Exception {
        RealTimeDriver real = new RealTimeDriver(sim, 16);
        List<long[]> seen = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            long t = i * MS;
            sim.scheduleAt(t, () -> seen.add(new long[] {t, real.wallTime()}));
        }
        CompletableFuture<Long> fromOutside = new CompletableFuture<>();
        sim.scheduleAt(20 * MS, () -> new Thread(() -> real.post(() -> {
            fromOutside.complete(sim.now());
            real.stop();
        })).start());
        real.run(10_000 * MS);
        assertThat(seen).hasSize(20);
        for (long[] s : seen) {
            assertThat(s[1]).as("wall time of the event at %d ns", s[0]).isGreaterThanOrEqualTo(s[0]);
        }
        assertThat(fromOutside.get(0, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20 * MS).isLessThan(10_000 * MS);
    }
}
