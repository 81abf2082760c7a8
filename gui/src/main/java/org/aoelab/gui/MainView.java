package org.aoelab.gui;

import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import org.aoelab.gui.charts.ChartsView;
import org.aoelab.gui.decode.DecodeView;
import org.aoelab.gui.frames.FrameListView;
import org.aoelab.gui.ladder.LadderView;
import org.aoelab.gui.locks.LockView;
import org.aoelab.gui.playback.PlaybackView;
import org.aoelab.gui.topology.LinkControlsView;
import org.aoelab.gui.topology.TopologyView;

/**
 * The one window: playback bar on top, topology and link controls on the left, the frame list
 * and below it the detail views (decode and bytes, ladder, locks, charts) in the middle, the
 * status line at the bottom. An {@link AnimationTimer} pumps the simulation's updates into the
 * view models once per pulse.
 */
public final class MainView extends BorderPane {
    /** The detail views, by the name {@code --view} and {@link #showView} take. */
    public enum Detail { DECODE, LADDER, LOCKS, CHARTS }

    private final LabViewModel vm;
    private final AnimationTimer pump;
    private final FrameListView frameList;
    private final DecodeView decode;
    private final LadderView ladder;
    private final LockView locks;
    private final ChartsView charts;
    private final TabPane tabs = new TabPane();

    public MainView(LabViewModel vm, java.util.function.Consumer<Path> screenshot) {
        this.vm = vm;
        getStyleClass().add("main-view");
        getStylesheets().add(MainView.class.getResource("aoelab.css").toExternalForm());

        setTop(new PlaybackView(vm.playback(), this::exportPcap, screenshot));

        TopologyView topology = new TopologyView(vm.topology());
        LinkControlsView controls = new LinkControlsView(vm.linkControls());
        SplitPane left = new SplitPane(topology, controls);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.45);
        left.setPrefWidth(360);
        left.setMinWidth(260);

        frameList = new FrameListView(vm.frames());
        decode = new DecodeView(vm.decode());
        ladder = new LadderView(vm.ladder(), System::nanoTime, 100_000_000L);
        locks = new LockView(vm.locks());
        charts = new ChartsView(vm.charts(), System::nanoTime, 250_000_000L);
        tabs.setId("detailTabs");
        tabs.getTabs().addAll(tab("decodeTab", "Decode and bytes", decode), tab("ladderTab", "Ladder", ladder),
                tab("locksTab", "Locks", locks), tab("chartsTab", "Charts", charts));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> activate(b.intValue()));
        activate(0);

        SplitPane center = new SplitPane(frameList, tabs);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.45);
        SplitPane main = new SplitPane(left, center);
        main.setDividerPositions(0.25);
        SplitPane.setResizableWithParent(left, false);
        setCenter(main);

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
                ladder.tick();
                charts.maybeDraw();
            }
        };
        pump.start();
    }

    private static Tab tab(String id, String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private void activate(int tab) {
        ladder.setActive(tab == Detail.LADDER.ordinal());
        charts.setActive(tab == Detail.CHARTS.ordinal());
    }

    /** Brings a detail view to the front. */
    public void showView(Detail d) {
        tabs.getSelectionModel().select(d.ordinal());
        if (d == Detail.CHARTS) charts.draw();
    }

    public FrameListView frameList() {
        return frameList;
    }

    public DecodeView decode() {
        return decode;
    }

    public LadderView ladder() {
        return ladder;
    }

    public LockView locks() {
        return locks;
    }

    public ChartsView charts() {
        return charts;
    }

    /** Stops pumping (the window is closing). */
    public void stop() {
        pump.stop();
    }

    private void exportPcap(Path file) {
        vm.exportPcapInBackground(file, javafx.application.Platform::runLater);
    }

}
