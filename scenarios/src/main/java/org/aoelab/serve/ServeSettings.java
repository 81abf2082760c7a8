package org.aoelab.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aoelab.tap.linux.LinuxTapDevice;
import org.aoelab.wire.MacAddress;

/**
 * What {@code aoelab serve} was asked to do, checked: the command line in values. A recording
 * stores it as a command line ({@code aoelab replay} reads it back), so every field has a
 * canonical option.
 *
 * @param tap        the TAP device's name
 * @param targets    {@code --target} targets, in order
 * @param config     a scenario (built-in name or file) whose targets and links to serve, or null
 * @param impair     impairments of the TAP link, both directions
 * @param impairIn   overrides for frames from the host (null: as {@code impair})
 * @param impairOut  overrides for frames to the host (null: as {@code impair})
 * @param record     the pcapng file to record to, or null
 * @param seed       the simulation's seed (random impairments)
 * @param mtu        the TAP port's MTU; 0 = the device's
 * @param allow      when not empty, only AoE frames from these MACs enter
 * @param allFrames  let every frame in, not only AoE
 * @param firstMac   the MAC of the first {@code --target} (the next ones count up)
 * @param durationNanos stop after this long (0: at SIGINT or SIGTERM)
 * @param inbox      the real-time driver's inbox, in frames
 * @param spinNanos  how long the real-time loop busy-waits before each event rather than sleep
 * @param io         how frames cross the TAP device (io_uring or one system call each)
 */
public record ServeSettings(String tap, List<TargetOption> targets, String config, ImpairmentOption impair,
                            ImpairmentOption impairIn, ImpairmentOption impairOut, Path record, long seed, int mtu,
                            List<MacAddress> allow, boolean allFrames, MacAddress firstMac, long durationNanos, int inbox,
                            long spinNanos, LinuxTapDevice.Io io) {
    /** The default MAC of the first {@code --target} (after a scenario's targets, if any). */
    public static final long DEFAULT_FIRST_MAC = 0x02_00_00_01_00_01L;

    public ServeSettings {
        targets = List.copyOf(targets);
        allow = List.copyOf(allow);
        if (impair == null) impair = ImpairmentOption.NONE;
        if (io == null) io = LinuxTapDevice.Io.AUTO;
    }

    /**
     * The canonical command line of these settings with the TAP port's MTU resolved, as a
     * recording stores it: {@code serve --tap ...}, paths absolute; {@code --record},
     * {@code --duration} and the status options left out.
     */
    public List<String> command(int resolvedMtu) {
        List<String> c = new ArrayList<>(List.of("serve", "--tap", tap, "--seed", Long.toString(seed), "--mtu",
                Integer.toString(resolvedMtu), "--inbox", Integer.toString(inbox)));
        if (config != null) {
            c.add("--config");
            Path p = Path.of(config);
            c.add(Files.isRegularFile(p) ? p.toAbsolutePath().normalize().toString() : config);
        }
        for (TargetOption t : targets) {
            c.add("--target");
            c.add(t.absolute().toString());
        }
        if (!impair.settings().isEmpty()) {
            c.add("--impair");
            c.add(impair.toString());
        }
        if (impairIn != null) {
            c.add("--impair-in");
            c.add(impairIn.toString());
        }
        if (impairOut != null) {
            c.add("--impair-out");
            c.add(impairOut.toString());
        }
        for (MacAddress m : allow) {
            c.add("--allow");
            c.add(m.toString());
        }
        if (allFrames) c.add("--all-frames");
        if (firstMac != null) {
            c.add("--mac");
            c.add(firstMac.toString());
        }
        return c;
    }
}
