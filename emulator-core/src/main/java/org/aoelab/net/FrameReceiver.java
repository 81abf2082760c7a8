package org.aoelab.net;

import org.aoelab.wire.Bytes;

/** A node's receive path: called inside the event loop when a frame is delivered to it. */
@FunctionalInterface
public interface FrameReceiver {
    /** Handles one delivered frame, exactly as it came off the wire (possibly corrupted). */
    void receive(Bytes frame);
}
