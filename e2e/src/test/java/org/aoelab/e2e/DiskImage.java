package org.aoelab.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Disk image files for the targets: sparse, with a seeded pattern in the host's region. */
final class DiskImage {
    private DiskImage() {
    }

    /**
     * Creates (or truncates) {@code file} as a sparse image of {@code size} bytes and fills
     * {@code lengthMib} MiB at {@code offsetMib} with bytes from {@code new Random(seed)}.
     */
    static HostRegion create(Path file, long size, int offsetMib, int lengthMib, long seed) throws IOException {
        byte[] data = new byte[lengthMib * 1024 * 1024];
        new Random(seed).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            long at = offsetMib * 1024L * 1024;
            while (buf.hasRemaining()) at += ch.write(buf, at);
            if (ch.size() < size) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            ch.force(true);
        }
        return new HostRegion(offsetMib, lengthMib, hex(sha256().digest(data)));
    }

    /** The SHA-256 of {@code length} bytes of {@code file} from {@code offset}, lower-case hex. */
    static String sha256(Path file, long offset, long length) throws IOException {
        MessageDigest md = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long at = offset;
            long end = offset + length;
            while (at < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - at));
                int n = ch.read(buf, at);
                if (n < 0) throw new IOException(file + " ends at " + at + ", before " + end);
                md.update(buf.flip());
                at += n;
            }
        }
        return hex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
