package org.aoelab.disk;

import java.util.Objects;

import org.aoelab.wire.Bytes;

/** The argument and range checks every disk kind makes before touching data. */
final class DiskChecks {
    /** LBA48 addresses at most 2^48 sectors (protocol reference section 4). */
    static final long MAX_SECTORS = 1L << 48;

    private DiskChecks() {
    }

    /** Checks a capacity given to a constructor. */
    static long capacity(String name, long sectors) {
        if (sectors < 1 || sectors > MAX_SECTORS) {
            throw new IllegalArgumentException(name + " is " + sectors + " sectors, expected 1 to 2^48 ("
                    + MAX_SECTORS + ", the LBA48 limit)");
        }
        return sectors;
    }

    /**
     * Checks a read of {@code count} sectors at {@code lba} into {@code dst} at {@code offset}.
     * A bad buffer is the caller's bug (unchecked); a bad range can come off the wire (checked).
     */
    static void read(VirtualDisk disk, long lba, int count, byte[] dst, int offset) throws DiskException {
        Objects.requireNonNull(dst, "dst");
        if (count < 0) throw new IllegalArgumentException("count is " + count + ", expected 0 or more sectors");
        Objects.checkFromIndexSize(offset, count * (long) VirtualDisk.SECTOR_SIZE > Integer.MAX_VALUE
                ? Integer.MAX_VALUE : count * VirtualDisk.SECTOR_SIZE, dst.length);
        range(disk, lba, count);
    }

    /** Checks a write of {@code data} at {@code lba}, including read-only; returns the sector count. */
    static int write(VirtualDisk disk, long lba, Bytes data) throws DiskException {
        int count = sectorsOf(data);
        range(disk, lba, count);
        if (disk.isReadOnly()) {
            throw new DiskException(DiskException.Kind.READ_ONLY, lba, disk.describe() + " is read-only");
        }
        return count;
    }

    static int sectorsOf(Bytes data) {
        Objects.requireNonNull(data, "data");
        if (data.length() % VirtualDisk.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("data is " + data.length()
                    + " bytes, expected a whole number of 512-byte sectors");
        }
        return data.length() / VirtualDisk.SECTOR_SIZE;
    }

    /** The error for I/O on a closed disk. */
    static DiskException closed(VirtualDisk disk) {
        return new DiskException(DiskException.Kind.IO_ERROR, -1, disk.describe() + " is closed");
    }

    /** OUT_OF_RANGE, naming the first sector past the end, unless {@code [lba, lba+count)} fits. */
    static void range(VirtualDisk disk, long lba, int count) throws DiskException {
        long sectors = disk.sectors();
        if (lba < 0 || lba > sectors || count > sectors - lba) {
            long first = lba < 0 ? lba : Math.max(lba, sectors);
            throw new DiskException(DiskException.Kind.OUT_OF_RANGE, first, "sectors " + lba + "+" + count
                    + " pass the end of the disk (" + sectors + " sectors, last LBA " + (sectors - 1) + ")");
        }
    }
}
