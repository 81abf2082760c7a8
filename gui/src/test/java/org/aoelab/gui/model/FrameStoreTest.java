package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.aoelab.wire.Bytes;
import org.junit.jupiter.api.Test;

class FrameStoreTest {

    private static Bytes frame(int len, int fill) {
        return Bytes.repeat(fill, len);
    }

    @Test
    void keepsEveryColumnOfEveryFrame() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1 << 20);
        s.append(1, 100, "h1", "t1", frame(60, 1), Fate.RETRANSMISSION, 0, null);
        s.append(2, 200, "t1", "h1", frame(70, 2), 0, 1, "why");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.time(2)).isEqualTo(200);
        assertThat(s.source(1)).isEqualTo("h1");
        assertThat(s.destination(1)).isEqualTo("t1");
        assertThat(s.frame(2)).isEqualTo(frame(70, 2));
        assertThat(s.length(1)).isEqualTo(60);
        assertThat(s.fate(1)).isEqualTo(Fate.RETRANSMISSION);
        assertThat(s.pair(2)).isEqualTo(1);
        assertThat(s.cause(2)).isEqualTo("why");
        assertThat(s.cause(1)).isNull();
        assertThat(s.names()).containsExactly("h1", "t1");
        assertThat(s.bytes()).isEqualTo(130);
    }

    @Test
    void fatesAccumulateAndTheFirstCauseStays() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1 << 20);
        s.append(1, 0, "h1", "t1", frame(60, 0), 0, 0, null);
        assertThat(s.addFate(1, Fate.DROPPED, "loss: random 10%")).isTrue();
        s.addFate(1, Fate.DUPLICATED, "duplicate 5%");
        assertThat(s.fate(1)).isEqualTo(Fate.DROPPED | Fate.DUPLICATED);
        assertThat(s.cause(1)).isEqualTo("loss: random 10%");
        assertThat(s.addFate(99, Fate.DELIVERED, null)).isFalse();
    }

    @Test
    void framesKeepTheirBytesWhenTheArenaGrows() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1L << 30);
        Bytes first = null;
        for (int i = 1; i <= 2000; i++) {
            s.append(i, i, "a", "b", frame(1000, i & 0xFF), 0, 0, null);
            if (i == 1) first = s.frame(1);
        }
        assertThat(first).isEqualTo(frame(1000, 1));
        assertThat(s.frame(1)).isEqualTo(frame(1000, 1));
        assertThat(s.frame(2000)).isEqualTo(frame(1000, 2000 & 0xFF));
    }

    @Test
    void aSnapshotKeepsItsFramesWhileTheStoreGoesOnAndDropsThem() {
        FrameStore s = new FrameStore(2L * FrameStore.SEGMENT, 1L << 30);
        int n = FrameStore.SEGMENT + 100;
        for (int i = 1; i <= n; i++) s.append(i, i * 10L, i % 2 == 0 ? "h1" : "t1", "x", frame(60 + i % 7, i & 0xFF), 0, 0, null);
        FrameStore.Snapshot snap = s.snapshot();
        for (int i = n + 1; i <= 4 * FrameStore.SEGMENT; i++) s.append(i, i * 10L, "later", "x", frame(90, 0xEE), 0, 0, null);
        assertThat(s.firstSeq()).isGreaterThan(n); // everything the snapshot holds has left the store
        assertThat(snap.firstSeq()).isEqualTo(1);
        assertThat(snap.nextSeq()).isEqualTo(n + 1);
        assertThat(snap.size()).isEqualTo(n);
        for (int i = 1; i <= n; i++) {
            assertThat(snap.time(i)).isEqualTo(i * 10L);
            assertThat(snap.source(i)).isEqualTo(i % 2 == 0 ? "h1" : "t1");
            assertThat(snap.frame(i)).isEqualTo(frame(60 + i % 7, i & 0xFF));
        }
        assertThatThrownBy(() -> snap.frame(n + 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("not in the snapshot");
    }

    @Test
    void withSparesMadeAheadTheFramesAreTheSame() {
        FrameStore plain = new FrameStore(2L * FrameStore.SEGMENT, 1L << 30);
        FrameStore spared = new FrameStore(2L * FrameStore.SEGMENT, 1L << 30, true);
        int n = 3 * FrameStore.SEGMENT + 77; // across segments, chunks, and an eviction
        for (int i = 1; i <= n; i++) {
            Bytes f = frame(i % 3 == 0 ? 1060 : 60, i & 0xFF);
            plain.append(i, i, "h" + (i % 4), "t1", f, 0, 0, null);
            spared.append(i, i, "h" + (i % 4), "t1", f, 0, 0, null);
        }
        assertThat(spared.firstSeq()).isEqualTo(plain.firstSeq()).isGreaterThan(1);
        assertThat(spared.bytes()).isEqualTo(plain.bytes());
        for (long q = spared.firstSeq(); q < spared.nextSeq(); q++) {
            assertThat(spared.frame(q)).isEqualTo(plain.frame(q));
            assertThat(spared.source(q)).isEqualTo(plain.source(q));
            assertThat(spared.time(q)).isEqualTo(q);
        }
    }

    /** Frame {@code seq}: its number in the first 8 bytes, then {@code seq & 0xFF}; 60 to 9,000 bytes long. */
    private static Bytes numbered(long seq) {
        int len = seq % 5 == 0 ? 9000 : seq % 2 == 0 ? 1060 : 60;
        byte[] b = new byte[len];
        java.util.Arrays.fill(b, (byte) seq);
        for (int k = 0; k < 8; k++) b[k] = (byte) (seq >>> (56 - 8 * k));
        return Bytes.adopt(b);
    }

    @Test
    void droppedSegmentsHoldTheNextFramesAndEveryFrameReadsBackRight() {
        FrameStore s = new FrameStore(1_000_000, 48L << 20);
        long n = 12L * FrameStore.SEGMENT;
        for (long q = 1; q <= n; q++) {
            s.append(q, q, "a", "b", q == 50_000 ? Bytes.repeat(7, 5 << 20) : numbered(q), 0, 0, null); // one frame larger than a chunk
        }
        assertThat(s.evicted()).isGreaterThan(5L * FrameStore.SEGMENT);
        assertThat(s.recycledChunks()).isGreaterThan(20);
        assertThat(s.bytes()).isLessThanOrEqualTo(48L << 20);
        for (long q = s.firstSeq(); q < s.nextSeq(); q++) {
            assertThat(s.view(q)).isEqualTo(numbered(q));
            assertThat(s.time(q)).isEqualTo(q);
            assertThat(s.cause(q)).isNull();
        }
    }

    @Test
    void aCopyKeepsItsBytesWhenItsMemoryHoldsOtherFrames() {
        FrameStore s = new FrameStore(1_000_000, 1 << 20);
        s.append(1, 1, "a", "b", numbered(1), 0, 0, "first");
        Bytes kept = s.frame(1);
        long q = 2;
        while (s.recycledChunks() < 3) {
            s.append(q, q, "a", "b", numbered(q), 0, 0, null);
            q++;
        }
        assertThat(s.contains(1)).isFalse();
        assertThat(kept).isEqualTo(numbered(1));
        assertThat(s.cause(s.firstSeq())).isNull(); // a recycled segment forgets its causes
    }

    @Test
    void anOpenSnapshotKeepsItsMemoryFromBeingRecycledUntilClosed() {
        // segments of about 37 MB (ten chunks), two or three retained; at most 16 + 1 chunks wait to be reused
        FrameStore s = new FrameStore(1_000_000, 96L << 20);
        long q = 1;
        for (; q <= 4L * FrameStore.SEGMENT; q++) s.append(q, q, "a", "b", numbered(q), 0, 0, null);
        FrameStore.Snapshot snap = s.snapshot();
        long recycled = s.recycledChunks();
        long snapFirst = snap.firstSeq();
        for (long end = q + 4L * FrameStore.SEGMENT; q < end; q++) s.append(q, q, "a", "b", numbered(q), 0, 0, null);
        assertThat(s.firstSeq()).isGreaterThan(snap.nextSeq()); // all of it has left the store
        // only chunks already waiting when the snapshot was taken were reused, none of the ~40 dropped since
        assertThat(s.recycledChunks() - recycled).isLessThanOrEqualTo(17);
        for (long k = snapFirst; k < snap.nextSeq(); k++) assertThat(snap.frame(k)).isEqualTo(numbered(k));
        snap.close();
        snap.close(); // once is enough
        recycled = s.recycledChunks();
        for (long end = q + 4L * FrameStore.SEGMENT; q < end; q++) s.append(q, q, "a", "b", numbered(q), 0, 0, null);
        assertThat(s.recycledChunks() - recycled).isGreaterThan(20);
        assertThatThrownBy(() -> snap.frame(snapFirst)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the snapshot is closed");
        for (long k = s.firstSeq(); k < s.nextSeq(); k++) assertThat(s.view(k)).isEqualTo(numbered(k));
    }

    @Test
    void dropsTheOldestSegmentWhenFullOfFrames() {
        FrameStore s = new FrameStore(2L * FrameStore.SEGMENT, 1L << 30);
        int n = 2 * FrameStore.SEGMENT + 10;
        for (int i = 1; i <= n; i++) s.append(i, i, "a", "b", frame(60, 0), 0, 0, null);
        assertThat(s.firstSeq()).isEqualTo(FrameStore.SEGMENT + 1);
        assertThat(s.nextSeq()).isEqualTo(n + 1);
        assertThat(s.size()).isEqualTo(FrameStore.SEGMENT + 10);
        assertThat(s.evicted()).isEqualTo(FrameStore.SEGMENT);
        assertThat(s.contains(1)).isFalse();
        assertThat(s.time(n)).isEqualTo(n);
        assertThatThrownBy(() -> s.time(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("not retained");
    }

    @Test
    void dropsTheOldestSegmentWhenFullOfBytes() {
        FrameStore s = new FrameStore(1_000_000, 1 << 20);
        int n = 2 * FrameStore.SEGMENT;
        for (int i = 1; i <= n; i++) s.append(i, i, "a", "b", frame(60, 0), 0, 0, null);
        assertThat(s.bytes()).isLessThanOrEqualTo(1 << 20);
        assertThat(s.evicted()).isPositive();
        assertThat(s.nextSeq()).isEqualTo(n + 1);
    }

    @Test
    void refusesFramesOutOfOrderAndSillyLimits() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1 << 20);
        assertThatThrownBy(() -> s.append(2, 0, "a", "b", frame(60, 0), 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("frame number is 2, expected 1");
        assertThatThrownBy(() -> new FrameStore(10, 1 << 20)).hasMessageContaining("maxFrames is 10");
        assertThatThrownBy(() -> new FrameStore(FrameStore.SEGMENT, 10)).hasMessageContaining("maxBytes is 10");
    }

    @Test
    void clearStartsNumberingAgain() {
        FrameStore s = new FrameStore(FrameStore.SEGMENT, 1 << 20);
        s.append(1, 0, "a", "b", frame(60, 0), 0, 0, null);
        s.clear();
        assertThat(s.size()).isZero();
        assertThat(s.nextSeq()).isEqualTo(1);
        s.append(1, 5, "c", "d", frame(60, 0), 0, 0, null);
        assertThat(s.source(1)).isEqualTo("c");
    }
}
