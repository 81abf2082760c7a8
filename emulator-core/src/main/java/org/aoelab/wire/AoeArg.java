package org.aoelab.wire;

/**
 * The argument that follows the AoE header: one record per command, and {@link RawArg} for
 * command codes without a layout (and for error answers whose body is too short for one).
 */
public sealed interface AoeArg permits AtaArg, ConfigArg, MacMaskArg, ReserveArg, RawArg {
    /** Bytes this argument takes on the wire, data included. */
    int encodedLength();

    /** Writes {@link #encodedLength()} bytes at {@code offset}. */
    void encode(byte[] out, int offset);
}
