package org.aoelab.wire;

/** MCmd, byte 25 of a Mac Mask List argument (protocol reference 3.3). */
public enum MaskCommand {
    READ(0, "read list"),
    EDIT(1, "edit list");

    private final int code;
    private final String title;

    MaskCommand(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public static MaskCommand ofCode(int code) {
        return code == 0 ? READ : code == 1 ? EDIT : null;
    }

    public static String describe(int code) {
        MaskCommand c = ofCode(code);
        return c != null ? c.title : "undefined MCmd " + code;
    }
}
