package org.aoelab.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code AOELAB-RESULT key=value ...} line the guest printed for one disk (or another
 * line of key=value words, such as {@code AOELAB-LOCK}).
 *
 * @param line   the line as printed
 * @param fields its key=value pairs, in order
 */
record GuestResult(String line, Map<String, String> fields) {
    static final String PREFIX = "AOELAB-RESULT ";
    static final String LOCK_PREFIX = "AOELAB-LOCK ";
    static final String FS_PREFIX = "AOELAB-FS ";

    GuestResult {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses a result line (anything before {@link #PREFIX}, such as kernel output that
     * shared the console line, is ignored).
     *
     * @throws IllegalArgumentException when the line holds no result, or a word is not key=value
     */
    static GuestResult parse(String line) {
        return parse(line, PREFIX);
    }

    /** As {@link #parse(String)}, for a line that starts with {@code prefix} (such as {@code "AOELAB-LOCK "}). */
    static GuestResult parse(String line, String prefix) {
        int at = line.indexOf(prefix);
        if (at < 0) throw new IllegalArgumentException("line '" + line + "' holds no " + prefix.strip());
        Map<String, String> fields = new LinkedHashMap<>();
        for (String word : line.substring(at + prefix.length()).strip().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("result word '" + word + "' in '" + line + "' is not key=value");
            fields.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return new GuestResult(line.substring(at), fields);
    }

    /** The value of {@code key}, or the empty string. */
    String get(String key) {
        return fields.getOrDefault(key, "");
    }

    /** Whether the guest judged this disk good: size, read-back and host region all matched. */
    boolean ok() {
        return get("ok").equals("1");
    }

    /** {@code SHELF.SLOT}. */
    String target() {
        return get("target");
    }

    double writeMBps() {
        return number("write_MBps");
    }

    double readMBps() {
        return number("read_MBps");
    }

    /** A numeric field; NaN when missing. */
    double number(String key) {
        String v = get(key);
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }
}
