package org.aoelab.gui.ladder;

import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.aoelab.gui.model.Fate;

/** Paints the {@link LadderLayout} of the rows in view on a canvas; a scroll bar moves through the frames. */
public final class LadderView extends BorderPane {
    public static final double ROW = 22;

    private final LadderViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private LadderLayout.Diagram diagram;
    private boolean scrolling;
    private boolean active = true;
    private boolean dirty;

    private final java.util.function.LongSupplier clock;
    private final long minIntervalNanos;
    private long lastPaint = Long.MIN_VALUE / 2;

    /**
     * @param clock            wall clock for throttling ({@code System::nanoTime})
     * @param minIntervalNanos at most one paint per this interval while frames stream in (0: every change)
     */
    public LadderView(LadderViewModel vm, java.util.function.LongSupplier clock, long minIntervalNanos) {
        this.vm = vm;
        this.clock = clock;
        this.minIntervalNanos = minIntervalNanos;
        getStyleClass().add("ladder-view");
        canvas.setId("ladderCanvas");
        Pane holder = new Pane(canvas);
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("ladderScroll");
        setCenter(holder);
        setRight(scroll);

        holder.heightProperty().addListener((o, a, b) -> vm.setVisibleRows((int) ((b.doubleValue() - LadderLayout.HEADER) / ROW)));
        holder.widthProperty().addListener((o, a, b) -> paint());
        canvas.setOnMousePressed(e -> canvas.requestFocus());
        vm.revisionProperty().addListener((o, a, b) -> {
            dirty = true;
            tick();
        });
        scroll.valueProperty().addListener((o, a, b) -> {
            if (!scrolling) vm.scrollTo((int) Math.round(b.doubleValue()));
        });
        canvas.setOnMouseClicked(e -> {
            if (diagram != null) vm.clickAt(diagram, e.getY());
        });
        canvas.setOnScroll(e -> vm.scrollTo(vm.firstRowProperty().get() + (e.getDeltaY() < 0 ? 3 : -3)));
    }

    /** Paints if something changed and the interval has passed (called every pulse). */
    public void tick() {
        if (dirty && active && clock.getAsLong() - lastPaint >= minIntervalNanos) paint();
    }

    /** Whether the ladder is on screen (its tab is selected); a hidden ladder paints when shown again. */
    public void setActive(boolean on) {
        active = on;
        if (on && dirty) paint();
    }

    /** The diagram last painted (tests look at it). */
    public LadderLayout.Diagram diagram() {
        return diagram;
    }

    private void paint() {
        if (!active) {
            dirty = true;
            return;
        }
        dirty = false;
        lastPaint = clock.getAsLong();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) return;
        diagram = vm.layout(w, ROW);
        scrolling = true;
        try {
            scroll.setMax(Math.max(0, vm.totalRowsProperty().get() - vm.visibleRows()));
            scroll.setVisibleAmount(vm.visibleRows());
            scroll.setValue(vm.firstRowProperty().get());
        } finally {
            scrolling = false;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h); // a full clear drops the canvas's pending commands
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        for (LadderLayout.Lifeline l : diagram.lifelines()) {
            g.setStroke(Color.gray(0.75));
            g.setLineWidth(1);
            g.setLineDashes(4, 4);
            g.strokeLine(l.x(), LadderLayout.HEADER, l.x(), h);
            g.setLineDashes(null);
            g.setFill(Color.gray(0.15));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(l.name(), l.x(), LadderLayout.HEADER / 2);
        }
        for (LadderLayout.Bracket b : diagram.brackets()) {
            g.setStroke(b.selected() ? Color.web("#1a73e8") : Color.gray(0.8));
            g.setLineWidth(b.selected() ? 2 : 1);
            double d = b.x() < 0 ? 0 : 4;
            g.strokeLine(b.x(), b.y1(), b.x(), b.y2());
            g.strokeLine(b.x(), b.y1(), b.x() + d, b.y1());
            g.strokeLine(b.x(), b.y2(), b.x() + d, b.y2());
        }
        g.setTextAlign(TextAlignment.LEFT);
        for (LadderLayout.Arrow a : diagram.arrows()) {
            if (a.selected() || a.pairedWithSelection()) {
                g.setFill(a.selected() ? Color.web("#d2e3fc") : Color.web("#eef4fe"));
                g.fillRect(0, a.y() - ROW / 2, w, ROW);
            }
            Color c = colour(a);
            g.setStroke(c);
            g.setFill(c);
            g.setLineWidth(a.selected() ? 2.5 : 1.5);
            if (a.toAll()) g.setLineDashes(6, 3);
            g.strokeLine(a.startX(), a.y(), a.endX(), a.y());
            g.setLineDashes(null);
            double dir = Math.signum(a.endX() - a.startX());
            if (a.lost()) {
                double s = 5;
                g.setStroke(Color.web("#d32f2f"));
                g.setLineWidth(2.5);
                g.strokeLine(a.endX() - s, a.y() - s, a.endX() + s, a.y() + s);
                g.strokeLine(a.endX() - s, a.y() + s, a.endX() + s, a.y() - s);
            } else if (dir != 0) {
                double tip = a.endX();
                g.fillPolygon(new double[] {tip, tip - dir * 8, tip - dir * 8}, new double[] {a.y(), a.y() - 4, a.y() + 4}, 3);
            }
            if (a.retransmission()) {
                g.setStroke(Color.web("#e37400"));
                g.setLineWidth(1.5);
                g.strokeOval(a.startX() - 6, a.y() - 6, 12, 12);
                g.setFill(Color.web("#e37400"));
                g.fillText("↻", a.startX() - 4, a.y());
            }
            g.setFill((a.fate() & Fate.ERROR) != 0 || a.lost() ? Color.web("#c62828") : Color.gray(0.2));
            String label = a.label() + (a.lost() ? "  LOST" : "") + (a.retransmission() ? "  (retransmission)" : "");
            g.fillText(label, a.labelX() + 4, a.y() - 7, Math.abs(a.endX() - a.startX()) + 200);
        }
    }

    private static Color colour(LadderLayout.Arrow a) {
        if (a.lost()) return Color.web("#d32f2f");
        if ((a.fate() & Fate.ERROR) != 0) return Color.web("#c62828");
        return switch (a.command()) {
            case 0 -> Color.web("#1a73e8");
            case 1 -> Color.web("#188038");
            case 2 -> Color.web("#9334e6");
            case 3 -> Color.web("#e37400");
            default -> Color.gray(0.4);
        };
    }
}
