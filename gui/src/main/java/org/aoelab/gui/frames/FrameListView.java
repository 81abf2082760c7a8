package org.aoelab.gui.frames;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
    private final FrameListViewModel vm;
    private final TableView<FrameRow> table = new TableView<>();
    private final TextField filterBox = new TextField();
    private SteadyFlow<TableRow<FrameRow>> flow;
    private boolean syncing;

    public FrameListView(FrameListViewModel vm) {
        this.vm = vm;
        getStyleClass().add("frame-list");
        TextField filter = filterBox;
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
        // Cell values follow the revision: when fates change, the cells on screen recompute their
        // text in place (no cells are recreated, which is what TableView.refresh() would do).
        table.getColumns().add(column("No.", 70, r -> Long.toString(r.seq()), false));
        table.getColumns().add(column("Time (s)", 90, FrameRow::timeText, false));
        table.getColumns().add(column("Source", 80, FrameRow::source, false));
        table.getColumns().add(column("Destination", 90, FrameRow::destination, true));
        table.getColumns().add(column("Shelf.slot", 70, FrameRow::shelfSlot, false));
        table.getColumns().add(column("Command", 260, FrameRow::summary, false));
        table.getColumns().add(column("Tag", 80, FrameRow::tag, false));
        table.getColumns().add(column("Flags", 50, FrameRow::flags, false));
        table.getColumns().add(column("Length", 60, r -> Integer.toString(r.length()), false));
        table.getColumns().add(column("Fate", 260, FrameRow::fateText, true));
        table.setRowFactory(t -> new Row());
        table.setSkin(new javafx.scene.control.skin.TableViewSkin<>(table) {
            @Override
            protected javafx.scene.control.skin.VirtualFlow<TableRow<FrameRow>> createVirtualFlow() {
                flow = new SteadyFlow<>();
                return flow;
            }
        });
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
                    // a frame picked elsewhere (the ladder, the lock view) is brought into view, a
                    // little below the top; one already in view leaves the table where it is
                    if (!inView(i)) table.scrollTo(Math.max(0, i - 5));
                }
            } finally {
                syncing = false;
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, error, table);
    }

    /** Whether row {@code index} is on screen, and not the first or last row there (which may be cut off). */
    private boolean inView(int index) {
        TableRow<FrameRow> first = flow == null ? null : flow.getFirstVisibleCell();
        TableRow<FrameRow> last = flow == null ? null : flow.getLastVisibleCell();
        return first != null && last != null && index > first.getIndex() && index < last.getIndex();
    }

    /** Puts {@code text} in the filter box (without applying it). */
    public void setFilterText(String text) {
        filterBox.setText(text);
    }

    public TableView<FrameRow> table() {
        return table;
    }

    /** A column; {@code changes}: its text can change after the frame is listed (fate, destination). */
    private TableColumn<FrameRow, FrameRow> column(String title, double width, Function<FrameRow, String> value,
                                                   boolean changes) {
        TableColumn<FrameRow, FrameRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new Cell(value, changes));
        return c;
    }

    /**
     * The table's flow. Whenever the number of rows changes (ten times a second while frames
     * stream in) the flow lays its rows out again and gives each its index anew, and then works
     * out the styles of every row still waiting for layout, with all its cells: most of the FX
     * thread's time, at 100,000 frames a second. A row given the index it already has keeps its
     * style (its frame, and so its classes, are the same; a changed one is styled by the next
     * CSS pass anyway), so that is skipped here; a row that moves to another index is styled at
     * once, as before.
     */
    static final class SteadyFlow<T extends javafx.scene.control.IndexedCell<?>> extends javafx.scene.control.skin.VirtualFlow<T> {
        @Override
        protected void setCellIndex(T cell, int index) {
            if (cell.getIndex() == index && index >= 0 && cell.getScene() != null) {
                cell.updateIndex(index); // the row still refreshes its frame, selection and focus
                return;
            }
            super.setCellIndex(cell, index);
        }
    }

    /** A cell showing one column of its row; it recomputes its text in place when fates change. */
    private final class Cell extends javafx.scene.control.TableCell<FrameRow, FrameRow> {
        private final Function<FrameRow, String> value;
        private final javafx.beans.InvalidationListener onRevision = o -> {
            FrameRow r = getItem();
            if (r != null && vm.store().contains(r.seq())) show(r, isEmpty());
        };

        Cell(Function<FrameRow, String> value, boolean changes) {
            this.value = value;
            if (changes) vm.revisionProperty().addListener(new javafx.beans.WeakInvalidationListener(onRevision));
        }

        @Override
        protected void updateItem(FrameRow item, boolean empty) {
            super.updateItem(item, empty);
            show(item, empty);
        }

        private void show(FrameRow item, boolean empty) {
            String text = empty || item == null ? null : value.apply(item);
            if (!java.util.Objects.equals(text, getText())) setText(text);
        }
    }

    /** A row whose style classes say its command and fate; they are only touched when they change, as CSS is costly. */
    private final class Row extends TableRow<FrameRow> {
        private final java.util.List<String> mine = new java.util.ArrayList<>(4);

        private final javafx.beans.InvalidationListener restyle = o -> {
            FrameRow r = getItem();
            // a row whose frame was just dropped is about to show another one: leave it be
            if (r != null && vm.store().contains(r.seq())) style(r, isEmpty());
        };

        Row() {
            vm.revisionProperty().addListener(new javafx.beans.WeakInvalidationListener(restyle));
            vm.selectedProperty().addListener(new javafx.beans.WeakInvalidationListener(restyle));
        }

        @Override
        protected void updateItem(FrameRow item, boolean empty) {
            super.updateItem(item, empty);
            style(item, empty);
        }

        private void style(FrameRow item, boolean empty) {
            java.util.List<String> want = new java.util.ArrayList<>(4);
            if (!empty && item != null) {
                want.add(switch (item.command()) {
                    case 0 -> "cmd-ata";
                    case 1 -> "cmd-config";
                    case 2 -> "cmd-mask";
                    case 3 -> "cmd-reserve";
                    default -> "cmd-other";
                });
                int fate = item.fate();
                if (Fate.lost(fate)) want.add("fate-lost");
                if ((fate & Fate.DUPLICATED) != 0) want.add("fate-duplicated");
                if ((fate & Fate.CORRUPTED) != 0) want.add("fate-corrupted");
                if ((fate & Fate.ERROR) != 0) want.add("fate-error");
                if ((fate & Fate.RETRANSMISSION) != 0) want.add("fate-retransmission");
                long sel = vm.selectedProperty().get();
                if (sel != 0 && sel != item.seq() && item.pair() == sel) want.add("paired");
            }
            if (!want.equals(mine)) {
                getStyleClass().removeAll(mine);
                getStyleClass().addAll(want);
                mine.clear();
                mine.addAll(want);
            }
        }
    }
}
