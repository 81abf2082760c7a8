package org.aoelab.disk;

import org.aoelab.wire.Bytes;

/** Copied chunks in memory. */
final class RamOverlayStore implements OverlayStore {
    private final int chunkSize;
    private LongMap<byte[]> chunks = new LongMap<>();
    private long bytes;

    RamOverlayStore(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    @Override
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean contains(long index) {
        return chunks.get(index) != null;
    }

    @Override
    public void read(long index, int within, byte[] dst, int offset, int length) {
        System.arraycopy(chunks.get(index), within, dst, offset, length);
    }

    @Override
    public void write(long index, int within, Bytes data) {
        data.copyTo(0, chunks.get(index), within, data.length());
    }

    @Override
    public void add(long index, byte[] chunk) {
        chunks.put(index, chunk);
        bytes += chunk.length;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close(boolean flush) {
        chunks = new LongMap<>();
        bytes = 0;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public String describe() {
        return "in RAM";
    }
}
