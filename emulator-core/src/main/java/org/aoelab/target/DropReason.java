package org.aoelab.target;

/**
 * Why a target sent no answer to a frame it received (protocol reference sections 3 and 9).
 * Every drop is counted in {@link TargetStats} and, by {@link AoeTarget}, traced with the
 * reason's {@link #cause()}.
 */
public enum DropReason {
    /** Shorter than the 14-byte Ethernet header or the 24-byte AoE header (rule 1). */
    TRUNCATED_FRAME("shorter than the 24-byte AoE header"),
    /** EtherType is not 0x88A2 (rule 1). */
    NOT_AOE("EtherType is not AoE"),
    /** The R flag is set: targets ignore responses (rule 1). */
    RESPONSE("a response, not a request"),
    /** Another shelf.slot, and no wildcard that covers this one (rule 2). */
    NOT_ADDRESSED("addressed to another shelf.slot"),
    /** The source MAC is on the static deny list, or not on a non-empty accept list. */
    ACCESS_DENIED("source MAC refused by the static access list"),
    /** The Mac Mask List is not empty and the source MAC is not on it (rule 3). */
    MASKED("source MAC not on the Mac Mask List"),
    /** The disk has vanished: the target answers nothing, as if unplugged. */
    DISK_VANISHED("the disk has vanished"),
    /** Buffer Count enforced as a queue limit and that many requests are outstanding (rule 8). */
    QUEUE_FULL("Buffer Count requests already outstanding"),
    /** Version nibble not 1 and the profile drops it (rule 4, pitfall 8). */
    BAD_VERSION("AoE version is not 1"),
    /** A known command shorter than its fixed argument (rule 5, pitfall 1). */
    TRUNCATED_ARGUMENT("shorter than its command's fixed argument"),
    /** Query Config test or test-prefix that did not match: silence is the answer (3.2). */
    CONFIG_NO_MATCH("config string test did not match"),
    /** Query Config with a bad string length, answered with silence (profile vblade, 3.2). */
    CONFIG_BAD_LENGTH("config string length above 1024 or beyond the frame");

    private final String cause;

    DropReason(String cause) {
        this.cause = cause;
    }

    /** The cause in words, for trace events and status output. */
    public String cause() {
        return cause;
    }
}
