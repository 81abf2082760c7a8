package org.aoelab.serve;

import java.io.IOException;
import org.aoelab.tap.TapDevice;
import org.aoelab.tap.linux.LinuxTapDevice;

/**
 * How {@code aoelab serve} and {@code aoelab client} open their TAP device: the Linux device by
 * default; tests and embedders (the GUI's demo mode) may put an {@link
 * org.aoelab.tap.InMemoryTapDevice} in its place with {@link #override}.
 */
public final class Taps {
    /** Opens a TAP device by name. */
    @FunctionalInterface
    public interface Opener {
        TapDevice open(String name) throws IOException;
    }

    private static volatile Opener opener = LinuxTapDevice::open;

    private Taps() {
    }

    /** Opens {@code name} with the current opener. */
    public static TapDevice open(String name) throws IOException {
        return opener.open(name);
    }

    /** Uses {@code replacement} until the returned handle is closed. */
    public static AutoCloseable override(Opener replacement) {
        Opener previous = opener;
        opener = replacement;
        return () -> opener = previous;
    }
}
