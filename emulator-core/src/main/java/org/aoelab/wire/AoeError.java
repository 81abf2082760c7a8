package org.aoelab.wire;

/** AoE error codes, byte 15 of a response with the E flag (protocol reference 2.4). */
public enum AoeError {
    UNRECOGNIZED_COMMAND(1, "unrecognized command code"),
    BAD_ARGUMENT(2, "bad argument parameter"),
    DEVICE_UNAVAILABLE(3, "device unavailable"),
    CONFIG_STRING_PRESENT(4, "config string present"),
    UNSUPPORTED_VERSION(5, "unsupported version"),
    TARGET_RESERVED(6, "target is reserved");

    private static final AoeError[] BY_CODE = new AoeError[7];

    static {
        for (AoeError e : values()) BY_CODE[e.code] = e;
    }

    private final int code;
    private final String title;

    AoeError(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The error with this code, or null for codes the spec does not define (0, 7-255). */
    public static AoeError ofCode(int code) {
        return code >= 1 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** "config string present", or "undefined error N". */
    public static String describe(int code) {
        AoeError e = ofCode(code);
        return e != null ? e.title : code == 0 ? "no error" : "undefined error " + code;
    }
}
