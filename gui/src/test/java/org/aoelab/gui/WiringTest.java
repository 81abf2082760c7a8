package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.ladder.LadderLayout;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.wire.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The window's wiring, driven through its controls, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class WiringTest {
    private GuiApp app;
    private LabViewModel vm;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        vm = GuiApp.newViewModel(GuiApp.DEFAULT_MAX_FRAMES);
        app = GuiApp.show(stage, vm, 1200, 780);
    }

    @Stop
    void stop() {
        vm.closeSource();
    }

    private void open(FxRobot robot, String scenario) {
        robot.interact(() -> vm.open(ScenarioReader.load(scenario), ScenarioReader.load(scenario).seed()));
        FxTesting.waitUntil("the topology of " + scenario + " is shown", () -> !vm.topology().nodes().isEmpty());
    }

    private void runToEnd(FxRobot robot) {
        robot.interact(() -> vm.session().setSpeed(SimulationSession.MAX_SPEED));
        robot.clickOn("#runButton");
        FxTesting.waitUntil("the run finishes", () -> vm.stateProperty().get() == PlayState.FINISHED && vm.ring().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static TableView<FrameRow> table(FxRobot robot) {
        return robot.lookup("#frameTable").queryAs(TableView.class);
    }

    @Test
    void stepSelectAFrameSeeItsDecodeClickAFieldAndSeeItsBytes(FxRobot robot) {
        open(robot, "basics");
        // each step runs to the next event that sends: one frame, or several sent at once (the writes)
        for (int i = 1; table(robot).getItems().size() < 8; i++) {
            int before = table(robot).getItems().size();
            robot.clickOn("#stepFrameButton");
            FxTesting.waitUntil("step " + i + " lists more frames", () -> table(robot).getItems().size() > before);
        }

        robot.clickOn("#filterBox").write("aoe.cmd == 0 && aoe.aflags.w").type(KeyCode.ENTER);
        FxTesting.waitUntil("the filter shows the writes", () -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(r -> r.summary().startsWith("WRITE EXT")));
        Node firstWrite = robot.lookup(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() instanceof FrameRow f
                && f.summary().startsWith("WRITE EXT lba 0 ")).query();
        robot.clickOn(firstWrite);
        FxTesting.waitUntil("the decode shows the write", () -> robot.lookup("#decodeSummary").queryLabeled().getText()
                .contains("WRITE EXT lba 0 x2"));

        Node tagCell = robot.lookup(n -> n instanceof TreeCell<?> c && c.getText() != null && c.getText().startsWith("Tag:")).query();
        robot.clickOn(tagCell);
        FxTesting.waitUntil("the tag's bytes are highlighted", () -> highlighted(robot).equals(Set.of(20, 21, 22, 23)));
        assertThat(robot.lookup("#fieldText").queryLabeled().getText()).startsWith("aoe.tag = 0x");

        robot.clickOn("#hex-17");
        FxTesting.waitUntil("clicking byte 17 selects Major", () -> selectedField(robot) != null
                && selectedField(robot).name().equals("aoe.major"));
        assertThat(highlighted(robot)).containsExactlyInAnyOrder(16, 17);
    }

    private static Set<Integer> highlighted(FxRobot robot) {
        Set<Integer> out = new java.util.TreeSet<>();
        for (Node n : robot.lookup(".hex-byte").queryAll()) {
            if (n.getStyleClass().contains("highlighted") && n.getId() != null) out.add(Integer.parseInt(n.getId().substring(4)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Field selectedField(FxRobot robot) {
        TreeView<Field> tree = robot.lookup("#decodeTree").queryAs(TreeView.class);
        var item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    @Test
    void settingALinksLossDropsItsFrames(FxRobot robot) {
        open(robot, "basics");
        robot.clickOn("#link-h1");
        FxTesting.waitUntil("the link controls open", () -> robot.lookup("#linkHeading").queryLabeled().getText().startsWith("Link h1"));
        robot.doubleClickOn("#lossField").eraseText(3).write("100").type(KeyCode.ENTER);
        FxTesting.waitUntil("the simulation has the loss", () -> vm.topology().node("h1").link().loss() == 1.0);
        FxTesting.waitUntil("the topology labels the link", () -> robot.lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("loss 100%"))
                .tryQuery().isPresent());
        robot.clickOn("#stepFrameButton").clickOn("#stepFrameButton").clickOn("#stepFrameButton");
        robot.interact(() -> vm.session().runTo(20_000_000));
        FxTesting.waitUntil("h1's frames are shown lost", () -> table(robot).getItems().stream()
                .anyMatch(r -> r.source().equals("h1") && Fate.lost(r.fate())));
        assertThat(table(robot).getItems().stream().filter(r -> r.source().equals("h1")))
                .allMatch(r -> Fate.lost(r.fate()) && r.fateText().contains("loss: random 100%"));
        FxTesting.waitUntil("lost rows are styled", () -> robot.lookup(".table-row-cell.fate-lost").tryQuery().isPresent());
    }

    @Test
    void theNaiveLockRaceShowsItsViolationInRed(FxRobot robot) {
        open(robot, "lock-race-naive");
        runToEnd(robot);
        robot.clickOn("#locksTab");
        @SuppressWarnings("unchecked")
        ListView<String> list = robot.lookup("#violationList").queryAs(ListView.class);
        FxTesting.waitUntil("a violation is listed", () -> !list.getItems().isEmpty());
        assertThat(list.getItems().get(0)).startsWith("1. mutual exclusion at");
        FxTesting.waitUntil("the violation is red", () -> robot.lookup("#violationList .list-cell.violation").tryQuery().isPresent());
        assertThat(app.view().locks().chart().violations()).isNotEmpty();
        assertThat(app.view().locks().chart().bars()).anyMatch(b -> b.overlapping());
        robot.clickOn(robot.lookup("#violationList .list-cell.violation").queryAs(Node.class));
        FxTesting.waitUntil("the violation is explained", () -> robot.lookup("#violationDetails")
                .queryTextInputControl().getText().contains("The lock frames before it"));
        assertThat(robot.lookup("#lockFigures").queryLabeled().getText()).contains("attempts").contains("violation");
    }

    @Test
    void clickingALadderArrowSelectsItsFrame(FxRobot robot) {
        open(robot, "basics");
        runToEnd(robot);
        robot.clickOn("#ladderTab");
        FxTesting.waitUntil("the ladder is drawn", () -> app.view().ladder().diagram() != null
                && !app.view().ladder().diagram().arrows().isEmpty());
        LadderLayout.Arrow a = app.view().ladder().diagram().arrows().get(2);
        Node canvas = robot.lookup("#ladderCanvas").query();
        var origin = canvas.localToScreen(0, 0);
        robot.clickOn(origin.getX() + 30, origin.getY() + a.y());
        FxTesting.waitUntil("the frame is selected", () -> vm.frames().selectedProperty().get() == a.seq());
        assertThat(table(robot).getSelectionModel().getSelectedItem().seq()).isEqualTo(a.seq());
    }

    @Test
    void aCaptureFileOpensLikeARun(FxRobot robot) throws Exception {
        open(robot, "basics");
        runToEnd(robot);
        Path file = dir.resolve("basics.pcapng");
        long n = GuiApp.onFx(() -> vm.exportPcap(file));
        robot.interact(() -> vm.openPcap(file));
        FxTesting.waitUntil("the capture is read", () -> vm.stateProperty().get() == PlayState.LOADED && vm.ring().isEmpty());
        assertThat(table(robot).getItems()).hasSize((int) n);
        assertThat(table(robot).getItems().get(0).fateText()).isEqualTo("captured");
        assertThat(robot.lookup("#runButton").query().isDisabled()).isTrue();
    }

    @Test
    void screenshotSavesAPngOfTheWindow(FxRobot robot) throws Exception {
        Path png = dir.resolve("shot.png");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = org.aoelab.cli.AoeLab.execute(new String[] {"gui", "lock-race-naive", "--screenshot", png.toString(),
                "--view", "locks", "--size", "900x600"}, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("saved " + png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(600);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void screenshotRefusesBadOptions(FxRobot robot) {
        java.io.StringWriter err = new java.io.StringWriter();
        int status = org.aoelab.cli.AoeLab.execute(new String[] {"gui", "basics", "--at", "1s"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--at needs --screenshot");
        err.getBuffer().setLength(0);
        status = org.aoelab.cli.AoeLab.execute(new String[] {"gui", "no-such", "--screenshot", "x.png"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("no such scenario");
    }
}
