package org.aoelab.gui.charts;

import java.util.Arrays;

/**
 * Values over virtual time in at most {@code maxBuckets} buckets: memory stays bounded however
 * long the run. Buckets start {@code initialWidth} wide; when a time falls beyond the last
 * bucket, the width doubles and neighbouring buckets merge (summed for counts, the larger kept
 * for levels), so a run of any length fits and stays evenly spaced.
 */
public final class TimeSeries {
    /** How a bucket combines values. */
    public enum Kind {
        /** Adds what happened in the bucket (frames, bytes, retransmissions). */
        SUM,
        /** Keeps the highest level seen in the bucket (outstanding requests). */
        MAX
    }

    private final Kind kind;
    private final int maxBuckets;
    private final long initialWidth;
    private long width;
    private double[] values;
    private int used;

    public TimeSeries(Kind kind, int maxBuckets, long initialWidthNanos) {
        if (maxBuckets < 2 || maxBuckets % 2 != 0) {
            throw new IllegalArgumentException("maxBuckets is " + maxBuckets + ", expected an even number of at least 2");
        }
        if (initialWidthNanos <= 0) {
            throw new IllegalArgumentException("initialWidthNanos is " + initialWidthNanos + ", expected more than 0");
        }
        this.kind = kind;
        this.maxBuckets = maxBuckets;
        this.initialWidth = initialWidthNanos;
        this.width = initialWidthNanos;
        this.values = new double[maxBuckets];
    }

    /** Adds {@code v} (SUM) or records level {@code v} (MAX) at time {@code t} (nanoseconds from the start, 0 or more). */
    public void add(long t, double v) {
        if (t < 0) t = 0;
        while (t / width >= maxBuckets) merge();
        int b = (int) (t / width);
        if (kind == Kind.SUM) {
            values[b] += v;
        } else {
            values[b] = Math.max(values[b], v);
        }
        used = Math.max(used, b + 1);
    }

    private void merge() {
        for (int i = 0; i < maxBuckets / 2; i++) {
            double a = values[2 * i];
            double b = values[2 * i + 1];
            values[i] = kind == Kind.SUM ? a + b : Math.max(a, b);
        }
        Arrays.fill(values, maxBuckets / 2, maxBuckets, 0);
        used = (used + 1) / 2;
        width *= 2;
    }

    /** Bucket width in nanoseconds. */
    public long width() {
        return width;
    }

    /** Buckets with data so far (the last may still be filling). */
    public int size() {
        return used;
    }

    public double value(int bucket) {
        return values[bucket];
    }

    /** The value of a SUM bucket as a rate per second. */
    public double ratePerSecond(int bucket) {
        return values[bucket] * 1e9 / width;
    }

    /** Start of bucket {@code b}, nanoseconds. */
    public long start(int bucket) {
        return bucket * width;
    }

    public void clear() {
        Arrays.fill(values, 0);
        used = 0;
        width = initialWidth;
    }
}
