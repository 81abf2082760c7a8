package org.aoelab.net;

import org.aoelab.sim.Simulation;
import org.aoelab.sim.TraceBus;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.FrameEvent.Kind;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.Bytes;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One direction of a link: applies its {@link Impairments} to each frame and delivers the
 * survivors at the far end. Random numbers come from named streams created on first use, one per
 * impairment, so changing the delay does not change which frames are lost.
 */
final class Direction {
    private final Simulation sim;
    private final TraceBus bus;
    private final Link link;
    private final String place;
    private final String streamPrefix;
    private final Lane.Arrival sink;
    final Impairments config;

    private final Lane delayLine;
    private final Lane express;

    private RandomGenerator lossRng;
    private RandomGenerator dupRng;
    private RandomGenerator reorderRng;
    private RandomGenerator corruptRng;
    private RandomGenerator jitterRng;
    private JitterSource jitter;

    /** Gilbert-Elliott: 0 good, 1 bad. Four-state: 1-4. */
    private int lossState;
    private int lossCause;
    private int reorderCounter;

    // The transmitter behind the rate limit: departure times and sizes of frames not yet gone.
    private long busyUntil;
    private long[] backlogDepart;
    private int[] backlogSize;
    private int backlogHead;
    private int backlogCount;
    private long backlogBytes;

    long offered;
    long delivered;
    long deliveredBytes;
    long lost;
    long downDrops;
    long queueDrops;
    long duplicated;
    long corrupted;
    long reordered;
    long queued;
    long undecodable;

    Direction(Simulation sim, Link link, String place, String streamPrefix, Lane.Arrival sink) {
        this.sim = sim;
        this.bus = sim.trace();
        this.link = link;
        this.place = place;
        this.streamPrefix = streamPrefix;
        this.sink = sink;
        this.config = new Impairments(this);
        this.delayLine = new Lane(sim, this::arrive);
        this.express = new Lane(sim, this::arrive);
        lossChanged();
    }

    String place() {
        return place;
    }

    /** A frame enters this direction now. */
    void transmit(Bytes frame, long id) {
        offered++;
        if (!link.isUp()) {
            downDrops++;
            if (bus.enabled()) emit(Kind.DROPPED, id, 0, frame, "link down");
            return;
        }
        Impairments c = config;
        if (c.duplicate > 0 && rng(1).nextDouble() < c.duplicate) {
            long copy = sim.nextId();
            duplicated++;
            if (bus.enabled()) emit(Kind.DUPLICATED, copy, id, frame, "duplicate " + Limits.percent(c.duplicate));
            pass(frame, id);
            pass(frame, copy);
        } else {
            pass(frame, id);
        }
    }

    private void pass(Bytes frame, long id) {
        Impairments c = config;
        if (c.loss != LossModel.NONE && lose(c.loss)) {
            lost++;
            if (bus.enabled()) emit(Kind.DROPPED, id, 0, frame, lossCause(c.loss));
            return;
        }
        if (c.corrupt > 0 && rng(3).nextDouble() < c.corrupt) frame = corrupt(frame, id, c);
        long now = sim.now();
        long depart = now;
        if (c.rate > 0) {
            depart = transmitter(frame, id, c, now);
            if (depart < 0) return;
        }
        if (c.reorder > 0 && reorderNow(c)) {
            reordered++;
            int overtaken = delayLine.size();
            long at = express.add(depart, frame, id);
            if (bus.enabled()) {
                emit(Kind.REORDERED, id, 0, frame, "reorder " + Limits.percent(c.reorder) + " gap " + c.gap
                        + ": skips the delay, arrives in " + Limits.duration(at - now) + ", ahead of " + overtaken
                        + " frame" + (overtaken == 1 ? "" : "s") + " in flight");
            }
            return;
        }
        long delay = c.delay;
        if (c.jitter > 0) {
            double d = c.delay + c.jitter * jitter(c).next();
            delay = d <= 0 ? 0 : d >= Limits.MAX_DELAY_NANOS ? Limits.MAX_DELAY_NANOS : Math.round(d);
        }
        delayLine.add(depart + delay, frame, id);
    }

    private void arrive(Bytes frame, long id) {
        delivered++;
        deliveredBytes += frame.length();
        sink.arrive(frame, id);
    }

    // ---- loss ----

    private boolean lose(LossModel model) {
        RandomGenerator r = rng(0);
        if (model instanceof LossModel.Bernoulli b) {
            return r.nextDouble() < b.p();
        }
        if (model instanceof LossModel.GilbertElliott ge) {
            // Decide in the current state, then move (netem's order).
            boolean bad = lossState == 1;
            boolean lose = r.nextDouble() < (bad ? ge.oneMinusH() : ge.oneMinusK());
            lossCause = lossState;
            if (bad) {
                if (r.nextDouble() < ge.r()) lossState = 0;
            } else if (r.nextDouble() < ge.p()) {
                lossState = 1;
            }
            return lose;
        }
        LossModel.FourState m = (LossModel.FourState) model;
        double u = r.nextDouble();
        switch (lossState) {
            case 1:
                if (u < m.p13()) lossState = 3;
                else if (u < m.p13() + m.p14()) lossState = 4;
                break;
            case 2:
                if (u < m.p23()) lossState = 3;
                break;
            case 3:
                if (u < m.p31()) lossState = 1;
                else if (u < m.p31() + m.p32()) lossState = 2;
                break;
            default:
                lossState = 1;
                break;
        }
        return lossState >= 3;
    }

    private String lossCause(LossModel model) {
        if (model instanceof LossModel.Bernoulli) return "loss: " + model;
        if (model instanceof LossModel.GilbertElliott) {
            return "loss: gilbert-elliott, " + (lossCause == 1 ? "bad" : "good") + " state (" + model + ")";
        }
        return "loss: 4-state, " + (lossState == 3 ? "burst (state 3)" : "isolated (state 4)") + " (" + model + ")";
    }

    void lossChanged() {
        lossState = config.loss instanceof LossModel.FourState ? 1 : 0;
    }

    // ---- corruption ----

    private Bytes corrupt(Bytes frame, long id, Impairments c) {
        int from = c.corruptFrom;
        int len = frame.length();
        if (len <= from) return frame;
        int regionBits = (len - from) * 8;
        int n = Math.min(c.corruptBits, regionBits);
        int[] chosen = new int[n];
        RandomGenerator r = rng(3);
        for (int i = 0; i < n; i++) {
            int bit;
            boolean again;
            do {
                bit = r.nextInt(regionBits);
                again = false;
                for (int j = 0; j < i; j++) again |= chosen[j] == bit;
            } while (again);
            chosen[i] = bit;
        }
        byte[] b = frame.toArray();
        for (int bit : chosen) b[from + (bit >>> 3)] ^= (byte) (1 << (bit & 7));
        Bytes out = Bytes.adopt(b);
        corrupted++;
        if (bus.enabled()) {
            StringBuilder cause = new StringBuilder("corrupt ").append(Limits.percent(c.corrupt)).append(": flipped ");
            java.util.Arrays.sort(chosen);
            for (int i = 0; i < n; i++) {
                if (i == 8) {
                    cause.append(", ... (").append(n).append(" bits)");
                    break;
                }
                if (i > 0) cause.append(", ");
                int bit = chosen[i];
                cause.append("bit ").append(bit & 7).append(" of byte ").append(from + (bit >>> 3));
            }
            emit(Kind.CORRUPTED, id, 0, out, cause.toString());
        }
        return out;
    }

    // ---- rate limit and queue ----

    /** The time the frame's last bit leaves, or -1 when it was tail-dropped. */
    private long transmitter(Bytes frame, long id, Impairments c, long now) {
        while (backlogCount > 0 && backlogDepart[backlogHead] <= now) {
            backlogBytes -= backlogSize[backlogHead];
            backlogHead = (backlogHead + 1) & (backlogDepart.length - 1);
            backlogCount--;
        }
        int len = frame.length();
        boolean framesFull = backlogCount >= c.queueFrames;
        if (framesFull || c.queueBytes > 0 && backlogBytes + len > c.queueBytes) {
            queueDrops++;
            if (bus.enabled()) {
                emit(Kind.DROPPED, id, 0, frame, "queue full (tail drop): " + backlogCount + " frames, " + backlogBytes
                        + " bytes waiting, limit " + (framesFull ? c.queueFrames + " frames" : c.queueBytes + " bytes")
                        + " at rate " + Limits.rate(c.rate));
            }
            return -1;
        }
        long start = Math.max(now, busyUntil);
        long bits = (len + (long) c.overhead) * 8L;
        long tx = (bits * 1_000_000_000L + c.rate - 1) / c.rate;
        long depart = start + tx;
        busyUntil = depart;
        if (start > now) {
            queued++;
            if (bus.enabled()) {
                emit(Kind.QUEUED, id, 0, frame, "rate " + Limits.rate(c.rate) + ": waits " + Limits.duration(start - now)
                        + " behind " + backlogCount + " frame" + (backlogCount == 1 ? "" : "s") + " (" + backlogBytes + " bytes)");
            }
        }
        if (backlogDepart == null || backlogCount == backlogDepart.length) growBacklog();
        int tail = (backlogHead + backlogCount) & (backlogDepart.length - 1);
        backlogDepart[tail] = depart;
        backlogSize[tail] = len;
        backlogCount++;
        backlogBytes += len;
        return depart;
    }

    private void growBacklog() {
        int n = backlogDepart == null ? 16 : backlogDepart.length * 2;
        long[] d = new long[n];
        int[] s = new int[n];
        for (int k = 0; k < backlogCount; k++) {
            int from = (backlogHead + k) & (backlogDepart.length - 1);
            d[k] = backlogDepart[from];
            s[k] = backlogSize[from];
        }
        backlogDepart = d;
        backlogSize = s;
        backlogHead = 0;
    }

    // ---- reordering and jitter ----

    private boolean reorderNow(Impairments c) {
        if (reorderCounter < c.gap - 1) {
            reorderCounter++;
            return false;
        }
        if (rng(2).nextDouble() < c.reorder) {
            reorderCounter = 0;
            return true;
        }
        reorderCounter++;
        return false;
    }

    void reorderChanged() {
        reorderCounter = 0;
    }

    private JitterSource jitter(Impairments c) {
        if (jitter == null) {
            if (jitterRng == null) jitterRng = sim.randoms().stream(streamPrefix + "jitter");
            jitter = new JitterSource(c.distribution, c.correlation, jitterRng);
        }
        return jitter;
    }

    void jitterChanged() {
        jitter = null;
    }

    /** Streams by purpose: 0 loss, 1 duplicate, 2 reorder, 3 corrupt. */
    private RandomGenerator rng(int which) {
        switch (which) {
            case 0:
                if (lossRng == null) lossRng = sim.randoms().stream(streamPrefix + "loss");
                return lossRng;
            case 1:
                if (dupRng == null) dupRng = sim.randoms().stream(streamPrefix + "duplicate");
                return dupRng;
            case 2:
                if (reorderRng == null) reorderRng = sim.randoms().stream(streamPrefix + "reorder");
                return reorderRng;
            default:
                if (corruptRng == null) corruptRng = sim.randoms().stream(streamPrefix + "corrupt");
                return corruptRng;
        }
    }

    // ---- link state ----

    /** The link went down: everything queued or in flight is lost. */
    void linkDown() {
        Lane.Arrival drop = (frame, id) -> {
            downDrops++;
            if (bus.enabled()) emit(Kind.DROPPED, id, 0, frame, "link down: frame was in flight");
        };
        express.clear(drop);
        delayLine.clear(drop);
        backlogCount = 0;
        backlogBytes = 0;
        busyUntil = sim.now();
    }

    void impairmentsChanged() {
        if (bus.enabled()) bus.publish(new NoteEvent(sim.now(), place, "impairments", config.toString()));
    }

    DirectionStats stats() {
        return new DirectionStats(offered, delivered, deliveredBytes, lost, downDrops, queueDrops, duplicated, corrupted,
                reordered, queued, undecodable);
    }

    private void emit(Kind kind, long id, long parent, Bytes frame, String cause) {
        bus.publish(new FrameEvent(sim.now(), kind, place, id, parent, frame, cause));
    }
}
