package org.aoelab.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.aoelab.wire.Bytes;

/**
 * Copied chunks in a file, with a map file beside it that says which chunk is in which slot.
 *
 * <pre>
 * OVERLAY      slot s at byte s * chunkSize (a sparse file)
 * OVERLAY.map  0  "AOECOW1\n"           magic
 *              8  u32 chunk size        bytes
 *             12  u32 0                 reserved
 *             16  u64 disk sectors      the base's size; a mismatch refuses to open
 *             24  u64 0                 reserved
 *             32  u64 chunk index       one entry per slot, in slot order, big-endian
 * </pre>
 *
 * A new chunk is written to its slot before its entry is appended; flushing forces the data
 * file, then the map. A torn last entry (a crash mid-append) is dropped on reopening, and the
 * slot it named is reused.
 */
final class FileOverlayStore implements OverlayStore {
    private static final byte[] MAGIC = "AOECOW1\n".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 32;
    private static final int ENTRY = 8;

    private final Path dataPath;
    private final Path mapPath;
    private final FileChannel data;
    private final FileChannel map;
    private final int chunkSize;
    private final boolean readOnly;
    private final LongMap<Long> slots = new LongMap<>();
    private long slotCount;
    private long bytes;
    private final ByteBuffer entry = ByteBuffer.allocate(ENTRY);

    private FileOverlayStore(Path dataPath, Path mapPath, FileChannel data, FileChannel map, int chunkSize, boolean readOnly) {
        this.dataPath = dataPath;
        this.mapPath = mapPath;
        this.data = data;
        this.map = map;
        this.chunkSize = chunkSize;
        this.readOnly = readOnly;
    }

    static Path mapPathFor(Path overlay) {
        return overlay.resolveSibling(overlay.getFileName() + ".map");
    }

    static FileOverlayStore open(Path overlay, long sectors, int newChunkSize, boolean readOnly) throws DiskException {
        Path mapPath = mapPathFor(overlay);
        boolean dataExists = Files.exists(overlay);
        boolean mapExists = Files.exists(mapPath);
        if (dataExists != mapExists) {
            throw error("overlay " + overlay + (dataExists ? " exists but its map " + mapPath + " does not"
                    : " does not exist but its map " + mapPath + " does") + "; both are needed (remove both to start afresh)", null);
        }
        if (!dataExists) {
            if (readOnly) throw error("overlay " + overlay + " does not exist, and a read-only overlay cannot be created", null);
            return create(overlay, mapPath, sectors, newChunkSize);
        }
        FileChannel data = null;
        FileChannel map = null;
        try {
            StandardOpenOption[] options = readOnly ? new StandardOpenOption[] {StandardOpenOption.READ}
                    : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
            data = FileChannel.open(overlay, options);
            map = FileChannel.open(mapPath, options);
            FileOverlayStore store = load(overlay, mapPath, data, map, sectors, readOnly);
            data = null;
            map = null;
            return store;
        } catch (IOException e) {
            throw error("cannot open overlay " + overlay + " and its map " + mapPath + ": " + e, e);
        } finally {
            closeQuietly(data);
            closeQuietly(map);
        }
    }

    private static FileOverlayStore create(Path overlay, Path mapPath, long sectors, int chunkSize) throws DiskException {
        FileChannel data = null;
        FileChannel map = null;
        try {
            data = FileChannel.open(overlay, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
            map = FileChannel.open(mapPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.put(MAGIC).putInt(chunkSize).putInt(0).putLong(sectors).putLong(0).flip();
            while (header.hasRemaining()) map.write(header, header.position());
            FileOverlayStore store = new FileOverlayStore(overlay, mapPath, data, map, chunkSize, false);
            data = null;
            map = null;
            return store;
        } catch (IOException e) {
            throw error("cannot create overlay " + overlay + " and its map " + mapPath + ": " + e, e);
        } finally {
            closeQuietly(data);
            closeQuietly(map);
        }
    }

    private static FileOverlayStore load(Path overlay, Path mapPath, FileChannel data, FileChannel map, long sectors,
                                         boolean readOnly) throws IOException, DiskException {
        long size = map.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(map, header, 0);
        header.flip();
        if (size < HEADER || header.limit() < HEADER
                || !Arrays.equals(header.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw error("overlay map " + mapPath + " is not an overlay map (no AOECOW1 header)", null);
        }
        header.position(MAGIC.length);
        int chunkSize = header.getInt();
        header.getInt();
        long mapSectors = header.getLong();
        if (chunkSize < VirtualDisk.SECTOR_SIZE || chunkSize > 1 << 30 || Integer.bitCount(chunkSize) != 1) {
            throw error("overlay map " + mapPath + " is corrupt: chunk size " + chunkSize, null);
        }
        if (mapSectors != sectors) {
            throw error("overlay " + overlay + " was made over a base of " + mapSectors + " sectors, but this base has "
                    + sectors + " sectors", null);
        }
        FileOverlayStore store = new FileOverlayStore(overlay, mapPath, data, map, chunkSize, readOnly);
        long entries = (size - HEADER) / ENTRY;
        long chunks = (sectors * VirtualDisk.SECTOR_SIZE + chunkSize - 1) / chunkSize;
        ByteBuffer buffer = ByteBuffer.allocate(ENTRY * 1024);
        for (long slot = 0; slot < entries; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), (entries - slot) * ENTRY));
            readFully(map, buffer, HEADER + slot * ENTRY);
            buffer.flip();
            while (buffer.remaining() >= ENTRY) {
                long index = buffer.getLong();
                if (index < 0 || index >= chunks || store.slots.get(index) != null) {
                    throw error("overlay map " + mapPath + " is corrupt: entry " + slot + " names chunk " + index
                            + (index >= 0 && index < chunks ? " a second time" : ", expected 0-" + (chunks - 1)), null);
                }
                store.slots.put(index, slot);
                store.bytes += store.chunkLength(index, sectors);
                slot++;
            }
        }
        store.slotCount = entries;
        if (!readOnly && size != HEADER + entries * ENTRY) map.truncate(HEADER + entries * ENTRY); // a torn entry
        return store;
    }

    private int chunkLength(long index, long sectors) {
        return (int) Math.min(chunkSize, sectors * VirtualDisk.SECTOR_SIZE - index * chunkSize);
    }

    @Override
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean contains(long index) {
        return slots.get(index) != null;
    }

    @Override
    public void read(long index, int within, byte[] dst, int offset, int length) throws DiskException {
        long position = slots.get(index) * chunkSize + within;
        ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
        try {
            while (buffer.hasRemaining()) {
                int n = data.read(buffer, position);
                if (n < 0) { // never forced before a crash: the rest of the slot was not written
                    Arrays.fill(dst, buffer.position(), offset + length, (byte) 0);
                    return;
                }
                position += n;
            }
        } catch (IOException e) {
            throw error("overlay " + dataPath + ": reading chunk " + index + " failed: " + e, e);
        }
    }

    @Override
    public void write(long index, int within, Bytes bytes) throws DiskException {
        writeAt(slots.get(index) * chunkSize + within, bytes.asReadOnlyBuffer(), index);
    }

    @Override
    public void add(long index, byte[] chunk) throws DiskException {
        long slot = slotCount;
        writeAt(slot * chunkSize, ByteBuffer.wrap(chunk), index);
        entry.clear();
        entry.putLong(index).flip();
        try {
            while (entry.hasRemaining()) map.write(entry, HEADER + slot * ENTRY + entry.position());
        } catch (IOException e) {
            throw error("overlay map " + mapPath + ": recording chunk " + index + " failed: " + e, e);
        }
        slots.put(index, slot);
        slotCount++;
        bytes += chunk.length;
    }

    private void writeAt(long position, ByteBuffer buffer, long index) throws DiskException {
        try {
            while (buffer.hasRemaining()) position += data.write(buffer, position);
        } catch (IOException e) {
            throw error("overlay " + dataPath + ": writing chunk " + index + " failed: " + e, e);
        }
    }

    @Override
    public void flush() throws DiskException {
        try {
            data.force(false);
            map.force(false);
        } catch (IOException e) {
            throw error("overlay " + dataPath + ": flushing to stable storage failed: " + e, e);
        }
    }

    @Override
    public void close(boolean flush) throws DiskException {
        DiskException failure = null;
        if (flush) {
            try {
                flush();
            } catch (DiskException e) {
                failure = e;
            }
        }
        for (FileChannel channel : new FileChannel[] {data, map}) {
            try {
                channel.close();
            } catch (IOException e) {
                if (failure == null) failure = error("overlay " + dataPath + ": closing failed: " + e, e);
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public String describe() {
        return "file " + dataPath;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) return;
        }
    }

    private static DiskException error(String message, Throwable cause) {
        return new DiskException(DiskException.Kind.IO_ERROR, -1, message, cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure that got us here is the one to report
        }
    }
}
