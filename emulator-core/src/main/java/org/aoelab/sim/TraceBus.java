package org.aoelab.sim;

import java.util.Arrays;
import java.util.function.Consumer;

import org.aoelab.trace.TraceEvent;

/**
 * Where every component reports what happened: frames sent, forwarded, dropped with the reason,
 * delivered; timers fired; notes. The pcap writer, the GUI, the lock monitor, statistics and
 * tests all listen here.
 *
 * <p>Components ask {@link #enabled()} before building an event, so a simulation nobody watches
 * pays nothing for tracing. Listeners run synchronously on the simulation thread, in the order
 * they subscribed; one that throws stops the event loop, which is what a test wants.
 */
public final class TraceBus {
    @SuppressWarnings("unchecked")
    private static final Consumer<? super TraceEvent>[] NONE = new Consumer[0];

    private Consumer<? super TraceEvent>[] listeners = NONE;

    /** Adds {@code listener}; it sees every event published from now on until the subscription is cancelled. */
    public Subscription subscribe(Consumer<? super TraceEvent> listener) {
        if (listener == null) throw new IllegalArgumentException("listener is missing");
        Consumer<? super TraceEvent>[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
        return new Subscription() {
            private boolean cancelled;

            @Override
            public void cancel() {
                if (cancelled) return;
                cancelled = true;
                remove(listener);
            }
        };
    }

    private void remove(Consumer<? super TraceEvent> listener) {
        Consumer<? super TraceEvent>[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                @SuppressWarnings("unchecked")
                Consumer<? super TraceEvent>[] next = new Consumer[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next.length == 0 ? NONE : next;
                return;
            }
        }
    }

    /** False when nobody listens: callers skip building events. */
    public boolean enabled() {
        return listeners.length != 0;
    }

    /** Hands {@code event} to every listener, in subscription order. */
    public void publish(TraceEvent event) {
        // A listener that subscribes or cancels while we iterate changes the field, not this array.
        for (Consumer<? super TraceEvent> l : listeners) l.accept(event);
    }

    /** How many listeners are subscribed. */
    public int listeners() {
        return listeners.length;
    }
}
