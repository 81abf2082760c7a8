package org.aoelab.target;

import java.util.List;

import org.aoelab.disk.DiskOp;
import org.aoelab.wire.Bytes;

/**
 * What a {@link TargetEngine} did with one received frame: an answer, or a drop and why; the disk
 * operation it performed, if any (so a node can delay the answer by the disk's latency); and, when
 * the frame could not be decoded, why.
 *
 * @param answer       the answer frame, padded to 60 bytes; null when there is none, or when it
 *                     was written into the caller's buffer ({@link TargetEngine#handleInto})
 * @param answerLength bytes of the answer, 0 when there is none
 * @param drop         why there is no answer, or null when there is one
 * @param diskOp       the disk operation performed (attempted, when it failed), or null
 * @param lba          first sector of {@code diskOp}
 * @param sectors      sectors of {@code diskOp}
 * @param malformed    what is wrong with the frame when it could not be decoded as it claims to
 *                     be (answered or not), else null
 */
public record Outcome(Bytes answer, int answerLength, DropReason drop, DiskOp diskOp, long lba, int sectors,
                      String malformed) {

    private static final Outcome[] PLAIN_DROPS = new Outcome[DropReason.values().length];

    static {
        for (DropReason r : DropReason.values()) PLAIN_DROPS[r.ordinal()] = new Outcome(null, 0, r, null, 0, 0, null);
    }

    static Outcome dropped(DropReason reason, String malformed) {
        // Every target sees every broadcast: the common drops cost no allocation.
        return malformed == null ? PLAIN_DROPS[reason.ordinal()] : new Outcome(null, 0, reason, null, 0, 0, malformed);
    }

    public boolean isAnswered() {
        return drop == null;
    }

    /** The answer frames: none or one for a request. */
    public List<Bytes> answers() {
        return answer == null ? List.of() : List.of(answer);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Outcome[");
        if (drop != null) sb.append("dropped: ").append(drop);
        else sb.append("answered ").append(answerLength).append(" bytes");
        if (diskOp != null) sb.append(", ").append(diskOp).append(' ').append(sectors).append(" at ").append(lba);
        if (malformed != null) sb.append(", malformed: ").append(malformed);
        return sb.append(']').toString();
    }
}
