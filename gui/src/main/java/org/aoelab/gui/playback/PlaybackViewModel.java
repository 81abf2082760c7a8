package org.aoelab.gui.playback;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.gui.model.Units;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;

/**
 * Playback: run, pause, step one event, step to the next frame, the speed of virtual time, the
 * seed, restart, and opening scenarios and capture files. Commands go to the running
 * {@link SimulationSession}, which carries them out on the simulation thread.
 */
public final class PlaybackViewModel {

    /** A speed of virtual time: virtual seconds per wall second. */
    public record Speed(String label, double factor) {
        @Override
        public String toString() {
            return label;
        }
    }

    public static final List<Speed> SPEEDS = List.of(new Speed("0.001×", 0.001), new Speed("0.01×", 0.01),
            new Speed("0.1×", 0.1), new Speed("1×", 1), new Speed("10×", 10), new Speed("100×", 100),
            new Speed("max", SimulationSession.MAX_SPEED));

    private final LabViewModel lab;

    // Properties
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(this, "speed", SPEEDS.get(3));
    private final StringProperty seedText = new SimpleStringProperty(this, "seedText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper clock = new ReadOnlyStringWrapper(this, "clock", "0.000000 s");
    private final BooleanBinding simulated;
    private final BooleanBinding running;

    public PlaybackViewModel(LabViewModel lab) {
        this.lab = lab;
        speed.addListener((o, a, b) -> {
            if (lab.session() != null && b != null) lab.session().setSpeed(b.factor());
        });
        lab.seedProperty().addListener((o, a, b) -> seedText.set(Long.toString(b.longValue())));
        lab.nowProperty().addListener((o, a, b) -> clock.set(Units.seconds(b.longValue()) + " s " + lab.stateProperty().get().name().toLowerCase()));
        lab.stateProperty().addListener((o, a, b) -> clock.set(Units.seconds(lab.nowProperty().get()) + " s " + b.name().toLowerCase()));
        simulated = Bindings.createBooleanBinding(() -> lab.stateProperty().get() != PlayState.LOADING
                && lab.stateProperty().get() != PlayState.LOADED && lab.stateProperty().get() != PlayState.LIVE,
                lab.stateProperty());
        running = Bindings.createBooleanBinding(() -> lab.stateProperty().get() == PlayState.RUNNING, lab.stateProperty());
    }

    // ------------------------------------------------------------------ Properties

    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    /** The seed field; Restart uses it. */
    public StringProperty seedTextProperty() {
        return seedText;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** {@code "0.012345 s running"}. */
    public ReadOnlyStringProperty clockProperty() {
        return clock.getReadOnlyProperty();
    }

    /** True unless a capture file or a live serve is shown (then there is nothing to run). */
    public BooleanBinding simulatedProperty() {
        return simulated;
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    // ------------------------------------------------------------------ Commands

    public void run() {
        SimulationSession s = lab.session();
        if (s == null) return;
        s.setSpeed(speed.get().factor());
        s.play();
    }

    public void pause() {
        if (lab.session() != null) lab.session().pause();
    }

    public void stepEvent() {
        if (lab.session() != null) lab.session().stepEvent();
    }

    public void stepFrame() {
        if (lab.session() != null) lab.session().stepFrame();
    }

    /** Starts the scenario again with the seed in the seed field. */
    public boolean restart() {
        SimulationSession s = lab.session();
        if (s == null) return false;
        Long seed = parseSeed();
        if (seed == null) return false;
        s.restart(seed);
        return true;
    }

    /** Opens a built-in scenario or a scenario file with its own seed. */
    public boolean openScenario(String nameOrPath) {
        Scenario sc;
        try {
            sc = ScenarioReader.load(nameOrPath);
        } catch (IllegalArgumentException | org.aoelab.scenario.yaml.ScenarioError e) {
            error.set(e.getMessage());
            lab.reportProblem(e.getMessage());
            return false;
        }
        error.set("");
        lab.open(sc, sc.seed());
        return true;
    }

    public void openPcap(Path file) {
        error.set("");
        lab.openPcap(file);
    }

    /** The built-in scenarios, for the open menu. */
    public List<String> builtInScenarios() {
        return ScenarioReader.BUILT_IN;
    }

    private Long parseSeed() {
        String t = seedText.get() == null ? "" : seedText.get().trim();
        try {
            long v = Long.parseLong(t);
            if (v < 0) throw new NumberFormatException();
            error.set("");
            return v;
        } catch (NumberFormatException e) {
            error.set("seed is '" + t + "', expected a whole number from 0 to " + Long.MAX_VALUE);
            lab.reportProblem(error.get());
            return null;
        }
    }
}
