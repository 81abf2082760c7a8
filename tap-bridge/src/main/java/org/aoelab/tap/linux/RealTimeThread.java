package org.aoelab.tap.linux;

import java.io.IOException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Puts the calling thread, and only it, under the {@code SCHED_FIFO} real-time policy: what
 * {@code chrt -f PRIORITY} does to a whole process, for the one thread that must not wait for a
 * CPU (the real-time loop). A thread under {@code SCHED_FIFO} runs as soon as it is runnable,
 * ahead of every ordinary thread on the host, until it blocks; the kernel's real-time throttling
 * ({@code /proc/sys/kernel/sched_rt_runtime_us}, 95% by default) still leaves the rest of the host
 * some time even when it never does.
 */
public final class RealTimeThread {
    private static final int SCHED_FIFO = 1;
    /** The range of {@code SCHED_FIFO} priorities on Linux ({@code sched_get_priority_min/max}). */
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 99;

    private RealTimeThread() {
    }

    /**
     * Makes the calling thread {@code SCHED_FIFO} at {@code priority}.
     *
     * @throws IllegalArgumentException when the priority is outside 1-99
     * @throws IOException naming the call and the reason, with what to do about a refusal
     */
    public static void enter(int priority) throws IOException {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("real-time priority is " + priority + ", expected " + MIN_PRIORITY + " to " + MAX_PRIORITY);
        }
        String why = LinuxTapDevice.unavailableReason();
        if (why != null && !why.startsWith("/dev/net/tun")) throw new IOException("sched_setscheduler: " + why);
        LibC c = LinuxTapDevice.lib();
        Runtime rt = Runtime.getRuntime(c);
        Pointer param = Memory.allocateDirect(rt, 4); // struct sched_param { int sched_priority; }
        param.putInt(0, priority);
        if (c.sched_setscheduler(0, SCHED_FIFO, param) < 0) {
            int err = rt.getLastError();
            throw new IOException("sched_setscheduler(SCHED_FIFO, " + priority + "): " + c.strerror(err)
                    + (err == 1 ? ": run as root, give java CAP_SYS_NICE (setcap cap_sys_nice+ep), or allow real-time priorities"
                    + " to this user (ulimit -r " + priority + ", or rtprio in /etc/security/limits.conf)" : ""));
        }
    }
}
