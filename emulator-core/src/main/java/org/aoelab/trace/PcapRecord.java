package org.aoelab.trace;

import org.aoelab.wire.Bytes;

/**
 * One packet read from a capture file.
 *
 * @param timeNanos      the capture time in nanoseconds (since the Unix epoch for captures of
 *                       real traffic, since the start of the run for simulated ones)
 * @param interfaceId    the interface it was captured on: 0 in a classic pcap file, the index of
 *                       the Interface Description Block in the current pcapng section otherwise
 * @param frame          the captured bytes (for Ethernet, the frame from the destination MAC,
 *                       without FCS)
 * @param originalLength the length of the packet on the wire; larger than {@code frame.length()}
 *                       when the capture cut it at the snapshot length
 * @param comment        the packet's comment (pcapng {@code opt_comment}), or null
 */
public record PcapRecord(long timeNanos, int interfaceId, Bytes frame, int originalLength, String comment) {
    public PcapRecord {
        if (frame == null) throw new IllegalArgumentException("frame is missing");
        if (interfaceId < 0) throw new IllegalArgumentException("interfaceId is " + interfaceId + ", expected 0 or more");
        if (originalLength < 0) {
            throw new IllegalArgumentException("originalLength is " + originalLength + ", expected 0 or more");
        }
    }

    /** Whether the capture kept fewer bytes than the packet had on the wire. */
    public boolean isTruncated() {
        return frame.length() < originalLength;
    }
}
