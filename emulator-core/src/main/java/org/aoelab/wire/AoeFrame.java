package org.aoelab.wire;

/**
 * One AoE frame as a value: Ethernet addresses, the AoE header, the command's argument, and the
 * trailer, whatever follows the meaningful bytes (padding, a probe's payload, filler).
 *
 * <p>Encoding writes the meaningful bytes and the trailer and zero-pads to 60 bytes; decoding
 * keeps every byte past the meaningful ones in the trailer, except zero padding that ends a frame
 * of at most 60 bytes. So {@code encode(decode(b))} is {@code b} padded to 60 for every frame the
 * codec accepts, and {@code decode(encode(f))} is {@code f} for every value built with an empty
 * trailer.
 *
 * @param dst     destination MAC
 * @param src     source MAC
 * @param header  the AoE header
 * @param arg     the argument; its type matches {@code header.command()}, or is a {@link RawArg}
 *                for unknown codes and error answers without a full body
 * @param trailer bytes after the meaningful part
 */
public record AoeFrame(MacAddress dst, MacAddress src, AoeHeader header, AoeArg arg, Bytes trailer) {

    public AoeFrame {
        Checks.notNull("dst", dst);
        Checks.notNull("src", src);
        Checks.notNull("header", header);
        Checks.notNull("arg", arg);
        Checks.notNull("trailer", trailer);
        checkArgFits(header, arg);
    }

    public AoeFrame(MacAddress dst, MacAddress src, AoeHeader header, AoeArg arg) {
        this(dst, src, header, arg, Bytes.EMPTY);
    }

    private static void checkArgFits(AoeHeader h, AoeArg arg) {
        AoeCommand cmd = h.knownCommand();
        if (arg instanceof RawArg raw) {
            if (cmd != null && !h.error()) {
                throw new IllegalArgumentException("command " + h.command() + " (" + cmd.title()
                        + ") needs its own argument type unless the frame is an error answer");
            }
            return;
        }
        AoeCommand expected = arg instanceof AtaArg ? AoeCommand.ATA
                : arg instanceof ConfigArg ? AoeCommand.QUERY_CONFIG
                : arg instanceof MacMaskArg ? AoeCommand.MAC_MASK_LIST
                : AoeCommand.RESERVE_RELEASE;
        if (cmd != expected) {
            throw new IllegalArgumentException("command code " + h.command() + " does not carry a "
                    + arg.getClass().getSimpleName() + " (expected command " + expected.code() + ")");
        }
        if (arg instanceof AtaArg ata) {
            int n = ata.data().length();
            if (h.response()) {
                if (n % AtaArg.SECTOR_SIZE != 0) {
                    throw new IllegalArgumentException("ATA answer data is " + n + " bytes, expected a multiple of 512");
                }
            } else if (ata.isWrite()) {
                if (n != ata.sectorCount() * AtaArg.SECTOR_SIZE) {
                    throw new IllegalArgumentException("ATA write data is " + n + " bytes, expected Sector Count "
                            + ata.sectorCount() + " x 512 = " + ata.sectorCount() * AtaArg.SECTOR_SIZE);
                }
            } else if (n != 0) {
                throw new IllegalArgumentException("ATA request without the W flag carries " + n
                        + " data bytes; put a probe's payload in the trailer");
            }
        } else if (arg instanceof MacMaskArg mask) {
            boolean failure = h.response() && mask.merror() != 0;
            if (failure ? !mask.directives().isEmpty() : mask.dirCount() != mask.directives().size()) {
                throw new IllegalArgumentException(failure
                        ? "a Mac Mask List answer with MError " + mask.merror() + " carries no directives"
                        : "Dir Count is " + mask.dirCount() + " but " + mask.directives().size() + " directives are given");
            }
        }
    }

    /** A request from {@code src} to {@code dst}. */
    public static AoeFrame request(MacAddress dst, MacAddress src, int major, int minor, long tag, AoeArg arg) {
        AoeCommand cmd = commandOf(arg);
        return new AoeFrame(dst, src, AoeHeader.request(major, minor, cmd, tag), arg);
    }

    /** A good answer to this request from a target at {@code major.minor} with MAC {@code self}. */
    public AoeFrame answer(MacAddress self, int major, int minor, AoeArg answerArg) {
        return new AoeFrame(src, self, header.toResponse(major, minor), answerArg);
    }

    /** An error answer carrying {@code body}. */
    public AoeFrame errorAnswer(MacAddress self, int major, int minor, AoeError error, AoeArg body) {
        return new AoeFrame(src, self, header.toErrorResponse(major, minor, error), body);
    }

    private static AoeCommand commandOf(AoeArg arg) {
        if (arg instanceof AtaArg) return AoeCommand.ATA;
        if (arg instanceof ConfigArg) return AoeCommand.QUERY_CONFIG;
        if (arg instanceof MacMaskArg) return AoeCommand.MAC_MASK_LIST;
        if (arg instanceof ReserveArg) return AoeCommand.RESERVE_RELEASE;
        throw new IllegalArgumentException("a raw argument needs an explicit header");
    }

    /** Bytes before the trailer: 24 plus the argument. */
    public int meaningfulLength() {
        return AoeHeader.ARG_OFFSET + arg.encodedLength();
    }

    /** Length on the wire: meaningful bytes plus trailer, at least 60. */
    public int encodedLength() {
        return Math.max(EthernetFrame.MIN_LENGTH, meaningfulLength() + trailer.length());
    }

    public AoeFrame withTrailer(Bytes newTrailer) {
        return new AoeFrame(dst, src, header, arg, newTrailer);
    }

    public AoeFrame withTag(long tag) {
        return new AoeFrame(dst, src, header.withTag(tag), arg, trailer);
    }

    public EthernetFrame toEthernet() {
        return AoeCodec.encodeFrame(this);
    }

    @Override
    public String toString() {
        return "AoeFrame[" + src + " > " + dst + " " + header + " " + arg
                + (trailer.isEmpty() ? "" : " trailer=" + trailer) + "]";
    }
}
