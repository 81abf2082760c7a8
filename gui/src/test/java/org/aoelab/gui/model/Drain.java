package org.aoelab.gui.model;

import java.util.ArrayList;
import java.util.List;

/** Takes everything out of a ring, for tests. */
public final class Drain {
    private Drain() {
    }

    public static List<Update> all(UpdateRing ring) {
        List<Update> out = new ArrayList<>();
        while (ring.drainTo(out, Integer.MAX_VALUE) > 0) {
            // keep going
        }
        return out;
    }

    public static <T extends Update> List<T> of(List<Update> updates, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Update u : updates) {
            if (type.isInstance(u)) out.add(type.cast(u));
        }
        return out;
    }
}
