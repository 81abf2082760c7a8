package org.aoelab.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.aoelab.wire.Bytes;

/**
 * A disk in a file, sector {@code n} at byte {@code 512 * n}. {@link #create} makes a sparse
 * file, so a large disk takes no space until written. {@link #flush} (FLUSH CACHE) forces the
 * data to stable storage; {@link Option#WRITE_THROUGH} forces every write before it returns.
 * Bytes past the last whole sector of an opened file are ignored. Every failure of the file is
 * a {@link DiskException.Kind#IO_ERROR} naming the path.
 */
public final class FileDisk implements VirtualDisk {

    /** How {@link #open} and {@link #create} open the file. */
    public enum Option {
        /** Writes fail with {@link DiskException.Kind#READ_ONLY}; the file is opened for reading only. */
        READ_ONLY,
        /** Each write reaches stable storage before it returns (the file is opened with DSYNC). */
        WRITE_THROUGH
    }

    private final Path path;
    private final FileChannel channel;
    private final long sectors;
    private final Set<Option> options;
    private boolean closed;

    private FileDisk(Path path, FileChannel channel, long sectors, Set<Option> options) {
        this.path = path;
        this.channel = channel;
        this.sectors = sectors;
        this.options = options;
    }

    /**
     * Creates a new sparse file of {@code sectors} sectors and opens it.
     *
     * @throws DiskException IO_ERROR when the file exists already or cannot be made
     */
    public static FileDisk create(Path path, long sectors, Option... options) throws DiskException {
        DiskChecks.capacity("sectors", sectors);
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new DiskException(DiskException.Kind.IO_ERROR, -1, "cannot create disk file " + path
                    + ": it exists already (open it instead, or remove it first)", e);
        } catch (IOException e) {
            throw ioError(path, "cannot create disk file", -1, e);
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(sectors * SECTOR_SIZE); // ftruncate: a hole, no blocks written
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw ioError(path, "cannot size disk file to " + Sizes.format(sectors * SECTOR_SIZE), -1, e);
        }
        return open(path, options);
    }

    /**
     * Opens an existing file as a disk of its size in whole sectors.
     *
     * @throws DiskException IO_ERROR when the file is missing, not a regular file, smaller than a
     *     sector, or cannot be opened
     */
    public static FileDisk open(Path path, Option... options) throws DiskException {
        Set<Option> opts = options.length == 0 ? EnumSet.noneOf(Option.class) : EnumSet.of(options[0], options);
        boolean readOnly = opts.contains(Option.READ_ONLY);
        if (!Files.exists(path)) {
            throw new DiskException(DiskException.Kind.IO_ERROR, -1, "disk file " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new DiskException(DiskException.Kind.IO_ERROR, -1, "disk file " + path + " is not a regular file");
        }
        List<OpenOption> openOptions = new ArrayList<>(List.of(StandardOpenOption.READ));
        if (!readOnly) {
            openOptions.add(StandardOpenOption.WRITE);
            if (opts.contains(Option.WRITE_THROUGH)) openOptions.add(StandardOpenOption.DSYNC);
        }
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(path, openOptions.toArray(new OpenOption[0]));
            size = channel.size();
        } catch (NoSuchFileException e) {
            throw new DiskException(DiskException.Kind.IO_ERROR, -1, "disk file " + path + " does not exist", e);
        } catch (IOException e) {
            throw ioError(path, "cannot open disk file" + (readOnly ? " for reading" : " for reading and writing"), -1, e);
        }
        long sectors = size / SECTOR_SIZE;
        if (sectors < 1 || sectors > DiskChecks.MAX_SECTORS) {
            closeQuietly(channel);
            throw new DiskException(DiskException.Kind.IO_ERROR, -1, "disk file " + path + " is " + size
                    + " bytes, expected 512 bytes (one sector) to 128 PiB (2^48 sectors)");
        }
        return new FileDisk(path, channel, sectors, opts);
    }

    public Path path() {
        return path;
    }

    public boolean isWriteThrough() {
        return options.contains(Option.WRITE_THROUGH) && !isReadOnly();
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, int count, byte[] dst, int offset) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        DiskChecks.read(this, lba, count, dst, offset);
        ByteBuffer buffer = ByteBuffer.wrap(dst, offset, count * SECTOR_SIZE);
        long position = lba * SECTOR_SIZE;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new DiskException(DiskException.Kind.IO_ERROR, position / SECTOR_SIZE, "file disk " + path
                            + ": sector " + position / SECTOR_SIZE + " is past the end of the file, now " + channel.size()
                            + " bytes (was it truncated while open?)");
                }
                position += n;
            }
        } catch (IOException e) {
            throw ioError(path, "reading sectors " + lba + "+" + count + " failed", lba, e);
        }
    }

    @Override
    public void write(long lba, Bytes data) throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        int count = DiskChecks.write(this, lba, data);
        ByteBuffer buffer = data.asReadOnlyBuffer();
        long position = lba * SECTOR_SIZE;
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            throw ioError(path, "writing sectors " + lba + "+" + count + " failed", lba, e);
        }
    }

    /** Forces written data (and the metadata needed to read it back) to stable storage. */
    @Override
    public void flush() throws DiskException {
        if (closed) throw DiskChecks.closed(this);
        if (isReadOnly()) return;
        try {
            channel.force(false);
        } catch (IOException e) {
            throw ioError(path, "flushing to stable storage failed", -1, e);
        }
    }

    @Override
    public boolean isReadOnly() {
        return options.contains(Option.READ_ONLY);
    }

    @Override
    public String describe() {
        return "file " + path + " " + Sizes.format(sectors * SECTOR_SIZE)
                + (isReadOnly() ? ", read-only" : "") + (isWriteThrough() ? ", write-through" : "")
                + (closed ? " (closed)" : "");
    }

    /** Flushes (unless read-only) and closes the file; closing twice does nothing. */
    @Override
    public void close() throws DiskException {
        if (closed) return;
        DiskException failure = null;
        try {
            flush();
        } catch (DiskException e) {
            failure = e;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) failure = ioError(path, "closing failed", -1, e);
            else failure.addSuppressed(e);
        }
        if (failure != null) throw failure;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static DiskException ioError(Path path, String what, long lba, IOException e) {
        return new DiskException(DiskException.Kind.IO_ERROR, lba, "file disk " + path + ": " + what + ": " + e, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // reporting why the disk cannot be opened matters more
        }
    }
}
