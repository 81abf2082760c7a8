package org.aoelab.gui.topology;

import javafx.collections.ListChangeListener;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import org.aoelab.gui.model.NodeInfo;

/**
 * The switch and its nodes. Links are coloured by what they do to frames (style classes
 * {@code link-clean}, {@code link-slow}, {@code link-lossy}, {@code link-down}) and labelled with
 * their impairments; clicking a link or a node ({@code #link-NAME}, {@code #node-NAME}) opens its
 * link's controls.
 */
public final class TopologyView extends Pane {
    private static final String[] SEVERITY = {"link-clean", "link-slow", "link-lossy", "link-down"};
    private final TopologyViewModel vm;

    public TopologyView(TopologyViewModel vm) {
        this.vm = vm;
        getStyleClass().add("topology-view");
        setId("topology");
        setMinSize(200, 160);
        setPrefSize(340, 260);
        vm.nodes().addListener((ListChangeListener<NodeInfo>) c -> draw());
        vm.selectedProperty().addListener((o, a, b) -> draw());
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    private void draw() {
        getChildren().clear();
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) return;
        TopologyLayout.Layout layout = TopologyLayout.layout(vm.nodes(), w, h);
        String selected = vm.selectedProperty().get();
        for (TopologyLayout.LinkLine l : layout.links()) {
            Line hit = new Line(l.x1(), l.y1(), l.x2(), l.y2());
            hit.getStyleClass().add("link-hit");
            hit.setStrokeWidth(14);
            hit.setOpacity(0.0);
            Line line = new Line(l.x1(), l.y1(), l.x2(), l.y2());
            line.getStyleClass().addAll("link", SEVERITY[l.severity()]);
            if (l.node().equals(selected)) line.getStyleClass().add("selected");
            line.setMouseTransparent(true);
            Group g = new Group(hit, line);
            g.setId("link-" + l.node());
            g.setOnMouseClicked(e -> vm.select(l.node()));
            g.setCursor(javafx.scene.Cursor.HAND);
            getChildren().add(g);
            if (!l.label().isEmpty()) {
                String[] parts = l.label().split(" · ");
                String shortLabel = parts.length <= 2 ? String.join("\n", parts) : parts[0] + "\n" + parts[1] + " …";
                Label label = new Label(shortLabel);
                label.setTooltip(new javafx.scene.control.Tooltip(l.label()));
                label.getStyleClass().addAll("link-label", SEVERITY[l.severity()]);
                label.setLayoutX(l.labelX());
                label.setLayoutY(l.labelY() - 8);
                // centred on the link's middle, but kept inside the pane
                label.translateXProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
                    double lw = label.getWidth();
                    double left = l.labelX() - lw / 2;
                    left = Math.max(2, Math.min(left, getWidth() - lw - 2));
                    return left - l.labelX();
                }, label.widthProperty(), widthProperty()));
                label.translateYProperty().bind(label.heightProperty().divide(-2).add(8));
                label.setOnMouseClicked(e -> vm.select(l.node()));
                getChildren().add(label);
            }
        }
        Rectangle sw = new Rectangle(layout.switchX() - 28, layout.switchY() - 16, 56, 32);
        sw.getStyleClass().add("switch");
        sw.setArcWidth(8);
        sw.setArcHeight(8);
        Text swText = new Text(layout.switchX() - 10, layout.switchY() + 4, "sw");
        swText.setMouseTransparent(true);
        getChildren().addAll(sw, swText);
        for (TopologyLayout.Placed p : layout.nodes()) {
            Circle c = new Circle(p.x(), p.y(), TopologyLayout.NODE_RADIUS);
            c.getStyleClass().addAll("node", p.node().kind().name().toLowerCase());
            if (p.node().name().equals(selected)) c.getStyleClass().add("selected");
            Text name = new Text(p.node().name());
            name.getStyleClass().add("node-name");
            name.setX(p.x() - name.getLayoutBounds().getWidth() / 2);
            name.setY(p.y() + 4);
            name.setMouseTransparent(true);
            Text detail = new Text(p.node().kind() == NodeInfo.Kind.INITIATOR ? "initiator" : p.node().detail());
            detail.getStyleClass().add("node-detail");
            detail.setX(p.x() - detail.getLayoutBounds().getWidth() / 2);
            detail.setY(p.y() + TopologyLayout.NODE_RADIUS + 13);
            detail.setMouseTransparent(true);
            Group g = new Group(c, name, detail);
            g.setId("node-" + p.node().name());
            g.setOnMouseClicked(e -> vm.select(p.node().name()));
            g.setCursor(javafx.scene.Cursor.HAND);
            getChildren().add(g);
        }
    }
}
