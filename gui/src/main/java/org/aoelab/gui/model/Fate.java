package org.aoelab.gui.model;

/**
 * What became of a frame, as bits: a frame can be delivered and duplicated, or lost on one copy
 * and delivered on another. {@link #describe} turns the bits into the frame list's text.
 */
public final class Fate {
    /** At least one copy reached a node (or left a bare port). */
    public static final int DELIVERED = 1;
    /** At least one copy was dropped (loss, queue, link down, MTU, partition, filtered...). */
    public static final int DROPPED = 1 << 1;
    /** A link made a second copy. */
    public static final int DUPLICATED = 1 << 2;
    /** A link flipped bits in it. */
    public static final int CORRUPTED = 1 << 3;
    /** A link sent it ahead of frames sent before it. */
    public static final int REORDERED = 1 << 4;
    /** A rate-limited link held it in its queue. */
    public static final int QUEUED = 1 << 5;
    /** The initiator sent it again because an earlier copy went unanswered. */
    public static final int RETRANSMISSION = 1 << 6;
    /** An AoE answer with the error flag set. */
    public static final int ERROR = 1 << 7;
    /** The receiving node could not decode it. */
    public static final int UNDECODABLE = 1 << 8;
    /** Read from a capture file: nothing is known beyond the bytes. */
    public static final int CAPTURED = 1 << 9;
    /** A NIC dropped it only because it was not addressed to it (a flooded copy): not a loss. */
    public static final int FILTERED = 1 << 10;

    private Fate() {
    }

    /** True when the frame reached no node and some copy was dropped. */
    public static boolean lost(int bits) {
        return (bits & DROPPED) != 0 && (bits & DELIVERED) == 0;
    }

    /** A short description: {@code "lost"}, {@code "delivered, duplicated"}, {@code "in flight"}. */
    public static String describe(int bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & CAPTURED) != 0) {
            sb.append("captured");
        } else if (lost(bits)) {
            sb.append("lost");
        } else if ((bits & DELIVERED) != 0) {
            sb.append("delivered");
        } else if ((bits & UNDECODABLE) != 0) {
            sb.append("undecodable");
        } else {
            sb.append("in flight");
        }
        if ((bits & DUPLICATED) != 0) sb.append(", duplicated");
        if ((bits & CORRUPTED) != 0) sb.append(", corrupted");
        if ((bits & REORDERED) != 0) sb.append(", reordered");
        if ((bits & QUEUED) != 0) sb.append(", queued");
        if ((bits & DROPPED) != 0 && (bits & DELIVERED) != 0) sb.append(", a copy lost");
        if ((bits & UNDECODABLE) != 0 && (bits & DELIVERED) != 0) sb.append(", undecodable");
        if ((bits & RETRANSMISSION) != 0) sb.append(", retransmission");
        if ((bits & ERROR) != 0) sb.append(", AoE error");
        return sb.toString();
    }

    /** The name the filter field {@code lab.fate} compares with: lost, delivered, in-flight, captured, undecodable. */
    public static String filterName(int bits) {
        if ((bits & CAPTURED) != 0) return "captured";
        if (lost(bits)) return "lost";
        if ((bits & DELIVERED) != 0) return "delivered";
        if ((bits & UNDECODABLE) != 0) return "undecodable";
        return "in-flight";
    }
}
