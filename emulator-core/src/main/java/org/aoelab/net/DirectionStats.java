package org.aoelab.net;

/**
 * Counters of one direction of a link, since the start.
 *
 * @param offered frames handed to this direction, also while it was down (duplicates not counted)
 * @param delivered frames that came out at the far end (duplicates counted)
 * @param deliveredBytes their bytes
 * @param lost frames the loss model dropped
 * @param linkDownDrops frames dropped because the link was down, including those in flight when it went down
 * @param queueDrops frames tail-dropped because the rate limiter's queue was full
 * @param duplicated extra copies made
 * @param corrupted frames whose bits were flipped
 * @param reordered frames sent ahead of the delay line
 * @param queued frames that had to wait for the rate-limited transmitter
 * @param undecodable frames delivered here that the receiving node could not decode
 */
public record DirectionStats(long offered, long delivered, long deliveredBytes, long lost, long linkDownDrops,
                             long queueDrops, long duplicated, long corrupted, long reordered, long queued,
                             long undecodable) {
}
