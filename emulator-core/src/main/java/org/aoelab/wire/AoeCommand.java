package org.aoelab.wire;

/**
 * The command codes of byte 19 (protocol reference 2.5). The header keeps the raw byte, so codes
 * without a constant here stay representable and a target can answer them with error 1.
 */
public enum AoeCommand {
    ATA(0, "Issue ATA Command"),
    QUERY_CONFIG(1, "Query Config Information"),
    MAC_MASK_LIST(2, "Mac Mask List"),
    RESERVE_RELEASE(3, "Reserve/Release");

    private final int code;
    private final String title;

    AoeCommand(int code, String title) {
        this.code = code;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The command with this code, or null when the code is not one of 0-3. */
    public static AoeCommand ofCode(int code) {
        return code >= 0 && code <= 3 ? values()[code] : null;
    }

    /** A name for any code: "Query Config Information", "vendor-specific 0xf1", "unassigned 4". */
    public static String describe(int code) {
        AoeCommand c = ofCode(code);
        if (c != null) return c.title;
        return code >= 0xF0 ? "vendor-specific 0x" + Integer.toHexString(code) : "unassigned " + code;
    }
}
