package org.aoelab.gui.model;

/**
 * A node on the virtual switch as the topology view shows it.
 *
 * @param name    the node's name ({@code "h1"}, {@code "t1"})
 * @param kind    what it is
 * @param detail  {@code "e1.0 vblade"} for a target, the MAC for an initiator
 * @param mac     its MAC address, as text
 * @param link    its link's settings (both directions alike as far as the GUI sets them)
 */
public record NodeInfo(String name, Kind kind, String detail, String mac, LinkSettings link) {
    public enum Kind { TARGET, INITIATOR, PORT }
}
