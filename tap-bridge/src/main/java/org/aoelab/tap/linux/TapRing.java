package org.aoelab.tap.linux;

import java.io.IOException;
import java.nio.ByteBuffer;

import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A TAP device's frames through an {@link IoUring}: one multishot read kept posted on the device,
 * which reads every frame as it arrives into one of {@value #READS} buffers the kernel picks
 * from, so frames that arrive while the loop is busy are read meanwhile; writes queued into
 * buffers of their own and submitted together; and one read posted on the wake-up eventfd, so
 * {@link LinuxTapDevice#wakeup} ends a wait as before.
 * One {@code io_uring_enter} then sends every answer of a batch and collects every frame that
 * arrived meanwhile, where plain calls cost a {@code read} per frame, a {@code write} per answer
 * and a wait: on a virtual machine with page-table isolation each call costs about a microsecond
 * before it does anything.
 *
 * <p>Frames are handed out in the order the one read request posted them, which is the order the
 * device queued them. (Many single reads posted at once would each wait on the device and all
 * wake for every frame; the multishot read waits once.) Needs Linux 6.7.
 * Confined to the thread that made it (the loop's); see {@link LinuxTapDevice.Io#RING}.
 */
final class TapRing implements IoUring.Completion {
    /** Buffers the multishot read fills; frames read and not yet taken hold one each. */
    static final int READS = 32;
    /** Writes queued or in flight at most; a write when all are taken waits for one to finish. */
    static final int WRITES = 64;
    /** Every buffer holds the largest frame a TAP device passes (64 KiB). */
    static final int SLOT = 65536;
    private static final int ENTRIES = 128; // READS + WRITES + 1 fit with room to spare
    private static final long READ = 1L << 32;
    private static final long WRITE = 2L << 32;
    private static final long WAKE = 3L << 32;
    private static final long KIND = 0xFFFF_FFFF_0000_0000L;
    private static final int GROUP = 1;

    private final String name;
    private final LibC c;
    private final IoUring ring;
    private final Thread owner;
    private final int tap;
    private final int wake;
    private final ByteBuffer reads = ByteBuffer.allocateDirect(READS * SLOT);
    private final ByteBuffer writes = ByteBuffer.allocateDirect(WRITES * SLOT);
    private final ByteBuffer wakeWord = ByteBuffer.allocateDirect(8);
    private final long readsAddress;
    private final long writesAddress;
    private final long wakeAddress;
    private final IoUring.BufferRing buffers;
    /** Whether the multishot read is posted (it ends on an error, or when every buffer is taken). */
    private boolean reading;
    /** Completed reads not yet handed out, oldest first: slot and length. */
    private final int[] readySlot = new int[READS];
    private final int[] readyLength = new int[READS];
    private int readyHead;
    private int readyCount;
    private final int[] freeWrites = new int[WRITES];
    private final int[] writeLength = new int[WRITES];
    private int freeCount;
    /** Writes prepared or submitted and not yet completed. */
    private int writesInFlight;
    private boolean writesQueued;
    private boolean woken;
    private int readError;
    private int failedWrites;
    private int writeError;

    private TapRing(String name, LibC c, IoUring ring, int tap, int wake) throws IOException {
        this.name = name;
        this.c = c;
        this.ring = ring;
        this.owner = Thread.currentThread();
        this.tap = tap;
        this.wake = wake;
        Runtime rt = Runtime.getRuntime(c);
        readsAddress = Pointer.wrap(rt, reads).address();
        writesAddress = Pointer.wrap(rt, writes).address();
        wakeAddress = Pointer.wrap(rt, wakeWord).address();
        for (int i = 0; i < WRITES; i++) {
            freeWrites[freeCount++] = WRITES - 1 - i;
        }
        buffers = ring.buffers(GROUP, READS, readsAddress, SLOT);
        for (int i = 0; i < READS; i++) {
            buffers.give(i);
        }
        postRead();
        ring.prepare(IoUring.OP_READ, wake, wakeAddress, 8, WAKE);
    }

    /**
     * Makes the ring on the calling thread, for device {@code tap} and eventfd {@code wake}, both
     * of which it turns blocking (io_uring answers a non-blocking file's empty read with
     * {@code EAGAIN} instead of waiting for data).
     */
    static TapRing open(String name, LibC c, int tap, int wake) throws IOException {
        IoUring ring = IoUring.open(c, ENTRIES);
        try {
            if (!ring.supports(IoUring.OP_READ_MULTISHOT)) throw new IOException(NO_MULTISHOT);
            blocking(c, tap, name);
            blocking(c, wake, name + "'s wake-up eventfd");
            return new TapRing(name, c, ring, tap, wake);
        } catch (IOException | RuntimeException e) {
            ring.close();
            throw e;
        }
    }

    private static void blocking(LibC c, int fd, String what) throws IOException {
        final int getFlags = 3;
        final int setFlags = 4;
        final int nonBlocking = 0x800;
        int flags = c.fcntl(fd, getFlags, 0);
        if (flags < 0 || c.fcntl(fd, setFlags, flags & ~nonBlocking) < 0) {
            int err = Runtime.getRuntime(c).getLastError();
            throw new IOException("fcntl " + what + ": " + c.strerror(err));
        }
    }

    static final String NO_MULTISHOT = "this kernel's io_uring has no multishot read (IORING_OP_READ_MULTISHOT, Linux 6.7)";

    /** Why a ring cannot carry a TAP device's frames here, or null when it can. */
    static String unavailableReason(LibC c) {
        try (IoUring probe = IoUring.open(c, 2)) {
            return probe.supports(IoUring.OP_READ_MULTISHOT) ? null : NO_MULTISHOT;
        } catch (IOException | RuntimeException | LinkageError e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private void postRead() {
        ring.prepare(IoUring.OP_READ_MULTISHOT, IoUring.SQE_BUFFER_SELECT, tap, 0, 0, GROUP, READ);
        reading = true;
    }

    private void confined() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the io_uring of " + name + " belongs to thread '" + owner.getName() + "', not '"
                    + Thread.currentThread().getName() + "': with --io ring one thread reads and writes the device (an inline bridge)");
        }
    }

    /**
     * One frame into {@code dst}: one already read if there is one, else what arrives within
     * {@code timeoutNanos} (0: none, {@link IoUring#NO_TIMEOUT}: no timer). Queued writes go out
     * first, in the same call.
     *
     * @return the frame's length, or 0 when none came in time or a wake-up ended the wait
     */
    int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        confined();
        if (readyCount == 0 || writesQueued) {
            boolean wait = readyCount == 0 && timeoutNanos > 0 && !woken;
            // Wait for one completion more than the writes in flight (the completion queue is empty
            // now, all reaped): writes always finish, so only a frame or a wake-up ends the wait.
            ring.enter(wait ? writesInFlight + 1 : 0, timeoutNanos);
            writesQueued = ring.unsubmitted() > 0;
            ring.reap(this);
        }
        if (readError != 0) {
            int err = readError;
            readError = 0;
            throw new IOException("read " + name + " (io_uring): " + c.strerror(err));
        }
        if (readyCount == 0) {
            woken = false;
            return 0;
        }
        int slot = readySlot[readyHead];
        int n = readyLength[readyHead];
        readyHead = (readyHead + 1) % READS;
        readyCount--;
        boolean fits = n <= dst.remaining();
        if (fits) {
            dst.put(dst.position(), reads, slot * SLOT, n);
            dst.position(dst.position() + n);
        }
        buffers.give(slot);
        if (!reading && readError == 0) postRead(); // it ran out of buffers: one is back
        if (!fits) throw new IOException("read " + name + ": a frame of " + n + " bytes does not fit a buffer of " + dst.remaining());
        return n;
    }

    /** Queues {@code frame} (position to limit); it goes out at the next {@link #read} or {@link #flush}. */
    void write(ByteBuffer frame) throws IOException {
        confined();
        int len = frame.remaining();
        if (len > SLOT) throw new IOException("write " + name + ": a frame of " + len + " bytes is larger than " + SLOT);
        while (freeCount == 0) {
            // Every buffer is taken: send what is queued and take back what is done.
            ring.enter(1, IoUring.NO_TIMEOUT);
            writesQueued = ring.unsubmitted() > 0;
            ring.reap(this);
        }
        int slot = freeWrites[--freeCount];
        writes.put(slot * SLOT, frame, frame.position(), len);
        writeLength[slot] = len;
        ring.prepare(IoUring.OP_WRITE, tap, writesAddress + (long) slot * SLOT, len, WRITE | slot);
        writesInFlight++;
        writesQueued = true;
        frame.position(frame.position() + len);
        failures();
    }

    /** Sends the queued writes now. */
    void flush() throws IOException {
        confined();
        if (writesQueued) {
            ring.enter(0, 0);
            writesQueued = ring.unsubmitted() > 0;
            ring.reap(this);
        }
        failures();
    }

    /** Reports writes that failed since the last report, all in one exception. */
    private void failures() throws IOException {
        if (failedWrites == 0) return;
        int n = failedWrites;
        int err = writeError;
        failedWrites = 0;
        throw new IOException("write " + name + ": " + (n == 1 ? "a frame" : n + " frames") + " queued earlier failed: "
                + (err == 0 ? "written short" : c.strerror(err))
                + (err == 5 ? " (is the interface up? 'ip link set " + name + " up')" : ""));
    }

    @Override
    public void completed(long userData, int result, int flags) {
        int slot = (int) userData;
        long kind = userData & KIND;
        if (kind == READ) {
            if ((flags & IoUring.CQE_F_BUFFER) != 0) {
                int id = flags >>> 16;
                if (result > 0) {
                    int at = (readyHead + readyCount) % READS;
                    readySlot[at] = id;
                    readyLength[at] = result;
                    readyCount++;
                } else {
                    buffers.give(id); // nothing in it
                }
            }
            if (result < 0 && result != -IoUring.ENOBUFS && result != -IoUring.EAGAIN && result != -IoUring.EINTR
                    && result != -IoUring.ECANCELED) {
                readError = -result;
            }
            if ((flags & IoUring.CQE_F_MORE) == 0) {
                reading = false;
                // Out of buffers: posted again when the loop gives one back. Anything else but a
                // failure of the device: at once.
                if (result != -IoUring.ENOBUFS && readError == 0) postRead();
            }
        } else if (kind == WRITE) {
            writesInFlight--;
            freeWrites[freeCount++] = slot;
            if (result != writeLength[slot]) {
                failedWrites++;
                writeError = result < 0 ? -result : 0;
            }
        } else if (kind == WAKE) {
            if (result == 8) woken = true;
            if (result != -IoUring.ECANCELED) ring.prepare(IoUring.OP_READ, wake, wakeAddress, 8, WAKE);
        }
    }

    /** Cancels the posted reads and frees the ring; any thread, once nothing else uses it. */
    void close() {
        ring.close();
    }
}
