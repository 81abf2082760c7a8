package org.aoelab.bench.target;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.disk.RamDisk;
import org.aoelab.net.Nic;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.target.TargetEngine;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;

/**
 * Issue 4: 1,000 targets on one switch in one JVM. Measures start-up (creating the targets, each
 * with its own NIC, port, link and an empty 1 GiB sparse RAM disk, and running their
 * announcements until the network is idle; goal under 1 second) and the idle heap each target
 * costs beyond the data written (goal under 16 KiB), then one broadcast discovery answered by all.
 *
 * <p>Usage: {@code ManyTargets [targets] [rounds]}; the first rounds warm the JIT, the figures
 * printed last are from a fresh simulation each round. Tracing is off (nobody subscribes), as in
 * a scenario run without a GUI.
 */
public final class ManyTargets {
    private ManyTargets() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int round = 1; round <= rounds; round++) {
            long before = usedAfterGc(memory);
            long t0 = System.nanoTime();
            Simulation sim = new Simulation(round);
            VirtualSwitch sw = new VirtualSwitch(sim, "sw");
            List<Bytes> answers = new ArrayList<>();
            Nic host = sw.connect("host", MacAddress.local(1), answers::add);
            List<AoeTarget> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                TargetConfig config = TargetConfig.of(1 + i / 200, i % 200);
                targets.add(new AoeTarget(sim, sw, MacAddress.local(0x10000 + i), config, new RamDisk(2L * 1024 * 1024)));
            }
            long created = System.nanoTime();
            long beforeAnnouncing = rounds == round ? usedAfterGc(memory) : 0;
            long announcing = System.nanoTime();
            sim.runUntilIdle(Long.MAX_VALUE);
            long started = System.nanoTime();
            if (answers.size() != n) throw new IllegalStateException("expected " + n + " announcements, got " + answers.size());
            long after = usedAfterGc(memory);

            answers.clear();
            long d0 = System.nanoTime();
            host.send(AoeCodec.encode(AoeFrame.request(MacAddress.BROADCAST, MacAddress.local(1), 0xFFFF, 0xFF, 0,
                    ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))));
            sim.runUntilIdle(Long.MAX_VALUE);
            long d1 = System.nanoTime();
            if (answers.size() != n) throw new IllegalStateException("expected " + n + " answers, got " + answers.size());

            System.out.printf("round %d: %d targets: created in %.1f ms, announced (%d events) in %.1f ms,"
                            + " start-up %.1f ms; heap %.2f MiB, %.0f bytes per target (switch, host and simulation"
                            + " included); discovery answered by all in %.1f ms%n",
                    round, n, (created - t0) / 1e6, sim.eventsRun(), (started - announcing) / 1e6,
                    (started - announcing + created - t0) / 1e6,
                    (after - before) / 1048576.0, (after - before) / (double) n, (d1 - d0) / 1e6);
            if (beforeAnnouncing != 0) {
                System.out.printf("  heap per target once created, before the announcements ran: %.0f bytes%n",
                        (beforeAnnouncing - before) / (double) n);
            }
            if (targets.size() != n) throw new IllegalStateException(); // keep everything reachable until measured
        }
        breakdown(n, memory);
    }

    /** Where the heap per target goes: the empty disks, the engines, and the network side (NIC, port, link). */
    private static void breakdown(int n, MemoryMXBean memory) {
        long base = usedAfterGc(memory);
        List<RamDisk> disks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) disks.add(new RamDisk(2L * 1024 * 1024));
        long withDisks = usedAfterGc(memory);
        List<TargetEngine> engines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            engines.add(new TargetEngine(TargetConfig.of(1 + i / 200, i % 200), disks.get(i), MacAddress.local(0x10000 + i), 1500));
        }
        long withEngines = usedAfterGc(memory);
        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        List<Nic> nics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nics.add(sw.connect("e" + i, MacAddress.local(0x10000 + i), f -> { }));
        long withNics = usedAfterGc(memory);
        System.out.printf("per target: empty 1 GiB RAM disk %.0f bytes, target engine (config, state, stats) %.0f bytes,"
                        + " NIC + switch port + link %.0f bytes%n",
                (withDisks - base) / (double) n, (withEngines - withDisks) / (double) n, (withNics - withEngines) / (double) n);
        if (disks.size() + engines.size() + nics.size() != 3 * n) throw new IllegalStateException();
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
