package org.aoelab.initiator;

/**
 * Tags as the Linux driver makes them (protocol reference 2.6, 9): bit 31 clear, bits 16-30
 * a counter, bits 0-15 the send time in millisecond ticks, so the round trip of any answer,
 * even an unexpected one, can be measured from its tag alone.
 */
public final class Tags {

    private static final long NANOS_PER_TICK = 1_000_000L;
    private int counter;

    /**
     * The next tag. The counter is raised before use, as the driver's is, so the first command's
     * tag carries 1 (a capture of Debian's 6.1 driver: IDENTIFY {@code 0001ddad}, then READ EXT
     * {@code 0002ddb4}); and a tag never comes out as 0, which is the discovery broadcast's and
     * the announcements' tag (reference 2.6): should the counter wrap to 0 on tick 0, it moves on.
     */
    public long next(long nowNanos) {
        long tick = (nowNanos / NANOS_PER_TICK) & 0xFFFF;
        long tag;
        do {
            counter++;
            tag = ((long) (counter & 0x7FFF) << 16) | tick;
        } while (tag == 0);
        return tag;
    }

    /** Nanoseconds since the tag was made, from its low 16 bits (modulo 65.536 s). */
    public static long elapsedNanos(long tag, long nowNanos) {
        long nowTick = (nowNanos / NANOS_PER_TICK) & 0xFFFF;
        long ticks = (nowTick - (tag & 0xFFFF)) & 0xFFFF;
        return ticks * NANOS_PER_TICK;
    }

    /** Whether an answer's tag could be one of ours: bit 31 set marks other tools' tags. */
    public static boolean isInitiatorTag(long tag) {
        return (tag & 0x8000_0000L) == 0;
    }
}
