package org.aoelab.disk;

import java.util.Arrays;

import org.aoelab.wire.Bytes;

/**
 * A sparse disk in memory. Data lives in fixed-size chunks (64 KiB unless chosen otherwise),
 * each allocated on the first write that puts a non-zero byte into it; unwritten sectors read
 * as zeros. An empty disk of any size, up to the LBA48 limit of 2^48 sectors, costs a few
 * hundred bytes of heap. An optional cap on allocated bytes makes a write that would pass it
 * fail with {@link DiskException.Kind#IO_ERROR}, before anything of it is written.
 */
public final class RamDisk implements VirtualDisk {
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** No cap on allocated bytes. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long sectors;
    private final long capacityBytes;
    private final int chunkShift;
    private final long maxAllocatedBytes;
    private LongMap<byte[]> chunks = new LongMap<>();
    private long allocatedBytes;
    private boolean readOnly;
    private boolean closed;

    /** A writable disk of {@code sectors} sectors, 64 KiB chunks, no cap. */
    public RamDisk(long sectors) {
        this(sectors, DEFAULT_CHUNK_SIZE, UNLIMITED);
    }

    /**
     * @param sectors capacity, 1 to 2^48
     * @param chunkSize bytes allocated at a time: a power of two from 512 to 1 GiB
     * @param maxAllocatedBytes cap on {@link #allocatedBytes()}, or {@link #UNLIMITED}
     */
    public RamDisk(long sectors, int chunkSize, long maxAllocatedBytes) {
        this.sectors = DiskChecks.capacity("sectors", sectors);
        if (chunkSize < SECTOR_SIZE || chunkSize > 1 << 30 || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunkSize is " + chunkSize + ", expected a power of two from 512 to 1073741824");
        }
        if (maxAllocatedBytes < 0) {
            throw new IllegalArgumentException("maxAllocatedBytes is " + maxAllocatedBytes + ", expected 0 or more");
        }
        this.capacityBytes = sectors * SECTOR_SIZE;
        this.chunkShift = Integer.numberOfTrailingZeros(chunkSize);
        this.maxAllocatedBytes = maxAllocatedBytes;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    /** Bytes of chunk data allocated so far (a whole number of chunks, the last one perhaps short). */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Chunk data plus the chunk table, an estimate of this disk's heap cost. */
    public long heapBytes() {
        return allocatedBytes + 16L * chunks.size() + chunks.tableBytes() + 64;
    }

    public int chunkSize() {
        return 1 << chunkShift;
    }

    public long maxAllocatedBytes() {
        return maxAllocatedBytes;
    }

    @Override
    public void read(long lba, int count, byte[] dst, int offset) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        DiskChecks.read(this, lba, count, dst, offset);
        long pos = lba * SECTOR_SIZE;
        long end = pos + (long) count * SECTOR_SIZE;
        int out = offset;
        while (pos < end) {
            long index = pos >>> chunkShift;
            int within = (int) (pos - (index << chunkShift));
            int n = (int) Math.min(end - pos, chunkSize() - within);
            byte[] chunk = chunks.get(index);
            if (chunk == null) {
                Arrays.fill(dst, out, out + n, (byte) 0);
            } else {
                System.arraycopy(chunk, within, dst, out, n);
            }
            pos += n;
            out += n;
        }
    }

    @Override
    public void write(long lba, Bytes data) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        int count = DiskChecks.write(this, lba, data);
        long start = lba * SECTOR_SIZE;
        long end = start + (long) count * SECTOR_SIZE;
        if (maxAllocatedBytes != UNLIMITED) checkCap(start, end, data);
        for (long pos = start; pos < end; ) {
            long index = pos >>> chunkShift;
            int within = (int) (pos - (index << chunkShift));
            int n = (int) Math.min(end - pos, chunkSize() - within);
            int from = (int) (pos - start);
            byte[] chunk = chunks.get(index);
            if (chunk == null) {
                if (!data.isZero(from, from + n)) {
                    chunk = allocate(index);
                    data.copyTo(from, chunk, within, n);
                }
            } else {
                data.copyTo(from, chunk, within, n);
            }
            pos += n;
        }
    }

    /** Fails the whole write, before any of it lands, when its new chunks would pass the cap. */
    private void checkCap(long start, long end, Bytes data) throws DiskException {
        long needed = allocatedBytes;
        for (long pos = start; pos < end; ) {
            long index = pos >>> chunkShift;
            int within = (int) (pos - (index << chunkShift));
            int n = (int) Math.min(end - pos, chunkSize() - within);
            int from = (int) (pos - start);
            if (chunks.get(index) == null && !data.isZero(from, from + n)) {
                needed += chunkLength(index);
                if (needed > maxAllocatedBytes) {
                    throw new DiskException(DiskException.Kind.IO_ERROR, pos / SECTOR_SIZE, "ram disk is full: writing sector "
                            + pos / SECTOR_SIZE + " needs " + Sizes.format(needed) + " allocated, over the cap of "
                            + Sizes.format(maxAllocatedBytes));
                }
            }
            pos += n;
        }
    }

    private int chunkLength(long index) {
        long chunkStart = index << chunkShift;
        return (int) Math.min(chunkSize(), capacityBytes - chunkStart);
    }

    private byte[] allocate(long index) {
        byte[] chunk = new byte[chunkLength(index)];
        chunks.put(index, chunk);
        allocatedBytes += chunk.length;
        return chunk;
    }

    /** Nothing to do: RAM is as stable as this disk gets. */
    @Override
    public void flush() {
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Makes writes fail (or work again); a base under {@link CowDisk} overlays must stay read-only. */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public String describe() {
        if (closed) return "ram " + Sizes.format(capacityBytes) + " (closed)";
        return "ram " + Sizes.format(capacityBytes) + " (sparse, " + Sizes.format(allocatedBytes) + " used"
                + (maxAllocatedBytes == UNLIMITED ? "" : " of at most " + Sizes.format(maxAllocatedBytes)) + ")"
                + (readOnly ? ", read-only" : "");
    }

    /** Drops the data; reads and writes fail from now on. */
    @Override
    public void close() {
        closed = true;
        chunks = new LongMap<>();
        allocatedBytes = 0;
    }

    @Override
    public String toString() {
        return describe();
    }
}
