package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aoelab.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class SimulationSessionTest {
    private final UpdateRing ring = new UpdateRing(1 << 22);
    private final ManualSimThread thread = new ManualSimThread();

    private SimulationSession open(String name, long seed) {
        SimulationSession s = new SimulationSession(ScenarioReader.load(name), seed, ring, thread);
        thread.runReady();
        return s;
    }

    private static Update.Clock lastClock(List<Update> all) {
        List<Update.Clock> clocks = Drain.of(all, Update.Clock.class);
        return clocks.get(clocks.size() - 1);
    }

    @Test
    void opensPausedAtTimeZeroWithItsTopology() {
        open("lock-race-naive", 1);
        List<Update> all = Drain.all(ring);
        assertThat(all.get(0)).isEqualTo(new Update.Reset("lock-race-naive", 1, true));
        Update.Topology t = Drain.of(all, Update.Topology.class).get(0);
        assertThat(t.nodes()).extracting(NodeInfo::name).containsExactly("h1", "h2", "t1");
        assertThat(t.nodes().get(2).detail()).isEqualTo("e1.0 aoelab");
        assertThat(t.nodes().get(0).link().delay()).isEqualTo(1_000_000);
        assertThat(lastClock(all).state()).isEqualTo(PlayState.PAUSED);
        assertThat(lastClock(all).now()).isZero();
        assertThat(Drain.of(all, Update.Frame.class)).isEmpty();
    }

    @Test
    void stepFrameRunsUntilExactlyOneMoreFrameIsSent() {
        SimulationSession s = open("basics", 1);
        Drain.all(ring);
        s.stepFrame();
        thread.runReady();
        List<Update> first = Drain.all(ring);
        assertThat(Drain.of(first, Update.Frame.class)).hasSize(1);
        s.stepFrame();
        thread.runReady();
        List<Update.Frame> second = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).seq()).isEqualTo(2);
    }

    @Test
    void stepEventRunsOneEvent() {
        SimulationSession s = open("basics", 1);
        Drain.all(ring);
        s.stepEvent();
        thread.runReady();
        assertThat(lastClock(Drain.all(ring)).eventsRun()).isEqualTo(1);
    }

    @Test
    void playingAtFullSpeedRunsToTheEndInSlices() {
        SimulationSession s = open("lossy-copy", 7);
        s.setSpeed(SimulationSession.MAX_SPEED);
        s.play();
        thread.runAll(10_000);
        List<Update> all = Drain.all(ring);
        assertThat(lastClock(all).state()).isEqualTo(PlayState.FINISHED);
        List<Update.Clock> clocks = Drain.of(all, Update.Clock.class);
        assertThat(clocks.size()).as("one clock per slice").isGreaterThan(3);
        assertThat(Drain.of(all, Update.Frame.class).size()).isGreaterThan(1000);
    }

    @Test
    void atOneTimesSpeedVirtualTimeFollowsTheWallClock() {
        SimulationSession s = open("lock-race-naive", 1);
        s.setSpeed(1.0);
        s.play();
        thread.runReady();
        thread.advance(10_000_000); // 10 ms of wall time
        thread.runReady();
        long now = lastClock(Drain.all(ring)).now();
        assertThat(now).isLessThanOrEqualTo(10_000_000).isGreaterThan(1_000_000);
        s.pause();
        thread.runAll(100);
        List<Update> after = Drain.all(ring);
        assertThat(lastClock(after).state()).isEqualTo(PlayState.PAUSED);
        assertThat(lastClock(after).now()).isEqualTo(now);
    }

    @Test
    void runToStopsAtTheTimeWithTheClockThere() {
        SimulationSession s = open("lock-race-naive", 1);
        s.runTo(25_000_000);
        thread.runAll(1000);
        Update.Clock c = lastClock(Drain.all(ring));
        assertThat(c.state()).isEqualTo(PlayState.PAUSED);
        assertThat(c.now()).isEqualTo(25_000_000);
    }

    @Test
    void aLinkChangedWhileRunningDropsTheFollowingFrames() {
        SimulationSession s = open("basics", 1);
        Drain.all(ring);
        s.setLink("h1", LinkSettings.CLEAN.withLoss(LinkSettings.LossKind.RANDOM, 1.0, 0.5));
        thread.runReady();
        List<Update> all = Drain.all(ring);
        Update.Topology t = Drain.of(all, Update.Topology.class).get(0);
        assertThat(t.nodes().get(0).link().loss()).isEqualTo(1.0);
        s.runTo(50_000_000);
        thread.runAll(1000);
        List<Update> after = Drain.all(ring);
        List<Update.Frame> fromH1 = Drain.of(after, Update.Frame.class).stream().filter(f -> f.source().equals("h1")).toList();
        assertThat(fromH1).isNotEmpty();
        List<Update.FateChange> fates = Drain.of(after, Update.FateChange.class);
        for (Update.Frame f : fromH1) {
            assertThat(fates).as("frame %d from h1", f.seq())
                    .anyMatch(c -> c.seq() == f.seq() && c.bits() == Fate.DROPPED && c.cause().startsWith("loss"));
            assertThat(fates).noneMatch(c -> c.seq() == f.seq() && c.bits() == Fate.DELIVERED);
        }
    }

    @Test
    void aSmallerSwitchMtuDropsFramesTheNodeStillSizesForTheOldOne() {
        SimulationSession s = open("basics", 1);
        s.setLink("h1", LinkSettings.CLEAN.withDelay(50_000, 0).withMtu(512));
        s.runTo(5_000_000);
        thread.runAll(1000);
        List<Update.FateChange> fates = Drain.of(Drain.all(ring), Update.FateChange.class);
        assertThat(fates).anyMatch(c -> c.bits() == Fate.DROPPED && c.cause().startsWith("mtu"));
    }

    @Test
    void unknownNodesAreReportedNotThrown() {
        SimulationSession s = open("basics", 1);
        Drain.all(ring);
        s.setLink("nobody", LinkSettings.CLEAN);
        thread.runReady();
        assertThat(Drain.of(Drain.all(ring), Update.Problem.class)).extracting(Update.Problem::message)
                .containsExactly("no node called 'nobody'");
    }

    @Test
    void restartBeginsAgainWithTheNewSeedAndIgnoresTheOldRunsTimers() {
        SimulationSession s = open("lock-race-naive", 1);
        s.setSpeed(1.0);
        s.play();
        thread.runReady();
        s.restart(42);
        thread.runReady();
        List<Update> all = Drain.all(ring);
        assertThat(Drain.of(all, Update.Reset.class)).extracting(Update.Reset::seed).containsExactly(1L, 42L);
        thread.advance(100_000_000); // the old run's pending tick must not run the new one
        assertThat(lastClock(Drain.all(ring).isEmpty() ? all : Drain.all(ring)).state()).isEqualTo(PlayState.PAUSED);
    }

    @Test
    void closingStopsTheThread() {
        SimulationSession s = open("basics", 1);
        s.close();
        assertThat(thread.isShutdown()).isTrue();
    }
}
