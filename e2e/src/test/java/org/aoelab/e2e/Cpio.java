package org.aoelab.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst): for each entry a 110-byte
 * ASCII header of 8-digit hex fields after the magic {@code 070701}, the NUL-terminated name,
 * padding to 4 bytes, the data, padding to 4 bytes; {@code TRAILER!!!} closes the archive.
 * Every entry belongs to root with mtime 0, so the same inputs give the same bytes.
 */
final class Cpio implements AutoCloseable {
    static final int DIRECTORY = 0040000;
    static final int REGULAR = 0100000;
    static final int SYMLINK = 0120000;
    static final int CHAR_DEVICE = 0020000;
    static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private final Set<String> names = new HashSet<>();
    private long written;
    private int nextInode = 1;
    private boolean closed;

    Cpio(OutputStream out) {
        this.out = out;
    }

    /** A directory {@code name} (no leading slash), mode 0755. */
    Cpio directory(String name) throws IOException {
        return entry(name, DIRECTORY | 0755, new byte[0]);
    }

    /** A regular file {@code name} with {@code permissions} (e.g. 0755) and contents. */
    Cpio file(String name, int permissions, byte[] data) throws IOException {
        if ((permissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions of " + name + " are 0" + Integer.toOctalString(permissions)
                    + ", expected at most 07777");
        }
        return entry(name, REGULAR | permissions, data);
    }

    /** A regular file as {@link #file}, after the directories on its path that are not there yet. */
    Cpio fileWithParents(String name, int permissions, byte[] data) throws IOException {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String dir = name.substring(0, slash);
            if (!names.contains(dir)) directory(dir);
        }
        return file(name, permissions, data);
    }

    /** A symbolic link {@code name} pointing at {@code target}. */
    Cpio symlink(String name, String target) throws IOException {
        return entry(name, SYMLINK | 0777, target.getBytes(StandardCharsets.UTF_8));
    }

    /** A character device node {@code name} ({@code major:minor}, e.g. 5:1 for the console), mode 0600. */
    Cpio charDevice(String name, int major, int minor) throws IOException {
        return entry(name, CHAR_DEVICE | 0600, new byte[0], major, minor);
    }

    private Cpio entry(String name, int mode, byte[] data) throws IOException {
        return entry(name, mode, data, 0, 0);
    }

    private Cpio entry(String name, int mode, byte[] data, int rdevMajor, int rdevMinor) throws IOException {
        if (closed) throw new IllegalStateException("archive is closed; cannot add " + name);
        if (name.isEmpty() || name.startsWith("/") || name.equals(TRAILER)) {
            throw new IllegalArgumentException("entry name is '" + name
                    + "', expected a relative path such as bin/busybox");
        }
        if (!names.add(name)) throw new IllegalArgumentException("entry name '" + name + "' is already in the archive");
        writeHeader(name, mode, data.length, nextInode++, (mode & DIRECTORY) == DIRECTORY ? 2 : 1, rdevMajor,
                rdevMinor);
        write(data);
        pad();
        return this;
    }

    private void writeHeader(String name, int mode, int size, int inode, int links, int rdevMajor, int rdevMinor)
            throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(110).append("070701");
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        for (long field : new long[] {inode, mode, 0, 0, links, 0, size, 0, 0, rdevMajor, rdevMinor,
                nameBytes.length, 0}) {
            h.append(String.format(Locale.ROOT, "%08x", field));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) write(new byte[1]);
    }

    /** Writes the trailer entry and closes the stream underneath. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        writeHeader(TRAILER, 0, 0, 0, 1, 0, 0);
        closed = true;
        out.close();
    }

    /** The archive of a few entries in memory, for tests. */
    static byte[] inMemory(IOFunction build) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Cpio cpio = new Cpio(bytes)) {
            build.apply(cpio);
        }
        return bytes.toByteArray();
    }

    /** Adds entries; may throw {@link IOException}. */
    interface IOFunction {
        void apply(Cpio cpio) throws IOException;
    }
}
