package org.aoelab.tap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A TAP device: whole Ethernet frames in and out of the host's kernel. This is the entire native
 * surface of AoE Lab (STYLE.md 5); {@link InMemoryTapDevice} is its pure-Java stand-in.
 */
public interface TapDevice extends Closeable {
    /** The interface name, such as {@code tap0}. */
    String name();

    /** The interface's MTU as the host sees it. */
    int mtu() throws IOException;

    /**
     * Reads one frame into {@code dst} (from its position), waiting at most {@code timeoutMillis}.
     *
     * @return the frame's length, 0 when nothing arrived in time, or -1 when the device is closed
     */
    int read(ByteBuffer dst, int timeoutMillis) throws IOException;

    /** Writes one whole frame: the bytes from the buffer's position to its limit. */
    void write(ByteBuffer frame) throws IOException;

    @Override
    void close() throws IOException;
}
