package org.aoelab.gui.decode;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Field;

/**
 * The decode tree and the hex view side by side. Clicking a field highlights its bytes
 * (style class {@code highlighted} on the byte labels, ids {@code hex-N}); clicking a byte
 * selects its field in the tree. The hex view is a list of 16-byte rows, built only for the
 * rows on screen.
 */
public final class DecodeView extends VBox {
    private final DecodeViewModel vm;
    private final TreeView<Field> tree = new TreeView<>();
    private final ListView<Integer> hex = new ListView<>();
    private final ObservableList<Integer> hexRows = FXCollections.observableArrayList();
    private boolean syncing;

    public DecodeView(DecodeViewModel vm) {
        this.vm = vm;
        getStyleClass().add("decode-view");
        Label heading = new Label();
        heading.setId("decodeSummary");
        heading.getStyleClass().add("decode-heading");
        heading.textProperty().bind(vm.headingProperty());
        Label field = new Label();
        field.setId("fieldText");
        field.getStyleClass().add("field-text");
        field.textProperty().bind(vm.fieldTextProperty());

        tree.setId("decodeTree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new FieldCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (syncing) return;
            syncing = true;
            try {
                vm.selectField(b == null ? null : b.getValue());
            } finally {
                syncing = false;
            }
        });

        hex.setId("hexView");
        hex.getStyleClass().add("hex-view");
        hex.setItems(hexRows);
        hex.setFixedCellSize(20);
        hex.setCellFactory(l -> new HexRowCell());

        SplitPane split = new SplitPane(tree, hex);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox top = new VBox(2, heading, field);
        top.setPadding(new Insets(4));
        getChildren().addAll(top, split);

        vm.dissectionProperty().addListener((o, a, b) -> rebuild(b));
        vm.selectedFieldProperty().addListener((o, a, b) -> fieldSelected(b));
        rebuild(vm.dissectionProperty().get());
    }

    public TreeView<Field> tree() {
        return tree;
    }

    private void rebuild(Dissector.Dissection d) {
        TreeItem<Field> root = new TreeItem<>();
        if (d != null) {
            for (Field f : d.fields()) root.getChildren().add(item(f));
        }
        syncing = true;
        try {
            tree.setRoot(root);
        } finally {
            syncing = false;
        }
        int n = d == null ? 0 : (d.frame().length() + 15) / 16;
        List<Integer> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) rows.add(i);
        hexRows.setAll(rows);
        hex.refresh();
    }

    private static TreeItem<Field> item(Field f) {
        TreeItem<Field> it = new TreeItem<>(f);
        for (Field c : f.children()) it.getChildren().add(item(c));
        return it;
    }

    private void fieldSelected(Field f) {
        hex.refresh();
        if (f == null) {
            if (!syncing) {
                syncing = true;
                try {
                    tree.getSelectionModel().clearSelection();
                } finally {
                    syncing = false;
                }
            }
            return;
        }
        hex.scrollTo(Math.max(0, f.offset() / 16 - 2));
        if (syncing) return;
        syncing = true;
        try {
            TreeItem<Field> it = tree.getRoot();
            for (Field step : vm.pathTo(f)) {
                TreeItem<Field> next = null;
                for (TreeItem<Field> c : it.getChildren()) {
                    if (c.getValue().equals(step)) {
                        next = c;
                        break;
                    }
                }
                if (next == null) break;
                it.setExpanded(true);
                it = next;
            }
            tree.getSelectionModel().select(it);
            int row = tree.getRow(it);
            if (row >= 0) tree.scrollTo(Math.max(0, row - 3));
        } finally {
            syncing = false;
        }
    }

    private static final class FieldCell extends TreeCell<Field> {
        @Override
        protected void updateItem(Field f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setText(null);
                return;
            }
            String range = f.length() == 0 ? "" : f.length() == 1 ? "[" + f.offset() + "]" : "[" + f.offset() + "-" + (f.offset() + f.length() - 1) + "]";
            setText(f.label() + ": " + f.value() + (f.meaning().isEmpty() ? "" : "  (" + f.meaning() + ")") + "   " + f.name() + " " + range);
        }
    }

    private final class HexRowCell extends ListCell<Integer> {
        private final Label offset = new Label();
        private final Label[] bytes = new Label[16];
        private final Label ascii = new Label();
        private final HBox box = new HBox(4);

        HexRowCell() {
            offset.getStyleClass().add("hex-offset");
            box.getChildren().add(offset);
            for (int i = 0; i < 16; i++) {
                Label b = new Label();
                b.getStyleClass().add("hex-byte");
                int col = i;
                b.setOnMouseClicked(e -> {
                    Integer row = getItem();
                    if (row != null) vm.selectByte(row * 16 + col);
                });
                bytes[i] = b;
                box.getChildren().add(b);
                if (i == 7) {
                    Label gap = new Label(" ");
                    box.getChildren().add(gap);
                }
            }
            ascii.getStyleClass().add("hex-ascii");
            box.getChildren().add(ascii);
            setText(null);
        }

        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Bytes data = vm.bytes();
            int base = row * 16;
            offset.setText(DecodeViewModel.offsetLabel(base));
            int from = vm.highlightFromProperty().get();
            int to = from + vm.highlightLengthProperty().get();
            StringBuilder text = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                Label b = bytes[i];
                int at = base + i;
                b.getStyleClass().remove("highlighted");
                if (at < data.length()) {
                    int v = data.u8(at);
                    b.setText(String.format("%02x", v));
                    b.setId("hex-" + at);
                    text.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
                    if (at >= from && at < to) b.getStyleClass().add("highlighted");
                } else {
                    b.setText("  ");
                    b.setId(null);
                }
            }
            ascii.setText(text.toString());
            setGraphic(box);
        }
    }
}
