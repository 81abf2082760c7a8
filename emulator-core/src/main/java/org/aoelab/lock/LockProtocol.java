package org.aoelab.lock;

import java.util.function.Consumer;

/**
 * A way for initiators to take turns over one target's config string (DESIGN.md,
 * "Config-string locking"). Each call ends in exactly one callback, inside the event loop.
 * The protocol decides what the initiator believes; the {@link LockMonitor} checks whether
 * those beliefs were ever wrong.
 */
public interface LockProtocol {

    /** Stable name, as scenarios and the command line spell it ({@code naive}, {@code reserve}...). */
    String name();

    /** One attempt; {@code done} receives true when the initiator now believes it holds the lock. */
    void acquire(LockClient client, Consumer<Boolean> done);

    /** Gives the lock up; {@code done} runs when the protocol considers it released. */
    void release(LockClient client, Runnable done);
}
