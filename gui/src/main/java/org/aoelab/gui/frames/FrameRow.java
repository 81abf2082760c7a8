package org.aoelab.gui.frames;

import org.aoelab.gui.model.Fate;
import org.aoelab.gui.model.FrameFields;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.Units;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.FrameSummary;
import org.aoelab.wire.MalformedFrameException;

/**
 * One row of the frame list: a view of frame {@code seq} in the store, its columns computed when
 * a cell asks (only visible rows are ever asked). Rows compare by frame number. Its {@link #bytes}
 * and {@link #request} are the store's {@linkplain FrameStore#view views}: read them on the spot.
 */
public final class FrameRow implements FrameFields.Frame {
    private final FrameStore store;
    private final long seq;

    public FrameRow(FrameStore store, long seq) {
        this.store = store;
        this.seq = seq;
    }

    public long seq() {
        return seq;
    }

    @Override
    public long number() {
        return seq;
    }

    private boolean live() {
        return store.contains(seq);
    }

    @Override
    public long time() {
        return live() ? store.time(seq) : 0;
    }

    public String timeText() {
        return live() ? Units.seconds(store.time(seq)) : "";
    }

    @Override
    public Bytes bytes() {
        return live() ? store.view(seq) : Bytes.EMPTY;
    }

    @Override
    public String source() {
        return live() ? store.source(seq) : "";
    }

    @Override
    public String destination() {
        return live() ? store.destination(seq) : "";
    }

    @Override
    public int fate() {
        return live() ? store.fate(seq) : 0;
    }

    @Override
    public String cause() {
        return live() ? store.cause(seq) : null;
    }

    @Override
    public Bytes request() {
        if (!live()) return null;
        long p = store.pair(seq);
        if (p == 0 || !store.contains(p) || !isResponse()) return null;
        return store.view(p);
    }

    public long pair() {
        return live() ? store.pair(seq) : 0;
    }

    public int length() {
        return live() ? store.length(seq) : 0;
    }

    private boolean isAoe() {
        Bytes b = bytes();
        return b.length() >= 24 && b.u16(12) == 0x88A2;
    }

    public boolean isResponse() {
        return isAoe() && (bytes().u8(14) & 0x08) != 0;
    }

    /** The AoE command code, or -1 for frames that are not AoE. */
    public int command() {
        return isAoe() ? bytes().u8(19) : -1;
    }

    /** {@code "e1.0"}, {@code "e*.*"} for broadcasts, {@code ""} when not AoE. */
    public String shelfSlot() {
        if (!isAoe()) return "";
        Bytes b = bytes();
        int major = b.u16(16);
        int minor = b.u8(18);
        return "e" + (major == 0xFFFF ? "*" : Integer.toString(major)) + "." + (minor == 0xFF ? "*" : Integer.toString(minor));
    }

    public String tag() {
        return isAoe() ? String.format("%08x", bytes().u32(20)) : "";
    }

    /** {@code "R"} response, {@code "E"} error, {@code "-"} a request. */
    public String flags() {
        if (!isAoe()) return "";
        int f = bytes().u8(14);
        String s = ((f & 0x08) != 0 ? "R" : "") + ((f & 0x04) != 0 ? "E" : "");
        return s.isEmpty() ? "-" : s;
    }

    /** What the frame carries, in words: {@code "READ EXT lba 0 x2"}, {@code "config set-if-empty \"lock h1\""}. */
    public String summary() {
        Bytes b = bytes();
        if (!isAoe()) {
            return b.length() >= 14 ? String.format("EtherType 0x%04x", b.u16(12)) : "runt frame";
        }
        try {
            AoeFrame f = AoeCodec.decode(b);
            Bytes req = request();
            int opcode = req != null && req.length() >= 28 && req.u8(19) == 0 ? req.u8(27) : -1;
            return FrameSummary.describe(f, opcode);
        } catch (MalformedFrameException e) {
            return "malformed: " + e.reason().summary();
        }
    }

    public String fateText() {
        String text = Fate.describe(fate());
        String cause = cause();
        return Fate.lost(fate()) && cause != null ? text + ": " + cause : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameRow r && r.seq == seq;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return "FrameRow[" + seq + "]";
    }
}
