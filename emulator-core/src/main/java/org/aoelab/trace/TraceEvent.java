package org.aoelab.trace;

/**
 * Something that happened in a simulation, at a virtual time and a place: the node, port or link
 * it happened at ({@code "host-a"}, {@code "sw/host-a"}, {@code "host-a->sw"}). Trace events are
 * immutable values; the pcap writer, the GUI, the lock monitor and tests all read the same ones.
 */
public interface TraceEvent {
    /** Virtual nanoseconds since the simulation started. */
    long time();

    /** The node, port or link it happened at. */
    String place();
}
