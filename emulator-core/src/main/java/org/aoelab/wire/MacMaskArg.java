package org.aoelab.wire;

import java.util.List;

/**
 * Command 2, Mac Mask List (protocol reference 3.3).
 *
 * <pre>
 *  24        25     26      27          28 + 8i: directive i
 * +---------+------+-------+----------+----------+------+-------------+
 * |reserved |MCmd  |MError |Dir Count | reserved | DCmd | MAC (6)     | ...
 * +---------+------+-------+----------+----------+------+-------------+
 * </pre>
 *
 * In a request and in a good answer Dir Count equals the number of directives. In an answer
 * with MError set it is the index of the failing directive and no directives follow (vblade);
 * whatever the target left after the argument stays in the frame's trailer (pitfall 25).
 *
 * @param reserved   byte 24, sent as 0
 * @param mcmd       0 read, 1 edit, see {@link MaskCommand}
 * @param merror     0 ok, 1 unspecified, 2 bad DCmd, 3 list full
 * @param dirCount   byte 27
 * @param directives the directives present
 */
public record MacMaskArg(int reserved, int mcmd, int merror, int dirCount, List<Directive> directives) implements AoeArg {

    public static final int FIXED_LENGTH = 4;
    public static final int DIRECTIVE_LENGTH = 8;
    public static final int MERROR_OK = 0;
    public static final int MERROR_UNSPECIFIED = 1;
    public static final int MERROR_BAD_DCMD = 2;
    public static final int MERROR_LIST_FULL = 3;

    public MacMaskArg {
        Checks.range("reserved", reserved, 0, 0xFF);
        Checks.range("mcmd", mcmd, 0, 0xFF);
        Checks.range("merror", merror, 0, 0xFF);
        Checks.range("dirCount", dirCount, 0, 0xFF);
        directives = List.copyOf(Checks.notNull("directives", directives));
        Checks.range("number of directives", directives.size(), 0, 0xFF);
    }

    /** Read the list. */
    public static MacMaskArg read() {
        return new MacMaskArg(0, MaskCommand.READ.code(), 0, 0, List.of());
    }

    /** Edit the list with {@code directives}. */
    public static MacMaskArg edit(List<Directive> directives) {
        return new MacMaskArg(0, MaskCommand.EDIT.code(), 0, directives.size(), directives);
    }

    /** A good answer listing {@code macs} (DCmd 0 each). */
    public static MacMaskArg list(int mcmd, List<MacAddress> macs) {
        return new MacMaskArg(0, mcmd, 0, macs.size(), macs.stream().map(m -> new Directive(0, 0, m)).toList());
    }

    /** An answer reporting {@code merror} at directive {@code index}, argument only (as vblade). */
    public static MacMaskArg failure(int mcmd, int merror, int index) {
        return new MacMaskArg(0, mcmd, merror, index, List.of());
    }

    public MaskCommand command() {
        return MaskCommand.ofCode(mcmd);
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + DIRECTIVE_LENGTH * directives.size();
    }

    @Override
    public void encode(byte[] out, int p) {
        out[p] = (byte) reserved;
        out[p + 1] = (byte) mcmd;
        out[p + 2] = (byte) merror;
        out[p + 3] = (byte) dirCount;
        int q = p + FIXED_LENGTH;
        for (Directive d : directives) {
            out[q] = (byte) d.reserved();
            out[q + 1] = (byte) d.dcmd();
            d.mac().writeTo(out, q + 2);
            q += DIRECTIVE_LENGTH;
        }
    }

    /**
     * One directive: reserved byte, DCmd (0 none, 1 add, 2 delete) and a MAC.
     */
    public record Directive(int reserved, int dcmd, MacAddress mac) {
        public static final int NONE = 0;
        public static final int ADD = 1;
        public static final int DELETE = 2;

        public Directive {
            Checks.range("directive reserved", reserved, 0, 0xFF);
            Checks.range("dcmd", dcmd, 0, 0xFF);
            Checks.notNull("mac", mac);
        }

        public static Directive add(MacAddress mac) {
            return new Directive(0, ADD, mac);
        }

        public static Directive delete(MacAddress mac) {
            return new Directive(0, DELETE, mac);
        }

        public static String describe(int dcmd) {
            return switch (dcmd) {
                case NONE -> "none";
                case ADD -> "add";
                case DELETE -> "delete";
                default -> "undefined DCmd " + dcmd;
            };
        }
    }

    public static String describeError(int merror) {
        return switch (merror) {
            case MERROR_OK -> "ok";
            case MERROR_UNSPECIFIED -> "unspecified error";
            case MERROR_BAD_DCMD -> "bad DCmd directive";
            case MERROR_LIST_FULL -> "mask list full";
            default -> "undefined MError " + merror;
        };
    }
}
