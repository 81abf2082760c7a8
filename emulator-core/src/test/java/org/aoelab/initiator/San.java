package org.aoelab.initiator;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.disk.RamDisk;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.wire.MacAddress;

/** A small SAN for tests: one simulation, one switch, targets on RAM disks, initiators. */
final class San {
    final Simulation sim;
    final VirtualSwitch sw;
    final List<AoeTarget> targets = new ArrayList<>();
    final List<AoeInitiator> initiators = new ArrayList<>();
    private int macs;

    San(long seed) {
        sim = new Simulation(seed);
        sw = new VirtualSwitch(sim, "sw");
    }

    AoeTarget target(String name, TargetConfig config, VirtualDisk disk, int mtu) {
        AoeTarget[] self = new AoeTarget[1];
        Nic nic = sw.connect(name, MacAddress.of(0x020000010000L + ++macs), f -> self[0].receive(f),
                PortOptions.DEFAULT.withMtu(mtu));
        self[0] = new AoeTarget(sim, nic, config, disk);
        targets.add(self[0]);
        return self[0];
    }

    AoeTarget target(int shelf, int slot, long sectors) {
        return target("t" + targets.size(), TargetConfig.of(shelf, slot), new RamDisk(sectors), 1500);
    }

    AoeInitiator initiator(String name, InitiatorConfig config, int mtu) {
        AoeInitiator i = new AoeInitiator(sim, sw, name, MacAddress.of(0x020000020000L + ++macs), config,
                PortOptions.DEFAULT.withMtu(mtu));
        initiators.add(i);
        return i;
    }

    AoeInitiator initiator(String name) {
        return initiator(name, InitiatorConfig.LINUX.withRediscoverNanos(0), 1500);
    }

    /** Starts the initiator and runs until its device shelf.slot is up; fails after a minute. */
    AoeDevice discover(AoeInitiator i, int shelf, int slot) {
        i.start();
        boolean up = sim.runUntil(() -> i.device(shelf, slot) != null && i.device(shelf, slot).isUp(),
                60_000_000_000L);
        if (!up) {
            throw new AssertionError(i.name() + " did not bring up e" + shelf + "." + slot + ": " + i);
        }
        return i.device(shelf, slot);
    }

    /** Runs until {@code box} holds a result; fails after {@code limitNanos}. */
    <T> T await(Box<T> box, long limitNanos) {
        if (!sim.runUntil(() -> box.value != null, limitNanos)) {
            throw new AssertionError("no completion within " + limitNanos / 1e9 + " s of simulated time");
        }
        return box.value;
    }

    static final class Box<T> implements java.util.function.Consumer<T> {
        T value;

        @Override
        public void accept(T t) {
            if (value != null) {
                throw new AssertionError("completed twice: " + value + " then " + t);
            }
            value = t;
        }
    }
}
