package org.aoelab.gui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aoelab.trace.PcapReader;
import org.aoelab.trace.PcapRecord;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * Reads a capture file (pcap or pcapng) on its own thread and hands its frames over through the
 * {@link UpdateRing}, as a simulation would: the frame list, decode, ladder and charts work the
 * same on both. Times are shown from the first frame. A sender named in a packet comment
 * ({@code "from h1"}, as {@code aoelab run --pcap} writes) names the frame's source; otherwise
 * its MAC does. An answer is paired with the request of the same tag from the MAC it is sent to;
 * a request repeating an unanswered one (same sender, target, command and arguments, new tag) is
 * marked as a retransmission.
 */
public final class PcapLoader implements AutoCloseable {
    /** Requests remembered for pairing and retransmission detection. */
    static final int REMEMBERED = 1 << 16;

    private final Path file;
    private final UpdateRing ring;
    private final Thread thread;
    private volatile boolean closed;

    private PcapLoader(Path file, UpdateRing ring) {
        this.file = file;
        this.ring = ring;
        this.thread = new Thread(this::load, "aoelab-pcap");
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code file} in the background. */
    public static PcapLoader start(Path file, UpdateRing ring) {
        PcapLoader l = new PcapLoader(file, ring);
        l.thread.start();
        return l;
    }

    /** Reads {@code file} on the calling thread (tests, benchmarks). */
    public static void loadNow(Path file, UpdateRing ring) {
        new PcapLoader(file, ring).load();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void load() {
        if (!ring.put(new Update.Reset(String.valueOf(file.getFileName()), 0, false))) return;
        ring.put(new Update.Topology(java.util.List.of()));
        ring.put(new Update.Clock(0, 0, 0, PlayState.LOADING));
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> requests = lru();
        Map<Long, Long> unanswered = lru();
        Map<Long, Long> contentOf = lru();
        long seq = 0;
        long t0 = -1;
        long t = 0;
        try (PcapReader r = PcapReader.open(file)) {
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                if (closed) return;
                Bytes b = rec.frame();
                if (t0 < 0) t0 = rec.timeNanos();
                t = rec.timeNanos() - t0;
                seq++;
                String src = "";
                String dst = "";
                if (b.length() >= 12) {
                    long s = b.u48(6);
                    String named = rec.comment() != null && rec.comment().startsWith("from ") ? rec.comment().substring(5).trim() : null;
                    if (named != null) names.putIfAbsent(s, named);
                    src = named != null ? named : names.getOrDefault(s, MacAddress.of(s).toString());
                    long d = b.u48(0);
                    dst = d == MacAddress.BROADCAST.value() ? "broadcast" : names.getOrDefault(d, MacAddress.of(d).toString());
                }
                int fate = Fate.CAPTURED;
                long pair = 0;
                if (b.length() >= 24 && b.u16(12) == 0x88A2) {
                    int flags = b.u8(14);
                    if ((flags & 0x04) != 0) fate |= Fate.ERROR;
                    long tag = b.u32(20);
                    if ((flags & 0x08) == 0) {
                        long content = content(b);
                        Long earlier = unanswered.get(content);
                        if (earlier != null && b.u16(16) != 0xFFFF) fate |= Fate.RETRANSMISSION;
                        unanswered.put(content, seq);
                        contentOf.put(seq, content);
                        requests.put(requestKey(b.u48(6), tag), seq);
                    } else {
                        Long req = requests.remove(requestKey(b.u48(0), tag));
                        if (req != null) {
                            pair = req;
                            Long content = contentOf.remove(req);
                            if (content != null) unanswered.remove(content);
                        }
                    }
                }
                if (!ring.put(new Update.Frame(seq, t, src, dst, b, fate, pair))) return;
                if ((seq & 0xFFFF) == 0) ring.put(new Update.Clock(t, seq, 0, PlayState.LOADING));
            }
        } catch (IOException | RuntimeException e) {
            ring.put(new Update.Problem("cannot read " + file + ": " + e.getMessage()));
        }
        ring.put(new Update.Clock(t, seq, 0, PlayState.LOADED));
    }

    /** A 64-bit hash of a request without its tag: addresses, header and the start of its argument. */
    static long content(Bytes b) {
        long h = 0xcbf29ce484222325L;
        int end = Math.min(b.length(), 36);
        for (int i = 0; i < end; i++) {
            if (i >= 20 && i < 24) continue; // the tag
            h = (h ^ b.u8(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** The requester's MAC and the tag, mixed into one number. */
    static long requestKey(long mac, long tag) {
        return mac * 0x9E3779B97F4A7C15L + tag;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > REMEMBERED;
            }
        };
    }
}
