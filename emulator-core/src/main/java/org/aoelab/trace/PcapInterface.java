package org.aoelab.trace;

/**
 * An interface packets were captured on: the pcapng Interface Description Block, or the link
 * type and snapshot length of a classic pcap file header.
 *
 * @param linkType      the LINKTYPE_ value ({@link #LINKTYPE_ETHERNET} for Ethernet)
 * @param name          {@code if_name}, or null
 * @param snapLength    the most bytes kept of each packet, 0 for no limit
 * @param tsresol       the time resolution as pcapng's {@code if_tsresol} byte: with the top bit
 *                      clear, ticks of 10^-n seconds (6 = microseconds, 9 = nanoseconds); with it
 *                      set, ticks of 2^-n seconds
 * @param tsOffsetSeconds {@code if_tsoffset}: seconds added to every timestamp
 */
public record PcapInterface(int linkType, String name, long snapLength, int tsresol, long tsOffsetSeconds) {
    /** Ethernet, the only link type AoE frames travel on. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Microseconds: the default of pcapng and the resolution of the classic pcap magic a1b2c3d4. */
    public static final int TSRESOL_MICROS = 6;
    /** Nanoseconds: what AoE Lab writes. */
    public static final int TSRESOL_NANOS = 9;

    public PcapInterface {
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType is " + linkType + ", expected 0-65535");
        }
        if (snapLength < 0 || snapLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("snapLength is " + snapLength + ", expected 0-4294967295");
        }
        if (tsresol < 0 || tsresol > 0xFF) throw new IllegalArgumentException("tsresol is " + tsresol + ", expected 0-255");
    }

    public boolean isEthernet() {
        return linkType == LINKTYPE_ETHERNET;
    }
}
