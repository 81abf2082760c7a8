package org.aoelab.gui.charts;

import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Three charts over virtual time: throughput (Mbit/s), outstanding requests, retransmissions per
 * bucket. They are redrawn at most every {@code minIntervalNanos} of wall time, and only while
 * shown, so a fast run does not spend the FX thread on charts nobody looks at.
 */
public final class ChartsView extends VBox {
    private final ChartsViewModel vm;
    private final XYChart.Series<Number, Number> throughput = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> outstanding = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> retransmissions = new XYChart.Series<>();
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private long lastDraw = Long.MIN_VALUE / 2;
    private boolean pending;
    private boolean active = true;

    public ChartsView(ChartsViewModel vm, LongSupplier clock, long minIntervalNanos) {
        this.vm = vm;
        this.clock = clock;
        this.minIntervalNanos = minIntervalNanos;
        getStyleClass().add("charts-view");
        throughput.setName("throughput, Mbit/s");
        outstanding.setName("outstanding requests");
        retransmissions.setName("retransmissions per bucket");
        getChildren().addAll(chart("throughputChart", throughput, true), chart("outstandingChart", outstanding, false),
                chart("retransmissionChart", retransmissions, false));
        vm.revisionProperty().addListener((o, a, b) -> {
            pending = true;
            maybeDraw();
        });
        sceneProperty().addListener((o, a, b) -> maybeDraw());
    }

    private XYChart<Number, Number> chart(String id, XYChart.Series<Number, Number> series, boolean area) {
        NumberAxis x = new NumberAxis();
        x.setLabel("virtual time (ms)");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        XYChart<Number, Number> c = area ? new AreaChart<>(x, y) : new LineChart<>(x, y);
        c.setId(id);
        c.setTitle(series.getName());
        c.setLegendVisible(false);
        c.setAnimated(false);
        if (c instanceof LineChart<Number, Number> l) l.setCreateSymbols(false);
        if (c instanceof AreaChart<Number, Number> a) a.setCreateSymbols(false);
        c.getData().add(series);
        c.setMinHeight(120);
        VBox.setVgrow(c, Priority.ALWAYS);
        return c;
    }

    /** Whether the charts are on screen (their tab is selected); hidden charts are not drawn. */
    public void setActive(boolean on) {
        active = on;
        if (on) {
            lastDraw = Long.MIN_VALUE / 2;
            maybeDraw();
        }
    }

    /** Draws now if there is something new, the charts are shown and the interval has passed. */
    public void maybeDraw() {
        if (!pending || !active || getScene() == null) return;
        long now = clock.getAsLong();
        if (now - lastDraw < minIntervalNanos) return;
        lastDraw = now;
        pending = false;
        draw();
    }

    /** Draws now. */
    public void draw() {
        // the three share one time axis: each is drawn to the longest one's end
        int n = Math.max(vm.throughput().size(), Math.max(vm.outstanding().size(), vm.retransmissions().size()));
        fill(throughput, vm.throughput(), n, true, 8 / 1e6);
        fill(outstanding, vm.outstanding(), n, false, 1);
        fill(retransmissions, vm.retransmissions(), n, false, 1);
    }

    private static void fill(XYChart.Series<Number, Number> s, TimeSeries t, int n, boolean rate, double scale) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double v = i >= t.size() ? 0 : rate ? t.ratePerSecond(i) * scale : t.value(i) * scale;
            points.add(new XYChart.Data<>(t.start(i) / 1e6, v));
        }
        s.getData().setAll(points);
    }
}
