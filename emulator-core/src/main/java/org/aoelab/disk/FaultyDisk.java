package org.aoelab.disk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.aoelab.wire.Bytes;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Wraps a disk and injects faults, each changeable while the disk is in use:
 *
 * <ul>
 *   <li>latency per operation kind ({@link #setLatency}), drawn from the generator given to
 *       the constructor and reported through {@link #nextLatencyNanos}, added to the inner
 *       disk's own;
 *   <li>media errors over LBA ranges, for reads, writes or both ({@link #addMediaError}): the
 *       sectors before the first bad one are read or written, then the operation fails with
 *       {@link DiskException.Kind#MEDIA_ERROR} naming the first bad sector, as a drive does;
 *   <li>read-only ({@link #setReadOnly});
 *   <li>vanishing ({@link #vanish}, {@link #reappear}): the target stops answering; I/O asked
 *       of a vanished disk fails with {@link DiskException.Kind#IO_ERROR}.
 * </ul>
 */
public final class FaultyDisk implements VirtualDisk {

    /** Sectors {@code [first, first + count)} fail on reads and/or writes. */
    public record MediaError(long first, long count, boolean reads, boolean writes) {
        public MediaError {
            if (first < 0) throw new IllegalArgumentException("media error first LBA is " + first + ", expected 0 or more");
            if (count < 1 || count > Long.MAX_VALUE - first) {
                throw new IllegalArgumentException("media error count is " + count + ", expected 1 or more sectors");
            }
            if (!reads && !writes) throw new IllegalArgumentException("media error applies to neither reads nor writes");
        }

        public long last() {
            return first + count - 1;
        }

        boolean appliesTo(DiskOp op) {
            return op == DiskOp.READ ? reads : op == DiskOp.WRITE && writes;
        }

        @Override
        public String toString() {
            return "sectors " + first + "-" + last() + " (" + (reads && writes ? "reads and writes" : reads ? "reads" : "writes") + ")";
        }
    }

    private final VirtualDisk inner;
    private final RandomGenerator random;
    private final Map<DiskOp, Latency> latencies = new EnumMap<>(DiskOp.class);
    private final Map<DiskOp, LongSupplier> samplers = new EnumMap<>(DiskOp.class);
    private final List<MediaError> mediaErrors = new ArrayList<>();
    private boolean readOnly;
    private boolean vanished;
    private long mediaErrorsRaised;

    /**
     * @param inner the disk to wrap; closing this closes it
     * @param random the seeded stream latency is drawn from (e.g. a named stream of the simulation)
     */
    public FaultyDisk(VirtualDisk inner, RandomGenerator random) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.random = Objects.requireNonNull(random, "random");
        for (DiskOp op : DiskOp.values()) latencies.put(op, Latency.NONE);
    }

    public VirtualDisk inner() {
        return inner;
    }

    /** Sets the added latency of one kind of operation. */
    public void setLatency(DiskOp op, Latency latency) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(latency, "latency");
        latencies.put(op, latency);
        if (latency.isNone()) samplers.remove(op);
        else samplers.put(op, latency.sampler(random));
    }

    /** Sets the same added latency for reads, writes and flushes (each draws on its own). */
    public void setLatency(Latency latency) {
        for (DiskOp op : DiskOp.values()) setLatency(op, latency);
    }

    public Latency latency(DiskOp op) {
        return latencies.get(op);
    }

    /**
     * Makes sectors {@code [first, first + count)} fail for the given operations (READ and/or
     * WRITE; none given means both).
     *
     * @throws IllegalArgumentException when the range passes the end of the disk, or an op is FLUSH
     */
    public MediaError addMediaError(long first, long count, DiskOp... ops) {
        boolean reads = ops.length == 0;
        boolean writes = ops.length == 0;
        for (DiskOp op : ops) {
            if (op == DiskOp.READ) reads = true;
            else if (op == DiskOp.WRITE) writes = true;
            else throw new IllegalArgumentException("media error op is " + op + ", expected READ or WRITE");
        }
        MediaError error = new MediaError(first, count, reads, writes);
        if (error.last() >= sectors()) {
            throw new IllegalArgumentException("media error " + error + " passes the end of the disk (" + sectors()
                    + " sectors, last LBA " + (sectors() - 1) + ")");
        }
        mediaErrors.add(error);
        return error;
    }

    /** Removes one range given by {@link #addMediaError}; false when it was not there. */
    public boolean removeMediaError(MediaError error) {
        return mediaErrors.remove(error);
    }

    public void clearMediaErrors() {
        mediaErrors.clear();
    }

    /** The ranges in force, in the order added. */
    public List<MediaError> mediaErrors() {
        return Collections.unmodifiableList(new ArrayList<>(mediaErrors));
    }

    /** How many operations have failed with an injected media error. */
    public long mediaErrorsRaised() {
        return mediaErrorsRaised;
    }

    /** Forces writes to fail with READ_ONLY (or lets them through to the inner disk again). */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The disk is gone: its target stops answering until {@link #reappear}. */
    public void vanish() {
        vanished = true;
    }

    public void reappear() {
        vanished = false;
    }

    @Override
    public boolean isVanished() {
        return vanished || inner.isVanished();
    }

    @Override
    public long sectors() {
        return inner.sectors();
    }

    @Override
    public void read(long lba, int count, byte[] dst, int offset) throws DiskException {
        checkPresent();
        DiskChecks.read(this, lba, count, dst, offset);
        long bad = firstBad(DiskOp.READ, lba, count);
        if (bad < 0) {
            inner.read(lba, count, dst, offset);
            return;
        }
        if (bad > lba) inner.read(lba, (int) (bad - lba), dst, offset);
        throw mediaError(DiskOp.READ, bad);
    }

    @Override
    public void write(long lba, Bytes data) throws DiskException {
        checkPresent();
        int count = DiskChecks.write(this, lba, data);
        long bad = firstBad(DiskOp.WRITE, lba, count);
        if (bad < 0) {
            inner.write(lba, data);
            return;
        }
        if (bad > lba) inner.write(lba, data.slice(0, (int) (bad - lba) * SECTOR_SIZE));
        throw mediaError(DiskOp.WRITE, bad);
    }

    @Override
    public void flush() throws DiskException {
        checkPresent();
        inner.flush();
    }

    private void checkPresent() throws DiskException {
        if (vanished) throw new DiskException(DiskException.Kind.IO_ERROR, -1, describe() + ": the disk has vanished");
    }

    /** The first sector of {@code [lba, lba + count)} inside a range failing {@code op}, or -1. */
    private long firstBad(DiskOp op, long lba, int count) {
        long bad = -1;
        long end = lba + count;
        for (MediaError e : mediaErrors) {
            if (!e.appliesTo(op) || e.first() >= end || e.last() < lba) continue;
            long first = Math.max(e.first(), lba);
            if (bad < 0 || first < bad) bad = first;
        }
        return bad;
    }

    private DiskException mediaError(DiskOp op, long lba) {
        mediaErrorsRaised++;
        return new DiskException(DiskException.Kind.MEDIA_ERROR, lba, "injected media error: "
                + (op == DiskOp.READ ? "reading" : "writing") + " sector " + lba + " failed");
    }

    @Override
    public boolean isReadOnly() {
        return readOnly || inner.isReadOnly();
    }

    /** The inner disk's latency plus the injected one for {@code op}. */
    @Override
    public long nextLatencyNanos(DiskOp op, long lba, int count) {
        long base = inner.nextLatencyNanos(op, lba, count);
        LongSupplier sampler = samplers.get(op);
        return sampler == null ? base : base + sampler.getAsLong();
    }

    @Override
    public String describe() {
        List<String> faults = new ArrayList<>();
        for (DiskOp op : DiskOp.values()) {
            Latency l = latencies.get(op);
            if (!l.isNone()) faults.add(op.name().toLowerCase(java.util.Locale.ROOT) + " latency " + l);
        }
        if (!mediaErrors.isEmpty()) {
            faults.add(mediaErrors.size() == 1 ? "media error " + mediaErrors.get(0)
                    : mediaErrors.size() + " media error ranges");
        }
        if (readOnly) faults.add("forced read-only");
        if (vanished) faults.add("vanished");
        return inner.describe() + (faults.isEmpty() ? "" : " [faults: " + String.join(", ", faults) + "]");
    }

    @Override
    public void close() throws DiskException {
        inner.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
