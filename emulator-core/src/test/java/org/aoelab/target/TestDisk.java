package org.aoelab.target;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.aoelab.disk.DiskException;
import org.aoelab.disk.DiskOp;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.wire.Bytes;

/**
 * A sparse in-memory disk for target tests, with switchable faults: read-only, vanished, bad
 * sectors, a failing backing store and a fixed latency. It records every call, and counts calls
 * that reach past the end (a target must never make one).
 */
final class TestDisk implements VirtualDisk {
    private final long sectors;
    private final Map<Long, byte[]> data = new HashMap<>();
    private final Set<Long> badSectors = new HashSet<>();
    boolean readOnly;
    boolean vanished;
    boolean ioError;
    boolean flushFails;
    long latencyNanos;
    int reads;
    int writes;
    int flushes;
    int outOfRangeCalls;
    long lastLba = -1;
    int lastCount = -1;

    TestDisk(long sectors) {
        this.sectors = sectors;
    }

    /** A disk whose sector {@code s} holds bytes {@code (s * 7 + i) & 0xFF}. */
    static TestDisk patterned(long sectors) {
        TestDisk d = new TestDisk(sectors);
        d.patterned = true;
        return d;
    }

    private boolean patterned;

    /** What an unwritten sector holds. */
    byte fill(long sector, int i) {
        return patterned ? (byte) (sector * 7 + i) : 0;
    }

    void badSector(long lba) {
        badSectors.add(lba);
    }

    /** The sector as it reads now. */
    byte[] sector(long lba) {
        byte[] s = data.get(lba);
        if (s != null) return s.clone();
        byte[] out = new byte[SECTOR_SIZE];
        for (int i = 0; i < SECTOR_SIZE; i++) out[i] = fill(lba, i);
        return out;
    }

    int sectorsWritten() {
        return data.size();
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, int count, byte[] dst, int offset) throws DiskException {
        reads++;
        check(lba, count);
        for (int i = 0; i < count; i++) {
            System.arraycopy(sector(lba + i), 0, dst, offset + i * SECTOR_SIZE, SECTOR_SIZE);
        }
    }

    @Override
    public void write(long lba, Bytes bytes) throws DiskException {
        writes++;
        if (bytes.length() % SECTOR_SIZE != 0) throw new IllegalArgumentException("partial sector: " + bytes.length());
        int count = bytes.length() / SECTOR_SIZE;
        check(lba, count);
        if (readOnly) throw new DiskException(DiskException.Kind.READ_ONLY, lba, "read-only");
        for (int i = 0; i < count; i++) {
            byte[] s = new byte[SECTOR_SIZE];
            bytes.copyTo(i * SECTOR_SIZE, s, 0, SECTOR_SIZE);
            data.put(lba + i, s);
        }
    }

    private void check(long lba, int count) throws DiskException {
        lastLba = lba;
        lastCount = count;
        if (lba < 0 || count < 0 || lba + count > sectors) {
            outOfRangeCalls++;
            throw new DiskException(DiskException.Kind.OUT_OF_RANGE, lba, "beyond the end");
        }
        if (ioError) throw new DiskException(DiskException.Kind.IO_ERROR, -1, "backing store failed");
        for (int i = 0; i < count; i++) {
            if (badSectors.contains(lba + i)) {
                throw new DiskException(DiskException.Kind.MEDIA_ERROR, lba + i, "bad sector " + (lba + i));
            }
        }
    }

    @Override
    public void flush() throws DiskException {
        flushes++;
        if (flushFails) throw new DiskException(DiskException.Kind.IO_ERROR, -1, "fsync failed");
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean isVanished() {
        return vanished;
    }

    @Override
    public long nextLatencyNanos(DiskOp op, long lba, int count) {
        return latencyNanos;
    }

    @Override
    public String describe() {
        return "test disk " + sectors + " sectors";
    }

    @Override
    public void close() {
    }
}
