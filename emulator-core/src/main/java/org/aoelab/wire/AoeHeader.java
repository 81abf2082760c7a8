package org.aoelab.wire;

/**
 * The common AoE header: bytes 14-23 of the frame (protocol reference 2.1).
 *
 * <pre>
 *  14        15      16-17   18      19        20-23
 * +---------+-------+-------+-------+---------+--------+
 * |Ver|Flags| Error | Major | Minor | Command |  Tag   |
 * +---------+-------+-------+-------+---------+--------+
 *  Ver = high nibble; Flags: 0x08 R (response), 0x04 E (error), 0x03 reserved
 * </pre>
 *
 * Every field keeps the value on the wire, reserved bits and an error byte without E included,
 * so that a decoded frame encodes back to the same bytes. Senders use {@link #request} and
 * {@link #toResponse}, which put version 1 and clear the reserved bits.
 *
 * @param version       the high nibble of byte 14 (1 for everything AoE Lab sends)
 * @param response      R flag
 * @param error         E flag
 * @param reservedFlags bits 1-0 of byte 14, sent as 0, kept as received
 * @param errorCode     byte 15
 * @param major         shelf, 0xFFFF = every shelf
 * @param minor         slot, 0xFF = every slot
 * @param command       byte 19, see {@link AoeCommand}
 * @param tag           32-bit tag, unsigned
 */
public record AoeHeader(int version, boolean response, boolean error, int reservedFlags, int errorCode,
                        int major, int minor, int command, long tag) {

    /** Length of the AoE header after the 14-byte Ethernet header. */
    public static final int LENGTH = 10;
    /** Offset of the first argument byte in the frame. */
    public static final int ARG_OFFSET = EthernetFrame.HEADER_LENGTH + LENGTH;
    public static final int MAJOR_ANY = 0xFFFF;
    public static final int MINOR_ANY = 0xFF;
    public static final int FLAG_RESPONSE = 0x08;
    public static final int FLAG_ERROR = 0x04;

    public AoeHeader {
        Checks.range("version", version, 0, 15);
        Checks.range("reservedFlags", reservedFlags, 0, 3);
        Checks.range("errorCode", errorCode, 0, 0xFF);
        Checks.range("major", major, 0, 0xFFFF);
        Checks.range("minor", minor, 0, 0xFF);
        Checks.range("command", command, 0, 0xFF);
        Checks.range("tag", tag, 0, 0xFFFF_FFFFL);
    }

    /** A version-1 request. */
    public static AoeHeader request(int major, int minor, AoeCommand command, long tag) {
        return new AoeHeader(1, false, false, 0, 0, major, minor, command.code(), tag);
    }

    /** A version-1 request with a raw command code (vendor or unassigned codes). */
    public static AoeHeader request(int major, int minor, int command, long tag) {
        return new AoeHeader(1, false, false, 0, 0, major, minor, command, tag);
    }

    /**
     * The header of a good answer to this request, from {@code major.minor} (the target's own
     * address, never the wildcard): version 1, R set, error byte 0, same command and tag.
     */
    public AoeHeader toResponse(int major, int minor) {
        return new AoeHeader(1, true, false, 0, 0, major, minor, command, tag);
    }

    /** As {@link #toResponse} but with the E flag and {@code error}. */
    public AoeHeader toErrorResponse(int major, int minor, AoeError error) {
        return new AoeHeader(1, true, true, 0, error.code(), major, minor, command, tag);
    }

    /** Byte 14 as sent. */
    public int verFlags() {
        return version << 4 | (response ? FLAG_RESPONSE : 0) | (error ? FLAG_ERROR : 0) | reservedFlags;
    }

    public AoeCommand knownCommand() {
        return AoeCommand.ofCode(command);
    }

    /** The E flag is set and the code is a defined one; else null. */
    public AoeError aoeError() {
        return error ? AoeError.ofCode(errorCode) : null;
    }

    public boolean isBroadcastAddress() {
        return major == MAJOR_ANY || minor == MINOR_ANY;
    }

    /** Whether a target at {@code shelf.slot} accepts this address (wildcards per field, 2.3). */
    public boolean addresses(int shelf, int slot) {
        return (major == MAJOR_ANY || major == shelf) && (minor == MINOR_ANY || minor == slot);
    }

    public AoeHeader withTag(long newTag) {
        return new AoeHeader(version, response, error, reservedFlags, errorCode, major, minor, command, newTag);
    }

    /** "e3.1" or "e*.*" for wildcards. */
    public String target() {
        return "e" + (major == MAJOR_ANY ? "*" : Integer.toString(major)) + "." + (minor == MINOR_ANY ? "*" : Integer.toString(minor));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AoeHeader[v").append(version)
                .append(response ? " response" : " request");
        if (error) sb.append(" error=").append(errorCode).append(" (").append(AoeError.describe(errorCode)).append(')');
        else if (errorCode != 0) sb.append(" errorByte=").append(errorCode);
        if (reservedFlags != 0) sb.append(" reservedFlags=").append(reservedFlags);
        return sb.append(' ').append(target()).append(" cmd=").append(command)
                .append(String.format(" tag=0x%08x]", tag)).toString();
    }
}
