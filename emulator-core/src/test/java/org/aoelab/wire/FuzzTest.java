package org.aoelab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the decoder: mutated and truncated frames. Nothing but
 * {@link MalformedFrameException} may escape, and whatever decodes must encode back to the same
 * bytes (padded to 60). The seed is printed with any failure; rerun one with -Dfuzz.seed=N.
 */
class FuzzTest {
    private static final int FRAMES = 60_000;

    @Test
    void mutatedFramesDecodeCanonicallyOrRaiseMalformedFrameException() {
        long seed = Long.getLong("fuzz.seed", 0xF00DL);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Bytes> seeds = new ArrayList<>();
        for (String v : VectorFile.list("", false)) seeds.add(VectorFile.read(v));
        FrameGenerator gen = new FrameGenerator(seed);
        for (int i = 0; i < 200; i++) seeds.add(AoeCodec.encode(gen.next()));

        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < FRAMES; i++) {
            Bytes base = seeds.get(rnd.nextInt(seeds.size()));
            Bytes input = mutate(base, rnd);
            try {
                AoeFrame f = AoeCodec.decode(input);
                Bytes again = AoeCodec.encode(f);
                if (!again.equals(VectorFile.pad60(input))) {
                    fail("seed " + seed + " case " + i + ": accepted bytes re-encode differently\n in:  "
                            + input.toHex() + "\n out: " + again.toHex());
                }
                decoded++;
            } catch (MalformedFrameException e) {
                assertThat(e.offset()).isBetween(0, input.length());
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + e + " escaped for " + input.toHex(), e);
            }
        }
        // Both paths must be exercised, or the fuzzer is not testing anything.
        assertThat(decoded).as("frames that decoded").isGreaterThan(FRAMES / 10);
        assertThat(refused).as("frames refused").isGreaterThan(FRAMES / 20);
    }

    private static Bytes mutate(Bytes base, SplittableRandom rnd) {
        byte[] b = base.toArray();
        switch (rnd.nextInt(6)) {
            case 0 -> { // truncate anywhere
                return Bytes.copyOf(b, 0, rnd.nextInt(b.length + 1));
            }
            case 1 -> { // flip bits, mostly in the headers where lengths and codes live
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length) : rnd.nextInt(Math.min(b.length, 40));
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return Bytes.adopt(b);
            }
            case 2 -> { // random byte in a length or count field
                int[] hot = {14, 15, 19, 24, 25, 26, 27, 29, 30, 31};
                int at = hot[rnd.nextInt(hot.length)];
                if (at < b.length) b[at] = (byte) rnd.nextInt(256);
                return Bytes.adopt(b);
            }
            case 3 -> { // extend with garbage
                byte[] out = java.util.Arrays.copyOf(b, b.length + rnd.nextInt(1, 600));
                for (int i = b.length; i < out.length; i++) out[i] = (byte) rnd.nextInt(256);
                return Bytes.adopt(out);
            }
            case 4 -> { // flip and truncate
                if (b.length > 0) b[rnd.nextInt(b.length)] ^= (byte) rnd.nextInt(1, 256);
                return Bytes.copyOf(b, 0, rnd.nextInt(b.length + 1));
            }
            default -> { // random bytes behind a valid Ethernet+AoE prefix
                int n = rnd.nextInt(14, 200);
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) out[i] = (byte) rnd.nextInt(256);
                System.arraycopy(b, 0, out, 0, Math.min(14, b.length));
                return Bytes.adopt(out);
            }
        }
    }
}
