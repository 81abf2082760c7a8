package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;

class JitterSourceTest {
    /**
     * The standard deviation of 0.25 Z + 0.75 P(Z), P the standardised Pareto(1, 3) quantile at
     * Phi(Z), by numerical integration: Var = 0.25^2 + 0.75^2 + 2 * 0.25 * 0.75 * E[Z P(Z)].
     */
    static double paretoNormalSd() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15);
        // E[Z * Phi(-Z)^(-1/3)]; E[Z * 1.5] is 0. Beyond |z| = 12 the integrand is below 1e-25.
        double e = 0;
        for (int k = -12; k < 12; k++) {
            e += integrator.integrate(1_000_000, z -> z * FastMath.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)
                    * Math.pow(0.5 * Erf.erfc(z / Math.sqrt(2)), -1 / 3.0), k, k + 1);
        }
        double corr = e / Math.sqrt(0.75);
        return Math.sqrt(0.0625 + 0.5625 + 2 * 0.25 * 0.75 * corr);
    }

    @Test
    void paretoNormalScaleMatchesNumericalIntegration() {
        assertThat(JitterSource.PARETO_NORMAL_SD).isCloseTo(paretoNormalSd(), within(1e-9));
    }
}
