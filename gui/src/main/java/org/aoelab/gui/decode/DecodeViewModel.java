package org.aoelab.gui.decode;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.aoelab.gui.frames.FrameListViewModel;
import org.aoelab.gui.frames.FrameRow;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Field;

/**
 * The selected frame, dissected: its fields as a tree and its bytes, with the two-way link
 * between them. Selecting a field highlights its bytes ({@link #highlightFromProperty()},
 * {@link #highlightLengthProperty()}, and for a bit field {@link #highlightMaskProperty()});
 * selecting a byte selects the narrowest field that covers it.
 */
public final class DecodeViewModel {
    private final FrameStore store;

    // Properties
    private final ReadOnlyObjectWrapper<Dissector.Dissection> dissection = new ReadOnlyObjectWrapper<>(this, "dissection");
    private final ReadOnlyObjectWrapper<Field> selectedField = new ReadOnlyObjectWrapper<>(this, "selectedField");
    private final ReadOnlyIntegerWrapper highlightFrom = new ReadOnlyIntegerWrapper(this, "highlightFrom", -1);
    private final ReadOnlyIntegerWrapper highlightLength = new ReadOnlyIntegerWrapper(this, "highlightLength", 0);
    private final ReadOnlyIntegerWrapper highlightMask = new ReadOnlyIntegerWrapper(this, "highlightMask", 0);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "No frame selected");
    private final ReadOnlyStringWrapper fieldText = new ReadOnlyStringWrapper(this, "fieldText", "");

    private long seq;

    public DecodeViewModel(FrameListViewModel frames) {
        this.store = frames.store();
        frames.selectedProperty().addListener((o, a, b) -> show(b.longValue()));
    }

    // ------------------------------------------------------------------ Properties

    /** The selected frame's dissection, or null. */
    public ReadOnlyObjectProperty<Dissector.Dissection> dissectionProperty() {
        return dissection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Field> selectedFieldProperty() {
        return selectedField.getReadOnlyProperty();
    }

    /** First highlighted byte, -1 for none. */
    public ReadOnlyIntegerProperty highlightFromProperty() {
        return highlightFrom.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty highlightLengthProperty() {
        return highlightLength.getReadOnlyProperty();
    }

    /** The bits of the highlighted byte a bit field uses, 0 for whole bytes. */
    public ReadOnlyIntegerProperty highlightMaskProperty() {
        return highlightMask.getReadOnlyProperty();
    }

    /** {@code "Frame 12 · 0.000150 s · h1 → t1 · 1060 bytes · READ EXT answer ok"}. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The selected field in words: {@code "aoe.major = 0x0001: shelf 1 (bytes 16-17)"}. */
    public ReadOnlyStringProperty fieldTextProperty() {
        return fieldText.getReadOnlyProperty();
    }

    public Bytes bytes() {
        Dissector.Dissection d = dissection.get();
        return d == null ? Bytes.EMPTY : d.frame();
    }

    // ------------------------------------------------------------------ Commands

    /** Shows frame {@code s} (0: nothing). */
    public void show(long s) {
        seq = s;
        selectField(null);
        if (s == 0 || !store.contains(s)) {
            dissection.set(null);
            heading.set("No frame selected");
            return;
        }
        FrameRow row = new FrameRow(store, s);
        Dissector d = new Dissector();
        // copies: the dissection outlives this pulse, and the store recycles its memory
        Bytes req = row.request();
        if (req != null) d.dissect(Bytes.adopt(req.toArray())); // so an answer is explained with its request's command
        Dissector.Dissection x = d.dissect(store.frame(s));
        dissection.set(x);
        heading.set(String.format("Frame %d · %s s · %s → %s · %d bytes · %s", s, row.timeText(), row.source(),
                row.destination(), row.length(), x.summary().isEmpty() ? row.summary() : x.summary()));
    }

    public void selectField(Field f) {
        selectedField.set(f);
        if (f == null) {
            highlightFrom.set(-1);
            highlightLength.set(0);
            highlightMask.set(0);
            fieldText.set("");
            return;
        }
        highlightLength.set(f.length());
        highlightMask.set(f.mask());
        highlightFrom.set(f.offset());
        String where = f.length() == 0 ? "at byte " + f.offset()
                : f.length() == 1 ? "byte " + f.offset() + (f.mask() != 0 ? String.format(", bits 0x%02x", f.mask()) : "")
                : "bytes " + f.offset() + "-" + (f.offset() + f.length() - 1);
        fieldText.set(f.name() + " = " + f.value() + (f.meaning().isEmpty() ? "" : ": " + f.meaning()) + " (" + where + ")");
    }

    /** Selects the narrowest field covering byte {@code index} (the byte itself rather than one of its bits). */
    public void selectByte(int index) {
        selectField(fieldAt(index));
    }

    /** The narrowest field covering byte {@code index}, or null. */
    public Field fieldAt(int index) {
        Dissector.Dissection d = dissection.get();
        if (d == null) return null;
        Field best = null;
        for (Field f : all(d.fields())) {
            if (!f.covers(index)) continue;
            if (best == null || f.length() < best.length() || f.length() == best.length() && best.mask() != 0 && f.mask() == 0) {
                best = f;
            }
        }
        return best;
    }

    /** The path from a top-level field down to {@code target} (for expanding the tree). */
    public List<Field> pathTo(Field target) {
        Dissector.Dissection d = dissection.get();
        List<Field> path = new ArrayList<>();
        if (d != null && target != null) find(d.fields(), target, path);
        return path;
    }

    private static boolean find(List<Field> fields, Field target, List<Field> path) {
        for (Field f : fields) {
            path.add(f);
            if (f.equals(target) || find(f.children(), target, path)) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static List<Field> all(List<Field> fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            out.add(f);
            out.addAll(all(f.children()));
        }
        return out;
    }

    /** The frame shown, 0 for none. */
    public long seq() {
        return seq;
    }

    /** Shown in the hex view's margin: {@code "0000"}. */
    public static String offsetLabel(int offset) {
        return String.format("%04x", offset);
    }
}
