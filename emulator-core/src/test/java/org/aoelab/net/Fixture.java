package org.aoelab.net;

import java.util.ArrayList;
import java.util.List;

import org.aoelab.sim.Alarm;
import org.aoelab.sim.Simulation;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * A switch, hosts that record what they receive, and numbered test frames (EtherType 0x88B5,
 * IEEE's local experimental type) carrying a sequence number in payload bytes 0-7.
 */
final class Fixture {
    static final int TEST_TYPE = 0x88B5;

    final Simulation sim;
    final VirtualSwitch sw;

    Fixture(long seed) {
        sim = new Simulation(seed);
        sw = new VirtualSwitch(sim, "sw");
    }

    Host host(String name, long macNumber) {
        return host(name, macNumber, PortOptions.DEFAULT);
    }

    Host host(String name, long macNumber, PortOptions options) {
        Host h = new Host(sim);
        h.nic = sw.connect(name, MacAddress.local(macNumber), h::receive, options);
        return h;
    }

    /** A frame of {@code length} bytes (at least 22) from {@code src} to {@code dst} numbered {@code seq}. */
    static Bytes frame(MacAddress dst, MacAddress src, long seq, int length) {
        byte[] b = new byte[Math.max(length, 22)];
        dst.writeTo(b, 0);
        src.writeTo(b, 6);
        b[12] = (byte) (TEST_TYPE >>> 8);
        b[13] = (byte) TEST_TYPE;
        for (int i = 0; i < 8; i++) b[14 + i] = (byte) (seq >>> (56 - 8 * i));
        for (int i = 22; i < b.length; i++) b[i] = (byte) (i * 7 + seq);
        return Bytes.adopt(b);
    }

    static long seq(Bytes frame) {
        return frame.u32(14) << 32 | frame.u32(18);
    }

    /**
     * Sends {@code count} frames numbered 0.. from {@code from} to {@code to}, one every
     * {@code spacing} ns starting now; the send time of frame i is {@code sentAt[i]}.
     */
    static long[] sendEvery(Simulation sim, Host from, MacAddress to, int count, long spacing, int length) {
        long[] sentAt = new long[count];
        int[] next = {0};
        Alarm[] alarm = new Alarm[1];
        alarm[0] = sim.alarm(() -> {
            int i = next[0]++;
            sentAt[i] = sim.now();
            from.nic.send(frame(to, from.nic.mac(), i, length));
            if (next[0] < count) alarm[0].setAfter(spacing);
        });
        alarm[0].setAfter(0);
        return sentAt;
    }

    /** A node that records every frame delivered to it and when. */
    static final class Host {
        private final Simulation sim;
        Nic nic;
        final List<Bytes> frames = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        Host(Simulation sim) {
            this.sim = sim;
        }

        void receive(Bytes frame) {
            frames.add(frame);
            times.add(sim.now());
        }

        MacAddress mac() {
            return nic.mac();
        }

        long[] seqs() {
            long[] out = new long[frames.size()];
            for (int i = 0; i < out.length; i++) out[i] = seq(frames.get(i));
            return out;
        }
    }
}
