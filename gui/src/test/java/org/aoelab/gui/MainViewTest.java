package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import javafx.scene.control.TableView;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    private GuiApp app;
    private LabViewModel vm;

    @Start
    void start(Stage stage) {
        vm = GuiApp.newViewModel(GuiApp.DEFAULT_MAX_FRAMES);
        app = GuiApp.show(stage, vm, 1200, 800);
        vm.open(ScenarioReader.load("basics"), 1);
    }

    @Stop
    void stop() {
        vm.closeSource();
    }

    @Test
    void steppingFramesListsThemAndRunningListsTheWholeExchange(FxRobot robot) {
        robot.clickOn("#stepFrameButton");
        FxTesting.waitUntil("the first frame is listed", () -> vm.frames().rows().size() == 1);
        @SuppressWarnings("unchecked")
        TableView<FrameRow> table = robot.lookup("#frameTable").queryAs(TableView.class);
        FrameRow first = table.getItems().get(0);
        // the target announces itself first: a config answer to everyone
        assertThat(first.source()).isEqualTo("t1");
        assertThat(first.destination()).isEqualTo("broadcast");
        assertThat(first.summary()).startsWith("config");
        assertThat(first.flags()).isEqualTo("R");
        assertThat(first.shelfSlot()).isEqualTo("e1.0");

        robot.clickOn("#runButton");
        FxTesting.waitUntil("the run finishes", () -> vm.stateProperty().get() == org.aoelab.gui.model.PlayState.FINISHED
                && vm.ring().isEmpty());
        assertThat(table.getItems().size()).isGreaterThan(6);
        assertThat(table.getItems()).extracting(FrameRow::summary)
                .anyMatch(s -> s.startsWith("IDENTIFY"))
                .anyMatch(s -> s.startsWith("WRITE EXT"))
                .anyMatch(s -> s.startsWith("READ EXT answer ok"));
        assertThat(robot.lookup("#statusLine").queryLabeled().getText()).contains("frames");
    }

    @Test
    void speedMaxRunsToTheEnd(FxRobot robot) {
        SimulationSession s = vm.session();
        s.setSpeed(SimulationSession.MAX_SPEED);
        s.play();
        FxTesting.waitUntil("the run finishes", () -> vm.stateProperty().get() == org.aoelab.gui.model.PlayState.FINISHED
                && vm.ring().isEmpty());
        assertThat(vm.store().size()).isEqualTo((int) (vm.store().nextSeq() - 1));
    }
}
