package org.aoelab.gui.frames;

import java.util.AbstractList;
import java.util.Arrays;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;
import org.aoelab.gui.model.FrameFilter;
import org.aoelab.gui.model.FrameStore;

/**
 * The frame list: the store's frames, or those a filter lets through, as an observable list
 * whose rows are made when asked for (a table shows a few dozen of a million), and the selected
 * frame, which every other view follows.
 *
 * <p>Changes are collected while updates are applied and announced once per pulse by
 * {@link #flush()}. A new filter is applied to the retained frames a slice at a time (see
 * {@link #work}), so a million frames never hold the FX thread for long.
 */
public final class FrameListViewModel {
    /** Frames a filter examines per call of {@link #work}. */
    public static final int FILTER_SLICE = 100_000;

    private final FrameStore store;
    private final Rows rows;

    // Properties
    private final ReadOnlyStringWrapper filterText = new ReadOnlyStringWrapper(this, "filterText", "");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper(this, "filterError", "");
    private final ReadOnlyLongWrapper selected = new ReadOnlyLongWrapper(this, "selected", 0);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown", 0);
    private final ReadOnlyIntegerWrapper filterProgress = new ReadOnlyIntegerWrapper(this, "filterProgress", 100);

    private FrameFilter filter = FrameFilter.parse("");
    private long[] matches = new long[1024];
    private int matchHead;
    private int matchCount;
    private long filterCursor = -1; // next frame the filter still has to look at, -1 when done
    private int reported;           // rows announced to listeners
    private long reportedFirst = 1; // the store's first frame when rows were last announced
    private boolean changedRows;

    public FrameListViewModel(FrameStore store) {
        this.store = store;
        this.rows = new Rows();
    }

    // ------------------------------------------------------------------ Properties

    /** The rows to show, oldest first. */
    public ObservableList<FrameRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty filterTextProperty() {
        return filterText.getReadOnlyProperty();
    }

    /** Why the filter text does not parse, or {@code ""}. */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    /** The selected frame's number, 0 when none. */
    public ReadOnlyLongProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Goes up whenever shown rows may have changed content (fates, destinations): the view refreshes. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Percent of the retained frames the current filter has looked at. */
    public ReadOnlyIntegerProperty filterProgressProperty() {
        return filterProgress.getReadOnlyProperty();
    }

    public FrameStore store() {
        return store;
    }

    // ------------------------------------------------------------------ Commands

    /**
     * Sets the filter; a text that does not parse leaves the current filter in force and says why
     * in {@link #filterErrorProperty()}.
     *
     * @return true when the filter was applied
     */
    public boolean setFilter(String text) {
        filterText.set(text == null ? "" : text);
        FrameFilter f;
        try {
            f = FrameFilter.parse(text);
        } catch (IllegalArgumentException e) {
            filterError.set(e.getMessage());
            return false;
        }
        filterError.set("");
        filter = f;
        matchHead = 0;
        matchCount = 0;
        filterCursor = f.matchesAll() ? -1 : store.firstSeq();
        filterProgress.set(f.matchesAll() ? 100 : 0);
        reannounce();
        work();
        return true;
    }

    public void select(long seq) {
        selected.set(seq);
    }

    /** The row index of frame {@code seq}, or -1 when it is not shown. */
    public int indexOf(long seq) {
        if (!store.contains(seq)) return -1;
        if (filter.matchesAll()) return (int) (seq - store.firstSeq());
        int i = Arrays.binarySearch(matches, matchHead, matchHead + matchCount, seq);
        return i >= 0 ? i - matchHead : -1;
    }

    /** The frame number in row {@code index}. */
    public long seqAt(int index) {
        if (filter.matchesAll()) return store.firstSeq() + index;
        return matches[matchHead + index];
    }

    /** Selects the next shown frame after the selection (for keyboard stepping); false at the end. */
    public boolean selectNext() {
        int i = selected.get() == 0 ? -1 : indexOf(selected.get());
        if (i + 1 >= rows.size()) return false;
        select(seqAt(i + 1));
        return true;
    }

    // ------------------------------------------------------------------ updates (FX thread)

    /** A frame was appended to the store. */
    public void appended(long seq) {
        if (filter.matchesAll() || filterCursor >= 0) return; // unfiltered, or the filter's pass will reach it
        if (filter.matches(new FrameRow(store, seq))) addMatch(seq);
    }

    /** Rows already shown changed (fates); the view will refresh. */
    public void rowsChanged() {
        changedRows = true;
    }

    /** Everything was cleared (a restart, another file). */
    public void cleared() {
        matchHead = 0;
        matchCount = 0;
        selected.set(0);
        if (!filter.matchesAll()) filterCursor = store.firstSeq();
        reannounce();
    }

    /** Continues a filter pass for one slice; returns true when more is left to do. */
    public boolean work() {
        if (filterCursor < 0) return false;
        long end = Math.min(store.nextSeq(), filterCursor + FILTER_SLICE);
        long from = Math.max(filterCursor, store.firstSeq());
        for (long s = from; s < end; s++) {
            if (filter.matches(new FrameRow(store, s))) addMatch(s);
        }
        filterCursor = end;
        int total = store.size();
        filterProgress.set(total == 0 ? 100 : (int) (100 * (end - store.firstSeq()) / Math.max(1, total)));
        if (end >= store.nextSeq()) {
            filterCursor = -1;
            filterProgress.set(100);
        }
        return filterCursor >= 0;
    }

    private void addMatch(long seq) {
        if (matchHead + matchCount == matches.length) {
            if (matchHead > matches.length / 2) {
                System.arraycopy(matches, matchHead, matches, 0, matchCount);
                matchHead = 0;
            } else {
                matches = Arrays.copyOf(matches, matches.length * 2);
            }
        }
        matches[matchHead + matchCount++] = seq;
    }

    /** Announces what changed since the last call: evictions, new rows, changed rows. */
    public void flush() {
        int removedFront;
        if (filter.matchesAll()) {
            removedFront = (int) Math.min(reported, Math.max(0, store.firstSeq() - reportedFirst));
        } else {
            int dropped = 0;
            while (matchCount > 0 && matches[matchHead] < store.firstSeq()) {
                matchHead++;
                matchCount--;
                dropped++;
            }
            removedFront = Math.min(reported, dropped);
        }
        rows.fire(removedFront, rows.size());
        shown.set(rows.size());
        if (selected.get() != 0 && !store.contains(selected.get())) selected.set(0);
        if (changedRows) {
            changedRows = false;
            revision.set(revision.get() + 1);
        }
    }

    private void reannounce() {
        rows.replaceAll();
        shown.set(rows.size());
    }

    /** The rows as an observable list; its size follows the store or the matches. */
    private final class Rows extends ObservableListBase<FrameRow> {
        private final FrameRow gone = new FrameRow(store, -1);

        @Override
        public FrameRow get(int index) {
            if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("row " + index + " of " + size());
            return new FrameRow(store, seqAt(index));
        }

        @Override
        public int size() {
            return filter.matchesAll() ? store.size() : matchCount;
        }

        /** Fires one change: {@code removed} reported rows gone from the front, then the new size. */
        void fire(int removed, int now) {
            int before = reported - removed;
            reportedFirst = store.firstSeq();
            if (removed == 0 && now == reported) return;
            beginChange();
            if (removed > 0) nextRemove(0, placeholders(removed));
            if (now > before) {
                nextAdd(before, now);
            } else if (now < before) {
                nextRemove(now, placeholders(before - now));
            }
            reported = now;
            endChange();
        }

        void replaceAll() {
            beginChange();
            if (reported > 0) nextRemove(0, placeholders(reported));
            int n = size();
            if (n > 0) nextAdd(0, n);
            reported = n;
            reportedFirst = store.firstSeq();
            endChange();
        }

        /**
         * What stands for {@code n} rows gone: the frames are no longer in the store, and the
         * table only counts them (16,384 leave at once when the store is full), so one placeholder
         * repeated, never equal to a listed row.
         */
        private java.util.List<FrameRow> placeholders(int n) {
            return java.util.Collections.nCopies(n, gone);
        }
    }
}
