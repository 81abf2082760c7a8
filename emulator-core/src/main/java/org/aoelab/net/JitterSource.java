package org.aoelab.net;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;

/**
 * Draws standardised jitter values for one link direction: mean 0, and standard deviation 1
 * (half-width 1 for uniform), in the shape of a {@link DelayDistribution}.
 *
 * <p>Correlation works through a Gaussian copula: an AR(1) process
 * {@code z = rho * z' + sqrt(1 - rho^2) * e} with standard normal {@code e} has standard normal
 * values whose lag-one correlation is {@code rho}; each value is mapped through the normal CDF and
 * the distribution's quantile function. Unlike netem's "next = rho * last + (1 - rho) * random",
 * this keeps the distribution (its mean and spread) whatever the correlation.
 */
final class JitterSource {
    /** netem's Pareto tables use shape 3. */
    static final double PARETO_SHAPE = 3;
    /** Standard deviation of 0.25 * Z + 0.75 * P(Z), with P the standardised Pareto quantile at
     *  the same probability: sqrt(0.625 + 0.375 * E[Z P(Z)]), the expectation by numerical
     *  integration (checked in JitterSourceTest). */
    static final double PARETO_NORMAL_SD = 0.9377538568735659;
    private static final double SQRT2 = Math.sqrt(2);

    private final DelayDistribution shape;
    private final RandomGenerator rng;
    private final double rho;
    private final double innovation;
    private final UniformRealDistribution uniform;
    private final NormalDistribution normal;
    private final ParetoDistribution pareto;
    private final double paretoMean;
    private final double paretoSd;
    private double z;
    private boolean started;

    JitterSource(DelayDistribution shape, double correlation, RandomGenerator rng) {
        this.shape = shape;
        this.rng = rng;
        this.rho = correlation;
        this.innovation = Math.sqrt(1 - correlation * correlation);
        this.uniform = new UniformRealDistribution(rng, -1, 1);
        this.normal = new NormalDistribution(rng, 0, 1);
        this.pareto = new ParetoDistribution(rng, 1, PARETO_SHAPE);
        this.paretoMean = pareto.getNumericalMean();
        this.paretoSd = Math.sqrt(pareto.getNumericalVariance());
    }

    /** The next standardised value. */
    double next() {
        if (rho == 0) {
            switch (shape) {
                case UNIFORM:
                    return uniform.sample();
                case NORMAL:
                    return normal.sample();
                case PARETO:
                    return (pareto.sample() - paretoMean) / paretoSd;
                default:
                    return paretoNormal(rng.nextGaussian());
            }
        }
        double e = rng.nextGaussian();
        z = started ? rho * z + innovation * e : e;
        started = true;
        switch (shape) {
            case UNIFORM:
                return 2 * normal.cumulativeProbability(z) - 1;
            case NORMAL:
                return z;
            case PARETO:
                return paretoFromNormal(z);
            default:
                return paretoNormal(z);
        }
    }

    /** The standardised Pareto quantile at probability Phi(z); the upper tail is computed directly
     *  (erfc), so large z keep their precision. */
    private double paretoFromNormal(double z) {
        double upper = 0.5 * Erf.erfc(z / SQRT2);
        if (upper <= 0) return Double.MAX_VALUE;
        return (FastMath.pow(upper, -1 / PARETO_SHAPE) - paretoMean) / paretoSd;
    }

    private double paretoNormal(double z) {
        return (0.25 * z + 0.75 * paretoFromNormal(z)) / PARETO_NORMAL_SD;
    }
}
