package org.aoelab.wire;

/**
 * One Ethernet II frame as it crosses a link: destination, source, EtherType and payload, without
 * preamble or FCS. Immutable; the switch reads addresses without allocating.
 */
public final class EthernetFrame {
    /** Destination, source and EtherType. */
    public static final int HEADER_LENGTH = 14;
    /** Shortest frame on a real wire, without FCS. Senders pad up to it. */
    public static final int MIN_LENGTH = 60;
    public static final int ETHERTYPE_AOE = 0x88A2;
    public static final int ETHERTYPE_VLAN = 0x8100;

    private final Bytes bytes;

    private EthernetFrame(Bytes bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps {@code bytes} as a frame.
     *
     * @throws MalformedFrameException when fewer than 14 bytes are given
     */
    public static EthernetFrame of(Bytes bytes) throws MalformedFrameException {
        if (bytes.length() < HEADER_LENGTH) {
            throw new MalformedFrameException(MalformedFrameException.Reason.TRUNCATED_ETHERNET, bytes.length(), bytes,
                    "frame of " + bytes.length() + " bytes is shorter than the 14-byte Ethernet header", null);
        }
        return new EthernetFrame(bytes);
    }

    /** Builds a frame from its parts; the payload is not padded. */
    public static EthernetFrame of(MacAddress dst, MacAddress src, int etherType, Bytes payload) {
        byte[] out = new byte[HEADER_LENGTH + payload.length()];
        dst.writeTo(out, 0);
        src.writeTo(out, 6);
        out[12] = (byte) (etherType >>> 8);
        out[13] = (byte) etherType;
        payload.copyTo(0, out, HEADER_LENGTH, payload.length());
        return new EthernetFrame(Bytes.adopt(out));
    }

    /** For callers that have already checked the length (the codec). */
    static EthernetFrame trusted(Bytes bytes) {
        return new EthernetFrame(bytes);
    }

    public Bytes bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length();
    }

    public long dstValue() {
        return bytes.u48(0);
    }

    public long srcValue() {
        return bytes.u48(6);
    }

    public MacAddress dst() {
        return MacAddress.of(dstValue());
    }

    public MacAddress src() {
        return MacAddress.of(srcValue());
    }

    public int etherType() {
        return bytes.u16(12);
    }

    public boolean isAoe() {
        return etherType() == ETHERTYPE_AOE;
    }

    public Bytes payload() {
        return bytes.slice(HEADER_LENGTH);
    }

    /** This frame with zero bytes appended up to 60 bytes, as a NIC pads on a real wire. */
    public EthernetFrame padded() {
        if (bytes.length() >= MIN_LENGTH) return this;
        return new EthernetFrame(bytes.concat(Bytes.zeros(MIN_LENGTH - bytes.length())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthernetFrame f && f.bytes.equals(bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        return "EthernetFrame[" + src() + " > " + dst() + ", type 0x" + Integer.toHexString(etherType())
                + ", " + length() + " bytes]";
    }
}
