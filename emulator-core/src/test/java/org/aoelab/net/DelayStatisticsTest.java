package org.aoelab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.aoelab.net.Fixture.Host;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

/**
 * Delay and jitter against their models, with fixed seeds. Frames are sent one second apart, far
 * more than any jitter here, so the no-reordering rule never holds a frame back and each measured
 * delay is one draw. Bounds are five standard errors, or for the heavy-tailed Pareto shapes
 * (whose fourth moment is infinite, so the sample standard deviation has no usable error) the
 * Dvoretzky-Kiefer-Wolfowitz band on the whole distribution.
 */
class DelayStatisticsTest {
    private static final long MS = 1_000_000;
    private static final long DELAY = 10 * MS;
    private static final long JITTER = MS;
    private static final int N = 20_000;

    private static double[] delays(long seed, long delay, long jitter, double correlation, DelayDistribution shape,
                                   long spacing, int n) {
        Fixture net = new Fixture(seed);
        Host a = net.host("host-a", 1);
        Host b = net.host("host-b", 2);
        a.nic.link().toSwitch().delay(delay, jitter, correlation, shape);
        long[] sentAt = Fixture.sendEvery(net.sim, a, b.mac(), n, spacing, 60);
        net.sim.runUntilIdle(Long.MAX_VALUE);
        assertThat(b.frames).hasSize(n);
        double[] d = new double[n];
        long[] seqs = b.seqs();
        for (int i = 0; i < n; i++) {
            assertThat(seqs[i]).isEqualTo(i);
            d[i] = b.times.get(i) - sentAt[i];
        }
        return d;
    }

    private static double[] delays(long seed, double correlation, DelayDistribution shape) {
        return delays(seed, DELAY, JITTER, correlation, shape, 1_000 * MS, N);
    }

    @Test
    void uniformJitterHasTheMeanAndSpreadOfUniformOnDelayPlusMinusJitter() {
        DescriptiveStatistics s = new DescriptiveStatistics(delays(21, 0, DelayDistribution.UNIFORM));
        double sd = JITTER / Math.sqrt(3);
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * sd / Math.sqrt(N)));
        // Standard error of a sample sd: sd * sqrt((kurtosis - 1) / 4n); a uniform's kurtosis is 1.8.
        assertThat(s.getStandardDeviation()).isCloseTo(sd, within(5 * sd * Math.sqrt(0.8 / (4.0 * N))));
        assertThat(s.getMin()).isGreaterThanOrEqualTo(DELAY - JITTER);
        assertThat(s.getMax()).isLessThanOrEqualTo(DELAY + JITTER);
    }

    @Test
    void normalJitterHasMeanDelayAndStandardDeviationJitter() {
        DescriptiveStatistics s = new DescriptiveStatistics(delays(22, 0, DelayDistribution.NORMAL));
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * JITTER / Math.sqrt(N)));
        // A normal's kurtosis is 3: standard error sd / sqrt(2n).
        assertThat(s.getStandardDeviation()).isCloseTo(JITTER, within(5 * JITTER / Math.sqrt(2.0 * N)));
    }

    @Test
    void paretoJitterHasMeanDelayAndTheShiftedParetoDistribution() {
        double[] d = delays(23, 0, DelayDistribution.PARETO);
        DescriptiveStatistics s = new DescriptiveStatistics(d);
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * JITTER / Math.sqrt(N)));
        // Pareto(scale 1, shape 3) has mean 1.5 and sd sqrt(0.75); standardised, its CDF is:
        double dist = ksDistance(d, t -> {
            double x = 1.5 + t * Math.sqrt(0.75);
            return x < 1 ? 0 : 1 - Math.pow(x, -3);
        });
        assertThat(dist).isLessThan(dkwBound(N));
        // Nothing below the Pareto's floor: delay - 0.5/sqrt(0.75) jitter.
        assertThat(s.getMin()).isGreaterThanOrEqualTo(DELAY - 0.5 / Math.sqrt(0.75) * JITTER - 1);
        assertThat(s.getMax() - DELAY).as("a heavy right tail").isGreaterThan(5 * JITTER);
    }

    @Test
    void paretoNormalJitterHasMeanDelayAndNetemsMixedDistribution() {
        double[] d = delays(24, 0, DelayDistribution.PARETO_NORMAL);
        DescriptiveStatistics s = new DescriptiveStatistics(d);
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * JITTER / Math.sqrt(N)));
        NormalDistribution z = new NormalDistribution(null, 0, 1);
        double sd = JitterSourceTest.paretoNormalSd();
        // Quantile at u: (0.25 z(u) + 0.75 standardised Pareto(u)) / sd; invert by bisection.
        java.util.function.DoubleUnaryOperator quantile = u ->
                (0.25 * z.inverseCumulativeProbability(u) + 0.75 * (Math.pow(1 - u, -1 / 3.0) - 1.5) / Math.sqrt(0.75)) / sd;
        double dist = ksDistance(d, t -> {
            double lo = 0;
            double hi = 1;
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                if (quantile.applyAsDouble(mid) < t) lo = mid;
                else hi = mid;
            }
            return (lo + hi) / 2;
        });
        assertThat(dist).isLessThan(dkwBound(N));
    }

    @Test
    void correlatedNormalJitterKeepsItsSpreadAndHasTheAskedLagOneCorrelation() {
        double rho = 0.6;
        DescriptiveStatistics s = new DescriptiveStatistics(delays(25, rho, DelayDistribution.NORMAL));
        double[] d = s.getValues();
        // An AR(1) series: Var(mean) = sd^2 (1+rho)/((1-rho) n); Var(sample sd) ~ sd^2 (1+rho^2)/(2n(1-rho^2));
        // Bartlett: Var(lag-one autocorrelation) ~ (1-rho^2)/n.
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * JITTER * Math.sqrt((1 + rho) / ((1 - rho) * N))));
        assertThat(s.getStandardDeviation())
                .isCloseTo(JITTER, within(5 * JITTER * Math.sqrt((1 + rho * rho) / (2.0 * N * (1 - rho * rho)))));
        assertThat(lagOne(d)).isCloseTo(rho, within(5 * Math.sqrt((1 - rho * rho) / N)));
    }

    @Test
    void correlatedUniformJitterStaysUniformOnItsRange() {
        double[] d = delays(26, 0.6, DelayDistribution.UNIFORM);
        DescriptiveStatistics s = new DescriptiveStatistics(d);
        assertThat(s.getMin()).isGreaterThanOrEqualTo(DELAY - JITTER);
        assertThat(s.getMax()).isLessThanOrEqualTo(DELAY + JITTER);
        // Through a Gaussian copula the uniforms' correlation is (6/pi) asin(rho/2) = 0.582; with
        // Bartlett's (1 - r^2)/n as the variance, 0.05 is more than eight standard errors.
        assertThat(lagOne(d)).isCloseTo(6 / Math.PI * Math.asin(0.3), within(0.05));
        // The marginal is still uniform: mean within the bound for an AR(1) series with this correlation.
        double sd = JITTER / Math.sqrt(3);
        assertThat(s.getMean()).isCloseTo(DELAY, within(5 * sd * Math.sqrt(1.6 / (0.4 * N))));
    }

    @Test
    void jitterNeverReordersFrames() {
        // Uniform 10 ms +- 9 ms with frames 100 us apart: without the rule most would overtake others.
        int n = 10_000;
        double[] d = delays(27, 10 * MS, 9 * MS, 0, DelayDistribution.UNIFORM, 100_000, n);
        // delays() already checked arrival order; the jitter did vary the delays widely.
        DescriptiveStatistics s = new DescriptiveStatistics(d);
        assertThat(s.getMax() - s.getMin()).isGreaterThan(10 * MS);
        assertThat(s.getMin()).isGreaterThanOrEqualTo(MS);
    }

    @Test
    void delayWithoutJitterIsExact() {
        double[] d = delays(28, 3 * MS, 0, 0, DelayDistribution.UNIFORM, 10 * MS, 100);
        assertThat(d).containsOnly(3.0 * MS);
    }

    private static double lagOne(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            if (i > 0) num += (x[i] - mean) * (x[i - 1] - mean);
        }
        return num / den;
    }

    /** Kolmogorov-Smirnov distance between the standardised delays and a model CDF. */
    private static double ksDistance(double[] delays, java.util.function.DoubleUnaryOperator cdf) {
        double[] t = new double[delays.length];
        for (int i = 0; i < t.length; i++) t[i] = (delays[i] - DELAY) / JITTER;
        Arrays.sort(t);
        double worst = 0;
        int n = t.length;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(t[i]);
            worst = Math.max(worst, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return worst;
    }

    /** DKW: P(distance > eps) <= 2 exp(-2 n eps^2); eps for a one-in-a-million chance. */
    private static double dkwBound(int n) {
        return Math.sqrt(Math.log(2 / 1e-6) / (2.0 * n));
    }
}
