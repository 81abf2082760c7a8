package org.aoelab.net;

/**
 * Counters of a switch since the start.
 *
 * @param received frames that entered through any port
 * @param forwarded frames sent out of one port towards a learned address
 * @param flooded copies sent out by floods (broadcast, multicast, unknown unicast)
 * @param filtered frames not sent because their destination sits on the port they came in on
 * @param mtuDrops frames dropped because they were larger than the ingress or egress port's MTU
 * @param vlanDrops frames dropped at ingress for their VLAN tag (or lack of one)
 * @param partitionDrops unicast frames dropped because their ports are partitioned apart
 * @param runts frames shorter than an Ethernet header, dropped
 * @param learned times an address was learned anew or moved to another port
 * @param notLearned frames whose new source address was not learned because the table was full
 * @param macEntries addresses in the table that have not aged out
 */
public record SwitchStats(long received, long forwarded, long flooded, long filtered, long mtuDrops,
                          long vlanDrops, long partitionDrops, long runts, long learned, long notLearned,
                          int macEntries) {
}
