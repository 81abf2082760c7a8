package org.aoelab.gui.model;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeError;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;

/** Test frames. */
public final class Frames {
    public static final MacAddress H1 = MacAddress.of(0x02_00_00_02_00_01L);
    public static final MacAddress T1 = MacAddress.of(0x02_00_00_01_00_01L);

    private Frames() {
    }

    public static Bytes readRequest(long tag, long lba) {
        return AoeCodec.encode(AoeFrame.request(T1, H1, 1, 0, tag, AtaArg.read48(lba, 2)));
    }

    public static Bytes readAnswer(long tag, long lba) {
        AoeFrame req = AoeFrame.request(T1, H1, 1, 0, tag, AtaArg.read48(lba, 2));
        AtaArg a = (AtaArg) req.arg();
        return AoeCodec.encode(req.answer(T1, 1, 0, a.toResponse(0x40, 0, 0, Bytes.zeros(1024))));
    }

    public static Bytes configSet(long tag, String s) {
        return AoeCodec.encode(AoeFrame.request(T1, H1, 1, 0, tag, ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8(s))));
    }

    /** A config answer with error 4 (config string present). */
    public static Bytes configError(long tag, String s) {
        AoeFrame req = AoeFrame.request(T1, H1, 1, 0, tag, ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8(s)));
        return AoeCodec.encode(req.errorAnswer(T1, 1, 0, AoeError.ofCode(4), ConfigArg.response(16, 0x4019, 2, 2, Bytes.ofUtf8("lock h2"))));
    }

    /** A plain frame record for the filter. */
    public static FrameFields.Frame of(long number, Bytes bytes, String src, String dst, int fate, Bytes request) {
        return new FrameFields.Frame() {
            @Override
            public long number() {
                return number;
            }

            @Override
            public long time() {
                return number * 1_000_000;
            }

            @Override
            public Bytes bytes() {
                return bytes;
            }

            @Override
            public String source() {
                return src;
            }

            @Override
            public String destination() {
                return dst;
            }

            @Override
            public int fate() {
                return fate;
            }

            @Override
            public String cause() {
                return Fate.lost(fate) ? "loss: random 10%" : null;
            }

            @Override
            public Bytes request() {
                return request;
            }
        };
    }
}
