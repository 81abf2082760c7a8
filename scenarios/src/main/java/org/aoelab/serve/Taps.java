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

    /** Null: the Linux device, opened with the I/O mode asked for. */
    private static volatile Opener opener;

    private Taps() {
    }

    /** Opens {@code name} with the current opener (the Linux device with {@link LinuxTapDevice.Io#AUTO}). */
    public static TapDevice open(String name) throws IOException {
        return open(name, LinuxTapDevice.Io.AUTO);
    }

    /** Opens {@code name} with the current opener; {@code io} is how the Linux device moves frames (overrides ignore it). */
    public static TapDevice open(String name, LinuxTapDevice.Io io) throws IOException {
        Opener o = opener;
        return o == null ? LinuxTapDevice.open(name, io) : o.open(name);
    }

    /**
     * The I/O mode named by {@code text} ({@code auto}, {@code ring} or {@code syscalls}, in any case).
     *
     * @throws IllegalArgumentException naming the option and the choices otherwise
     */
    public static LinuxTapDevice.Io io(String option, String text) {
        for (LinuxTapDevice.Io io : LinuxTapDevice.Io.values()) {
            if (io.name().equalsIgnoreCase(text.trim())) return io;
        }
        throw new IllegalArgumentException(option + " is '" + text + "', expected auto, ring or syscalls");
    }

    /** Uses {@code replacement} until the returned handle is closed. */
    public static AutoCloseable override(Opener replacement) {
        Opener previous = opener;
        opener = replacement;
        return () -> opener = previous;
    }
}
