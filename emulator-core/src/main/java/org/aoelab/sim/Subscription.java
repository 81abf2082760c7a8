package org.aoelab.sim;

/** A listener's registration on the {@link TraceBus}; closing it stops the deliveries. */
public interface Subscription extends AutoCloseable {
    /** Removes the listener. Calling it again does nothing. */
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
