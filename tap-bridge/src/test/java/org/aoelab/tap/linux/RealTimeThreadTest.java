package org.aoelab.tap.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.Test;

/** SCHED_FIFO for one thread, as root: the calling thread changes, the others do not. */
class RealTimeThreadTest {

    /** {@code {policy, rt_priority}} of the calling thread, from /proc/thread-self/stat (fields 41 and 40). */
    private static int[] policyOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): field N is f[N - 3]
        return new int[] {Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3])};
    }

    @Test
    void onlyTheCallingThreadBecomesRealTime() throws Exception {
        RealTools.requireRoot();
        int[] before = policyOfThisThread();
        CompletableFuture<int[]> inside = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                RealTimeThread.enter(7);
                inside.complete(policyOfThisThread());
            } catch (Throwable e) {
                inside.completeExceptionally(e);
            }
        }, "real-time-test");
        t.start();
        assertThat(inside.get(20, TimeUnit.SECONDS)).containsExactly(1, 7); // SCHED_FIFO, priority 7
        t.join();
        assertThat(policyOfThisThread()).containsExactly(before);
        assertThat(before[0]).isZero(); // SCHED_OTHER: the test's own thread was never touched
    }

    @Test
    void prioritiesOutsideTheRangeAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> RealTimeThread.enter(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("real-time priority is 0, expected 1 to 99");
        assertThatThrownBy(() -> RealTimeThread.enter(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 100");
    }
}
