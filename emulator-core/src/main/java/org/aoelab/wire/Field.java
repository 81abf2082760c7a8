package org.aoelab.wire;

import java.util.List;

/**
 * One field of a dissected frame: where its bytes are, its filter name, its value and what the
 * value means. Bit fields share their byte with siblings and carry a {@code mask}.
 *
 * @param offset   first byte in the frame
 * @param length   number of bytes (0 for a field that names a position, such as "missing")
 * @param mask     for bit fields, the bits of the byte (e.g. 0xF0 for the version nibble); 0 otherwise
 * @param name     filter name: the Wireshark one where it exists ({@code aoe.major}), otherwise an
 *                 AoE Lab name with the same prefix ({@code aoe.cfg.ccmd}), see protocol reference 7
 * @param label    a short human label ("Major", "Config string length")
 * @param value    the value as shown ("3", "0x00012f3c", "02:00:00:00:00:01")
 * @param meaning  what it means here ("shelf 3", "set if empty", "") - never null
 * @param children sub-fields (bits of a flags byte, directives of a list)
 */
public record Field(int offset, int length, int mask, String name, String label, String value, String meaning,
                    List<Field> children) {
    public Field {
        children = List.copyOf(children);
    }

    public Field(int offset, int length, String name, String label, String value, String meaning) {
        this(offset, length, 0, name, label, value, meaning, List.of());
    }

    public Field withChildren(List<Field> kids) {
        return new Field(offset, length, mask, name, label, value, meaning, kids);
    }

    /** Whether this field covers byte {@code index} of the frame. */
    public boolean covers(int index) {
        return index >= offset && index < offset + length;
    }
}
