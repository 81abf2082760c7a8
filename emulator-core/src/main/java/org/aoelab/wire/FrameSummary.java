package org.aoelab.wire;

/**
 * One-line descriptions of AoE frames for ladder diagrams, frame lists and logs:
 * {@code "READ EXT lba 4096 x2"}, {@code "config set-if-empty \"lock:a\""},
 * {@code "error 4 config string present"}.
 */
public final class FrameSummary {
    private FrameSummary() {
    }

    public static String describe(AoeFrame f) {
        return describe(f, -1);
    }

    /**
     * @param requestOpcode for an ATA answer, the opcode of the request it answers when known, or -1
     */
    public static String describe(AoeFrame f, int requestOpcode) {
        AoeHeader h = f.header();
        StringBuilder sb = new StringBuilder();
        if (h.error()) {
            sb.append("error ").append(h.errorCode()).append(' ').append(AoeError.describe(h.errorCode())).append(" / ");
        }
        AoeArg arg = f.arg();
        if (arg instanceof AtaArg a) {
            if (!h.response()) {
                sb.append(ataName(a.cmdStatus()));
                if (AtaOpcode.isDataTransfer(a.cmdStatus())) sb.append(" lba ").append(a.lba()).append(" x").append(a.sectorCount());
            } else {
                sb.append(requestOpcode >= 0 ? ataName(requestOpcode) + " answer" : "ATA answer");
                if ((a.cmdStatus() & AtaOpcode.STATUS_LINUX_FAIL_MASK) != 0) {
                    sb.append(String.format(" FAILED status 0x%02x (%s) error 0x%02x (%s)", a.cmdStatus(),
                            AtaOpcode.statusBits(a.cmdStatus()), a.errFeature(), AtaOpcode.errorBits(a.errFeature())));
                } else {
                    sb.append(" ok");
                }
                if (!a.data().isEmpty()) sb.append(' ').append(a.data().length()).append(" bytes");
            }
        } else if (arg instanceof ConfigArg c) {
            sb.append("config ").append(c.command() != null ? c.command().title().replace(' ', '-') : "ccmd " + c.ccmd());
            answer(sb, h);
            if (!c.string().isEmpty() || c.ccmd() != 0) sb.append(' ').append(Printable.quote(c.string(), 24));
        } else if (arg instanceof MacMaskArg m) {
            sb.append("mask ").append(MaskCommand.describe(m.mcmd()));
            answer(sb, h);
            if (m.merror() != 0) sb.append(" merror ").append(m.merror()).append(' ').append(MacMaskArg.describeError(m.merror()));
            else {
                for (MacMaskArg.Directive d : m.directives()) {
                    sb.append(' ').append(d.dcmd() == MacMaskArg.Directive.ADD ? "+" : d.dcmd() == MacMaskArg.Directive.DELETE ? "-" : "")
                            .append(d.mac());
                }
            }
        } else if (arg instanceof ReserveArg r) {
            sb.append("reserve ").append(ReserveCommand.describe(r.rcmd()));
            answer(sb, h);
            sb.append(' ').append(r.macs());
        } else {
            sb.append(AoeCommand.describe(h.command()));
        }
        return sb.toString();
    }

    /** Marks an answer as one, as ATA answers are: a config answer echoes its request's command. */
    private static void answer(StringBuilder sb, AoeHeader h) {
        if (h.response()) sb.append(" answer");
    }

    private static String ataName(int opcode) {
        return switch (opcode) {
            case AtaOpcode.READ_SECTORS -> "READ";
            case AtaOpcode.READ_SECTORS_EXT -> "READ EXT";
            case AtaOpcode.WRITE_SECTORS -> "WRITE";
            case AtaOpcode.WRITE_SECTORS_EXT -> "WRITE EXT";
            case AtaOpcode.IDENTIFY_DEVICE -> "IDENTIFY";
            case AtaOpcode.FLUSH_CACHE -> "FLUSH";
            case AtaOpcode.FLUSH_CACHE_EXT -> "FLUSH EXT";
            default -> AtaOpcode.name(opcode);
        };
    }
}
