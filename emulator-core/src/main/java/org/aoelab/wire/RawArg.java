package org.aoelab.wire;

/**
 * An argument kept as bytes: the body of a command code AoE Lab has no layout for (so a target
 * can echo it with error 1), or the short body of an error answer (ggaoed sends none).
 */
public record RawArg(Bytes bytes) implements AoeArg {
    public static final RawArg EMPTY = new RawArg(Bytes.EMPTY);

    public RawArg {
        Checks.notNull("bytes", bytes);
    }

    @Override
    public int encodedLength() {
        return bytes.length();
    }

    @Override
    public void encode(byte[] out, int offset) {
        bytes.copyTo(0, out, offset, bytes.length());
    }
}
