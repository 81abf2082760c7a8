package org.aoelab.wire;

import java.util.List;

/**
 * Command 3, Reserve/Release (protocol reference 3.4).
 *
 * <pre>
 *  24     25      26 + 6i
 * +------+-------+-------------+-------------+
 * |RCmd  |NMacs  | MAC 0 (6)   | MAC 1 ...   |
 * +------+-------+-------------+-------------+
 * </pre>
 *
 * @param rcmd 0 read, 1 set, 2 force set, see {@link ReserveCommand}
 * @param macs the reserve list; NMacs is its size
 */
public record ReserveArg(int rcmd, List<MacAddress> macs) implements AoeArg {
    public static final int FIXED_LENGTH = 2;

    public ReserveArg {
        Checks.range("rcmd", rcmd, 0, 0xFF);
        macs = List.copyOf(Checks.notNull("macs", macs));
        Checks.range("NMacs", macs.size(), 0, 0xFF);
    }

    public static ReserveArg read() {
        return new ReserveArg(ReserveCommand.READ.code(), List.of());
    }

    public static ReserveArg set(List<MacAddress> macs) {
        return new ReserveArg(ReserveCommand.SET.code(), macs);
    }

    public static ReserveArg forceSet(List<MacAddress> macs) {
        return new ReserveArg(ReserveCommand.FORCE_SET.code(), macs);
    }

    public ReserveCommand command() {
        return ReserveCommand.ofCode(rcmd);
    }

    @Override
    public int encodedLength() {
        return FIXED_LENGTH + 6 * macs.size();
    }

    @Override
    public void encode(byte[] out, int p) {
        out[p] = (byte) rcmd;
        out[p + 1] = (byte) macs.size();
        int q = p + FIXED_LENGTH;
        for (MacAddress m : macs) {
            m.writeTo(out, q);
            q += 6;
        }
    }
}
