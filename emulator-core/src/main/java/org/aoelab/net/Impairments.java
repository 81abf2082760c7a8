package org.aoelab.net;

/**
 * What one direction of a {@link Link} does to the frames crossing it, modelled on Linux netem
 * and going beyond it where netem surprises people. Every setter checks its values (an
 * {@link IllegalArgumentException} names the parameter and the allowed range), takes effect for
 * frames entering after the call, and may be called while the simulation runs (the GUI's sliders
 * do). Each frame goes through, in order:
 *
 * <ol>
 *   <li>duplication: with {@code duplicate} probability a second copy is made; each copy then
 *       goes through the rest on its own;</li>
 *   <li>loss, by the {@link LossModel};</li>
 *   <li>corruption: with {@code corrupt} probability, {@code bits} distinct bits at or after byte
 *       {@code from} are flipped;</li>
 *   <li>rate limit: with {@code rate} bits per second, the frame plus {@code overhead} bytes is
 *       serialised after the frames before it; it is tail-dropped when the frames waiting for or
 *       in transmission would exceed the queue limit (frames, or bytes when set);</li>
 *   <li>reordering: with {@code reorder} probability, once at least {@code gap - 1} frames have
 *       been delayed normally since the last reordered one, the frame skips the delay and
 *       overtakes the frames in the delay line (so it needs a delay to show);</li>
 *   <li>delay: {@code delay} plus jitter drawn from the {@link DelayDistribution} with the given
 *       correlation, never below zero. Jitter alone never reorders: a frame never arrives before
 *       one that entered the delay line before it.</li>
 * </ol>
 *
 * <p>Defaults: nothing at all, with a queue limit of 1000 frames that matters only once a rate is
 * set. Times are virtual nanoseconds.
 */
public final class Impairments {
    /** Largest number of bits {@link #corrupt(double, int, int)} flips in one frame. */
    public static final int MAX_CORRUPT_BITS = 64;
    /** Highest rate accepted, 1 Tbit/s. */
    public static final long MAX_RATE = 1_000_000_000_000L;
    public static final int DEFAULT_QUEUE_FRAMES = 1000;

    private final Direction owner;

    LossModel loss = LossModel.NONE;
    long delay;
    long jitter;
    double correlation;
    DelayDistribution distribution = DelayDistribution.UNIFORM;
    double duplicate;
    double reorder;
    int gap = 1;
    double corrupt;
    int corruptBits = 1;
    int corruptFrom;
    long rate;
    int overhead;
    int queueFrames = DEFAULT_QUEUE_FRAMES;
    long queueBytes;

    Impairments(Direction owner) {
        this.owner = owner;
    }

    // ---- loss ----

    /** Independent (Bernoulli) loss with probability {@code p}, 0 to 1; 0 turns loss off. */
    public Impairments loss(double p) {
        Limits.probability("random loss p", p);
        return loss(p == 0 ? LossModel.NONE : LossModel.bernoulli(p));
    }

    /** Sets the loss model; its state starts afresh. */
    public Impairments loss(LossModel model) {
        loss = Limits.notNull("loss model", model);
        owner.lossChanged();
        changed();
        return this;
    }

    public LossModel lossModel() {
        return loss;
    }

    // ---- delay and jitter ----

    /** Constant delay, 0 to 1 hour, without jitter. */
    public Impairments delay(long delayNanos) {
        return delay(delayNanos, 0, 0, DelayDistribution.UNIFORM);
    }

    /** Delay with uniform, uncorrelated jitter of {@code ± jitterNanos} (netem's default). */
    public Impairments delay(long delayNanos, long jitterNanos) {
        return delay(delayNanos, jitterNanos, 0, DelayDistribution.UNIFORM);
    }

    /**
     * Delay with jitter.
     *
     * @param delayNanos the mean delay, 0 to 1 hour
     * @param jitterNanos half-width (uniform) or standard deviation (the others), 0 to 1 hour
     * @param correlation lag-one correlation of successive jitter values, 0 to 1
     * @param distribution the jitter's shape
     */
    public Impairments delay(long delayNanos, long jitterNanos, double correlation, DelayDistribution distribution) {
        Limits.range("delay", delayNanos, 0, Limits.MAX_DELAY_NANOS, " ns");
        Limits.range("jitter", jitterNanos, 0, Limits.MAX_DELAY_NANOS, " ns");
        Limits.probability("jitter correlation", correlation);
        Limits.notNull("delay distribution", distribution);
        delay = delayNanos;
        jitter = jitterNanos;
        this.correlation = correlation;
        this.distribution = distribution;
        owner.jitterChanged();
        changed();
        return this;
    }

    public long delayNanos() {
        return delay;
    }

    public long jitterNanos() {
        return jitter;
    }

    public double jitterCorrelation() {
        return correlation;
    }

    public DelayDistribution distribution() {
        return distribution;
    }

    // ---- duplication, reordering, corruption ----

    /** Duplicates each frame with probability {@code p}, 0 to 1. */
    public Impairments duplicate(double p) {
        duplicate = Limits.probability("duplicate probability", p);
        changed();
        return this;
    }

    public double duplicateProbability() {
        return duplicate;
    }

    /**
     * Sends frames ahead of the delay line: with probability {@code p} (0 to 1), once
     * {@code gap - 1} frames (gap 1 to 1,000,000) have been delayed since the last reordered one.
     * With p = 1 and gap 5, every fifth frame is sent at once (netem {@code reorder 100% gap 5}).
     */
    public Impairments reorder(double p, int gap) {
        Limits.probability("reorder probability", p);
        Limits.range("reorder gap", gap, 1, 1_000_000, "");
        reorder = p;
        this.gap = gap;
        owner.reorderChanged();
        changed();
        return this;
    }

    public double reorderProbability() {
        return reorder;
    }

    public int reorderGap() {
        return gap;
    }

    /** Flips one random bit of the frame with probability {@code p}, 0 to 1. */
    public Impairments corrupt(double p) {
        return corrupt(p, 1, 0);
    }

    /**
     * Flips {@code bits} distinct random bits (1 to 64) at or after byte {@code fromByte} (0 to
     * 9018; 14 spares the Ethernet header) with probability {@code p} (0 to 1).
     */
    public Impairments corrupt(double p, int bits, int fromByte) {
        Limits.probability("corrupt probability", p);
        Limits.range("corrupt bits", bits, 1, MAX_CORRUPT_BITS, "");
        Limits.range("corrupt from byte", fromByte, 0, 9018, "");
        corrupt = p;
        corruptBits = bits;
        corruptFrom = fromByte;
        changed();
        return this;
    }

    public double corruptProbability() {
        return corrupt;
    }

    public int corruptBits() {
        return corruptBits;
    }

    public int corruptFromByte() {
        return corruptFrom;
    }

    // ---- rate and queue ----

    /** Limits the rate to {@code bitsPerSecond} (0 = unlimited, up to 1 Tbit/s), no per-frame overhead. */
    public Impairments rate(long bitsPerSecond) {
        return rate(bitsPerSecond, 0);
    }

    /**
     * Limits the rate; each frame counts {@code overheadBytes} more (0 to 1024; 24 is Ethernet's
     * preamble, start delimiter, FCS and inter-frame gap, which frames here do not carry).
     */
    public Impairments rate(long bitsPerSecond, int overheadBytes) {
        Limits.range("rate", bitsPerSecond, 0, MAX_RATE, " bit/s");
        Limits.range("rate overhead", overheadBytes, 0, 1024, " bytes");
        rate = bitsPerSecond;
        overhead = overheadBytes;
        changed();
        return this;
    }

    /** The most frames waiting for or in transmission, 1 to 10,000,000 (default 1000). */
    public Impairments queueLimitFrames(int frames) {
        queueFrames = Limits.range("queue limit", frames, 1, 10_000_000, " frames");
        changed();
        return this;
    }

    /** The most bytes waiting for or in transmission, 0 (no byte limit, the default) to 1 TB. */
    public Impairments queueLimitBytes(long bytes) {
        queueBytes = Limits.range("queue limit", bytes, 0, 1_000_000_000_000L, " bytes");
        changed();
        return this;
    }

    public long rateBitsPerSecond() {
        return rate;
    }

    public int overheadBytes() {
        return overhead;
    }

    public int queueLimitFrames() {
        return queueFrames;
    }

    public long queueLimitBytes() {
        return queueBytes;
    }

    // ---- all at once ----

    /** Back to the defaults: no impairment at all. */
    public Impairments clear() {
        loss = LossModel.NONE;
        delay = 0;
        jitter = 0;
        correlation = 0;
        distribution = DelayDistribution.UNIFORM;
        duplicate = 0;
        reorder = 0;
        gap = 1;
        corrupt = 0;
        corruptBits = 1;
        corruptFrom = 0;
        rate = 0;
        overhead = 0;
        queueFrames = DEFAULT_QUEUE_FRAMES;
        queueBytes = 0;
        owner.lossChanged();
        owner.jitterChanged();
        owner.reorderChanged();
        changed();
        return this;
    }

    /** Takes every setting of {@code other} (another direction or link). */
    public Impairments copyFrom(Impairments other) {
        loss = other.loss;
        delay = other.delay;
        jitter = other.jitter;
        correlation = other.correlation;
        distribution = other.distribution;
        duplicate = other.duplicate;
        reorder = other.reorder;
        gap = other.gap;
        corrupt = other.corrupt;
        corruptBits = other.corruptBits;
        corruptFrom = other.corruptFrom;
        rate = other.rate;
        overhead = other.overhead;
        queueFrames = other.queueFrames;
        queueBytes = other.queueBytes;
        owner.lossChanged();
        owner.jitterChanged();
        owner.reorderChanged();
        changed();
        return this;
    }

    /** True when nothing is set (the queue limit aside). */
    public boolean isNone() {
        return loss == LossModel.NONE && delay == 0 && jitter == 0 && duplicate == 0 && reorder == 0
                && corrupt == 0 && rate == 0;
    }

    private void changed() {
        owner.impairmentsChanged();
    }

    /** The settings in tc netem's words, e.g. {@code "delay 10ms 1ms 25% distribution normal loss random 1%"}. */
    @Override
    public String toString() {
        if (isNone()) return "none";
        StringBuilder sb = new StringBuilder();
        if (delay != 0 || jitter != 0) {
            sb.append("delay ").append(Limits.duration(delay));
            if (jitter != 0) {
                sb.append(' ').append(Limits.duration(jitter));
                if (correlation != 0) sb.append(' ').append(Limits.percent(correlation));
                if (distribution != DelayDistribution.UNIFORM) sb.append(" distribution ").append(distribution.netemName());
            }
        }
        if (loss != LossModel.NONE) sep(sb).append("loss ").append(loss);
        if (duplicate != 0) sep(sb).append("duplicate ").append(Limits.percent(duplicate));
        if (reorder != 0) sep(sb).append("reorder ").append(Limits.percent(reorder)).append(" gap ").append(gap);
        if (corrupt != 0) {
            sep(sb).append("corrupt ").append(Limits.percent(corrupt));
            if (corruptBits != 1) sb.append(" bits ").append(corruptBits);
            if (corruptFrom != 0) sb.append(" from ").append(corruptFrom);
        }
        if (rate != 0) {
            sep(sb).append("rate ").append(Limits.rate(rate));
            if (overhead != 0) sb.append(" overhead ").append(overhead);
            sb.append(" limit ").append(queueFrames);
            if (queueBytes != 0) sb.append(" bytes ").append(queueBytes);
        }
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.length() == 0 ? sb : sb.append(' ');
    }
}
