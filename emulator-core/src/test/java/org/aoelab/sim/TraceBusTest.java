package org.aoelab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.aoelab.trace.NoteEvent;
import org.junit.jupiter.api.Test;

class TraceBusTest {
    private final TraceBus bus = new TraceBus();
    private final NoteEvent note = new NoteEvent(5, "host-a", "lock", "holds e1.0");

    @Test
    void isEnabledOnlyWhileSomebodyListens() {
        assertThat(bus.enabled()).isFalse();
        Subscription s = bus.subscribe(e -> { });
        assertThat(bus.enabled()).isTrue();
        s.cancel();
        s.cancel();
        assertThat(bus.enabled()).isFalse();
    }

    @Test
    void deliversToListenersInSubscriptionOrder() {
        List<String> got = new ArrayList<>();
        bus.subscribe(e -> got.add("first " + e.place()));
        try (Subscription second = bus.subscribe(e -> got.add("second " + e.place()))) {
            bus.publish(note);
        }
        bus.publish(note);
        assertThat(got).containsExactly("first host-a", "second host-a", "first host-a");
    }

    @Test
    void aListenerMayCancelItselfWhileAnEventIsDelivered() {
        List<String> got = new ArrayList<>();
        Subscription[] self = new Subscription[1];
        self[0] = bus.subscribe(e -> {
            got.add("once");
            self[0].cancel();
        });
        bus.subscribe(e -> got.add("always"));
        bus.publish(note);
        bus.publish(note);
        assertThat(got).containsExactly("once", "always", "always");
        assertThat(bus.listeners()).isEqualTo(1);
    }
}
