package org.aoelab.wire;

/** CCmd, the low nibble of Query Config byte 29 (protocol reference 3.2). */
public enum ConfigCommand {
    READ(0, "read"),
    TEST(1, "test"),
    TEST_PREFIX(2, "test prefix"),
    SET(3, "set if empty"),
    FORCE_SET(4, "force set");

    private final int code;
    private final String title;

    ConfigCommand(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public static ConfigCommand ofCode(int code) {
        return code >= 0 && code <= 4 ? values()[code] : null;
    }

    public static String describe(int code) {
        ConfigCommand c = ofCode(code);
        return c != null ? c.title : "undefined CCmd " + code;
    }
}
