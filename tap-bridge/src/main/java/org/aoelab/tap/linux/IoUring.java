package org.aoelab.tap.linux;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The least of io_uring that a TAP device needs, over raw system calls (no liburing): a
 * submission queue of {@code READ} and {@code WRITE} entries, a completion queue read in order,
 * and one {@code io_uring_enter} that both submits and waits, with an optional timeout.
 *
 * <p>Set up with {@code IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN} where the kernel
 * has them (6.1 and later): completions are then posted only inside {@link #enter}, on the thread
 * that made the ring, and never interrupt it elsewhere. Older kernels (from 5.11, which brought
 * the timeout of {@code IORING_ENTER_EXT_ARG}) get a plain ring. Not thread-safe: one thread
 * makes the ring, fills it and reaps it.
 *
 * <p>The rings are shared memory with the kernel: the tail of the submission queue is published
 * with a release store after the entries are written, and the tail of the completion queue read
 * with an acquire load before the entries are (the ordering io_uring's documentation asks for).
 */
final class IoUring implements AutoCloseable {
    static final int OP_READ = 22;
    static final int OP_WRITE = 23;
    /** Reads again and again, one completion per read, into buffers taken from a {@link BufferRing} (Linux 6.7). */
    static final int OP_READ_MULTISHOT = 49;
    /** Submission flag: the read takes its buffer from the group in {@code buf_group}. */
    static final int SQE_BUFFER_SELECT = 1 << 5;
    /** Completion flag: the upper 16 bits of the flags name the buffer the read used. */
    static final int CQE_F_BUFFER = 1;
    /** Completion flag: the request goes on (a multishot request without it has ended). */
    static final int CQE_F_MORE = 1 << 1;
    static final int ENOBUFS = 105;
    /** Completion results the caller treats as "try again later", not as failures. */
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ECANCELED = 125;
    /** A timeout for {@link #enter} that means none: wait until enough completions arrive. */
    static final long NO_TIMEOUT = Long.MAX_VALUE;

    private static final long SYS_IO_URING_SETUP = 425; // the same number on every architecture
    private static final long SYS_IO_URING_ENTER = 426;
    private static final long SYS_IO_URING_REGISTER = 427;
    private static final int REGISTER_PROBE = 8;
    private static final int REGISTER_PBUF_RING = 22;
    /**
     * {@code mmap} and {@code munmap} by number too: jnr-ffi's binding of libc's {@code mmap}
     * fails with EINVAL before any system call is made (seen with jnr-ffi 2.2 on glibc 2.36).
     * These differ by architecture; elsewhere there is no ring.
     */
    private static final long SYS_MMAP;
    private static final long SYS_MUNMAP;

    static {
        String arch = System.getProperty("os.arch", "");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm = arch.equals("aarch64");
        SYS_MMAP = x86 ? 9 : arm ? 222 : -1;
        SYS_MUNMAP = x86 ? 11 : arm ? 215 : -1;
    }
    private static final int SETUP_SINGLE_ISSUER = 1 << 12;
    private static final int SETUP_DEFER_TASKRUN = 1 << 13;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final int FEAT_EXT_ARG = 1 << 8;
    private static final int ENTER_GETEVENTS = 1;
    private static final int ENTER_EXT_ARG = 1 << 3;
    private static final long OFF_SQ_RING = 0;
    private static final long OFF_SQES = 0x10000000L;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
    private static final int EINVAL = 22;
    private static final int ETIME = 62;
    private static final int EBUSY = 16;
    private static final int SQE_SIZE = 64;
    private static final int CQE_SIZE = 16;
    private static final int PARAMS_SIZE = 120;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

    /** Receives each completion, in the order the kernel posted them. */
    interface Completion {
        void completed(long userData, int result, int flags);
    }

    private final LibC c;
    private final Runtime runtime;
    private final int fd;
    private final long ringAddress;
    private final long ringSize;
    private final long sqesAddress;
    private final long sqesSize;
    private final ByteBuffer ring;
    private final ByteBuffer sqes;
    private final int sqHead;
    private final int sqTail;
    private final int sqMask;
    private final int sqEntries;
    private final int cqHead;
    private final int cqTail;
    private final int cqMask;
    private final int cqes;
    private final Pointer arg;
    private final Pointer timespec;
    private int localSqTail;
    private int localCqHead;
    private boolean closed;

    private IoUring(LibC c, Runtime runtime, int fd, Pointer p) throws IOException {
        this.c = c;
        this.runtime = runtime;
        this.fd = fd;
        int sqOff = 40;
        int cqOff = 80;
        sqEntries = p.getInt(0);
        int cqEntries = p.getInt(4);
        sqHead = p.getInt(sqOff);
        sqTail = p.getInt(sqOff + 4);
        int sqMaskAt = p.getInt(sqOff + 8);
        int sqArray = p.getInt(sqOff + 24);
        cqHead = p.getInt(cqOff);
        cqTail = p.getInt(cqOff + 4);
        int cqMaskAt = p.getInt(cqOff + 8);
        cqes = p.getInt(cqOff + 20);
        ringSize = Math.max(sqArray + 4L * sqEntries, cqes + (long) CQE_SIZE * cqEntries);
        sqesSize = (long) SQE_SIZE * sqEntries;
        ringAddress = map(ringSize, OFF_SQ_RING, "the rings");
        long sq;
        try {
            sq = map(sqesSize, OFF_SQES, "the submission entries");
        } catch (IOException e) {
            c.syscall(SYS_MUNMAP, ringAddress, ringSize, 0, 0, 0, 0);
            throw e;
        }
        sqesAddress = sq;
        com.kenai.jffi.MemoryIO io = com.kenai.jffi.MemoryIO.getInstance();
        ring = io.newDirectByteBuffer(ringAddress, (int) ringSize).order(ByteOrder.nativeOrder());
        sqes = io.newDirectByteBuffer(sqesAddress, (int) sqesSize).order(ByteOrder.nativeOrder());
        sqMask = ring.getInt(sqMaskAt);
        cqMask = ring.getInt(cqMaskAt);
        for (int i = 0; i < sqEntries; i++) {
            ring.putInt(sqArray + 4 * i, i); // entry i always sits in slot i: the indirection is unused
        }
        localSqTail = (int) INT.getAcquire(ring, sqTail);
        localCqHead = (int) INT.getAcquire(ring, cqHead);
        arg = Memory.allocateDirect(runtime, 24, true);
        timespec = Memory.allocateDirect(runtime, 16, true);
    }

    /**
     * Makes a ring of {@code entries} submission entries (a power of two) on the calling thread,
     * the only thread that may use it.
     *
     * @throws IOException naming the call and the reason when the kernel has no usable io_uring
     *                     (too old, disabled by {@code kernel.io_uring_disabled}, or refused by a
     *                     container's seccomp filter)
     */
    static IoUring open(LibC c, int entries) throws IOException {
        if (SYS_MMAP < 0) throw new IOException("io_uring: not supported on " + System.getProperty("os.arch") + " (x86-64 and aarch64 only)");
        Runtime rt = Runtime.getRuntime(c);
        Pointer p = Memory.allocateDirect(rt, PARAMS_SIZE, true);
        p.putInt(8, SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN);
        long fd = c.syscall(SYS_IO_URING_SETUP, entries, p.address(), 0, 0, 0, 0);
        if (fd < 0 && rt.getLastError() == EINVAL) {
            // Before 6.1 (no SINGLE_ISSUER or DEFER_TASKRUN): a plain ring.
            p = Memory.allocateDirect(rt, PARAMS_SIZE, true);
            fd = c.syscall(SYS_IO_URING_SETUP, entries, p.address(), 0, 0, 0, 0);
        }
        if (fd < 0) {
            int err = rt.getLastError();
            throw new IOException("io_uring_setup: " + c.strerror(err) + switch (err) {
                case 38 -> " (this kernel has no io_uring)";
                case 1, 13 -> " (io_uring is disabled here: sysctl kernel.io_uring_disabled, or a container's seccomp profile)";
                default -> "";
            });
        }
        int features = p.getInt(20);
        if ((features & FEAT_SINGLE_MMAP) == 0 || (features & FEAT_EXT_ARG) == 0) {
            c.close((int) fd);
            throw new IOException("io_uring_setup: this kernel's io_uring lacks wait timeouts (IORING_FEAT_EXT_ARG, Linux 5.11)");
        }
        return new IoUring(c, rt, (int) fd, p);
    }

    private long map(long size, long offset, String what) throws IOException {
        long address = c.syscall(SYS_MMAP, 0, size, PROT_READ_WRITE, MAP_SHARED_POPULATE, fd, offset);
        if (address == -1) {
            int err = runtime.getLastError();
            c.close(fd);
            throw new IOException("mmap io_uring " + what + ": " + c.strerror(err));
        }
        return address;
    }

    /** Submission entries filled and not yet taken by the kernel. */
    int unsubmitted() {
        return localSqTail - (int) INT.getAcquire(ring, sqHead);
    }

    /** Room left in the submission queue. */
    int room() {
        return sqEntries - unsubmitted();
    }

    /**
     * Fills the next submission entry with a read or write of {@code length} bytes at native
     * {@code address} on {@code file} (at its current position), tagged {@code userData}; it goes to
     * the kernel at the next {@link #enter}.
     *
     * @throws IllegalStateException when the queue is full (the caller sizes it for all it keeps in flight)
     */
    void prepare(int opcode, int file, long address, int length, long userData) {
        prepare(opcode, 0, file, address, length, 0, userData);
    }

    /** As {@link #prepare(int, int, long, int, long)}, with submission flags and a buffer group. */
    void prepare(int opcode, int sqeFlags, int file, long address, int length, int bufferGroup, long userData) {
        if (room() == 0) throw new IllegalStateException("io_uring submission queue full (" + sqEntries + " entries)");
        int base = (localSqTail & sqMask) * SQE_SIZE;
        for (int i = 0; i < SQE_SIZE; i += 8) {
            sqes.putLong(base + i, 0L);
        }
        sqes.put(base, (byte) opcode);
        sqes.put(base + 1, (byte) sqeFlags);
        sqes.putInt(base + 4, file);
        sqes.putLong(base + 8, -1L); // offset -1: the file's own position (a character device has none)
        sqes.putLong(base + 16, address);
        sqes.putInt(base + 24, length);
        sqes.putLong(base + 32, userData);
        sqes.putShort(base + 40, (short) bufferGroup);
        localSqTail++;
    }

    /**
     * Submits what was prepared and, with {@code waitFor} above 0, waits until the completion
     * queue holds that many entries or {@code timeoutNanos} passes ({@link #NO_TIMEOUT}: no
     * timer). With deferred task work, this is also where completions get posted at all.
     *
     * A wait that ends early (a signal, the timeout) is no error, nor is a kernel that cannot take
     * every entry now ({@link #unsubmitted} then says what is left for the next call).
     */
    void enter(int waitFor, long timeoutNanos) throws IOException {
        if (closed) throw new IOException("io_uring_enter: the ring is closed");
        INT.setRelease(ring, sqTail, localSqTail);
        int toSubmit = unsubmitted();
        int flags = ENTER_GETEVENTS;
        long argp = 0;
        long argSize = 0;
        if (waitFor > 0 && timeoutNanos != NO_TIMEOUT) {
            long t = Math.max(0, timeoutNanos);
            timespec.putLong(0, t / 1_000_000_000L);
            timespec.putLong(8, t % 1_000_000_000L);
            arg.putLong(16, timespec.address());
            flags |= ENTER_EXT_ARG;
            argp = arg.address();
            argSize = 24;
        }
        // A call that does not wait (a spinning loop's poll, a flush) goes through the five-argument
        // form, which allocates nothing; it never reaches the signal mask or the wait argument. A
        // wait through that form failed with EINVAL (why is not pinned down; the seven-argument form
        // with the same values waits), so waits, which sleep anyway, take the allocating form.
        long r = waitFor <= 0
                ? c.syscall(SYS_IO_URING_ENTER, fd, toSubmit, 0, flags, 0)
                : c.syscall(SYS_IO_URING_ENTER, fd, toSubmit, Math.max(0, waitFor), flags, argp, argSize);
        if (r >= 0) return;
        int err = runtime.getLastError();
        if (err == EINTR || err == ETIME || err == EAGAIN || err == EBUSY) return;
        throw new IOException("io_uring_enter: " + c.strerror(err));
    }

    /** Hands every posted completion to {@code to}, oldest first, and frees their slots. */
    int reap(Completion to) {
        int tail = (int) INT.getAcquire(ring, cqTail);
        int n = 0;
        while (localCqHead != tail) {
            int base = cqes + (localCqHead & cqMask) * CQE_SIZE;
            long userData = ring.getLong(base);
            int result = ring.getInt(base + 8);
            int flags = ring.getInt(base + 12);
            localCqHead++;
            n++;
            to.completed(userData, result, flags);
        }
        INT.setRelease(ring, cqHead, localCqHead);
        return n;
    }

    /** Whether this kernel's io_uring knows {@code opcode} ({@code IORING_REGISTER_PROBE}). */
    boolean supports(int opcode) {
        Pointer probe = Memory.allocateDirect(runtime, 16 + 256 * 8, true);
        if (c.syscall(SYS_IO_URING_REGISTER, fd, REGISTER_PROBE, probe.address(), 256, 0, 0) < 0) return false;
        int known = probe.getByte(1) & 0xFF; // ops_len
        return opcode < known && (probe.getShort(16 + 8L * opcode + 2) & 1) != 0; // IO_URING_OP_SUPPORTED
    }

    /**
     * Registers a ring of {@code count} buffers (a power of two) of {@code size} bytes each, buffer
     * {@code i} at native {@code base + i * size}, as buffer group {@code group}; none is given to
     * the kernel yet ({@link BufferRing#give}).
     */
    BufferRing buffers(int group, int count, long base, int size) throws IOException {
        long bytes = 16L * count;
        long address = c.syscall(SYS_MMAP, 0, bytes, PROT_READ_WRITE, 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */, -1, 0);
        if (address == -1) throw new IOException("mmap an io_uring buffer ring: " + c.strerror(runtime.getLastError()));
        Pointer reg = Memory.allocateDirect(runtime, 40, true);
        reg.putLong(0, address);
        reg.putInt(8, count);
        reg.putShort(12, (short) group);
        if (c.syscall(SYS_IO_URING_REGISTER, fd, REGISTER_PBUF_RING, reg.address(), 1, 0, 0) < 0) {
            int err = runtime.getLastError();
            c.syscall(SYS_MUNMAP, address, bytes, 0, 0, 0, 0);
            throw new IOException("io_uring_register IORING_REGISTER_PBUF_RING: " + c.strerror(err) + " (needs Linux 5.19)");
        }
        BufferRing b = new BufferRing(address, bytes, count, base, size);
        bufferRings.add(b);
        return b;
    }

    /**
     * Buffers the kernel picks from for reads with {@link #SQE_BUFFER_SELECT}: a ring of
     * {@code {address, length, id}} entries whose tail (the 16 bits at byte 14, over the first
     * entry's reserved field) the kernel reads; a buffer given back is written, then published
     * with a release store of the tail.
     */
    final class BufferRing {
        private final long address;
        private final long bytes;
        private final ByteBuffer view;
        private final int mask;
        private final long base;
        private final int size;
        private int tail;

        private BufferRing(long address, long bytes, int count, long base, int size) {
            this.address = address;
            this.bytes = bytes;
            this.view = com.kenai.jffi.MemoryIO.getInstance().newDirectByteBuffer(address, (int) bytes).order(ByteOrder.nativeOrder());
            this.mask = count - 1;
            this.base = base;
            this.size = size;
        }

        /** Gives buffer {@code id} (back) to the kernel. */
        void give(int id) {
            int at = (tail & mask) * 16;
            view.putLong(at, base + (long) id * size);
            view.putInt(at + 8, size);
            view.putShort(at + 12, (short) id);
            tail++;
            SHORT.setRelease(view, 14, (short) tail);
        }

        private void unmap() {
            c.syscall(SYS_MUNMAP, address, bytes, 0, 0, 0, 0);
        }
    }

    private final java.util.List<BufferRing> bufferRings = new java.util.ArrayList<>();

    /** Cancels everything in flight and unmaps the rings. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        c.syscall(SYS_MUNMAP, sqesAddress, sqesSize, 0, 0, 0, 0);
        c.syscall(SYS_MUNMAP, ringAddress, ringSize, 0, 0, 0, 0);
        c.close(fd); // the kernel lets go of the buffer rings here, before they are unmapped
        for (BufferRing b : bufferRings) {
            b.unmap();
        }
    }
}
