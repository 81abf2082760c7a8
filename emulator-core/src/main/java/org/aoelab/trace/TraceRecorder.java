package org.aoelab.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects trace events in the order they were published. Subscribe it to a simulation's trace
 * bus ({@code sim.trace().subscribe(recorder)}) and query it afterwards.
 */
public final class TraceRecorder implements Consumer<TraceEvent> {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public void accept(TraceEvent event) {
        events.add(event);
    }

    /** Every event so far, oldest first (a read-only view). */
    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Every frame event so far. */
    public List<FrameEvent> frames() {
        List<FrameEvent> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof FrameEvent f) out.add(f);
        }
        return out;
    }

    /** The frame events of {@code kind}. */
    public List<FrameEvent> frames(FrameEvent.Kind kind) {
        List<FrameEvent> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof FrameEvent f && f.kind() == kind) out.add(f);
        }
        return out;
    }

    /** The frame events of {@code kind} at {@code place}. */
    public List<FrameEvent> frames(FrameEvent.Kind kind, String place) {
        List<FrameEvent> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof FrameEvent f && f.kind() == kind && f.place().equals(place)) out.add(f);
        }
        return out;
    }

    /** How many frame events of {@code kind} there are. */
    public long count(FrameEvent.Kind kind) {
        long n = 0;
        for (TraceEvent e : events) {
            if (e instanceof FrameEvent f && f.kind() == kind) n++;
        }
        return n;
    }

    /** The events of one type, e.g. {@code recorder.ofType(NoteEvent.class)}. */
    public <T extends TraceEvent> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (type.isInstance(e)) out.add(type.cast(e));
        }
        return out;
    }

    public int size() {
        return events.size();
    }

    public void clear() {
        events.clear();
    }

    /** The SHA-256 digest of the events so far, as {@link TraceDigest} computes it. */
    public String digest() {
        return TraceDigest.of(events);
    }

    @Override
    public String toString() {
        return "TraceRecorder[" + events.size() + " events]";
    }
}
