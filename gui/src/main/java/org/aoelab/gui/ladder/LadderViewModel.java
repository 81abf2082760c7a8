package org.aoelab.gui.ladder;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import org.aoelab.gui.LabViewModel;
import org.aoelab.gui.frames.FrameListViewModel;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.model.NodeInfo;
import org.aoelab.gui.model.Update;

/**
 * The ladder diagram's state: which rows of the frame list are in view (following the newest
 * frames until the user scrolls or selects), and the lifelines. {@link #layout} computes the
 * diagram of the rows in view; clicking a row selects its frame everywhere.
 */
public final class LadderViewModel implements LabViewModel.UpdateListener {
    private final FrameListViewModel frames;
    private final List<String> nodes = new ArrayList<>();

    // Properties
    private final ReadOnlyIntegerWrapper firstRow = new ReadOnlyIntegerWrapper(this, "firstRow", 0);
    private final ReadOnlyIntegerWrapper totalRows = new ReadOnlyIntegerWrapper(this, "totalRows", 0);
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following", true);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);

    private int visibleRows = 30;

    public LadderViewModel(FrameListViewModel frames) {
        this.frames = frames;
        frames.selectedProperty().addListener((o, a, b) -> reveal(b.longValue()));
    }

    // ------------------------------------------------------------------ Properties

    public ReadOnlyIntegerProperty firstRowProperty() {
        return firstRow.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalRowsProperty() {
        return totalRows.getReadOnlyProperty();
    }

    /** True while the view follows the newest frames. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** Goes up when the diagram should be painted again. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public List<String> nodes() {
        return List.copyOf(nodes);
    }

    // ------------------------------------------------------------------ Commands

    /** How many rows fit (the view tells as it is resized). */
    public void setVisibleRows(int rows) {
        visibleRows = Math.max(1, rows);
        if (following.get()) follow();
        changed();
    }

    public int visibleRows() {
        return visibleRows;
    }

    /** Scrolls so that row {@code row} is the first in view; scrolling to the end follows new frames again. */
    public void scrollTo(int row) {
        int max = Math.max(0, totalRows.get() - visibleRows);
        int r = Math.max(0, Math.min(row, max));
        firstRow.set(r);
        following.set(r >= max);
        changed();
    }

    /** Selects the frame drawn at height {@code y} of {@code diagram}. */
    public void clickAt(LadderLayout.Diagram diagram, double y) {
        long seq = diagram.hit(y);
        if (seq != 0) frames.select(seq);
    }

    /** The diagram of the rows in view. */
    public LadderLayout.Diagram layout(double width, double rowHeight) {
        List<LadderLayout.Frame> rows = new ArrayList<>();
        int total = frames.rows().size();
        int from = Math.min(firstRow.get(), Math.max(0, total));
        int to = Math.min(total, from + visibleRows);
        List<String> lines = new ArrayList<>(nodes);
        for (int i = from; i < to; i++) {
            FrameRow r = new FrameRow(frames.store(), frames.seqAt(i));
            if (!frames.store().contains(r.seq())) continue;
            String src = r.source();
            if (!lines.contains(src)) lines.add(src);
            String label = r.summary() + (r.tag().isEmpty() ? "" : "  tag " + r.tag());
            rows.add(new LadderLayout.Frame(r.seq(), r.time(), src, r.destination(), r.fate(), r.pair(), label, r.command()));
        }
        for (LadderLayout.Frame f : rows) {
            if (!"broadcast".equals(f.destination()) && !lines.contains(f.destination())) lines.add(f.destination());
        }
        return LadderLayout.layout(lines, rows, width, rowHeight, frames.selectedProperty().get());
    }

    // ------------------------------------------------------------------ updates

    @Override
    public void update(Update u) {
        if (u instanceof Update.Topology t) {
            nodes.clear();
            for (NodeInfo n : t.nodes()) {
                if (n.kind() == NodeInfo.Kind.INITIATOR) nodes.add(n.name());
            }
            for (NodeInfo n : t.nodes()) {
                if (n.kind() != NodeInfo.Kind.INITIATOR) nodes.add(n.name());
            }
        }
    }

    @Override
    public void reset() {
        nodes.clear();
        firstRow.set(0);
        following.set(true);
    }

    @Override
    public void flush() {
        int total = frames.rows().size();
        boolean grew = total != totalRows.get();
        totalRows.set(total);
        if (following.get()) follow();
        if (grew || following.get()) changed();
    }

    /** Something else changed what the rows in view show (fates): paint again. */
    public void changed() {
        revision.set(revision.get() + 1);
    }

    private void follow() {
        firstRow.set(Math.max(0, totalRows.get() - visibleRows));
    }

    private void reveal(long seq) {
        if (seq != 0) {
            int i = frames.indexOf(seq);
            if (i >= 0 && (i < firstRow.get() || i >= firstRow.get() + visibleRows)) {
                following.set(false);
                firstRow.set(Math.max(0, i - visibleRows / 2));
            }
        }
        changed();
    }
}
