package org.aoelab.wire;

/** RCmd, byte 24 of a Reserve/Release argument (protocol reference 3.4). */
public enum ReserveCommand {
    READ(0, "read reserve list"),
    SET(1, "set reserve list"),
    FORCE_SET(2, "force set reserve list");

    private final int code;
    private final String title;

    ReserveCommand(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public static ReserveCommand ofCode(int code) {
        return code >= 0 && code <= 2 ? values()[code] : null;
    }

    public static String describe(int code) {
        ReserveCommand c = ofCode(code);
        return c != null ? c.title : "undefined RCmd " + code;
    }
}
