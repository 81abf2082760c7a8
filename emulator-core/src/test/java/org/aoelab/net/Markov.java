package org.aoelab.net;

/**
 * Facts about a finite Markov chain that the loss tests derive their bounds from, computed here
 * independently of the code under test.
 */
final class Markov {
    private Markov() {
    }

    /** The stationary distribution by power iteration. */
    static double[] stationary(double[][] p) {
        int n = p.length;
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 1_000_000; it++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) next[j] += pi[i] * p[i][j];
            }
            double diff = 0;
            for (int j = 0; j < n; j++) diff += Math.abs(next[j] - pi[j]);
            pi = next;
            if (diff < 1e-14) break;
        }
        return pi;
    }

    /**
     * The asymptotic variance per frame of the number of losses, n * Var(loss rate) as n grows,
     * when frame t is lost with probability {@code q[X_t]}: the Bernoulli noise E[q(1-q)] plus
     * the autocovariance of q(X_t) summed over all lags.
     */
    static double lossVariance(double[][] p, double[] q) {
        double[] pi = stationary(p);
        int n = p.length;
        double mean = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            mean += pi[i] * q[i];
            var += pi[i] * q[i] * (1 - q[i]);
        }
        double second = 0;
        for (int i = 0; i < n; i++) second += pi[i] * q[i] * q[i];
        var += second - mean * mean;
        double[] v = q.clone();
        for (int k = 1; k < 10_000_000; k++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) next[i] += p[i][j] * v[j];
            }
            v = next;
            double cov = -mean * mean;
            for (int i = 0; i < n; i++) cov += pi[i] * q[i] * v[i];
            var += 2 * cov;
            if (Math.abs(cov) < 1e-14) break; // the rest of a geometric tail is negligible, and below rounding noise
        }
        return var;
    }

    static double lossRate(double[][] p, double[] q) {
        double[] pi = stationary(p);
        double r = 0;
        for (int i = 0; i < pi.length; i++) r += pi[i] * q[i];
        return r;
    }
}
