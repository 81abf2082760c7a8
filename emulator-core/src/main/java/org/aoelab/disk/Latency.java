package org.aoelab.disk;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Added time per disk operation, in simulated nanoseconds: fixed, or drawn from a Commons Math
 * distribution. A distribution is given as a recipe that {@link FaultyDisk} builds on its own
 * seeded generator, so no distribution can fall back on a time-seeded one. Negative draws
 * count as 0.
 */
public final class Latency {
    /** No added time. */
    public static final Latency NONE = new Latency("none", 0, null);

    private final String description;
    private final long fixedNanos;
    private final Function<RandomGenerator, RealDistribution> recipe;

    private Latency(String description, long fixedNanos, Function<RandomGenerator, RealDistribution> recipe) {
        this.description = description;
        this.fixedNanos = fixedNanos;
        this.recipe = recipe;
    }

    /** Always {@code nanos}. */
    public static Latency fixed(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("latency is " + nanos + " ns, expected 0 or more");
        return nanos == 0 ? NONE : new Latency("fixed " + formatNanos(nanos), nanos, null);
    }

    /** Exponentially distributed with mean {@code meanNanos} (many short, a few long). */
    public static Latency exponential(long meanNanos) {
        if (meanNanos <= 0) throw new IllegalArgumentException("mean latency is " + meanNanos + " ns, expected more than 0");
        return new Latency("exponential, mean " + formatNanos(meanNanos), -1,
                random -> new ExponentialDistribution(random, meanNanos));
    }

    /** Normally distributed, draws below 0 counting as 0. */
    public static Latency normal(long meanNanos, long sdNanos) {
        if (meanNanos < 0) throw new IllegalArgumentException("mean latency is " + meanNanos + " ns, expected 0 or more");
        if (sdNanos <= 0) throw new IllegalArgumentException("latency standard deviation is " + sdNanos + " ns, expected more than 0");
        return new Latency("normal, mean " + formatNanos(meanNanos) + ", sd " + formatNanos(sdNanos), -1,
                random -> new NormalDistribution(random, meanNanos, sdNanos));
    }

    /** Uniform between {@code minNanos} and {@code maxNanos}. */
    public static Latency uniform(long minNanos, long maxNanos) {
        if (minNanos < 0 || maxNanos <= minNanos) {
            throw new IllegalArgumentException("latency range is " + minNanos + "-" + maxNanos
                    + " ns, expected 0 <= min < max");
        }
        return new Latency("uniform " + formatNanos(minNanos) + " to " + formatNanos(maxNanos), -1,
                random -> new UniformRealDistribution(random, minNanos, maxNanos));
    }

    /**
     * Any Commons Math distribution of nanoseconds; {@code recipe} must build it on the
     * generator it is given, e.g. {@code r -> new GammaDistribution(r, 2, 1e6)}.
     */
    public static Latency of(String description, Function<RandomGenerator, RealDistribution> recipe) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(recipe, "recipe");
        return new Latency(description, -1, recipe);
    }

    public boolean isNone() {
        return fixedNanos == 0;
    }

    /** Draws from this latency with {@code random}. */
    LongSupplier sampler(RandomGenerator random) {
        if (recipe == null) return () -> fixedNanos;
        RealDistribution distribution = recipe.apply(random);
        return () -> {
            double v = distribution.sample();
            return v > 0 ? Math.round(v) : 0;
        };
    }

    @Override
    public String toString() {
        return description;
    }

    static String formatNanos(long nanos) {
        if (nanos < 1_000) return nanos + " ns";
        if (nanos < 1_000_000) return trim(nanos / 1e3) + " us";
        if (nanos < 1_000_000_000) return trim(nanos / 1e6) + " ms";
        return trim(nanos / 1e9) + " s";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
