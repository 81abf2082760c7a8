package org.aoelab.disk;

import java.nio.file.Path;

import org.aoelab.wire.Bytes;

/**
 * A copy-on-write overlay over a read-only base disk, so many targets can share one golden
 * image. The disk is cut into chunks (64 KiB unless chosen otherwise); the first write into a
 * chunk copies it from the base into the overlay, and from then on the chunk is read and
 * written there. Writes never reach the base; chunks never written read through to it.
 *
 * <p>The overlay is in RAM ({@link #inRam}) or in a file ({@link #inFile}) with a small map
 * file beside it, {@code OVERLAY.map}, so the overlay reopens with its data after a restart.
 * The base must be read-only; the overlay does not close it unless told to
 * ({@link #closingBase}), since one base usually serves many overlays. A vanished base makes
 * the overlay vanish, and the base's latency is the overlay's.
 */
public final class CowDisk implements VirtualDisk {
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final VirtualDisk base;
    private final OverlayStore store;
    private final long sectors;
    private final int sectorsPerChunk;
    private boolean readOnly;
    private boolean closesBase;
    private boolean closed;

    private CowDisk(VirtualDisk base, OverlayStore store, boolean readOnly) {
        this.base = base;
        this.store = store;
        this.sectors = base.sectors();
        this.sectorsPerChunk = store.chunkSize() / SECTOR_SIZE;
        this.readOnly = readOnly;
    }

    /** An overlay in RAM with 64 KiB chunks; it is lost when the disk is closed. */
    public static CowDisk inRam(VirtualDisk base) {
        return inRam(base, DEFAULT_CHUNK_SIZE);
    }

    /** An overlay in RAM copying {@code chunkSize} bytes (a power of two, 512 to 1 GiB) at a time. */
    public static CowDisk inRam(VirtualDisk base, int chunkSize) {
        checkBase(base);
        return new CowDisk(base, new RamOverlayStore(checkChunkSize(chunkSize)), false);
    }

    /**
     * An overlay in the file {@code overlay} and its map {@link #mapPathFor overlay.map}:
     * created (64 KiB chunks) when neither exists, else reopened with the chunk size it was
     * made with.
     *
     * @throws DiskException IO_ERROR when the files cannot be made or read, when only one of
     *     them exists, or when they were made over a base of another size
     */
    public static CowDisk inFile(VirtualDisk base, Path overlay) throws DiskException {
        return inFile(base, overlay, DEFAULT_CHUNK_SIZE, false);
    }

    /**
     * As {@link #inFile(VirtualDisk, Path)}; {@code chunkSize} applies only when the overlay is
     * new. A read-only overlay must exist already and is opened for reading only.
     */
    public static CowDisk inFile(VirtualDisk base, Path overlay, int chunkSize, boolean readOnly) throws DiskException {
        checkBase(base);
        checkChunkSize(chunkSize);
        return new CowDisk(base, FileOverlayStore.open(overlay, base.sectors(), chunkSize, readOnly), readOnly);
    }

    /** Where {@link #inFile} keeps the map of the overlay file {@code overlay}. */
    public static Path mapPathFor(Path overlay) {
        return FileOverlayStore.mapPathFor(overlay);
    }

    private static void checkBase(VirtualDisk base) {
        if (base == null) throw new IllegalArgumentException("base is missing");
        if (!base.isReadOnly()) {
            throw new IllegalArgumentException("base " + base.describe()
                    + " is writable, expected a read-only disk (open it read-only, e.g. file:PATH,ro) so nothing"
                    + " changes it under its overlays");
        }
    }

    private static int checkChunkSize(int chunkSize) {
        if (chunkSize < SECTOR_SIZE || chunkSize > 1 << 30 || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunkSize is " + chunkSize + ", expected a power of two from 512 to 1073741824");
        }
        return chunkSize;
    }

    /** Makes {@link #close} close the base too (for a base opened for this overlay alone); returns this. */
    public CowDisk closingBase() {
        this.closesBase = true;
        return this;
    }

    public VirtualDisk base() {
        return base;
    }

    /** Bytes copied into the overlay so far (whole chunks). */
    public long overlayBytes() {
        return store.bytes();
    }

    public int chunkSize() {
        return store.chunkSize();
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, int count, byte[] dst, int offset) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        DiskChecks.read(this, lba, count, dst, offset);
        long baseRun = -1; // first sector of a run of chunks that read through to the base
        int baseRunCount = 0;
        int baseRunOffset = 0;
        long pos = lba;
        int out = offset;
        int remaining = count;
        while (remaining > 0) {
            long index = pos / sectorsPerChunk;
            int within = (int) (pos - index * sectorsPerChunk);
            int n = Math.min(remaining, sectorsPerChunk - within);
            if (store.contains(index)) {
                if (baseRunCount > 0) {
                    base.read(baseRun, baseRunCount, dst, baseRunOffset);
                    baseRunCount = 0;
                }
                store.read(index, within * SECTOR_SIZE, dst, out, n * SECTOR_SIZE);
            } else {
                if (baseRunCount == 0) {
                    baseRun = pos;
                    baseRunOffset = out;
                }
                baseRunCount += n;
            }
            pos += n;
            out += n * SECTOR_SIZE;
            remaining -= n;
        }
        if (baseRunCount > 0) base.read(baseRun, baseRunCount, dst, baseRunOffset);
    }

    @Override
    public void write(long lba, Bytes data) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        int count = DiskChecks.write(this, lba, data);
        long pos = lba;
        int from = 0;
        int remaining = count;
        while (remaining > 0) {
            long index = pos / sectorsPerChunk;
            int within = (int) (pos - index * sectorsPerChunk);
            int n = Math.min(remaining, sectorsPerChunk - within);
            Bytes part = data.slice(from, from + n * SECTOR_SIZE);
            if (store.contains(index)) {
                store.write(index, within * SECTOR_SIZE, part);
            } else {
                long chunkLba = index * sectorsPerChunk;
                int chunkSectors = (int) Math.min(sectorsPerChunk, sectors - chunkLba);
                byte[] chunk = new byte[chunkSectors * SECTOR_SIZE];
                if (n < chunkSectors) base.read(chunkLba, chunkSectors, chunk, 0);
                part.copyTo(0, chunk, within * SECTOR_SIZE, part.length());
                store.add(index, chunk);
            }
            pos += n;
            from += n * SECTOR_SIZE;
            remaining -= n;
        }
    }

    /** Forces the overlay to stable storage (a file overlay: its data, then its map). */
    @Override
    public void flush() throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        if (!readOnly) store.flush();
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Makes writes fail, or work again (not for an overlay opened read-only from a file). */
    public void setReadOnly(boolean readOnly) {
        if (!readOnly && store.isReadOnly()) {
            throw new IllegalStateException("the overlay " + store.describe() + " was opened read-only");
        }
        this.readOnly = readOnly;
    }

    @Override
    public boolean isVanished() {
        return base.isVanished();
    }

    @Override
    public long nextLatencyNanos(DiskOp op, long lba, int count) {
        return base.nextLatencyNanos(op, lba, count);
    }

    @Override
    public String describe() {
        return "cow over " + base.describe() + " (overlay " + store.describe() + ", "
                + Sizes.format(store.bytes()) + " copied)" + (readOnly ? ", read-only" : "") + (closed ? " (closed)" : "");
    }

    /** Flushes and closes the overlay, and the base when {@link #closingBase} was asked for. */
    @Override
    public void close() throws DiskException {
        if (closed) return;
        closed = true;
        DiskException failure = null;
        try {
            store.close(!readOnly);
        } catch (DiskException e) {
            failure = e;
        }
        if (closesBase) {
            try {
                base.close();
            } catch (DiskException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public String toString() {
        return describe();
    }
}
