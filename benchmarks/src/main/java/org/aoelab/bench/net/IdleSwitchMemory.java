package org.aoelab.bench.net;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

import org.aoelab.net.DelayDistribution;
import org.aoelab.net.Nic;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MacAddress;

/**
 * Heap used by a switch with 10,000 ports and links (issue 3: an idle one fits in 256 MiB). Run it
 * with {@code -Xmx256m}; it prints the heap in use after garbage collection for the idle switch,
 * then again once every link has impairments set and has carried frames (so link directions
 * hold their random streams, jitter sources and delay lines).
 *
 * <pre>java -Xmx256m -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.aoelab.bench.net.IdleSwitchMemory [ports]</pre>
 */
public final class IdleSwitchMemory {
    private IdleSwitchMemory() {
    }

    public static void main(String[] args) {
        int ports = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long before = usedAfterGc();
        Simulation sim = new Simulation(1);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        Nic[] nics = new Nic[ports];
        for (int i = 0; i < ports; i++) nics[i] = sw.connect("node-" + i, MacAddress.local(i + 1), f -> { });
        long idle = usedAfterGc() - before;
        report("idle switch, " + ports + " ports and links", idle, ports);

        for (Nic n : nics) {
            n.link().toSwitch().loss(0.01).delay(10_000, 2_000, 0.25, DelayDistribution.NORMAL).duplicate(0.001);
            n.link().fromSwitch().loss(0.01).delay(10_000, 2_000, 0.25, DelayDistribution.NORMAL).reorder(0.01, 1);
        }
        // Node 0 sends to node 1 (unknown yet: one flood), then each node i > 0 sends to node i - 1,
        // learned by then: every link carries a frame each way and the switch learns every address.
        for (int i = 0; i < ports; i++) {
            Nic to = nics[i == 0 ? 1 : i - 1];
            byte[] f = new byte[60];
            to.mac().writeTo(f, 0);
            nics[i].mac().writeTo(f, 6);
            f[12] = (byte) 0x88;
            f[13] = (byte) 0xB5;
            nics[i].send(Bytes.adopt(f));
            sim.runUntilIdle(Long.MAX_VALUE);
        }
        long busy = usedAfterGc() - before;
        report("after traffic, impairments on every link, " + sw.stats().macEntries() + " addresses learned", busy, ports);
        System.out.println("max heap: " + mib(Runtime.getRuntime().maxMemory()) + " MiB");
        Reference.reachabilityFence(sw);
        Reference.reachabilityFence(nics);
    }

    private static void report(String what, long bytes, int ports) {
        System.out.printf("%s: %.1f MiB used (%d bytes per port)%n", what, bytes / 1048576.0, bytes / ports);
    }

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static String mib(long bytes) {
        return String.valueOf(bytes / 1048576);
    }
}
