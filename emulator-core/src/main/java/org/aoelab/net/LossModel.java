package org.aoelab.net;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * How a link direction decides which frames to lose: none, independent ({@link Bernoulli}),
 * bursty with two states ({@link GilbertElliott}) or netem's four-state Markov model
 * ({@link FourState}). Models are immutable values that check their parameters; the state of a
 * running model lives in the link, and starts again when the model is replaced.
 */
public sealed interface LossModel permits LossModel.None, LossModel.Bernoulli, LossModel.GilbertElliott,
        LossModel.FourState {

    /** No loss. */
    LossModel NONE = new None();

    /** The long-run fraction of frames lost, or NaN when it depends on the starting state. */
    double expectedLossRate();

    /** Independent loss with probability {@code p} (netem {@code loss random P}). */
    static Bernoulli bernoulli(double p) {
        return new Bernoulli(p);
    }

    /** Gilbert-Elliott loss (netem {@code loss gemodel p r 1-h 1-k}). */
    static GilbertElliott gilbertElliott(double p, double r, double oneMinusH, double oneMinusK) {
        return new GilbertElliott(p, r, oneMinusH, oneMinusK);
    }

    /** The simple Gilbert model: every frame lost in the bad state, none in the good one. */
    static GilbertElliott gilbert(double p, double r) {
        return new GilbertElliott(p, r, 1, 0);
    }

    /** netem's four-state model (netem {@code loss state p13 p31 p32 p23 p14}). */
    static FourState fourState(double p13, double p31, double p32, double p23, double p14) {
        return new FourState(p13, p31, p32, p23, p14);
    }

    /** No loss. */
    record None() implements LossModel {
        @Override
        public double expectedLossRate() {
            return 0;
        }

        @Override
        public String toString() {
            return "no loss";
        }
    }

    /**
     * Each frame is lost independently with probability {@code p}.
     *
     * @param p loss probability, 0 to 1
     */
    record Bernoulli(double p) implements LossModel {
        public Bernoulli {
            Limits.probability("random loss p", p);
        }

        @Override
        public double expectedLossRate() {
            return p;
        }

        @Override
        public String toString() {
            return "random " + Limits.percent(p);
        }
    }

    /**
     * A good and a bad state. Each frame is lost with probability {@code oneMinusK} in the good
     * state and {@code oneMinusH} in the bad state; then the state moves from good to bad with
     * probability {@code p} and from bad to good with probability {@code r}. With
     * {@code oneMinusH = 1} and {@code oneMinusK = 0} a loss burst lasts {@code 1/r} frames on
     * average, and bursts start {@code 1/p} frames apart.
     *
     * @param p probability of going from good to bad, per frame, 0 to 1
     * @param r probability of going from bad to good, per frame, 0 to 1
     * @param oneMinusH loss probability in the bad state (netem's 1-h), 0 to 1
     * @param oneMinusK loss probability in the good state (netem's 1-k), 0 to 1
     */
    record GilbertElliott(double p, double r, double oneMinusH, double oneMinusK) implements LossModel {
        public GilbertElliott {
            Limits.probability("Gilbert-Elliott p (good to bad)", p);
            Limits.probability("Gilbert-Elliott r (bad to good)", r);
            Limits.probability("Gilbert-Elliott 1-h (loss in the bad state)", oneMinusH);
            Limits.probability("Gilbert-Elliott 1-k (loss in the good state)", oneMinusK);
        }

        /** Long-run share of frames sent in the bad state, p / (p + r). */
        public double badStateShare() {
            return p + r == 0 ? 0 : p / (p + r);
        }

        @Override
        public double expectedLossRate() {
            double bad = badStateShare();
            return (1 - bad) * oneMinusK + bad * oneMinusH;
        }

        @Override
        public String toString() {
            return "gemodel p " + Limits.percent(p) + " r " + Limits.percent(r) + " 1-h " + Limits.percent(oneMinusH)
                    + " 1-k " + Limits.percent(oneMinusK);
        }
    }

    /**
     * netem's four-state Markov model. States: 1 frames received in a gap, 2 frames received in a
     * burst, 3 frames lost in a burst, 4 an isolated loss in a gap. For each frame the model moves
     * first, then the frame is lost when the new state is 3 or 4. From 1 it moves to 3 with
     * {@code p13} and to 4 with {@code p14}; from 2 to 3 with {@code p23}; from 3 to 1 with
     * {@code p31} and to 2 with {@code p32}; from 4 always back to 1; otherwise it stays.
     *
     * @param p13 gap to burst loss, 0 to 1
     * @param p31 burst loss to gap, 0 to 1
     * @param p32 burst loss to burst reception, 0 to 1
     * @param p23 burst reception to burst loss, 0 to 1
     * @param p14 gap to isolated loss, 0 to 1
     */
    record FourState(double p13, double p31, double p32, double p23, double p14) implements LossModel {
        public FourState {
            Limits.probability("4-state p13", p13);
            Limits.probability("4-state p31", p31);
            Limits.probability("4-state p32", p32);
            Limits.probability("4-state p23", p23);
            Limits.probability("4-state p14", p14);
            if (p13 + p14 > 1) {
                throw new IllegalArgumentException("4-state p13 + p14 is " + (p13 + p14)
                        + ", expected 0 to 1 (both leave state 1)");
            }
            if (p31 + p32 > 1) {
                throw new IllegalArgumentException("4-state p31 + p32 is " + (p31 + p32)
                        + ", expected 0 to 1 (both leave state 3)");
            }
        }

        /** Row {@code from} (1-4) of the transition matrix, as probabilities of moving to states 1-4. */
        public double[] transitions(int from) {
            return switch (from) {
                case 1 -> new double[] {1 - p13 - p14, 0, p13, p14};
                case 2 -> new double[] {0, 1 - p23, p23, 0};
                case 3 -> new double[] {p31, p32, 1 - p31 - p32, 0};
                case 4 -> new double[] {1, 0, 0, 0};
                default -> throw new IllegalArgumentException("4-state state is " + from + ", expected 1 to 4");
            };
        }

        /** The long-run share of time in states 1-4, or NaNs when it depends on the starting state. */
        public double[] stationary() {
            // Solve pi P = pi with sum(pi) = 1: the transposed system with one equation replaced by the sum.
            double[][] a = new double[4][4];
            for (int from = 1; from <= 4; from++) {
                double[] row = transitions(from);
                for (int to = 0; to < 4; to++) a[to][from - 1] = row[to] - (to == from - 1 ? 1 : 0);
            }
            for (int j = 0; j < 4; j++) a[3][j] = 1;
            try {
                RealVector pi = new LUDecomposition(new Array2DRowRealMatrix(a, false))
                        .getSolver().solve(new ArrayRealVector(new double[] {0, 0, 0, 1}, false));
                return pi.toArray();
            } catch (SingularMatrixException e) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            }
        }

        @Override
        public double expectedLossRate() {
            double[] pi = stationary();
            return pi[2] + pi[3];
        }

        @Override
        public String toString() {
            return "state p13 " + Limits.percent(p13) + " p31 " + Limits.percent(p31) + " p32 " + Limits.percent(p32)
                    + " p23 " + Limits.percent(p23) + " p14 " + Limits.percent(p14);
        }
    }
}
