package org.aoelab.gui.playback;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;

/**
 * The toolbar: open scenario or capture, run, pause, step, step frame, speed, seed, restart,
 * export pcap, screenshot. File dialogs live here; what to do with the chosen file is the view
 * model's (or, for export and screenshot, the window's, passed in).
 */
public final class PlaybackView extends ToolBar {

    public PlaybackView(PlaybackViewModel vm, Consumer<Path> exportPcap, Consumer<Path> screenshot) {
        setId("playback");
        MenuButton open = new MenuButton("Open");
        open.setId("openMenu");
        for (String name : vm.builtInScenarios()) {
            MenuItem item = new MenuItem(name);
            item.setId("open-" + name);
            item.setOnAction(e -> vm.openScenario(name));
            open.getItems().add(item);
        }
        open.getItems().add(new SeparatorMenuItem());
        MenuItem file = new MenuItem("Scenario file…");
        file.setOnAction(e -> choose("Open scenario", false, "Scenario", "*.yaml", "*.yml").ifPresent(p -> vm.openScenario(p.toString())));
        MenuItem pcap = new MenuItem("Capture file (pcap, pcapng)…");
        pcap.setId("openPcap");
        pcap.setOnAction(e -> choose("Open capture", false, "Capture", "*.pcap", "*.pcapng").ifPresent(vm::openPcap));
        open.getItems().addAll(file, pcap);

        Button run = button("runButton", "▶ Run", "Run at the chosen speed", vm::run);
        Button pause = button("pauseButton", "⏸ Pause", "Pause", vm::pause);
        Button step = button("stepButton", "Step event", "Run the next event", vm::stepEvent);
        Button stepFrame = button("stepFrameButton", "Step frame", "Run until the next frame is sent", vm::stepFrame);
        run.disableProperty().bind(vm.simulatedProperty().not().or(vm.runningProperty()));
        pause.disableProperty().bind(vm.runningProperty().not());
        step.disableProperty().bind(vm.simulatedProperty().not());
        stepFrame.disableProperty().bind(vm.simulatedProperty().not());

        ComboBox<PlaybackViewModel.Speed> speed = new ComboBox<>();
        speed.setId("speedBox");
        speed.getItems().setAll(PlaybackViewModel.SPEEDS);
        speed.valueProperty().bindBidirectional(vm.speedProperty());
        speed.setTooltip(new Tooltip("Virtual seconds per wall-clock second"));
        TextField seed = new TextField();
        seed.setId("seedField");
        seed.setPrefColumnCount(6);
        seed.textProperty().bindBidirectional(vm.seedTextProperty());
        seed.setOnAction(e -> vm.restart());
        Button restart = button("restartButton", "⟲ Restart", "Start again with this seed", vm::restart);
        restart.disableProperty().bind(vm.simulatedProperty().not());
        Button export = button("exportButton", "Export pcap", "Save the frames as pcapng", () ->
                choose("Export pcap", true, "pcapng", "*.pcapng").ifPresent(exportPcap));
        Button shot = button("screenshotButton", "Screenshot", "Save a PNG of the window", () ->
                choose("Save screenshot", true, "PNG", "*.png").ifPresent(screenshot));
        Label clock = new Label();
        clock.setId("clockLabel");
        clock.textProperty().bind(vm.clockProperty());
        getItems().addAll(open, run, pause, step, stepFrame, new Label("speed"), speed, new Label("seed"), seed, restart,
                export, shot, clock);
    }

    private java.util.Optional<Path> choose(String title, boolean save, String what, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        File f = save ? fc.showSaveDialog(getScene().getWindow()) : fc.showOpenDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
