package org.aoelab.net;

import org.aoelab.wire.MacAddress;

/**
 * One live entry of a switch's address table.
 *
 * @param vlan the VLAN the address was seen in
 * @param mac the address
 * @param port where frames to it go
 * @param lastSeen when a frame from it last entered, in virtual nanoseconds
 */
public record MacEntry(int vlan, MacAddress mac, Port port, long lastSeen) {
}
