package org.aoelab.tap.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls a TAP device needs. Public only because jnr-ffi generates its
 * implementation in another class loader; nothing outside this package uses it, and no jnr type
 * appears in a public signature of AoE Lab.
 */
public interface LibC {
    @SaveError
    int open(String path, int flags);

    @SaveError
    int ioctl(int fd, long request, Pointer arg);

    /** {@code read} into native memory at {@code address}: no look-up of a buffer's address per call. */
    @SaveError
    @ssize_t long read(int fd, @intptr_t long address, @size_t long count);

    /** {@code write} from native memory at {@code address}. */
    @SaveError
    @ssize_t long write(int fd, @intptr_t long address, @size_t long count);

    @SaveError
    int poll(Pointer fds, long nfds, int timeout);

    @SaveError
    int ppoll(Pointer fds, long nfds, Pointer timeout, Pointer sigmask);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    int epoll_create1(int flags);

    @SaveError
    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    @SaveError
    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    @SaveError
    @ssize_t long write(int fd, @In byte[] buf, @size_t long count);

    @SaveError
    @ssize_t long read(int fd, @Out byte[] buf, @size_t long count);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** With {@code pid} 0: the calling thread only (Linux schedules threads, not processes). */
    @SaveError
    int sched_setscheduler(int pid, int policy, Pointer param);

    /** glibc's {@code syscall}, for io_uring's calls, which it has no wrappers for. */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /**
     * {@code syscall} with five arguments: six parameters are as many as jnr-ffi calls without
     * allocating (the seven of the form above cost a 72-byte buffer per call), which matters for a
     * call made on every turn of a loop that may spin. The kernel's sixth argument is then whatever
     * lies on the stack: only for calls that do not read it.
     */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    @SaveError
    int fcntl(int fd, int command, int argument);

    int close(int fd);

    String strerror(int errnum);
}
