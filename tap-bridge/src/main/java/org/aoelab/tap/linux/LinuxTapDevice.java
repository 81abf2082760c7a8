package org.aoelab.tap.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.aoelab.tap.TapDevice;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A Linux TAP device over {@code /dev/net/tun} (jnr-ffi): {@code TUNSETIFF} with
 * {@code IFF_TAP | IFF_NO_PI}, so every read and write is one whole Ethernet frame without a
 * packet-information header. Attaching to an existing persistent TAP owned by the user needs no
 * privilege ({@code ip tuntap add mode tap user NAME}); creating one needs CAP_NET_ADMIN.
 */
public final class LinuxTapDevice implements TapDevice {
    /** How frames cross between the process and the kernel. */
    public enum Io {
        /** One {@code read} per frame, one {@code write} per frame, and {@code epoll}/{@code ppoll} to wait. */
        SYSCALLS,
        /**
         * io_uring ({@link TapRing}): reads kept posted, writes queued and sent together, one
         * {@code io_uring_enter} per turn of the loop for all of them. One thread must do every read,
         * write and {@link #flush} (a bridge started inline); {@link #wakeup} and {@link #close}
         * may come from any. Refused at open when the kernel has no usable io_uring.
         */
        RING,
        /** {@link #RING} where the kernel offers it, {@link #SYSCALLS} where it does not. */
        AUTO
    }

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NONBLOCK = 0x800;
    private static final int EAGAIN = 11;
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final short POLLIN = 0x0001;
    private static final int EINTR = 4;
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 0x001;
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes, data at 4), not elsewhere (16, data at 8). */
    private static final boolean EPOLL_PACKED = System.getProperty("os.arch", "").matches("amd64|x86_64");
    private static final int EPOLL_EVENT_SIZE = EPOLL_PACKED ? 12 : 16;
    private static final int EPOLL_DATA = EPOLL_PACKED ? 4 : 8;
    private static final ThreadLocal<Boolean> PRECISE = ThreadLocal.withInitial(() -> false);

    private static volatile LibC libc;

    private final String name;
    private final Runtime runtime;
    private final LibC c;
    private final Pointer pollfd;
    private final Pointer pollfds;
    private final Pointer timespec;
    private final byte[] drain = new byte[8];
    private final AddressCache readAddress = new AddressCache();
    private final AddressCache writeAddress = new AddressCache();
    private volatile int fd;
    private volatile int wakeFd;
    private volatile int epollFd;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    private final Pointer epollEvents;
    private final Io io;
    /** Made on first use, by the thread that reads (io_uring's single issuer); released with the wait fds. */
    private volatile TapRing ring;
    private static volatile String ringUnavailable;

    private LinuxTapDevice(String name, LibC c, int fd, int wakeFd, Io io) {
        this.name = name;
        this.io = io;
        this.c = c;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.runtime = Runtime.getRuntime(c);
        this.pollfd = Memory.allocateDirect(runtime, 8);
        this.pollfds = Memory.allocateDirect(runtime, 16);
        this.timespec = Memory.allocateDirect(runtime, 16);
        this.epollEvents = Memory.allocateDirect(runtime, 2 * EPOLL_EVENT_SIZE);
        this.epollFd = epollOf(fd, wakeFd);
    }

    /**
     * An epoll set of the device (data 0) and the eventfd (data 1), for waits with no timeout:
     * registered once, where {@code ppoll} registers on both files' wait queues, and leaves
     * them, at every call. -1 when it cannot be made (the waits then use {@code ppoll}).
     */
    private int epollOf(int device, int wake) {
        int ep = c.epoll_create1(O_CLOEXEC);
        if (ep < 0) return -1;
        Pointer event = Memory.allocateDirect(runtime, EPOLL_EVENT_SIZE);
        int[] fds = {device, wake};
        for (int i = 0; i < fds.length; i++) {
            event.putInt(0, EPOLLIN);
            event.putLong(EPOLL_DATA, i);
            if (c.epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], event) < 0) {
                c.close(ep);
                return -1;
            }
        }
        return ep;
    }

    /** Loads libc on first use; the reason why not, as a value, when it cannot. */
    public static String unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return "TAP devices need Linux";
        if (!Files.exists(Path.of("/dev/net/tun"))) return "/dev/net/tun does not exist (load the tun module)";
        try {
            lib();
            return null;
        } catch (Throwable t) {
            return "cannot load libc through jnr-ffi: " + t;
        }
    }

    static LibC lib() {
        LibC l = libc;
        if (l == null) {
            synchronized (LinuxTapDevice.class) {
                if (libc == null) libc = LibraryLoader.create(LibC.class).load("c");
                l = libc;
            }
        }
        return l;
    }

    /**
     * Opens TAP device {@code name}: attaches to it if it exists (a persistent TAP the user owns),
     * or creates it when the process may.
     */
    public static LinuxTapDevice open(String name) throws IOException {
        return open(name, Io.SYSCALLS);
    }

    /**
     * Opens TAP device {@code name} as {@link #open(String)} does, moving frames as {@code io} says
     * ({@link Io#AUTO}: io_uring where the kernel allows it).
     *
     * @throws IOException also when {@code io} is {@link Io#RING} and the kernel has no usable io_uring
     */
    public static LinuxTapDevice open(String name, Io io) throws IOException {
        if (io == null) throw new IllegalArgumentException("I/O mode is missing");
        if (name.isEmpty() || name.length() >= IFNAMSIZ || !name.matches("[A-Za-z0-9_.:-]+")) {
            throw new IOException("TAP name '" + name + "' is not a valid interface name (1-15 letters, digits, '-', '_', '.')");
        }
        String why = unavailableReason();
        if (why != null) throw new IOException("open /dev/net/tun: " + why);
        LibC c = lib();
        Runtime rt = Runtime.getRuntime(c);
        // Non-blocking: a read tries the device first and polls only when it is empty, one system
        // call per frame under load instead of two. Writes to a TAP device never wait anyway.
        int fd = c.open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            int err = rt.getLastError();
            throw new IOException("open /dev/net/tun: " + c.strerror(err) + hint(err, name));
        }
        Pointer ifr = Memory.allocateDirect(rt, IFREQ_SIZE);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        ifr.put(0, n, 0, n.length);
        ifr.putByte(n.length, (byte) 0);
        ifr.putShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI));
        if (c.ioctl(fd, TUNSETIFF, ifr) < 0) {
            int err = rt.getLastError();
            c.close(fd);
            throw new IOException("TUNSETIFF " + name + ": " + c.strerror(err) + hint(err, name));
        }
        int wake = c.eventfd(0, O_NONBLOCK | O_CLOEXEC);
        if (wake < 0) {
            int err = rt.getLastError();
            c.close(fd);
            throw new IOException("eventfd for " + name + ": " + c.strerror(err));
        }
        Io mode = io;
        if (io != Io.SYSCALLS) {
            String noRing = ringUnavailableReason();
            if (noRing != null && io == Io.RING) {
                c.close(wake);
                c.close(fd);
                throw new IOException("--io ring for " + name + ": " + noRing);
            }
            mode = noRing == null ? Io.RING : Io.SYSCALLS;
        }
        return new LinuxTapDevice(name, c, fd, wake, mode);
    }

    /** Why io_uring cannot carry frames here, or null when it can (probed once, with a ring made and closed). */
    public static String ringUnavailableReason() {
        String why = ringUnavailable;
        if (why == null) {
            try {
                why = TapRing.unavailableReason(lib());
            } catch (RuntimeException | LinkageError e) {
                why = "cannot load libc through jnr-ffi: " + e;
            }
            if (why == null) why = "";
            ringUnavailable = why;
        }
        return why.isEmpty() ? null : why;
    }

    @Override
    public boolean oneThread() {
        return io == Io.RING;
    }

    /** How this device moves frames: {@link Io#SYSCALLS} or {@link Io#RING} ({@link Io#AUTO} resolved at open). */
    public Io io() {
        return io;
    }

    private static String hint(int errno, String name) {
        return switch (errno) {
            case 1, 13 -> ": create it first with 'sudo ip tuntap add dev " + name + " mode tap user " + System.getProperty("user.name")
                    + "' and 'sudo ip link set " + name + " up', or run as root";
            case 16 -> ": the device is in use by another process, or is a TUN (not TAP) device";
            case 22 -> ": '" + name + "' exists but is not a TAP device";
            default -> "";
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() throws IOException {
        Path p = Path.of("/sys/class/net", name, "mtu");
        try {
            return Integer.parseInt(Files.readString(p).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IOException("read the MTU of " + name + " from " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
        if (!dst.isDirect()) throw new IllegalArgumentException("read " + name + " needs a direct buffer");
        if (io == Io.RING) return ringRead(dst, Math.max(0, timeoutMillis) * 1_000_000L);
        int n = readNow(dst);
        if (n != 0 || timeoutMillis <= 0) return n;
        int f = fd;
        if (f < 0) return -1;
        pollfd.putInt(0, f);
        pollfd.putShort(4, POLLIN);
        pollfd.putShort(6, (short) 0);
        int ready = c.poll(pollfd, 1, timeoutMillis);
        if (ready < 0) {
            int err = runtime.getLastError();
            if (err == EINTR) return 0;
            if (fd < 0) return -1;
            throw new IOException("poll " + name + ": " + c.strerror(err));
        }
        return ready == 0 ? 0 : readNow(dst);
    }

    /**
     * Waits with {@code ppoll} on the device and on an eventfd that {@link #wakeup} writes to
     * (a timeout of 0 only tries to read, {@link #FOREVER} waits with no timer),
     * with a nanosecond timeout; the first call on a thread sets that thread's timer slack to
     * 1 ns ({@code prctl(PR_SET_TIMERSLACK)}), so the wait ends when asked, not up to 50 us later.
     */
    @Override
    public int readNanos(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (!dst.isDirect()) throw new IllegalArgumentException("read " + name + " needs a direct buffer");
        if (io == Io.RING) return ringRead(dst, timeoutNanos == FOREVER ? IoUring.NO_TIMEOUT : Math.max(0, timeoutNanos));
        if (timeoutNanos <= 0) return readNow(dst);
        // Wait first, then read: one system call fewer than trying first when frames come one by one.
        int f = fd;
        int w = wakeFd;
        if (f < 0 || w < 0) return -1;
        int ep = epollFd;
        if (timeoutNanos == FOREVER && ep >= 0) {
            // close() leaves the eventfd and the epoll set open while a thread may be waiting on
            // them: closed under a waiting epoll_wait they would never wake it.
            waiting.incrementAndGet();
            try {
                if (closed) return -1;
                return awaitWithoutTimer(dst, ep, w);
            } finally {
                if (waiting.decrementAndGet() == 0 && closed) releaseWaitFds();
            }
        }
        if (!PRECISE.get()) {
            c.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
            PRECISE.set(true);
        }
        pollfds.putInt(0, f);
        pollfds.putShort(4, POLLIN);
        pollfds.putShort(6, (short) 0);
        pollfds.putInt(8, w);
        pollfds.putShort(12, POLLIN);
        pollfds.putShort(14, (short) 0);
        // No timeout, no timer (when there is no epoll set): arming and cancelling one on every
        // wait is what a blocking read does not pay, and on a virtual machine it is not cheap.
        Pointer limit = null;
        if (timeoutNanos != FOREVER) {
            timespec.putLong(0, timeoutNanos / 1_000_000_000L);
            timespec.putLong(8, timeoutNanos % 1_000_000_000L);
            limit = timespec;
        }
        int ready = c.ppoll(pollfds, 2, limit, null);
        if (ready < 0) {
            int err = runtime.getLastError();
            if (err == EINTR) return 0;
            if (fd < 0) return -1;
            throw new IOException("ppoll " + name + ": " + c.strerror(err));
        }
        if (ready == 0) return 0;
        if ((pollfds.getShort(14) & POLLIN) != 0) {
            c.read(w, drain, 8); // woken: reset the eventfd's counter
        }
        return (pollfds.getShort(6) & POLLIN) != 0 ? readNow(dst) : 0;
    }

    /**
     * A read through the ring, made on the first call. Counted as a waiter, as the epoll wait is,
     * so that {@link #close} from another thread never frees the ring under it.
     */
    private int ringRead(ByteBuffer dst, long timeoutNanos) throws IOException {
        waiting.incrementAndGet();
        try {
            if (closed) return -1;
            if (timeoutNanos > 0 && timeoutNanos != IoUring.NO_TIMEOUT && !PRECISE.get()) {
                c.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0); // as for ppoll: the wait ends when asked, not 50 us later
                PRECISE.set(true);
            }
            return ring().read(dst, timeoutNanos);
        } finally {
            if (waiting.decrementAndGet() == 0 && closed) releaseWaitFds();
        }
    }

    private TapRing ring() throws IOException {
        TapRing r = ring;
        if (r == null) {
            r = TapRing.open(name, c, fd, wakeFd);
            ring = r;
        }
        return r;
    }

    /** With {@link Io#RING}, sends the frames {@link #write} queued; otherwise there are none. */
    @Override
    public void flush() throws IOException {
        if (io != Io.RING) return;
        waiting.incrementAndGet();
        try {
            if (closed) return;
            TapRing r = ring;
            if (r != null) r.flush();
        } finally {
            if (waiting.decrementAndGet() == 0 && closed) releaseWaitFds();
        }
    }

    /** A wait with no timeout on the epoll set: for a frame, or for {@link #wakeup}. */
    private int awaitWithoutTimer(ByteBuffer dst, int ep, int w) throws IOException {
        int ready = c.epoll_wait(ep, epollEvents, 2, -1);
        if (ready < 0) {
            int err = runtime.getLastError();
            if (err == EINTR) return 0;
            if (fd < 0) return -1;
            throw new IOException("epoll_wait " + name + ": " + c.strerror(err));
        }
        boolean frame = false;
        for (int i = 0; i < ready; i++) {
            if (epollEvents.getLong(i * EPOLL_EVENT_SIZE + EPOLL_DATA) == 1) {
                c.read(w, drain, 8); // woken: reset the eventfd's counter
            } else {
                frame = true;
            }
        }
        return frame ? readNow(dst) : 0;
    }

    @Override
    public void wakeup() {
        int w = wakeFd;
        if (w >= 0) {
            c.write(w, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
        }
    }

    /** One frame if the device has one: its length, 0 when empty, -1 when closed. */
    private int readNow(ByteBuffer dst) throws IOException {
        int f = fd;
        if (f < 0) return -1;
        long n = c.read(f, readAddress.of(dst) + dst.position(), dst.remaining());
        if (n < 0) {
            int err = runtime.getLastError();
            if (fd < 0) return -1;
            if (err == EAGAIN || err == EINTR) return 0;
            throw new IOException("read " + name + ": " + c.strerror(err));
        }
        dst.position(dst.position() + (int) n);
        return (int) n;
    }

    @Override
    public void write(ByteBuffer frame) throws IOException {
        if (io == Io.RING) {
            waiting.incrementAndGet();
            try {
                if (closed) throw new IOException("write " + name + ": device closed");
                ring().write(frame); // queued: it goes out with the next read or flush
                return;
            } finally {
                if (waiting.decrementAndGet() == 0 && closed) releaseWaitFds();
            }
        }
        int f = fd;
        if (f < 0) throw new IOException("write " + name + ": device closed");
        ByteBuffer src = frame.isDirect() ? frame : ByteBuffer.allocateDirect(frame.remaining()).put(frame.duplicate()).flip();
        int len = src.remaining();
        long n = c.write(f, writeAddress.of(src) + src.position(), len);
        if (n < 0) {
            int err = runtime.getLastError();
            throw new IOException("write " + name + ": " + c.strerror(err)
                    + (err == 5 ? " (is the interface up? 'ip link set " + name + " up')" : ""));
        }
        if (n != len) throw new IOException("write " + name + ": wrote " + n + " of " + len + " bytes");
        frame.position(frame.position() + len);
    }

    /**
     * The native address of the direct buffer last used, looked up once per buffer rather than
     * once per call (the loop reads into one buffer and writes from another, for ever). One per
     * direction, as reads and writes may come from different threads.
     */
    private final class AddressCache {
        private ByteBuffer buffer;
        private long address;

        long of(ByteBuffer b) {
            if (b != buffer) {
                address = Pointer.wrap(runtime, b.duplicate().clear()).address();
                buffer = b;
            }
            return address;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        int f = fd;
        if (f >= 0) {
            fd = -1;
            c.close(f);
        }
        wakeup(); // a thread waiting on the epoll set returns, and releases it if it is the last
        if (waiting.get() == 0) releaseWaitFds();
    }

    /** Closes the eventfd and the epoll set, once, when no thread waits on them. */
    private void releaseWaitFds() {
        if (!released.compareAndSet(false, true)) return;
        TapRing r = ring;
        if (r != null) {
            ring = null;
            r.close(); // cancels the posted reads: the device itself goes with the last reference
        }
        int w = wakeFd;
        if (w >= 0) {
            wakeFd = -1;
            c.close(w);
        }
        int ep = epollFd;
        if (ep >= 0) {
            epollFd = -1;
            c.close(ep);
        }
    }
}
