package org.aoelab.cli;

import java.io.PrintWriter;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector.Dissection;
import org.aoelab.wire.Field;

/**
 * Prints a dissected frame as a table in byte order: offset, raw bytes, field name, value and
 * meaning; bit fields are drawn under their byte with the bits they use.
 */
public final class FramePrinter {
    private static final int BYTES_SHOWN = 8;

    private final PrintWriter out;
    private final Style style;
    private final boolean allData;

    public FramePrinter(PrintWriter out, Style style, boolean allData) {
        this.out = out;
        this.style = style;
        this.allData = allData;
    }

    /** The heading line of a frame. */
    public void heading(String title, Dissection d) {
        StringBuilder sb = new StringBuilder(style.bold(title)).append(style.dim(" · " + d.frame().length() + " bytes"));
        if (d.frame().length() < 60 && d.ok()) sb.append(style.dim(" (unpadded)"));
        if (d.decoded() != null) {
            var h = d.decoded().header();
            sb.append(style.dim(" · ")).append(h.response() ? "response from " : "request to ").append(h.target());
        }
        if (!d.summary().isEmpty()) sb.append(style.dim(" · ")).append(d.summary());
        out.println(sb);
    }

    public void table(Dissection d) {
        out.println(style.dim(String.format("  %-6s  %-26s %-26s %-20s %s", "offset", "bytes", "field", "value", "meaning")));
        for (Field f : d.fields()) field(d.frame(), f, 0);
        if (!d.ok()) {
            out.println("  " + style.red("malformed: " + d.problem().getMessage()));
        }
    }

    private void field(Bytes frame, Field f, int depth) {
        String indent = "  ".repeat(depth);
        String where;
        String raw;
        if (f.mask() != 0) {
            where = "";
            raw = indent + bitPattern(frame.u8(f.offset()), f.mask());
        } else {
            where = String.format("0x%04x", f.offset());
            raw = indent + rawBytes(frame, f);
        }
        String name = f.name().startsWith("eth.") ? style.blue(f.name()) : style.cyan(f.name());
        String meaning = f.meaning();
        if (meaning.contains("fail") || meaning.startsWith("error") || meaning.contains("malformed")) meaning = style.red(meaning);
        out.println(String.format("  %-6s  ", where) + Style.pad(raw, 26) + " " + Style.pad(indent + name, 26) + " "
                + Style.pad(style.bold(f.value()), 20) + " " + meaning);
        if (f.name().equals("aoe.data") && allData && f.children().isEmpty()) {
            hexdump(frame, f.offset(), f.length());
        }
        for (Field c : f.children()) field(frame, c, depth + 1);
    }

    private String rawBytes(Bytes frame, Field f) {
        if (f.length() <= BYTES_SHOWN) return frame.toHex(f.offset(), f.length()).replace(" ...", "");
        return frame.toHex(f.offset(), BYTES_SHOWN - 2).replace(" ...", "") + " …";
    }

    /** "0001 ...." for the version nibble of 0x10. */
    static String bitPattern(int value, int mask) {
        StringBuilder sb = new StringBuilder(9);
        for (int bit = 7; bit >= 0; bit--) {
            if (bit == 3) sb.append(' ');
            sb.append((mask & 1 << bit) == 0 ? '.' : (value & 1 << bit) != 0 ? '1' : '0');
        }
        return sb.toString();
    }

    private void hexdump(Bytes frame, int from, int len) {
        for (int at = from; at < from + len; at += 16) {
            out.println(style.dim(String.format("          0x%04x  %s", at, frame.toHex(at, Math.min(16, from + len - at)).replace(" ...", ""))));
        }
    }

    /** All fields, flattened, for searching in tests. */
    public static List<Field> flatten(List<Field> fields) {
        java.util.ArrayList<Field> out = new java.util.ArrayList<>();
        for (Field f : fields) {
            out.add(f);
            out.addAll(flatten(f.children()));
        }
        return out;
    }
}
