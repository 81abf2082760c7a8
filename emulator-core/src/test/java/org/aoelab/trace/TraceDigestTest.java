package org.aoelab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;

class TraceDigestTest {
    private static FrameEvent frame(long time, String cause, int lastByte) {
        return new FrameEvent(time, Kind.DROPPED, "host-a->sw", 3, 0, Bytes.of(1, 2, 3, lastByte), cause);
    }

    @Test
    void equalTracesHaveEqualDigests() {
        List<TraceEvent> a = List.of(frame(10, "loss: random 10%", 4), new TimerEvent(11, "host-a", "retry"),
                new NoteEvent(12, "sw", "partition", "healed"));
        List<TraceEvent> b = List.of(frame(10, "loss: random 10%", 4), new TimerEvent(11, "host-a", "retry"),
                new NoteEvent(12, "sw", "partition", "healed"));
        assertThat(TraceDigest.of(a)).isEqualTo(TraceDigest.of(b)).hasSize(64);
    }

    @Test
    void anyDifferenceInTimeBytesCauseOrOrderChangesTheDigest() {
        String base = TraceDigest.of(List.of(frame(10, "c", 4), frame(11, "c", 4)));
        assertThat(TraceDigest.of(List.of(frame(10, "c", 4), frame(12, "c", 4)))).isNotEqualTo(base);
        assertThat(TraceDigest.of(List.of(frame(10, "c", 4), frame(11, "c", 5)))).isNotEqualTo(base);
        assertThat(TraceDigest.of(List.of(frame(10, "c", 4), frame(11, "d", 4)))).isNotEqualTo(base);
        assertThat(TraceDigest.of(List.of(frame(10, "c", 4), frame(11, null, 4)))).isNotEqualTo(base);
        assertThat(TraceDigest.of(List.of(frame(11, "c", 4), frame(10, "c", 4)))).isNotEqualTo(base);
        // Field boundaries count: "ab"+"c" is not "a"+"bc".
        assertThat(TraceDigest.of(List.of(new NoteEvent(1, "ab", "c", "x"))))
                .isNotEqualTo(TraceDigest.of(List.of(new NoteEvent(1, "a", "bc", "x"))));
    }

    @Test
    void incrementalDigestMatchesTheRecordersAndCanBeReadMidway() {
        TraceDigest d = new TraceDigest();
        TraceRecorder r = new TraceRecorder();
        for (TraceEvent e : List.of(frame(1, "a", 1), frame(2, "b", 2))) {
            d.accept(e);
            r.accept(e);
        }
        String midway = d.hex();
        assertThat(midway).isEqualTo(r.digest()).isEqualTo(d.hex());
        d.accept(frame(3, "c", 3));
        assertThat(d.hex()).isNotEqualTo(midway);
        assertThat(d.events()).isEqualTo(3);
    }

    @Test
    void recorderFiltersByKindPlaceAndType() {
        TraceRecorder r = new TraceRecorder();
        FrameEvent sent = new FrameEvent(1, Kind.SENT, "host-a", 1, 0, Bytes.of(1), null);
        FrameEvent dropped = frame(2, "x", 1);
        NoteEvent note = new NoteEvent(3, "sw", "link", "down");
        r.accept(sent);
        r.accept(dropped);
        r.accept(note);
        assertThat(r.frames()).containsExactly(sent, dropped);
        assertThat(r.frames(Kind.DROPPED)).containsExactly(dropped);
        assertThat(r.frames(Kind.DROPPED, "host-a")).isEmpty();
        assertThat(r.count(Kind.SENT)).isEqualTo(1);
        assertThat(r.ofType(NoteEvent.class)).containsExactly(note);
        r.clear();
        assertThat(r.size()).isZero();
    }

    @Test
    void eventsRefuseMissingFields() {
        assertThatThrownBy(() -> new FrameEvent(1, null, "p", 1, 0, Bytes.EMPTY, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind is missing");
        assertThatThrownBy(() -> new NoteEvent(1, "p", null, "t")).isInstanceOf(IllegalArgumentException.class);
    }
}
