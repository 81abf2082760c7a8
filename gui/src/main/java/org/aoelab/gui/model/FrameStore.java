package org.aoelab.gui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.aoelab.wire.Bytes;

/**
 * The frames the GUI shows, column by column, in segments of {@value #SEGMENT} frames.
 *
 * <p>Retention policy: the store keeps the newest frames up to {@code maxFrames} frames and
 * {@code maxBytes} bytes of frame data, whichever limit is reached first; when a new frame would
 * pass a limit, the oldest whole segment is dropped (so eviction costs the same whatever the
 * number of frames). Frame numbers ({@code seq}) are never reused: after an eviction the first
 * retained number is simply larger than 1. A frame's bytes are copied into its segment's arena,
 * so the store holds a few large arrays rather than one object per frame.
 *
 * <p>Memory is recycled: a dropped segment's columns and frame chunks hold the frames that come
 * next, unless a {@link Snapshot} is open (it may still be reading them). So {@link #view} gives
 * bytes to read on the spot, and {@link #frame} a copy to keep.
 *
 * <p>Not thread-safe: one thread (the FX thread) appends and reads; a snapshot may be read and
 * closed on another.
 */
public final class FrameStore {
    /** Frames per segment, the unit of eviction. */
    public static final int SEGMENT = 1 << 14;

    private final long maxFrames;
    private final long maxBytes;
    private final Spares spares;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIndex = new HashMap<>();
    private Segment[] segments = new Segment[16];
    private int head;   // index in segments of the oldest segment
    private int count;  // segments in use
    private long firstSeq = 1;
    private long nextSeq = 1;
    private long bytes;
    private long evicted;
    // recycling: what dropped segments leave for the next ones (see evictOldest)
    private final AtomicInteger openSnapshots = new AtomicInteger();
    private final ArrayDeque<byte[]> freeChunks = new ArrayDeque<>();
    private final ArrayDeque<byte[]> freeFirstChunks = new ArrayDeque<>();
    private final int maxFreeChunks;
    private Segment freeSegment;
    private long recycledChunks;

    /**
     * @param maxFrames most frames kept, at least one segment's worth
     * @param maxBytes  most bytes of frame data kept
     */
    public FrameStore(long maxFrames, long maxBytes) {
        this(maxFrames, maxBytes, false);
    }

    /**
     * @param spares true to have new segments and frame chunks made ahead on a thread of their own
     *               (see {@link Spares}): the window's store, fed on the FX thread, uses it
     */
    public FrameStore(long maxFrames, long maxBytes, boolean spares) {
        if (maxFrames < SEGMENT) {
            throw new IllegalArgumentException("maxFrames is " + maxFrames + ", expected at least " + SEGMENT);
        }
        if (maxBytes < 1 << 20) {
            throw new IllegalArgumentException("maxBytes is " + maxBytes + ", expected at least 1 MiB (1048576)");
        }
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.spares = spares ? new Spares(this) : null;
        // a dropped segment's chunks are taken again as the next one fills; a quarter of the byte
        // limit (32 chunks of 512 MiB) bounds what a segment of jumbo frames (up to 36) leaves idle
        this.maxFreeChunks = (int) Math.max(16, Math.min(1024, maxBytes / 4 / Segment.CHUNK));
    }

    /**
     * Fresh memory costs its first touch: a new 4 MiB frame chunk, zeroed by the thread that
     * allocates it, took that thread 13-30 ms of page faults on a virtual machine, and a new
     * segment's columns a few more. Spares keeps one segment and two chunks made ahead by a daemon
     * thread of its own, so the appending thread only takes them; when none is ready it allocates
     * as before. Once the store is full, dropped segments' memory is recycled instead, and the
     * maker sleeps.
     */
    static final class Spares {
        private final java.util.concurrent.ArrayBlockingQueue<byte[]> chunks = new java.util.concurrent.ArrayBlockingQueue<>(2);
        private final java.util.concurrent.ArrayBlockingQueue<Segment> segments = new java.util.concurrent.ArrayBlockingQueue<>(1);
        private final java.lang.ref.WeakReference<FrameStore> owner; // the maker ends once its store is gone
        private Thread maker;

        Spares(FrameStore owner) {
            this.owner = new java.lang.ref.WeakReference<>(owner);
        }

        byte[] chunk() {
            start();
            byte[] c = chunks.poll();
            if (c == null) return new byte[Segment.CHUNK];
            java.util.concurrent.locks.LockSupport.unpark(maker); // make the next one
            return c;
        }

        Segment segment(long base) {
            start();
            Segment s = segments.poll();
            if (s == null) return new Segment(base);
            java.util.concurrent.locks.LockSupport.unpark(maker);
            s.base = base;
            return s;
        }

        private void start() {
            if (maker != null) return;
            maker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && owner.get() != null) {
                    boolean full = true;
                    if (segments.isEmpty()) {
                        Segment seg = new Segment(0);
                        seg.chunks.add(new byte[Segment.FIRST_CHUNK]); // its first chunk too
                        seg.views.add(null);
                        segments.offer(seg);
                        full = false;
                    }
                    if (chunks.remainingCapacity() > 0) {
                        chunks.offer(new byte[Segment.CHUNK]);
                        full = false;
                    }
                    // at most one segment and two chunks wait; the taker wakes this thread for more
                    if (full) java.util.concurrent.locks.LockSupport.parkNanos(this, 10_000_000_000L);
                }
            }, "aoelab-frame-store-spares");
            maker.setDaemon(true);
            maker.setPriority(Thread.MIN_PRIORITY);
            maker.start();
        }
    }

    /** Number of the oldest retained frame (1 until something is evicted). */
    public long firstSeq() {
        return firstSeq;
    }

    /** The number the next appended frame gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** Frames retained. */
    public int size() {
        return (int) (nextSeq - firstSeq);
    }

    /** Bytes of frame data retained. */
    public long bytes() {
        return bytes;
    }

    /**
     * Frame chunks (of about 4 MiB) taken from dropped segments rather than allocated, since the
     * start: the memory the store did not have to ask for again.
     */
    public long recycledChunks() {
        return recycledChunks;
    }

    /** Frames dropped by the retention policy since the start. */
    public long evicted() {
        return evicted;
    }

    public long maxFrames() {
        return maxFrames;
    }

    public boolean contains(long seq) {
        return seq >= firstSeq && seq < nextSeq;
    }

    /** Forgets everything; numbering starts again at 1. */
    public void clear() {
        Arrays.fill(segments, null);
        head = 0;
        count = 0;
        firstSeq = 1;
        nextSeq = 1;
        bytes = 0;
        evicted = 0;
        names.clear();
        nameIndex.clear();
        lastName = null;
        otherName = null;
    }

    /**
     * Appends a frame and returns its number, which must be {@link #nextSeq()} (the producer
     * numbers frames so later fate updates can name them).
     *
     * @return how many old frames were evicted to make room (0 mostly)
     */
    public int append(long seq, long time, String source, String destination, Bytes frame, int fate, long pairSeq,
                      String cause) {
        if (seq != nextSeq) {
            throw new IllegalArgumentException("frame number is " + seq + ", expected " + nextSeq);
        }
        int evictedNow = 0;
        int len = frame.length();
        while (count > 1 && (size() + 1 > maxFrames || bytes + len > maxBytes)) {
            evictedNow += evictOldest();
        }
        Segment s = count == 0 ? null : segments[(head + count - 1) % segments.length];
        if (s == null || s.count == SEGMENT) {
            s = addSegment(nextSeq);
        }
        int i = s.count;
        s.time[i] = time;
        s.src[i] = intern(source);
        s.dst[i] = intern(destination);
        s.fate[i] = fate;
        s.pair[i] = pairSeq;
        if (cause != null) s.cause(i, cause);
        s.put(i, frame);
        s.count++;
        bytes += len;
        nextSeq++;
        return evictedNow;
    }

    private Segment addSegment(long base) {
        if (count == segments.length) {
            Segment[] grown = new Segment[segments.length * 2];
            for (int k = 0; k < count; k++) grown[k] = segments[(head + k) % segments.length];
            segments = grown;
            head = 0;
        }
        Segment s;
        if (freeSegment != null) {
            s = freeSegment;
            freeSegment = null;
            s.base = base;
        } else {
            s = spares != null ? spares.segment(base) : new Segment(base);
        }
        s.store = this;
        segments[(head + count) % segments.length] = s;
        count++;
        return s;
    }

    private int evictOldest() {
        Segment s = segments[head];
        segments[head] = null;
        head = (head + 1) % segments.length;
        count--;
        bytes -= s.arenaUsed;
        firstSeq = s.base + s.count;
        evicted += s.count;
        int dropped = s.count;
        // Nothing outside the store holds a segment's memory but a snapshot (views are read on the
        // spot, frame() copies), so with none open the next frames may overwrite it. A snapshot
        // taken later cannot include this segment; one open now makes its memory the collector's.
        if (openSnapshots.get() == 0) recycle(s);
        return dropped;
    }

    private void recycle(Segment s) {
        for (byte[] c : s.chunks) {
            if (c.length == Segment.CHUNK && freeChunks.size() < maxFreeChunks) freeChunks.push(c);
            else if (c.length == Segment.FIRST_CHUNK && freeFirstChunks.isEmpty()) freeFirstChunks.push(c);
        }
        if (freeSegment == null) {
            s.reset();
            freeSegment = s;
        }
    }

    /** A chunk for frame bytes: a dropped segment's, one made ahead, or a new one. */
    private byte[] newChunk() {
        byte[] c = freeChunks.poll();
        if (c != null) {
            recycledChunks++;
            return c;
        }
        return spares != null ? spares.chunk() : new byte[Segment.CHUNK];
    }

    private byte[] newFirstChunk() {
        byte[] c = freeFirstChunks.poll();
        if (c != null) {
            recycledChunks++;
            return c;
        }
        return new byte[Segment.FIRST_CHUNK];
    }

    private Segment segment(long seq) {
        if (seq < firstSeq || seq >= nextSeq) {
            throw new IndexOutOfBoundsException("frame " + seq + " is not retained (frames " + firstSeq + " to " + (nextSeq - 1) + ")");
        }
        Segment first = segments[head];
        int k = (int) ((seq - first.base) / SEGMENT);
        return segments[(head + k) % segments.length];
    }

    public long time(long seq) {
        Segment s = segment(seq);
        return s.time[(int) (seq - s.base)];
    }

    public String source(long seq) {
        Segment s = segment(seq);
        return names.get(s.src[(int) (seq - s.base)]);
    }

    public String destination(long seq) {
        Segment s = segment(seq);
        return names.get(s.dst[(int) (seq - s.base)]);
    }

    public int fate(long seq) {
        Segment s = segment(seq);
        return s.fate[(int) (seq - s.base)];
    }

    /** The frame this one answers or is answered by, or 0. */
    public long pair(long seq) {
        Segment s = segment(seq);
        return s.pair[(int) (seq - s.base)];
    }

    /** Why it was dropped, duplicated or held, or null. */
    public String cause(long seq) {
        Segment s = segment(seq);
        return s.causes == null ? null : s.causes[(int) (seq - s.base)];
    }

    /** A copy of frame {@code seq}'s bytes, to keep. */
    public Bytes frame(long seq) {
        Segment s = segment(seq);
        int i = (int) (seq - s.base);
        return Bytes.copyOf(s.chunks.get(Segment.chunk(s.where[i])), Segment.offset(s.where[i]), s.len[i]);
    }

    /**
     * Frame {@code seq}'s bytes in the store, without a copy, to read on the spot: they are only
     * good until the next {@link #append} or {@link #clear}, which may recycle the memory behind
     * them for other frames. Use {@link #frame} for bytes to keep.
     */
    public Bytes view(long seq) {
        Segment s = segment(seq);
        return s.get((int) (seq - s.base));
    }

    public int length(long seq) {
        Segment s = segment(seq);
        return s.len[(int) (seq - s.base)];
    }

    /** Adds fate bits (and a cause, when given and none is recorded yet); false when the frame is no longer retained. */
    public boolean addFate(long seq, int bits, String cause) {
        if (!contains(seq)) return false;
        Segment s = segment(seq);
        int i = (int) (seq - s.base);
        s.fate[i] |= bits;
        if (cause != null && (s.causes == null || s.causes[i] == null)) s.cause(i, cause);
        return true;
    }

    /** Links a request and its answer both ways (either may already be evicted). */
    public void pair(long a, long b) {
        if (contains(a)) {
            Segment s = segment(a);
            s.pair[(int) (a - s.base)] = b;
        }
        if (contains(b)) {
            Segment s = segment(b);
            s.pair[(int) (b - s.base)] = a;
        }
    }

    /** Sets a frame's destination (once delivery says where it went). */
    public void destination(long seq, String destination) {
        if (!contains(seq)) return;
        Segment s = segment(seq);
        s.dst[(int) (seq - s.base)] = intern(destination);
    }

    /** Every node or address name seen as a source or destination, in order of appearance. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /**
     * The retained frames as they are now, readable from another thread while this store goes on
     * taking frames (and dropping old ones): exporting a million frames need not hold up the FX
     * thread. Taking one copies a few references per segment; what it reads (times, sources and
     * frame bytes of frames already appended) is not written again until it is closed: while any
     * snapshot is open, dropped segments are left to the garbage collector instead of recycled.
     * Close it when done (it is {@link AutoCloseable}).
     */
    public Snapshot snapshot() {
        openSnapshots.incrementAndGet();
        Segment[] segs = new Segment[count];
        int[] counts = new int[count];
        List<List<byte[]>> chunks = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Segment seg = segments[(head + k) % segments.length];
            segs[k] = seg;
            counts[k] = seg.count;
            chunks.add(List.copyOf(seg.chunks));
        }
        return new Snapshot(this, segs, counts, chunks, List.copyOf(names), firstSeq, nextSeq);
    }

    /** See {@link #snapshot()}. */
    public static final class Snapshot implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final FrameStore store;
        private final Segment[] segments;
        private final int[] counts;
        private final List<List<byte[]>> chunks;
        private final List<String> names;
        private final long firstSeq;
        private final long nextSeq;

        private Snapshot(FrameStore store, Segment[] segments, int[] counts, List<List<byte[]>> chunks, List<String> names,
                         long firstSeq, long nextSeq) {
            this.store = store;
            this.segments = segments;
            this.counts = counts;
            this.chunks = chunks;
            this.names = names;
            this.firstSeq = firstSeq;
            this.nextSeq = nextSeq;
        }

        public long firstSeq() {
            return firstSeq;
        }

        public long nextSeq() {
            return nextSeq;
        }

        public long size() {
            return nextSeq - firstSeq;
        }

        /** Lets the store recycle what this snapshot reads (once no other is open); reading after it is an error. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) store.openSnapshots.decrementAndGet();
        }

        private int index(long seq) {
            if (!open.get()) throw new IllegalStateException("the snapshot is closed");
            if (seq < firstSeq || seq >= nextSeq) {
                throw new IndexOutOfBoundsException("frame " + seq + " is not in the snapshot (frames " + firstSeq + " to "
                        + (nextSeq - 1) + ")");
            }
            return (int) ((seq - segments[0].base) / SEGMENT);
        }

        public long time(long seq) {
            Segment s = segments[index(seq)];
            return s.time[(int) (seq - s.base)];
        }

        public String source(long seq) {
            Segment s = segments[index(seq)];
            return names.get(s.src[(int) (seq - s.base)]);
        }

        /** Frame {@code seq}'s bytes, good while this snapshot is open. */
        public Bytes frame(long seq) {
            int k = index(seq);
            Segment s = segments[k];
            int i = (int) (seq - s.base);
            if (i >= counts[k]) throw new IndexOutOfBoundsException("frame " + seq + " came after the snapshot");
            int off = Segment.offset(s.where[i]);
            return Bytes.adopt(chunks.get(k).get(Segment.chunk(s.where[i]))).slice(off, off + s.len[i]);
        }
    }

    private String lastName;
    private int lastIndex;

    private String otherName;
    private int otherIndex;

    private int intern(String name) {
        String n = name == null ? "" : name;
        if (n == lastName) return lastIndex; // the same node sends frame after frame
        if (n == otherName) { // or two take turns: a request, its answer
            String t = lastName;
            int ti = lastIndex;
            lastName = otherName;
            lastIndex = otherIndex;
            otherName = t;
            otherIndex = ti;
            return lastIndex;
        }
        Integer i = nameIndex.get(n);
        if (i == null) {
            i = names.size();
            names.add(n);
            nameIndex.put(n, i);
        }
        otherName = lastName;
        otherIndex = lastIndex;
        lastName = n;
        lastIndex = i;
        return i;
    }

    /**
     * One segment's frames. Frame bytes go into chunks: a little under 1 MiB for the first (a
     * segment of minimum-size frames fits in it), a little under 4 MiB after that; a frame larger
     * than a chunk gets one of its own. Chunks this large are allocated straight into the old
     * generation by the G1 collector ("humongous" objects), so the frames kept are not copied by
     * young collections while frames stream in; "a little under" keeps a chunk from spilling into
     * one more G1 region than it needs.
     */
    private static final class Segment {
        static final int FIRST_CHUNK = (1 << 20) - (32 << 10);
        static final int CHUNK = (4 << 20) - (32 << 10);
        static final int OFFSET_BITS = 23; // an offset in a shared chunk fits in 23 bits

        /** The chunk a {@code where} entry names. */
        static int chunk(long where) {
            return (int) (where >>> OFFSET_BITS);
        }

        /** The offset in its chunk a {@code where} entry names. */
        static int offset(long where) {
            return (int) (where & ((1 << OFFSET_BITS) - 1));
        }

        long base;
        FrameStore store; // where new chunks come from
        int count;
        final long[] time = new long[SEGMENT];
        final int[] src = new int[SEGMENT];
        final int[] dst = new int[SEGMENT];
        final int[] fate = new int[SEGMENT];
        final long[] pair = new long[SEGMENT];
        final long[] where = new long[SEGMENT]; // chunk << 20 | offset
        final int[] len = new int[SEGMENT];
        String[] causes;
        final java.util.ArrayList<byte[]> chunks = new java.util.ArrayList<>();
        final java.util.ArrayList<Bytes> views = new java.util.ArrayList<>();
        int used; // bytes used in the last chunk
        long arenaUsed;

        Segment(long base) {
            this.base = base;
        }

        /** Empties it for another life as a newer segment; its chunks have gone back to the store. */
        void reset() {
            count = 0;
            causes = null;
            chunks.clear();
            views.clear();
            used = 0;
            arenaUsed = 0;
        }

        void cause(int i, String cause) {
            if (causes == null) causes = new String[SEGMENT];
            causes[i] = cause;
        }

        void put(int i, Bytes frame) {
            int n = frame.length();
            byte[] chunk;
            if (n > CHUNK) {
                chunk = new byte[n];
                chunks.add(chunk);
                views.add(null);
                frame.copyTo(0, chunk, 0, n);
                where[i] = (long) (chunks.size() - 1) << OFFSET_BITS;
                used = n; // full: the next frame starts a new chunk
            } else {
                if (chunks.isEmpty() || used + n > chunks.get(chunks.size() - 1).length) {
                    chunks.add(chunks.isEmpty() ? store.newFirstChunk() : store.newChunk());
                    views.add(null);
                    used = 0;
                }
                chunk = chunks.get(chunks.size() - 1);
                frame.copyTo(0, chunk, used, n);
                where[i] = (long) (chunks.size() - 1) << OFFSET_BITS | used;
                used += n;
            }
            len[i] = n;
            arenaUsed += n;
        }

        Bytes get(int i) {
            int c = chunk(where[i]);
            int off = offset(where[i]);
            Bytes v = views.get(c);
            if (v == null) {
                // frames are only ever added after the bytes already in the chunk, which never change
                v = Bytes.adopt(chunks.get(c));
                views.set(c, v);
            }
            return v.slice(off, off + len[i]);
        }
    }
}
