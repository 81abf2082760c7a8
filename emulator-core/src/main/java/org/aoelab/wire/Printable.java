package org.aoelab.wire;

/** Shows bytes that are usually text (config strings) readably. */
public final class Printable {
    private Printable() {
    }

    /** {@code "hello"}, with non-printable bytes as {@code \xNN}, cut after {@code max} bytes. */
    public static String quote(Bytes bytes, int max) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(bytes.length(), max);
        for (int i = 0; i < n; i++) {
            int b = bytes.u8(i);
            if (b == '"' || b == '\\') sb.append('\\').append((char) b);
            else if (b >= 0x20 && b < 0x7F) sb.append((char) b);
            else sb.append(String.format("\\x%02x", b));
        }
        sb.append('"');
        if (n < bytes.length()) sb.append("... (").append(bytes.length()).append(" bytes)");
        return sb.toString();
    }
}
