package org.aoelab.scenario;

/**
 * The data a scenario's initiators write: a function of the seed, the writer and the byte
 * offset only, so a verifying read can recompute what must be there without keeping a copy.
 */
final class Pattern {

    private Pattern() {
    }

    /** Fills {@code out} with the pattern for bytes {@code offset .. offset + out.length}. */
    static void fill(long seed, String writer, long offset, byte[] out) {
        long salt = seed * 0x9E3779B97F4A7C15L ^ writer.hashCode() * 0xC2B2AE3D27D4EB4FL;
        int i = 0;
        long at = offset;
        while (i < out.length) {
            long word = mix(salt + (at >>> 3));
            int shift = (int) (at & 7);
            while (shift < 8 && i < out.length) {
                out[i++] = (byte) (word >>> (shift * 8));
                shift++;
                at++;
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
