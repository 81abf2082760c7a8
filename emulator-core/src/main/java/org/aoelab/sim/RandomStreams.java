package org.aoelab.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;

/**
 * Named random streams derived from one root seed. Each component asks for its own stream by a
 * stable name ({@code "link/host-a<->sw/to-switch/loss"}), so the numbers it draws depend only on
 * the root seed and that name: adding a component, or drawing more numbers in another, changes
 * nothing elsewhere (ns-3 achieves the same with seed, run and stream numbers).
 *
 * <p>A stream is a {@link Well512a} (64 bytes of state, so ten thousand links with several
 * streams each stay small) whose whole state is filled by SplitMix64 from the root seed and a
 * 64-bit FNV-1a hash of the name.
 */
public final class RandomStreams {
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private final long rootSeed;

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    public long rootSeed() {
        return rootSeed;
    }

    /**
     * A new generator for {@code name}. Every call with the same root seed and name returns a
     * generator that produces the same sequence from its start; the caller keeps the one it got.
     *
     * @throws IllegalArgumentException when the name is missing or empty
     */
    public RandomGenerator stream(String name) {
        return new Well512a(state(name));
    }

    /** A 64-bit seed derived from the root seed and {@code name}, for code that needs a plain number. */
    public long seed(String name) {
        long s = start(name);
        return mix(s + GOLDEN);
    }

    private int[] state(String name) {
        long s = start(name);
        int[] out = new int[16];
        for (int i = 0; i < out.length; i += 2) {
            s += GOLDEN;
            long z = mix(s);
            out[i] = (int) z;
            out[i + 1] = (int) (z >>> 32);
        }
        return out;
    }

    private long start(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("random stream name is missing");
        return mix(rootSeed) ^ fnv1a64(name);
    }

    /** FNV-1a over the UTF-16 code units; stable across runs and JVMs, unlike identity hashes. */
    static long fnv1a64(String s) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xFF)) * 0x0100_0000_01B3L;
            h = (h ^ (c >>> 8)) * 0x0100_0000_01B3L;
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "RandomStreams[root seed " + rootSeed + "]";
    }
}
