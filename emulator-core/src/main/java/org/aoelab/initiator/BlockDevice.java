package org.aoelab.initiator;

import java.util.function.Consumer;
import org.aoelab.wire.Bytes;

/**
 * A disk seen through the network: byte-addressed reads and writes, split into frames and
 * put back together. Completions are events in simulation time: the callback runs inside the
 * event loop when the last frame of the request is answered, or when the request fails.
 */
public interface BlockDevice {

    /** Capacity in bytes; 0 while the device is not up. */
    long capacity();

    /** Reads {@code length} bytes at byte {@code offset}; the result carries them. */
    void read(long offset, int length, Consumer<IoResult> done);

    /** Writes {@code data} at byte {@code offset}; partial sectors are read, patched and written. */
    void write(long offset, Bytes data, Consumer<IoResult> done);

    /** FLUSH CACHE (EXT): everything acknowledged before is on stable storage afterwards. */
    void flush(Consumer<IoResult> done);
}
