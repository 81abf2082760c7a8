package org.aoelab.net;

/**
 * The shape of a link's jitter. {@code delay} is always the mean; {@code jitter} is the
 * half-width for {@link #UNIFORM} and the standard deviation for the others (before delays
 * below zero are raised to zero).
 */
public enum DelayDistribution {
    /** Uniform on {@code delay ± jitter}, as netem without a table. */
    UNIFORM("uniform"),
    /** Normal with standard deviation {@code jitter}. */
    NORMAL("normal"),
    /**
     * Pareto with shape 3 (netem's table), shifted and scaled to mean {@code delay} and standard
     * deviation {@code jitter}: mostly a little early, now and then very late.
     */
    PARETO("pareto"),
    /**
     * netem's "paretonormal": a quarter of a normal and three quarters of a Pareto quantile for
     * the same random number, scaled to standard deviation {@code jitter}.
     */
    PARETO_NORMAL("paretonormal");

    private final String netemName;

    DelayDistribution(String netemName) {
        this.netemName = netemName;
    }

    /** The name tc netem uses for it. */
    public String netemName() {
        return netemName;
    }
}
