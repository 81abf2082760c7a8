package org.aoelab.gui;

import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.ManualSimThread;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.gui.model.UpdateRing;
import org.aoelab.scenario.ScenarioReader;

/** A whole view-model stack on a manual simulation thread, for plain JUnit tests (no toolkit). */
public final class Labs {
    public final ManualSimThread thread = new ManualSimThread();
    public final LabViewModel vm;
    public SimulationSession session;

    public Labs() {
        this(2_000_000);
    }

    public Labs(long maxFrames) {
        vm = new LabViewModel(new UpdateRing(1 << 22), new FrameStore(maxFrames, 1L << 30), () -> 0L);
        vm.setThreads(() -> thread);
    }

    /** Opens a built-in scenario and shows its initial state. */
    public Labs open(String scenario, long seed) {
        session = vm.open(ScenarioReader.load(scenario), seed);
        settle();
        return this;
    }

    /** Runs the scenario to its end and shows everything. */
    public Labs runToEnd() {
        session.setSpeed(SimulationSession.MAX_SPEED);
        session.play();
        settle();
        return this;
    }

    /** Runs what the simulation thread has to do, then pumps until the ring is empty. */
    public Labs settle() {
        thread.runAll(100_000);
        do {
            vm.pump();
        } while (!vm.ring().isEmpty());
        return this;
    }
}
