package org.aoelab.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

import org.aoelab.wire.Bytes;

/**
 * A SHA-256 fingerprint of a trace: two runs have the same digest exactly when they published
 * the same events in the same order, with the same times, places, frame bytes, ids and causes.
 * Subscribe one to the trace bus and read {@link #hex()} at the end; it keeps no events, so it
 * fingerprints runs of any length.
 *
 * <p>Each event is hashed as a type letter then its fields in declaration order: numbers as
 * 8 bytes big-endian, strings and bytes as a 4-byte length (-1 for null) then their UTF-8 or raw
 * bytes. Event types other than the three here are hashed by class name, time, place and
 * {@code toString()}.
 */
public final class TraceDigest implements Consumer<TraceEvent> {
    private final MessageDigest sha;
    private final byte[] scratch = new byte[8];
    private long events;

    public TraceDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hex digest of {@code events}. */
    public static String of(Iterable<? extends TraceEvent> events) {
        TraceDigest d = new TraceDigest();
        for (TraceEvent e : events) d.accept(e);
        return d.hex();
    }

    @Override
    public void accept(TraceEvent event) {
        events++;
        if (event instanceof FrameEvent f) {
            tag('F');
            number(f.time());
            text(f.kind().name());
            text(f.place());
            number(f.frameId());
            number(f.parentId());
            bytes(f.frame());
            text(f.cause());
        } else if (event instanceof TimerEvent t) {
            tag('T');
            number(t.time());
            text(t.place());
            text(t.what());
        } else if (event instanceof NoteEvent n) {
            tag('N');
            number(n.time());
            text(n.place());
            text(n.topic());
            text(n.text());
        } else {
            tag('?');
            text(event.getClass().getName());
            number(event.time());
            text(event.place());
            text(event.toString());
        }
    }

    /** How many events went in. */
    public long events() {
        return events;
    }

    /** The digest of the events so far; more may follow. */
    public byte[] digest() {
        try {
            return ((MessageDigest) sha.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** {@link #digest()} as 64 lower-case hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(digest());
    }

    @Override
    public String toString() {
        return "TraceDigest[" + events + " events, " + hex() + "]";
    }

    private void tag(char c) {
        sha.update((byte) c);
    }

    private void number(long v) {
        for (int i = 0; i < 8; i++) scratch[i] = (byte) (v >>> (56 - 8 * i));
        sha.update(scratch, 0, 8);
    }

    private void length(int n) {
        for (int i = 0; i < 4; i++) scratch[i] = (byte) (n >>> (24 - 8 * i));
        sha.update(scratch, 0, 4);
    }

    private void text(String s) {
        if (s == null) {
            length(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        length(b.length);
        sha.update(b);
    }

    private void bytes(Bytes b) {
        length(b.length());
        sha.update(b.asReadOnlyBuffer());
    }
}
