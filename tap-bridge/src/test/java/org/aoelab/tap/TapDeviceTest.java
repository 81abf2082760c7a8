package org.aoelab.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interface's default {@code readNanos}, for devices that can only wait in milliseconds. */
class TapDeviceTest {

    /** A device that only records the waits it is asked for. */
    private static final class MillisOnly implements TapDevice {
        final List<Integer> waits = new ArrayList<>();

        @Override
        public String name() {
            return "millis";
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public int read(ByteBuffer dst, int timeoutMillis) {
            waits.add(timeoutMillis);
            return 0;
        }

        @Override
        public void write(ByteBuffer frame) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void waitsAreRoundedUpToWholeMilliseconds() throws Exception {
        MillisOnly d = new MillisOnly();
        ByteBuffer b = ByteBuffer.allocate(64);
        d.readNanos(b, 0);
        d.readNanos(b, -5);
        d.readNanos(b, 1);
        d.readNanos(b, 2_000_000);
        d.readNanos(b, 2_000_001);
        assertThat(d.waits).containsExactly(0, 0, 1, 2, 3);
    }

    @Test
    void aDeviceThatCannotBeWokenComesRoundWhateverTheWaitAskedFor() throws Exception {
        // Posts from other threads cannot wake it: a long wait would keep them waiting as long.
        MillisOnly d = new MillisOnly();
        ByteBuffer b = ByteBuffer.allocate(64);
        d.readNanos(b, TapDevice.FOREVER);
        d.readNanos(b, Long.MAX_VALUE - 1);
        d.readNanos(b, 5_000_000_000L);
        int most = (int) (TapDevice.UNWOKEN_WAIT_NANOS / 1_000_000);
        assertThat(d.waits).containsExactly(most, most, most);
    }
}
