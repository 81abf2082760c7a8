package org.aoelab.disk;

import org.aoelab.wire.Bytes;

/** Recognizable sector contents for disk tests. */
final class TestData {
    private TestData() {
    }

    /** {@code count} sectors whose every byte depends on its LBA, its offset and {@code tag}. */
    static Bytes sectors(long lba, int count, int tag) {
        byte[] out = new byte[count * VirtualDisk.SECTOR_SIZE];
        for (int s = 0; s < count; s++) {
            long sector = lba + s;
            for (int i = 0; i < VirtualDisk.SECTOR_SIZE; i++) {
                out[s * VirtualDisk.SECTOR_SIZE + i] = (byte) (sector * 131 + i * 7 + tag * 29 + 1 | 1);
            }
        }
        return Bytes.adopt(out);
    }

    static Bytes read(VirtualDisk disk, long lba, int count) throws DiskException {
        byte[] out = new byte[count * VirtualDisk.SECTOR_SIZE];
        disk.read(lba, count, out, 0);
        return Bytes.adopt(out);
    }
}
