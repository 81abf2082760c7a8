package org.aoelab.gui.frames;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.aoelab.gui.model.Fate;

/**
 * The frame list: a filter box and a virtualised table of frames, coloured by command (style
 * classes {@code cmd-ata}, {@code cmd-config}, {@code cmd-mask}, {@code cmd-reserve}) and by
 * fate ({@code fate-lost}, {@code fate-duplicated}, {@code fate-error}, {@code fate-retransmission}).
 */
public final class FrameListView extends VBox {
    private static final String[] ROW_CLASSES = {"cmd-ata", "cmd-config", "cmd-mask", "cmd-reserve", "cmd-other",
            "fate-lost", "fate-duplicated", "fate-error", "fate-retransmission", "fate-corrupted", "fate-inflight", "paired"};

    private final FrameListViewModel vm;
    private final TableView<FrameRow> table = new TableView<>();
    private boolean syncing;

    public FrameListView(FrameListViewModel vm) {
        this.vm = vm;
        getStyleClass().add("frame-list");
        TextField filter = new TextField();
        filter.setId("filterBox");
        filter.setPromptText("filter, e.g.  aoe.cmd == 1 && aoe.error == 4     lab.fate == lost     aoe.tag == 0x00010000");
        filter.setOnAction(e -> vm.setFilter(filter.getText()));
        filter.textProperty().addListener((o, a, b) -> {
            if (b.isBlank()) vm.setFilter("");
        });
        Label error = new Label();
        error.setId("filterError");
        error.getStyleClass().add("filter-error");
        error.textProperty().bind(vm.filterErrorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        vm.filterErrorProperty().addListener((o, a, b) -> {
            if (b.isEmpty()) filter.getStyleClass().remove("bad");
            else if (!filter.getStyleClass().contains("bad")) filter.getStyleClass().add("bad");
        });
        Label count = new Label();
        count.setId("frameCount");
        count.textProperty().bind(vm.shownProperty().asString("%,d frames"));
        HBox bar = new HBox(8, filter, count);
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.setPadding(new Insets(4));

        table.setId("frameTable");
        table.setItems(vm.rows());
        table.setFixedCellSize(22);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("No.", 70, r -> Long.toString(r.seq())));
        table.getColumns().add(column("Time (s)", 90, FrameRow::timeText));
        table.getColumns().add(column("Source", 80, FrameRow::source));
        table.getColumns().add(column("Destination", 90, FrameRow::destination));
        table.getColumns().add(column("Shelf.slot", 70, FrameRow::shelfSlot));
        table.getColumns().add(column("Command", 260, FrameRow::summary));
        table.getColumns().add(column("Tag", 80, FrameRow::tag));
        table.getColumns().add(column("Flags", 50, FrameRow::flags));
        table.getColumns().add(column("Length", 60, r -> Integer.toString(r.length())));
        table.getColumns().add(column("Fate", 260, FrameRow::fateText));
        table.setRowFactory(t -> new Row());
        table.setPlaceholder(new Label("No frames yet: press Run or Step."));

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (syncing || b == null) return;
            syncing = true;
            try {
                vm.select(b.seq());
            } finally {
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (syncing) return;
            syncing = true;
            try {
                int i = vm.indexOf(b.longValue());
                if (i < 0) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().clearAndSelect(i);
                    table.scrollTo(Math.max(0, i - 5));
                }
            } finally {
                syncing = false;
            }
        });
        vm.revisionProperty().addListener((o, a, b) -> table.refresh());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, error, table);
    }

    public TableView<FrameRow> table() {
        return table;
    }

    private static TableColumn<FrameRow, String> column(String title, double width, Function<FrameRow, String> value) {
        TableColumn<FrameRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private final class Row extends TableRow<FrameRow> {
        @Override
        protected void updateItem(FrameRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(ROW_CLASSES);
            setTooltip(null);
            if (empty || item == null) return;
            getStyleClass().add(switch (item.command()) {
                case 0 -> "cmd-ata";
                case 1 -> "cmd-config";
                case 2 -> "cmd-mask";
                case 3 -> "cmd-reserve";
                default -> "cmd-other";
            });
            int fate = item.fate();
            if (Fate.lost(fate)) getStyleClass().add("fate-lost");
            if ((fate & Fate.DUPLICATED) != 0) getStyleClass().add("fate-duplicated");
            if ((fate & Fate.CORRUPTED) != 0) getStyleClass().add("fate-corrupted");
            if ((fate & Fate.ERROR) != 0) getStyleClass().add("fate-error");
            if ((fate & Fate.RETRANSMISSION) != 0) getStyleClass().add("fate-retransmission");
            long sel = vm.selectedProperty().get();
            if (sel != 0 && sel != item.seq() && item.pair() == sel) getStyleClass().add("paired");
            String cause = item.cause();
            if (cause != null) setTooltip(new Tooltip(cause));
        }
    }
}
