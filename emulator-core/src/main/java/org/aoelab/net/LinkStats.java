package org.aoelab.net;

/** Counters of both directions of a link. */
public record LinkStats(DirectionStats toSwitch, DirectionStats fromSwitch) {
}
