package org.aoelab.disk;

import org.aoelab.wire.Bytes;

/** Where a {@link CowDisk} keeps the chunks it has copied. */
interface OverlayStore {
    int chunkSize();

    boolean contains(long index);

    /** Copies {@code length} bytes from {@code within} the stored chunk {@code index}. */
    void read(long index, int within, byte[] dst, int offset, int length) throws DiskException;

    /** Overwrites part of the stored chunk {@code index}. */
    void write(long index, int within, Bytes data) throws DiskException;

    /** Stores chunk {@code index} for the first time, whole ({@code chunk} is handed over). */
    void add(long index, byte[] chunk) throws DiskException;

    void flush() throws DiskException;

    void close(boolean flush) throws DiskException;

    boolean isReadOnly();

    long bytes();

    String describe();
}
