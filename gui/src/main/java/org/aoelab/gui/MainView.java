package org.aoelab.gui;

import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.aoelab.gui.frames.FrameListView;
import org.aoelab.gui.model.SimulationSession;

/**
 * The one window: playback bar on top, topology and link controls on the left, the frame list
 * and the detail views in the middle, the status line below. An {@link AnimationTimer} pumps the
 * simulation's updates into the view models once per pulse.
 */
public final class MainView extends BorderPane {
    private final LabViewModel vm;
    private final AnimationTimer pump;
    private final FrameListView frameList;

    public MainView(LabViewModel vm) {
        this.vm = vm;
        getStyleClass().add("main-view");
        getStylesheets().add(MainView.class.getResource("aoelab.css").toExternalForm());

        Button run = button("runButton", "Run", () -> session(SimulationSession::play));
        Button pause = button("pauseButton", "Pause", () -> session(SimulationSession::pause));
        Button step = button("stepButton", "Step event", () -> session(SimulationSession::stepEvent));
        Button stepFrame = button("stepFrameButton", "Step frame", () -> session(SimulationSession::stepFrame));
        setTop(new ToolBar(run, pause, step, stepFrame));

        frameList = new FrameListView(vm.frames());
        SplitPane center = new SplitPane(frameList);
        center.setOrientation(Orientation.VERTICAL);
        setCenter(center);

        Label status = new Label();
        status.setId("statusLine");
        status.textProperty().bind(vm.statusProperty());
        Label problem = new Label();
        problem.setId("problemLine");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(vm.problemProperty());
        HBox bottom = new HBox(16, status, problem);
        bottom.setPadding(new Insets(2, 8, 2, 8));
        setBottom(bottom);

        pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.pump();
            }
        };
        pump.start();
    }

    public FrameListView frameList() {
        return frameList;
    }

    /** Stops pumping (the window is closing). */
    public void stop() {
        pump.stop();
    }

    private void session(java.util.function.Consumer<SimulationSession> action) {
        SimulationSession s = vm.session();
        if (s != null) action.accept(s);
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
