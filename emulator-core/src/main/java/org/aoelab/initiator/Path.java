package org.aoelab.initiator;

import org.aoelab.wire.MacAddress;

/**
 * One way to a device: a target MAC that answered for its shelf.slot. Several paths to one
 * shelf.slot are multipath (protocol reference 5.1.2); each has its own window.
 */
public final class Path {
    private final MacAddress mac;
    final Window window;
    int sectorsPerFrame;
    int bufferCount;
    int firmwareVersion;
    long lost;

    Path(MacAddress mac, int nframes) {
        this.mac = mac;
        this.window = new Window(nframes);
    }

    public MacAddress mac() {
        return mac;
    }

    public Window window() {
        return window;
    }

    public int sectorsPerFrame() {
        return sectorsPerFrame;
    }

    public int bufferCount() {
        return bufferCount;
    }

    public int firmwareVersion() {
        return firmwareVersion;
    }

    /** Retransmission timeouts counted against this path. */
    public long lost() {
        return lost;
    }

    @Override
    public String toString() {
        return mac + " (" + window + ", " + sectorsPerFrame + " sectors/frame)";
    }
}
