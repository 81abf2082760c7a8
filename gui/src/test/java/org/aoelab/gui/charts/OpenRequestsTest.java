package org.aoelab.gui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenRequestsTest {

    @Test
    void behavesLikeAMapUnderManyAddsAndRemoves() {
        OpenRequests open = new OpenRequests();
        Map<Long, Integer> model = new HashMap<>();
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long seq = 1 + r.nextInt(5_000);
            if (r.nextBoolean()) {
                int sender = r.nextInt(4);
                open.add(seq, sender);
                model.putIfAbsent(seq, sender);
            } else {
                assertThat(open.remove(seq)).isEqualTo(model.remove(seq) != null);
            }
            if (i % 10_000 == 0) {
                assertThat(open.size()).isEqualTo(model.size());
                for (long s = 1; s <= 5_000; s++) assertThat(open.contains(s)).isEqualTo(model.containsKey(s));
            }
        }
    }

    @Test
    void aRetransmissionReplacesItsSendersOldestRequest() {
        OpenRequests open = new OpenRequests();
        open.add(5, 1);
        open.add(3, 2);
        open.add(7, 1);
        assertThat(open.removeOldestOf(1)).isTrue();
        assertThat(open.contains(5)).isFalse();
        assertThat(open.contains(7)).isTrue();
        assertThat(open.contains(3)).isTrue();
        assertThat(open.removeOldestOf(3)).isFalse();
        open.clear();
        assertThat(open.size()).isZero();
    }
}
