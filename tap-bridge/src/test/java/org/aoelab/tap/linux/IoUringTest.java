package org.aoelab.tap.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

/**
 * The ring by itself, on an eventfd (no privilege needed): a write, then reads, each completed
 * with its result (an eventfd refuses a read of fewer than 8 bytes: EINVAL), and a wait that ends
 * at its timeout.
 */
class IoUringTest {
    @Test
    void aWriteAndAReadOfAnEventfdCompleteInOneCallWithTheirResults() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LinuxTapDevice.ringUnavailableReason() == null,
                () -> "no io_uring here: " + LinuxTapDevice.ringUnavailableReason());
        LibC c = LinuxTapDevice.lib();
        Runtime rt = Runtime.getRuntime(c);
        int efd = c.eventfd(0, 0x80000);
        assertThat(efd).isGreaterThanOrEqualTo(0);
        try (IoUring ring = IoUring.open(c, 8)) {
            ByteBuffer out = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 5);
            ByteBuffer in = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            ring.prepare(IoUring.OP_WRITE, efd, Pointer.wrap(rt, out).address(), 8, 1);
            assertThat(ring.unsubmitted()).isEqualTo(1);
            ring.enter(1, 5_000_000_000L);
            assertThat(ring.unsubmitted()).isZero();
            List<String> done = new ArrayList<>();
            assertThat(ring.reap((userData, result, flags) -> done.add(userData + ":" + result))).isEqualTo(1);
            ring.prepare(IoUring.OP_READ, efd, Pointer.wrap(rt, in).address(), 8, 2);
            ring.prepare(IoUring.OP_READ, efd, Pointer.wrap(rt, in).address(), 4, 3); // an eventfd reads 8 bytes, no fewer
            ring.enter(2, 5_000_000_000L);
            ring.reap((userData, result, flags) -> done.add(userData + ":" + result));
            assertThat(done).containsExactlyInAnyOrder("1:8", "2:8", "3:-22");
            assertThat(in.getLong(0)).as("the counter the write added, read back").isEqualTo(5);

            // Nothing to read now: the wait ends at its timeout, with nothing completed.
            ring.prepare(IoUring.OP_READ, efd, Pointer.wrap(rt, in).address(), 8, 4);
            long t0 = System.nanoTime();
            ring.enter(1, 20_000_000L);
            assertThat(System.nanoTime() - t0).as("waited for the timeout").isGreaterThanOrEqualTo(15_000_000L);
            assertThat(ring.reap((userData, result, flags) -> done.add(userData + ":" + result))).isZero();
        } finally {
            c.close(efd);
        }
    }

    /**
     * A turn of a spinning loop makes one untimed {@code io_uring_enter}; a call that allocated (as
     * jnr-ffi's seven-parameter calls do, 72 bytes each) would fill a small young generation every
     * few hundred milliseconds and stop the loop for a collection.
     */
    @Test
    void anUntimedEnterAllocatesNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LinuxTapDevice.ringUnavailableReason() == null,
                () -> "no io_uring here: " + LinuxTapDevice.ringUnavailableReason());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (IoUring ring = IoUring.open(LinuxTapDevice.lib(), 8)) {
            for (int i = 0; i < 20_000; i++) ring.enter(0, 0); // compiled by now
            long before = threads.getThreadAllocatedBytes(me);
            int calls = 100_000;
            for (int i = 0; i < calls; i++) ring.enter(0, 0);
            long perCall = (threads.getThreadAllocatedBytes(me) - before) / calls;
            assertThat(perCall).as("bytes allocated per io_uring_enter").isLessThan(8);
        }
    }
}
