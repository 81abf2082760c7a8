package org.aoelab.gui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.Update;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The frame table as frames stream in: rows that keep their index while the row count changes
 * are not restyled on the spot (the frame list's {@code SteadyFlow}); when the frames behind those
 * indices change (the oldest leave the store), the rows still show the new frames, with their
 * colours.
 */
@ExtendWith(ApplicationExtension.class)
class FrameTableTest {
    private static final MacAddress H = MacAddress.of(0x020000020001L);
    private static final MacAddress T = MacAddress.of(0x020000010001L);
    private LabViewModel vm;

    @Start
    void start(Stage stage) {
        vm = GuiApp.newViewModel(2 * FrameStore.SEGMENT); // the third segment evicts the first
        GuiApp.show(stage, vm, 1200, 800);
    }

    @Stop
    void stop() {
        vm.closeSource();
    }

    @Test
    void rowsThatKeepTheirIndexShowTheFramesNowThereWithTheirColours(FxRobot robot) throws Exception {
        Bytes ata = AoeCodec.encode(AoeFrame.request(T, H, 1, 0, 1, AtaArg.read48(0, 2)));
        Bytes config = AoeCodec.encode(AoeFrame.request(T, H, 1, 0, 2, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY)));
        vm.ring().put(new Update.Reset("table", 0, true));
        int segment = FrameStore.SEGMENT;
        for (long seq = 1; seq <= 2L * segment; seq++) {
            vm.ring().put(new Update.Frame(seq, seq * 1000, "h1", "t1", seq <= segment ? ata : config, Fate.DELIVERED, 0));
        }
        @SuppressWarnings("unchecked")
        TableView<FrameRow> table = robot.lookup("#frameTable").queryAs(TableView.class);
        FxTesting.waitUntil("both segments are listed", () -> table.getItems().size() == 2 * segment);
        FxTesting.waitUntil("the first row is an ATA frame, coloured as one", () -> rowShows(robot, 1, "cmd-ata", "#e8f0fe"));

        // One more frame: the oldest segment leaves, so every index on screen now holds a config frame.
        vm.ring().put(new Update.Frame(2L * segment + 1, 0, "h1", "t1", config, Fate.DELIVERED, 0));
        FxTesting.waitUntil("the oldest segment left", () -> table.getItems().size() == segment + 1);
        FxTesting.waitUntil("the first row shows the first config frame, coloured as one",
                () -> rowShows(robot, segment + 1, "cmd-config", "#e6f4ea"));
    }

    @Test
    void aFramePickedElsewhereIsBroughtIntoViewUnlessItIsInViewAlready(FxRobot robot) throws Exception {
        Bytes ata = AoeCodec.encode(AoeFrame.request(T, H, 1, 0, 1, AtaArg.read48(0, 2)));
        vm.ring().put(new Update.Reset("table", 0, true));
        for (long seq = 1; seq <= 2000; seq++) vm.ring().put(new Update.Frame(seq, seq * 1000, "h1", "t1", ata, Fate.DELIVERED, 0));
        @SuppressWarnings("unchecked")
        TableView<FrameRow> table = robot.lookup("#frameTable").queryAs(TableView.class);
        // The list's size follows the store at once; the table hears of new rows at the next flush,
        // which also says how many are shown: wait for that, or the flush lands after the selection.
        FxTesting.waitUntil("all listed", () -> vm.frames().shownProperty().get() == 2000);
        javafx.scene.control.skin.VirtualFlow<?> flow = robot.lookup("#frameTable .virtual-flow").queryAs(javafx.scene.control.skin.VirtualFlow.class);

        GuiApp.onFx(() -> {
            vm.frames().select(1501); // row 1500, far below: scrolled to, a few rows under the top
            return null;
        });
        FxTesting.waitUntil("row 1500 is shown", () -> flow.getFirstVisibleCell().getIndex() == 1495);
        GuiApp.onFx(() -> {
            vm.frames().select(1504); // row 1503, on screen: the table stays where it is
            table.layout();
            return null;
        });
        assertThat(GuiApp.onFx(() -> table.getSelectionModel().getSelectedIndex())).isEqualTo(1503);
        assertThat(GuiApp.onFx(() -> flow.getFirstVisibleCell().getIndex())).isEqualTo(1495);
    }

    /** Whether the table's top row shows frame {@code seq} with {@code styleClass} and that background. */
    private static boolean rowShows(FxRobot robot, long seq, String styleClass, String colour) {
        return robot.lookup(".table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getIndex() == 0 && r.isVisible())
                .anyMatch(r -> r.getItem() instanceof FrameRow f && f.seq() == seq
                        && r.getStyleClass().contains(styleClass)
                        && background(r).equals(Color.web(colour))
                        && r.getChildrenUnmodifiable().stream().anyMatch(c -> c instanceof javafx.scene.control.TableCell<?, ?> cell
                                && Long.toString(seq).equals(cell.getText())));
    }

    private static Object background(Region r) {
        var bg = r.getBackground();
        return bg == null || bg.getFills().isEmpty() ? Color.TRANSPARENT : bg.getFills().get(bg.getFills().size() - 1).getFill();
    }
}
