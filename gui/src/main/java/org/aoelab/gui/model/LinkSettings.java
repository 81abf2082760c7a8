package org.aoelab.gui.model;

import org.aoelab.net.Impairments;
import org.aoelab.net.Link;
import org.aoelab.net.LossModel;

/**
 * The settings of one link as the link controls show them, both directions alike. Probabilities
 * are 0 to 1, times virtual nanoseconds, the rate bits per second (0: unlimited).
 *
 * @param lossModel  how losses come: independently, or in bursts (a Gilbert model)
 * @param loss       RANDOM: the loss probability; BURSTY: the probability of entering a loss burst
 * @param burstExit  BURSTY: the probability of leaving a burst at each frame (mean burst 1/burstExit frames)
 * @param delay      one-way delay
 * @param jitter     jitter (uniform, plus or minus)
 * @param duplicate  duplication probability
 * @param reorder    reordering probability (needs a delay to show)
 * @param corrupt    probability of a flipped bit
 * @param rate       rate limit in bits per second, 0 for none
 * @param mtu        the switch port's payload MTU, 46 to 9000
 * @param up         whether the link is up
 */
public record LinkSettings(LossKind lossModel, double loss, double burstExit, long delay, long jitter, double duplicate,
                           double reorder, double corrupt, long rate, int mtu, boolean up) {

    /** How a link loses frames. */
    public enum LossKind { RANDOM, BURSTY }

    public static final LinkSettings CLEAN = new LinkSettings(LossKind.RANDOM, 0, 0.5, 0, 0, 0, 0, 0, 0, 1500, true);

    public LinkSettings {
        if (lossModel == null) throw new IllegalArgumentException("loss model is missing, expected RANDOM or BURSTY");
        probability("loss", loss);
        probability("burst exit", burstExit);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
        probability("corrupt", corrupt);
        if (delay < 0 || delay > 3_600_000_000_000L) {
            throw new IllegalArgumentException("delay is " + delay + " ns, expected 0 to 1 hour");
        }
        if (jitter < 0 || jitter > 3_600_000_000_000L) {
            throw new IllegalArgumentException("jitter is " + jitter + " ns, expected 0 to 1 hour");
        }
        if (rate < 0 || rate > Impairments.MAX_RATE) {
            throw new IllegalArgumentException("rate is " + rate + " bit/s, expected 0 (unlimited) to " + Impairments.MAX_RATE);
        }
        if (mtu < 46 || mtu > 9000) {
            throw new IllegalArgumentException("mtu is " + mtu + " bytes, expected 46 to 9000");
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " is " + p + ", expected a probability from 0 to 1");
        }
    }

    /** What the link does now (its direction towards the switch; the GUI sets both alike). */
    public static LinkSettings of(Link link) {
        Impairments i = link.toSwitch();
        LossKind kind = LossKind.RANDOM;
        double loss = 0;
        double exit = 0.5;
        LossModel m = i.lossModel();
        if (m instanceof LossModel.Bernoulli b) {
            loss = b.p();
        } else if (m instanceof LossModel.GilbertElliott g) {
            kind = LossKind.BURSTY;
            loss = g.p();
            exit = g.r();
        } else if (!(m instanceof LossModel.None)) {
            loss = m.expectedLossRate();
        }
        return new LinkSettings(kind, loss, exit, i.delayNanos(), i.jitterNanos(), i.duplicateProbability(),
                i.reorderProbability(), i.corruptProbability(), i.rateBitsPerSecond(), link.port().mtu(), link.isUp());
    }

    /** Applies these settings to both directions of {@code link}, now (on the simulation thread). */
    public void applyTo(Link link) {
        for (Impairments i : new Impairments[] {link.toSwitch(), link.fromSwitch()}) {
            if (loss == 0) {
                i.loss(LossModel.NONE);
            } else if (lossModel == LossKind.BURSTY) {
                i.loss(LossModel.gilbert(loss, burstExit));
            } else {
                i.loss(loss);
            }
            i.delay(delay, jitter);
            i.duplicate(duplicate);
            i.reorder(reorder, Math.max(1, i.reorderGap()));
            i.corrupt(corrupt);
            i.rate(rate);
        }
        if (link.port().mtu() != mtu) link.port().setMtu(mtu);
        link.setUp(up);
    }

    /** The expected share of frames lost. */
    public double expectedLoss() {
        if (lossModel == LossKind.BURSTY && loss > 0) {
            return loss / (loss + burstExit);
        }
        return loss;
    }

    /** True when the link does nothing to frames. */
    public boolean isClean() {
        return up && loss == 0 && delay == 0 && jitter == 0 && duplicate == 0 && reorder == 0 && corrupt == 0
                && rate == 0;
    }

    /** A short label for the topology: {@code "loss 10% · 5 ms"}, {@code "down"}, {@code ""}. */
    public String summary() {
        if (!up) return "down";
        StringBuilder sb = new StringBuilder();
        if (loss > 0) sep(sb).append(lossModel == LossKind.BURSTY ? "bursty loss " : "loss ").append(Units.percent(expectedLoss()));
        if (delay > 0 || jitter > 0) {
            sep(sb).append(Units.duration(delay));
            if (jitter > 0) sb.append(" ±").append(Units.duration(jitter));
        }
        if (duplicate > 0) sep(sb).append("dup ").append(Units.percent(duplicate));
        if (reorder > 0) sep(sb).append("reorder ").append(Units.percent(reorder));
        if (corrupt > 0) sep(sb).append("corrupt ").append(Units.percent(corrupt));
        if (rate > 0) sep(sb).append(Units.rate(rate));
        if (mtu != 1500) sep(sb).append("mtu ").append(mtu);
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(" · ");
    }

    /** 0 clean, 1 delayed or limited, 2 lossy or damaging, 3 down: the link's colour in the topology. */
    public int severity() {
        if (!up) return 3;
        if (loss > 0 || corrupt > 0 || duplicate > 0 || reorder > 0) return 2;
        if (delay > 0 || jitter > 0 || rate > 0 || mtu != 1500) return 1;
        return 0;
    }

    public LinkSettings withLoss(LossKind kind, double p, double exit) {
        return new LinkSettings(kind, p, exit, delay, jitter, duplicate, reorder, corrupt, rate, mtu, up);
    }

    public LinkSettings withDelay(long d, long j) {
        return new LinkSettings(lossModel, loss, burstExit, d, j, duplicate, reorder, corrupt, rate, mtu, up);
    }

    public LinkSettings withDuplicate(double p) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, p, reorder, corrupt, rate, mtu, up);
    }

    public LinkSettings withReorder(double p) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, duplicate, p, corrupt, rate, mtu, up);
    }

    public LinkSettings withCorrupt(double p) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, duplicate, reorder, p, rate, mtu, up);
    }

    public LinkSettings withRate(long bitsPerSecond) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, duplicate, reorder, corrupt, bitsPerSecond, mtu, up);
    }

    public LinkSettings withMtu(int bytes) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, duplicate, reorder, corrupt, rate, bytes, up);
    }

    public LinkSettings withUp(boolean isUp) {
        return new LinkSettings(lossModel, loss, burstExit, delay, jitter, duplicate, reorder, corrupt, rate, mtu, isUp);
    }
}
