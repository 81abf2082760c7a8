package org.aoelab.gui.locks;

import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.aoelab.gui.model.Units;

/**
 * Lock contention: the holder timeline per target (bars per initiator, ticks for attempts,
 * crosses for conflicts, red numbered lines for violations), the violation list with the chosen
 * violation explained, the contention figures and the acquisition latency histogram.
 */
public final class LockView extends BorderPane {
    private static final Color[] HOLDERS = {Color.web("#1a73e8"), Color.web("#188038"), Color.web("#9334e6"),
            Color.web("#e37400"), Color.web("#007b83"), Color.web("#b06000")};

    private final LockViewModel vm;
    private final Canvas timeline = new Canvas(600, 200);
    private final Canvas histogram = new Canvas(320, 150);
    private LockLayout.Chart chart;

    public LockView(LockViewModel vm) {
        this.vm = vm;
        getStyleClass().add("lock-view");
        Label figures = new Label();
        figures.setId("lockFigures");
        figures.setWrapText(true);
        figures.textProperty().bind(vm.figuresProperty());
        figures.setPadding(new Insets(4));
        setTop(figures);

        timeline.setId("lockTimeline");
        Pane holder = new Pane(timeline);
        holder.setMinSize(0, 0);
        timeline.widthProperty().bind(holder.widthProperty());
        ScrollPane scroller = new ScrollPane(holder);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);

        ListView<String> list = new ListView<>(vm.violations());
        list.setId("violationList");
        list.setPlaceholder(new Label("No violation."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().remove("violation");
                if (!empty && s != null) getStyleClass().add("violation");
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> vm.selectViolation(b.intValue()));
        TextArea details = new TextArea();
        details.setId("violationDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.textProperty().bind(vm.detailsProperty());
        details.setPromptText("Select a violation to see the lock frames that led to it.");
        Label histTitle = new Label("Acquisition latency");
        histogram.setId("latencyHistogram");
        VBox side = new VBox(4, new Label("Violations"), list, details, histTitle, histogram);
        side.setPadding(new Insets(4));
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox.setVgrow(details, Priority.SOMETIMES);
        SplitPane split = new SplitPane(scroller, side);
        split.setDividerPositions(0.62);
        setCenter(split);

        holder.widthProperty().addListener((o, a, b) -> paint());
        vm.revisionProperty().addListener((o, a, b) -> paint());
    }

    public LockLayout.Chart chart() {
        return chart;
    }

    private void paint() {
        double w = timeline.getWidth();
        if (w <= 0) return;
        chart = vm.layout(w);
        timeline.setHeight(Math.max(120, chart.height() + 30));
        GraphicsContext g = timeline.getGraphicsContext2D();
        g.clearRect(0, 0, w, timeline.getHeight());
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, timeline.getHeight());
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        if (chart.lanes().isEmpty()) {
            g.setFill(Color.gray(0.4));
            g.fillText("No lock activity yet: try the lock-race-naive scenario.", 12, 20);
        }
        java.util.Map<String, Color> colours = new java.util.HashMap<>();
        for (LockLayout.Lane lane : chart.lanes()) {
            g.setFill(Color.gray(0.96));
            g.fillRect(LockLayout.LEFT, lane.y(), w - LockLayout.LEFT - LockLayout.RIGHT, lane.height());
            g.setFill(Color.gray(0.1));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(lane.target(), 4, lane.y() - 10);
        }
        for (LockLayout.RowLabel r : chart.rows()) {
            g.setFill(Color.gray(0.25));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(r.text(), LockLayout.LEFT - 6, r.y());
        }
        for (LockLayout.Bar b : chart.bars()) {
            Color c = colours.computeIfAbsent(b.initiator(), k -> HOLDERS[colours.size() % HOLDERS.length]);
            g.setFill(b.overlapping() ? Color.web("#ef9a9a") : c.deriveColor(0, 1, 1, 0.75));
            g.fillRect(b.x1(), b.y(), b.x2() - b.x1(), b.height());
            g.setStroke(b.overlapping() ? Color.web("#c62828") : c);
            g.setLineWidth(1);
            g.strokeRect(b.x1(), b.y(), b.x2() - b.x1(), b.height());
        }
        for (LockLayout.Tick t : chart.ticks()) {
            if (t.kind() == LockLayout.MarkKind.ATTEMPT) {
                g.setStroke(Color.gray(0.2));
                g.setLineWidth(1);
                g.strokeLine(t.x(), t.y() - 8, t.x(), t.y() + 8);
            } else {
                g.setStroke(Color.web("#e37400"));
                g.setLineWidth(2);
                g.strokeLine(t.x() - 4, t.y() - 4, t.x() + 4, t.y() + 4);
                g.strokeLine(t.x() - 4, t.y() + 4, t.x() + 4, t.y() - 4);
            }
        }
        for (LockLayout.ViolationLine v : chart.violations()) {
            g.setStroke(Color.web("#d32f2f"));
            g.setLineWidth(2);
            g.strokeLine(v.x(), v.y1(), v.x(), v.y2());
            g.setFill(Color.web("#d32f2f"));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(Integer.toString(v.number()), v.x(), v.y1() - 8);
        }
        double axisY = chart.height() + 4;
        g.setFill(Color.gray(0.35));
        g.setTextAlign(TextAlignment.CENTER);
        for (LockLayout.AxisTick a : chart.axis()) {
            g.fillText(a.label(), a.x(), axisY + 8);
        }
        paintHistogram();
    }

    private void paintHistogram() {
        GraphicsContext g = histogram.getGraphicsContext2D();
        double w = histogram.getWidth();
        double h = histogram.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        java.util.List<String> names = vm.targetNames();
        double[] values = names.isEmpty() ? new double[0] : vm.latencies(names.get(0));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        if (values.length == 0) {
            g.setFill(Color.gray(0.4));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("No acquisitions yet.", 8, h / 2);
            return;
        }
        int bins = 10;
        double[] edges = new double[bins + 1];
        long[] counts = LockLayout.histogram(values, bins, edges);
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        double bw = (w - 20) / bins;
        for (int i = 0; i < bins; i++) {
            double bh = (h - 30) * counts[i] / max;
            g.setFill(Color.web("#1a73e8"));
            g.fillRect(10 + i * bw + 1, h - 20 - bh, bw - 2, bh);
        }
        g.setFill(Color.gray(0.3));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", 10, h - 10);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Units.duration((long) edges[bins]) + "  (" + names.get(0) + ", " + values.length + " acquisitions)", w - 4, h - 10);
    }
}
