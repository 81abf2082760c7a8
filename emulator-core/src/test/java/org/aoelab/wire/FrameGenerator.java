package org.aoelab.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random but valid AoE frames of every command, from a seed, for round-trip and fuzz tests. */
final class FrameGenerator {
    private final SplittableRandom rnd;

    FrameGenerator(long seed) {
        rnd = new SplittableRandom(seed);
    }

    MacAddress mac() {
        return rnd.nextInt(8) == 0 ? MacAddress.BROADCAST : MacAddress.of(rnd.nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    Bytes bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) rnd.nextInt(256);
        return Bytes.adopt(b);
    }

    int u8() {
        return rnd.nextInt(256);
    }

    AoeFrame next() {
        boolean response = rnd.nextBoolean();
        boolean error = response && rnd.nextInt(5) == 0;
        int kind = rnd.nextInt(10);
        AoeArg arg;
        int command;
        switch (kind) {
            case 0, 1, 2 -> {
                command = 0;
                int count = rnd.nextInt(18);
                int aflags = u8() & ~(response ? 0 : AtaArg.FLAG_WRITE) | (!response && rnd.nextBoolean() ? AtaArg.FLAG_WRITE : 0);
                Bytes data;
                if (response) data = bytes(512 * rnd.nextInt(3));
                else data = (aflags & AtaArg.FLAG_WRITE) != 0 ? bytes(512 * count) : Bytes.EMPTY;
                arg = new AtaArg(aflags, u8(), count, u8(), rnd.nextLong() & 0xFFFF_FFFF_FFFFL,
                        rnd.nextInt(8) == 0 ? rnd.nextInt(0x10000) : 0, data);
            }
            case 3, 4 -> {
                command = 1;
                arg = new ConfigArg(rnd.nextInt(0x10000), rnd.nextInt(0x10000), u8(), rnd.nextInt(16), rnd.nextInt(16),
                        bytes(rnd.nextInt(4) == 0 ? rnd.nextInt(1025) : rnd.nextInt(40)));
            }
            case 5, 6 -> {
                command = 2;
                int merror = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 4) : 0;
                if (response && merror != 0) {
                    arg = new MacMaskArg(0, rnd.nextInt(3), merror, u8(), List.of());
                } else {
                    int n = rnd.nextInt(12);
                    List<MacMaskArg.Directive> dirs = new ArrayList<>();
                    for (int i = 0; i < n; i++) dirs.add(new MacMaskArg.Directive(rnd.nextInt(8) == 0 ? u8() : 0, rnd.nextInt(4), mac()));
                    arg = new MacMaskArg(rnd.nextInt(8) == 0 ? u8() : 0, rnd.nextInt(3), response ? 0 : merror, n, dirs);
                }
            }
            case 7, 8 -> {
                command = 3;
                int n = rnd.nextInt(10);
                List<MacAddress> macs = new ArrayList<>();
                for (int i = 0; i < n; i++) macs.add(mac());
                arg = new ReserveArg(rnd.nextInt(4), macs);
            }
            default -> {
                command = 4 + rnd.nextInt(252);
                Bytes raw = bytes(rnd.nextInt(64));
                // decoding drops zero padding at the end of short frames: keep a nonzero last byte
                if (raw.length() > 0) raw = raw.slice(0, raw.length() - 1).concat(Bytes.of(1 + rnd.nextInt(255)));
                arg = new RawArg(raw);
            }
        }
        AoeHeader h = new AoeHeader(rnd.nextInt(6) == 0 ? rnd.nextInt(16) : 1, response, error, rnd.nextInt(6) == 0 ? rnd.nextInt(4) : 0,
                error ? rnd.nextInt(1, 7) : 0, rnd.nextInt(6) == 0 ? 0xFFFF : rnd.nextInt(0x10000),
                rnd.nextInt(6) == 0 ? 0xFF : u8(), command, rnd.nextLong() & 0xFFFF_FFFFL);
        AoeFrame f = new AoeFrame(mac(), mac(), h, arg);
        if (error && f.encodedLength() <= 60 && AoeCodec.encode(f).isZero(24, 60)) {
            // an all-zero error body in a short frame reads back as "header only" (ggaoed style)
            f = new AoeFrame(f.dst(), f.src(), h, RawArg.EMPTY);
        }
        return f;
    }
}
