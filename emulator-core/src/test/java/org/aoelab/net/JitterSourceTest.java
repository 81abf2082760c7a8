package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;

class JitterSourceTest {
    /**
     * The standard deviation of 0.25 Z + 0.75 P(Z), P the standardised Pareto(1, 3) quantile at
     * Phi(Z), by numerical integration: Var = 0.25^2 + 0.75^2 + 2 * 0.25 * 0.75 * E[Z P(Z)].
     */
    static double paretoNormalSd() {
        // E[Z * Phi(-Z)^(-1/3)] by composite Simpson on [-12, 12], where the integrand is smooth
        // (it falls like exp(-z^2 / 3)) and beyond which it is below 1e-20. E[Z * 1.5] is 0.
        java.util.function.DoubleUnaryOperator f = z -> z * FastMath.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)
                * Math.pow(0.5 * Erf.erfc(z / Math.sqrt(2)), -1 / 3.0);
        int n = 48_000;
        double a = -12;
        double h = 24.0 / n;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(a + n * h);
        for (int i = 1; i < n; i++) sum += (i % 2 == 0 ? 2 : 4) * f.applyAsDouble(a + i * h);
        double e = sum * h / 3;
        double corr = e / Math.sqrt(0.75);
        return Math.sqrt(0.0625 + 0.5625 + 2 * 0.25 * 0.75 * corr);
    }

    @Test
    void paretoNormalScaleMatchesNumericalIntegration() {
        assertThat(JitterSource.PARETO_NORMAL_SD).isCloseTo(paretoNormalSd(), within(1e-9));
    }
}
