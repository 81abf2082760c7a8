package org.aoelab.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.aoelab.disk.RamDisk;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.InitiatorConfig;
import org.aoelab.net.Impairments;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.target.TargetProfile;
import org.aoelab.wire.MacAddress;

/**
 * One target, several initiators running a lock protocol in a loop, a monitor watching: the
 * lock scenarios of the tests, built directly on the core.
 */
final class LockBench {

    static final long MS = 1_000_000L;

    final Simulation sim;
    final AoeTarget target;
    final List<LockLoop> loops = new ArrayList<>();
    final LockMonitor monitor = new LockMonitor(5_000 * MS, 30_000 * MS);

    /**
     * @param links applied to both directions of every initiator's link
     */
    LockBench(long seed, TargetProfile profile, String protocol, LockProtocols.Release release, int initiators,
              int cycles, Consumer<Impairments> links) {
        sim = new Simulation(seed);
        VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        AoeTarget[] self = new AoeTarget[1];
        Nic nic = sw.connect("t1", MacAddress.of(0x020000010001L), f -> self[0].receive(f), PortOptions.DEFAULT);
        target = new AoeTarget(sim, nic, TargetConfig.builder(1, 0).profile(profile).build(), new RamDisk(2048));
        self[0] = target;
        for (int i = 1; i <= initiators; i++) {
            AoeInitiator h = new AoeInitiator(sim, sw, "h" + i, MacAddress.of(0x020000020000L + i),
                    InitiatorConfig.LINUX.withRediscoverNanos(0).withCommandTimeoutNanos(60_000 * MS));
            links.accept(h.nic().link().toSwitch());
            links.accept(h.nic().link().fromSwitch());
            LockProtocol p = LockProtocols.of(protocol, release, 1_000 * MS);
            h.onDeviceUp(d -> startLoop(h, d, p, cycles));
            h.start();
        }
        sim.trace().subscribe(monitor);
    }

    private void startLoop(AoeInitiator h, AoeDevice d, LockProtocol p, int cycles) {
        LockLoop loop = new LockLoop(new LockClient(h, d, null, 50 * MS), p, sim.randoms().stream("lock/" + h.name()),
                10 * MS, 20 * MS, 10 * MS, cycles);
        loops.add(loop);
        loop.start();
    }

    /** Runs until every loop has finished or two minutes of simulated time have passed. */
    LockReport run() {
        sim.runUntil(() -> !loops.isEmpty() && loops.stream().allMatch(LockLoop::finished), 120_000 * MS);
        return monitor.report(sim.now());
    }

    static Consumer<Impairments> delay(long nanos) {
        return i -> i.delay(nanos);
    }
}
