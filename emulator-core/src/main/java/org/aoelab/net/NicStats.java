package org.aoelab.net;

/**
 * Counters of one NIC since the start.
 *
 * @param sent frames the node sent
 * @param received frames handed to the node
 * @param filtered unicast frames for another address that the NIC ignored (not promiscuous)
 * @param undecodable frames the node reported it could not decode
 */
public record NicStats(long sent, long received, long filtered, long undecodable) {
}
