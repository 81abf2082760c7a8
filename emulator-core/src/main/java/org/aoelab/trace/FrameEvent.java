package org.aoelab.trace;

import org.aoelab.wire.Bytes;

/**
 * One thing that happened to one frame.
 *
 * <p>A frame keeps its {@code frameId} from the NIC that sent it, across links and the switch,
 * to the NIC it is delivered to; corruption keeps the id (the event carries the damaged bytes).
 * A frame made from another (a duplicate on a link, each copy of a flood) gets a new id and
 * names the original as {@code parentId}; an answer may name its request. {@code parentId} is 0
 * when there is none.
 *
 * @param time when, in virtual nanoseconds
 * @param kind what happened
 * @param place the NIC ({@code "host-a"}), switch port ({@code "sw/host-a"}) or link direction
 *     ({@code "host-a->sw"}) where it happened
 * @param frameId this frame's identity in the simulation (positive)
 * @param parentId the frame this one was made from, or 0
 * @param frame the bytes as they were at that point
 * @param cause why, for drops, duplicates, corruption, queueing, reordering and forwarding
 *     decisions (for example {@code "loss: random 10%"}); null when there is nothing to explain
 */
public record FrameEvent(long time, Kind kind, String place, long frameId, long parentId, Bytes frame,
                         String cause) implements TraceEvent {

    /** What happened to the frame. */
    public enum Kind {
        /** A NIC or a bare port put the frame on the wire. */
        SENT,
        /** A rate-limited link direction had to hold the frame behind others. */
        QUEUED,
        /** Lost: the cause says where and why (loss model, queue full, link down, MTU, VLAN, partition...). */
        DROPPED,
        /** A link made a second copy (this event is the copy's, its parent the original). */
        DUPLICATED,
        /** A link flipped bits; the event carries the damaged bytes. */
        CORRUPTED,
        /** A link sent the frame ahead of others that were sent before it. */
        REORDERED,
        /** The frame reached a NIC or left a bare port. */
        DELIVERED,
        /** The switch sent the frame out of one port towards a learned address. */
        FORWARDED,
        /** The switch sent a copy out of one port of a flood (broadcast, multicast, unknown unicast). */
        FLOODED,
        /** A node received the frame but could not decode it. */
        UNDECODABLE,
        /** A node answered the frame (a target's response names the request as its parent). */
        ANSWERED
    }

    public FrameEvent {
        if (kind == null) throw new IllegalArgumentException("frame event kind is missing");
        if (place == null) throw new IllegalArgumentException("frame event place is missing");
        if (frame == null) throw new IllegalArgumentException("frame event frame is missing");
    }
}
