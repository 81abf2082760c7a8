package org.aoelab.bench.initiator;

import org.aoelab.disk.RamDisk;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.InitiatorConfig;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * Sequential read from a RAM-disk target to an initiator in virtual time, one thread (issue 5):
 * bytes of sector data delivered per second of wall-clock time, at MTU 9000 and 1500. The disk
 * is written first, so reads return real data; 8 requests of 1 MiB are kept in flight, as a
 * block layer's read-ahead would, each reading into its own reused buffer ({@code readInto}).
 *
 * <pre>
 * bench/java org.aoelab.bench.initiator.SequentialRead [MiB per round] [rounds]
 * </pre>
 */
public final class SequentialRead {

    /** The last round's rate per second of this thread's CPU time: what a quiet machine would give. */
    static double lastCpuMBps;

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int mtu : new int[] {9000, 1500}) {
            double best = 0;
            double bestCpu = 0;
            StringBuilder all = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                double mbps = round(mtu, mib);
                best = Math.max(best, mbps);
                bestCpu = Math.max(bestCpu, lastCpuMBps);
                all.append(String.format(" %.0f (%.0f per CPU-second)", mbps, lastCpuMBps));
            }
            System.out.printf("MTU %d: sequential read %d MiB per round, MB/s of wall time per round:%s;"
                    + " best %.0f MB/s wall, %.0f MB/s per CPU-second%n", mtu, mib, all, best, bestCpu);
        }
    }

    static double round(int mtu, int mib) {
        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        long sectors = (long) mib * 2048;
        RamDisk disk = new RamDisk(sectors);
        byte[] fill = new byte[1 << 20];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = (byte) (i * 31);
        }
        try {
            for (long s = 0; s < sectors; s += 2048) {
                disk.write(s, Bytes.adopt(fill));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        new AoeTarget(sim, sw, MacAddress.of(0x020000010001L), TargetConfig.of(1, 0), disk,
                PortOptions.DEFAULT.withMtu(mtu));
        AoeInitiator h = new AoeInitiator(sim, sw, "h1", MacAddress.of(0x020000020001L),
                InitiatorConfig.LINUX.withRediscoverNanos(0), PortOptions.DEFAULT.withMtu(mtu));
        h.start();
        sim.runUntil(() -> h.device(1, 0) != null && h.device(1, 0).isUp(), 10_000_000_000L);
        AoeDevice d = h.device(1, 0);
        long total = (long) mib << 20;
        long[] next = {0};
        long[] done = {0};
        int chunk = 1 << 20;
        byte[][] buffers = new byte[8][chunk];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < 8 && next[0] < total; i++) {
            issue(d, buffers[i], next, done, total, chunk);
        }
        sim.runUntil(() -> done[0] >= total, Long.MAX_VALUE / 4);
        long wall = System.nanoTime() - start;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        lastCpuMBps = total / (cpu / 1e9) / 1e6;
        return total / (wall / 1e9) / 1e6;
    }

    /** One read into {@code buffer}; when it completes the buffer goes to the next chunk. */
    private static void issue(AoeDevice d, byte[] buffer, long[] next, long[] done, long total, int chunk) {
        long at = next[0];
        next[0] += chunk;
        d.readInto(at, chunk, buffer, 0, res -> {
            if (!res.ok()) {
                throw new IllegalStateException("read failed: " + res);
            }
            done[0] += chunk;
            if (next[0] < total) {
                issue(d, buffer, next, done, total, chunk);
            }
        });
    }
}
