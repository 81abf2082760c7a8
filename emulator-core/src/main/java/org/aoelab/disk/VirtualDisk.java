package org.aoelab.disk;

import org.aoelab.wire.Bytes;

/**
 * A block device of 512-byte sectors, as an AoE target exports it.
 *
 * <p>Implementations are single-threaded: a disk belongs to one target, and a target lives
 * inside one simulation loop. Nothing here reads the clock or sleeps; a disk that wants to
 * be slow says so through {@link #nextLatencyNanos}, and the target schedules the answer
 * that much later in simulated time.
 */
public interface VirtualDisk extends AutoCloseable {

    /** Bytes per sector; AoE and ATA READ/WRITE SECTORS always move whole 512-byte sectors. */
    int SECTOR_SIZE = 512;

    /** Capacity in sectors. */
    long sectors();

    /**
     * Reads {@code count} sectors starting at {@code lba} into {@code dst} at {@code offset}.
     *
     * @throws DiskException {@link DiskException.Kind#OUT_OF_RANGE} when the range passes the
     *     end, {@link DiskException.Kind#MEDIA_ERROR} for an injected bad sector,
     *     {@link DiskException.Kind#IO_ERROR} when the backing store fails
     */
    void read(long lba, int count, byte[] dst, int offset) throws DiskException;

    /**
     * Writes {@code data} (a whole number of sectors) starting at {@code lba}.
     *
     * @throws DiskException as {@link #read}, and {@link DiskException.Kind#READ_ONLY}
     */
    void write(long lba, Bytes data) throws DiskException;

    /** Forces written data to stable storage (FLUSH CACHE). A RAM disk has nothing to do. */
    void flush() throws DiskException;

    boolean isReadOnly();

    /** One line for status output and traces, e.g. {@code ram 1 GiB (sparse, 12 MiB used)}. */
    String describe();

    /** A vanished disk's target stops answering entirely, as if unplugged. */
    default boolean isVanished() {
        return false;
    }

    /**
     * How long, in simulated nanoseconds, the next operation of this kind takes beyond the
     * network; 0 for an ideal disk. Fault-injecting disks draw it from their seeded stream.
     */
    default long nextLatencyNanos(DiskOp op, long lba, int count) {
        return 0;
    }

    /** Releases the backing store (files, mappings); flushes first where that matters. */
    @Override
    void close() throws DiskException;
}
