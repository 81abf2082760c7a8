package org.aoelab.wire;

import java.util.Optional;

/**
 * A frame that cannot be decoded. Checked, because every receive path must choose: drop the
 * frame and count it, or answer with the AoE error the protocol asks for ({@link Reason#answer()}).
 *
 * <p>The message says what was expected and what was seen, at which byte offset of the frame,
 * with a short hex excerpt starting there.
 */
public final class MalformedFrameException extends Exception {

    /** What the protocol wants a target to do with such a frame (protocol reference 8, 9). */
    public enum Answer {
        /** Drop silently (and count). */
        DROP,
        /** Answer with the AoE error flag and the reason's error code. */
        AOE_ERROR,
        /** Answer with a normal response whose ATA status is 0x41 and error register 0x04 (ABRT). */
        ATA_ABORT
    }

    /** Why a frame was refused, and what the protocol wants done about it. */
    public enum Reason {
        TRUNCATED_ETHERNET(Answer.DROP, null, "shorter than an Ethernet header"),
        NOT_AOE(Answer.DROP, null, "EtherType is not 0x88A2"),
        TRUNCATED_HEADER(Answer.DROP, null, "shorter than the 24-byte AoE header"),
        TRUNCATED_ARGUMENT(Answer.DROP, null, "shorter than its command's fixed argument"),
        UNSUPPORTED_VERSION(Answer.AOE_ERROR, AoeError.UNSUPPORTED_VERSION, "AoE version is not 1"),
        BAD_CONFIG_LENGTH(Answer.AOE_ERROR, AoeError.BAD_ARGUMENT,
                "config string length is above 1024 or beyond the frame"),
        SHORT_WRITE_DATA(Answer.ATA_ABORT, AoeError.BAD_ARGUMENT,
                "write carries fewer than Sector Count x 512 data bytes"),
        TRUNCATED_DIRECTIVES(Answer.AOE_ERROR, AoeError.BAD_ARGUMENT,
                "Dir Count is larger than the directives present"),
        TRUNCATED_MAC_LIST(Answer.AOE_ERROR, AoeError.BAD_ARGUMENT,
                "NMacs is larger than the MAC addresses present");

        private final Answer answer;
        private final AoeError error;
        private final String summary;

        Reason(Answer answer, AoeError error, String summary) {
            this.answer = answer;
            this.error = error;
            this.summary = summary;
        }

        /** What the AoE Lab rules want a target to do. */
        public Answer answer() {
            return answer;
        }

        /**
         * The AoE error code for an {@link Answer#AOE_ERROR} answer; for {@link Answer#ATA_ABORT},
         * the code a profile that answers with AoE errors instead (vblade) would use.
         */
        public Optional<AoeError> aoeError() {
            return Optional.ofNullable(error);
        }

        public String summary() {
            return summary;
        }

        /** How a reader should treat it, in words: "drop silently", "answer with AoE error 2 ...". */
        public String remedy() {
            return switch (answer) {
                case DROP -> "the spec wants it dropped silently";
                case AOE_ERROR -> "the spec wants an answer with AoE error " + error.code() + " (" + error.title() + ")";
                case ATA_ABORT -> "AoE Lab answers with ATA ABRT (status 0x41, error 0x04); vblade with AoE error "
                        + error.code();
            };
        }
    }

    private final Reason reason;
    private final int offset;
    private final String excerpt;
    private final transient AoeHeader header;

    /**
     * @param offset  byte offset in the frame where the problem is
     * @param frame   the whole frame, for the hex excerpt
     * @param detail  what was expected and what was seen
     * @param header  the AoE header when it decoded, so a target can still answer; else null
     */
    public MalformedFrameException(Reason reason, int offset, Bytes frame, String detail, AoeHeader header) {
        super(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " at offset " + offset + ": "
                + detail + "; " + reason.remedy() + " [" + excerptOf(frame, offset) + "]");
        this.reason = reason;
        this.offset = offset;
        this.excerpt = excerptOf(frame, offset);
        this.header = header;
    }

    private static String excerptOf(Bytes frame, int offset) {
        if (frame == null) return "";
        if (offset >= frame.length()) {
            int from = Math.max(0, frame.length() - 8);
            return "frame ends at " + frame.length() + (frame.length() > 0 ? "; last bytes: " + frame.toHex(from, 8) : "");
        }
        return frame.toHex(offset, 16);
    }

    public Reason reason() {
        return reason;
    }

    /** Byte offset in the frame (0 = first byte of the destination MAC). */
    public int offset() {
        return offset;
    }

    /** Up to 16 bytes of hex from the offset. */
    public String excerpt() {
        return excerpt;
    }

    /** The AoE header, when the frame got that far. */
    public Optional<AoeHeader> header() {
        return Optional.ofNullable(header);
    }
}
