package org.aoelab.target;

import org.aoelab.wire.AoeError;

/**
 * Counters of one target: frames received, answered and dropped (by {@link DropReason}), AoE
 * error answers by code, ATA failures and data moved. Written only by the target's own engine
 * inside the simulation loop; read by anybody.
 */
public final class TargetStats {
    private static final DropReason[] REASONS = DropReason.values();

    private long received;
    private long answered;
    private final long[] drops = new long[REASONS.length];
    private final long[] aoeErrors = new long[8];
    private long ataErrors;
    private long sectorsRead;
    private long sectorsWritten;
    private long flushes;
    private long extFlagMismatches;
    private long wildcardAtaCommands;
    private long stateSaveFailures;
    private long answersWithheld;
    private long announcements;

    /** Frames handed to the target, whatever became of them. */
    public long received() {
        return received;
    }

    /** Answers sent (error answers included), announcements excluded. */
    public long answered() {
        return answered;
    }

    public long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** All frames that got no answer. */
    public long dropped() {
        long n = 0;
        for (long d : drops) n += d;
        return n;
    }

    /** Answers with the E flag and this error code. */
    public long aoeErrors(AoeError error) {
        return aoeErrors[error.code()];
    }

    /** Answers with the E flag, any code. */
    public long aoeErrors() {
        long n = 0;
        for (long e : aoeErrors) n += e;
        return n;
    }

    /** ATA answers whose status has ERR set (ABRT, IDNF, UNC). */
    public long ataErrors() {
        return ataErrors;
    }

    public long sectorsRead() {
        return sectorsRead;
    }

    public long sectorsWritten() {
        return sectorsWritten;
    }

    /** FLUSH CACHE (EXT) commands passed to the disk. */
    public long flushes() {
        return flushes;
    }

    /** ATA requests whose E flag contradicts the opcode; executed by opcode all the same (3.1). */
    public long extFlagMismatches() {
        return extFlagMismatches;
    }

    /** ATA commands that reached this target through a wildcard address (pitfall 24). */
    public long wildcardAtaCommands() {
        return wildcardAtaCommands;
    }

    /** Times the state file could not be rewritten; the target carried on. */
    public long stateSaveFailures() {
        return stateSaveFailures;
    }

    /**
     * Answers produced but never sent: the disk vanished while the answer waited for its
     * latency, or the answer did not fit the link's MTU.
     */
    public long answersWithheld() {
        return answersWithheld;
    }

    /** Announcement frames sent (one per recipient). */
    public long announcements() {
        return announcements;
    }

    void countWithheld() {
        answersWithheld++;
    }

    void countAnnouncements(int n) {
        announcements += n;
    }

    void countReceived() {
        received++;
    }

    void countAnswered() {
        answered++;
    }

    void countDrop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    void countAoeError(int code) {
        aoeErrors[code & 7]++;
    }

    void countAtaError() {
        ataErrors++;
    }

    void countRead(int sectors) {
        sectorsRead += sectors;
    }

    void countWritten(int sectors) {
        sectorsWritten += sectors;
    }

    void countFlush() {
        flushes++;
    }

    void countExtFlagMismatch() {
        extFlagMismatches++;
    }

    void countWildcardAta() {
        wildcardAtaCommands++;
    }

    void countStateSaveFailure() {
        stateSaveFailures++;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TargetStats[received=").append(received)
                .append(" answered=").append(answered).append(" aoeErrors=").append(aoeErrors())
                .append(" ataErrors=").append(ataErrors).append(" read=").append(sectorsRead)
                .append(" written=").append(sectorsWritten).append(" flushes=").append(flushes);
        for (DropReason r : REASONS) {
            long d = drops[r.ordinal()];
            if (d != 0) sb.append(' ').append(r.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(d);
        }
        return sb.append(']').toString();
    }
}
