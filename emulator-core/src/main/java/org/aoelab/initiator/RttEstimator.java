package org.aoelab.initiator;

/**
 * The Linux driver's round-trip estimate and retransmit timeout (protocol reference 5.1.5):
 * on each answer with measured round trip {@code m}, {@code err = m - A; A += err/256;
 * D += (|err| - D)/8}, and {@code RTO = 2A + 8D}. Start values A = 250 ms, D = 2 s give a
 * first RTO of 16.5 s that shrinks as answers arrive. Kept in nanoseconds, in doubles: the
 * arithmetic is deterministic, and the driver's fixed-point scaling only loses precision.
 */
public final class RttEstimator {

    public static final long INITIAL_AVERAGE_NANOS = 250_000_000L;
    public static final long INITIAL_DEVIATION_NANOS = 2_000_000_000L;

    private final long minRtoNanos;
    private final long maxRtoNanos;
    private double average;
    private double deviation;
    private long samples;

    /** An estimator whose timeout stays within [{@code minRtoNanos}, {@code maxRtoNanos}]. */
    public RttEstimator(long minRtoNanos, long maxRtoNanos) {
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos) {
            throw new IllegalArgumentException("RTO bounds must satisfy 0 < min <= max, got min " + minRtoNanos
                    + " ns, max " + maxRtoNanos + " ns");
        }
        this.minRtoNanos = minRtoNanos;
        this.maxRtoNanos = maxRtoNanos;
        reset();
    }

    /** Back to the start values, as the driver does after every IDENTIFY. */
    public void reset() {
        average = INITIAL_AVERAGE_NANOS;
        deviation = INITIAL_DEVIATION_NANOS;
        samples = 0;
    }

    public void sample(long measuredNanos) {
        double err = Math.max(0, measuredNanos) - average;
        average += err / 256;
        deviation += (Math.abs(err) - deviation) / 8;
        samples++;
    }

    public long rtoNanos() {
        long rto = (long) (2 * average + 8 * deviation);
        return Math.max(minRtoNanos, Math.min(maxRtoNanos, rto));
    }

    public long averageNanos() {
        return (long) average;
    }

    public long deviationNanos() {
        return (long) deviation;
    }

    public long samples() {
        return samples;
    }
}
