package org.aoelab.gui.topology;

import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.aoelab.gui.model.LinkSettings;

/**
 * Sliders and fields for the selected link: loss (random or bursty), delay, jitter, duplication,
 * reordering, corruption, rate, MTU, up/down. A slider and its field show the same value; typing
 * a value and pressing Enter sets it exactly. Ids: {@code #lossSlider}, {@code #lossField} and so on.
 */
public final class LinkControlsView extends VBox {
    private final LinkControlsViewModel vm;

    public LinkControlsView(LinkControlsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("link-controls");
        setPadding(new Insets(6));
        setSpacing(4);
        Label heading = new Label();
        heading.setId("linkHeading");
        heading.getStyleClass().add("link-heading");
        heading.textProperty().bind(vm.headingProperty());

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(3);
        int row = 0;
        ComboBox<LinkSettings.LossKind> model = new ComboBox<>();
        model.setId("lossModel");
        model.getItems().addAll(LinkSettings.LossKind.values());
        model.valueProperty().bindBidirectional(vm.lossModelProperty());
        grid.addRow(row++, new Label("loss model"), model);
        row = slider(grid, row, "loss", "loss %", vm.lossPercentProperty(), 0, 100);
        row = slider(grid, row, "burstExit", "burst exit %", vm.burstExitPercentProperty(), 1, 100);
        row = slider(grid, row, "delay", "delay ms", vm.delayMsProperty(), 0, 200);
        row = slider(grid, row, "jitter", "jitter ms", vm.jitterMsProperty(), 0, 100);
        row = slider(grid, row, "duplicate", "duplicate %", vm.duplicatePercentProperty(), 0, 100);
        row = slider(grid, row, "reorder", "reorder %", vm.reorderPercentProperty(), 0, 100);
        row = slider(grid, row, "corrupt", "corrupt %", vm.corruptPercentProperty(), 0, 100);
        row = slider(grid, row, "rate", "rate Mbit/s (0: none)", vm.rateMbpsProperty(), 0, 1000);
        Spinner<Integer> mtu = new Spinner<>(46, 9000, 1500, 100);
        mtu.setId("mtuSpinner");
        mtu.setEditable(true);
        mtu.getValueFactory().valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.mtuProperty().set(b);
        });
        vm.mtuProperty().addListener((o, a, b) -> mtu.getValueFactory().setValue(b.intValue()));
        grid.addRow(row++, new Label("MTU"), mtu);
        CheckBox up = new CheckBox("link up");
        up.setId("upCheck");
        up.selectedProperty().bindBidirectional(vm.upProperty());
        Button clear = new Button("No impairment");
        clear.setId("clearLink");
        clear.setOnAction(e -> vm.clear());
        grid.addRow(row, up, clear);
        Label error = new Label();
        error.setId("linkError");
        error.getStyleClass().add("problem");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        grid.disableProperty().bind(vm.nodeProperty().isEmpty());
        getChildren().addAll(heading, grid, error);
    }

    private static int slider(GridPane grid, int row, String id, String label, DoubleProperty p, double min, double max) {
        Slider s = new Slider(min, max, p.get());
        s.setId(id + "Slider");
        s.setPrefWidth(130);
        s.valueProperty().bindBidirectional(p);
        TextField f = new TextField();
        f.setId(id + "Field");
        f.setPrefColumnCount(5);
        f.setText(format(p.get()));
        p.addListener((o, a, b) -> {
            if (!f.isFocused()) f.setText(format(b.doubleValue()));
        });
        f.setOnAction(e -> {
            try {
                p.set(Double.parseDouble(f.getText().trim()));
                f.getStyleClass().remove("bad");
            } catch (NumberFormatException ex) {
                if (!f.getStyleClass().contains("bad")) f.getStyleClass().add("bad");
            }
        });
        f.focusedProperty().addListener((o, a, b) -> {
            if (!b) f.setText(format(p.get()));
        });
        GridPane.setHgrow(s, Priority.ALWAYS);
        grid.addRow(row, new Label(label), s, f);
        return row + 1;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
