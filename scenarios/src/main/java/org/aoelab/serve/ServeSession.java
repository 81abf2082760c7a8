package org.aoelab.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.aoelab.disk.DiskException;
import org.aoelab.net.PortOptions;
import org.aoelab.sim.Simulation;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.tap.TapBridge;
import org.aoelab.tap.TapDevice;
import org.aoelab.wire.MacAddress;

/**
 * A running {@code aoelab serve}: the {@link ServeNetwork} in real time, joined to the TAP
 * device, optionally recorded. {@link #run} drives it on the calling thread until the duration
 * is over or {@link #stop} is called (from a signal handler, say); {@link #close} then flushes
 * and closes the disks and the recording.
 */
public final class ServeSession implements AutoCloseable {
    private final ServeSettings settings;
    private final TapDevice tap;
    private final ServeNetwork network;
    private final RealTimeDriver driver;
    private final TapBridge bridge;
    private final ServeRecording recording;
    private final Consumer<String> problems;
    private boolean closed;

    private ServeSession(ServeSettings settings, TapDevice tap, ServeNetwork network, RealTimeDriver driver, TapBridge bridge,
                         ServeRecording recording, Consumer<String> problems) {
        this.settings = settings;
        this.tap = tap;
        this.network = network;
        this.driver = driver;
        this.bridge = bridge;
        this.recording = recording;
        this.problems = problems;
    }

    /** Why a session could not be opened, naming the option at fault. */
    public static final class OpenException extends Exception {
        private final String option;

        public OpenException(String option, String message, Throwable cause) {
            super(message, cause);
            this.option = option;
        }

        /** The command-line option at fault, such as {@code --tap}. */
        public String option() {
            return option;
        }
    }

    /**
     * Opens the TAP device, builds the network and the recording.
     *
     * @param problems told about I/O errors while running (from any thread)
     */
    public static ServeSession open(ServeSettings settings, Consumer<String> problems) throws OpenException {
        TapDevice tap;
        try {
            tap = Taps.open(settings.tap(), settings.io());
        } catch (IOException e) {
            throw new OpenException("--tap", e.getMessage(), e);
        }
        ServeNetwork network = null;
        ServeRecording recording = null;
        try {
            int mtu = settings.mtu();
            if (mtu == 0) {
                try {
                    mtu = Math.min(PortOptions.MAX_MTU, tap.mtu());
                } catch (IOException e) {
                    throw new OpenException("--mtu", e.getMessage() + "; give the MTU with --mtu", e);
                }
            }
            try {
                network = new ServeNetwork(settings, mtu, false);
            } catch (DiskException e) {
                throw new OpenException(settings.config() != null && settings.targets().isEmpty() ? "--config" : "--target", e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new OpenException(settings.config() != null ? "--config" : "--target", e.getMessage(), e);
            } catch (org.aoelab.scenario.yaml.ScenarioError e) {
                throw new OpenException("--config", e.getMessage(), e);
            }
            Simulation sim = network.simulation();
            RealTimeDriver driver = new RealTimeDriver(sim, settings.inbox(), org.aoelab.tap.WallClock.system(settings.spinNanos()));
            if (settings.record() != null) {
                try {
                    OutputStream out = Files.newOutputStream(settings.record());
                    recording = new ServeRecording(out, settings.tap(), settings.command(mtu), System.currentTimeMillis() * 1_000_000L);
                } catch (IOException e) {
                    throw new OpenException("--record", "cannot write " + settings.record() + ": " + e.getMessage(), e);
                }
            }
            Set<MacAddress> allow = new HashSet<>(settings.allow());
            TapBridge.Filter filter = settings.allFrames()
                    ? new TapBridge.Filter(false, TapBridge.Filter.aoeFrom(allow).allowedSources())
                    : TapBridge.Filter.aoeFrom(allow);
            TapBridge bridge = new TapBridge(driver, network.virtualSwitch(), tap, filter, recording,
                    PortOptions.DEFAULT.withMtu(mtu), (what, e) -> problems.accept(what + ": " + e.getMessage()));
            network.impair(bridge.link());
            return new ServeSession(settings, tap, network, driver, bridge, recording, problems);
        } catch (OpenException | RuntimeException e) {
            if (network != null) network.flushAndClose();
            if (recording != null) {
                try {
                    recording.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            try {
                tap.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public ServeNetwork network() {
        return network;
    }

    public RealTimeDriver driver() {
        return driver;
    }

    public TapBridge bridge() {
        return bridge;
    }

    public TapDevice device() {
        return tap;
    }

    /** The recording, or null. */
    public ServeRecording recording() {
        return recording;
    }

    /**
     * Serves until the settings' duration has passed or {@link #stop} is called.
     *
     * @param statusEveryNanos how often to hand {@code status} a status line (0: never)
     */
    public void run(long statusEveryNanos, Consumer<String> status) throws InterruptedException {
        Simulation sim = network.simulation();
        if (statusEveryNanos > 0) {
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                status.accept(statusLine());
                if (recording != null) recording.flush();
                sim.schedule(statusEveryNanos, tick[0]);
            };
            sim.schedule(statusEveryNanos, tick[0]);
        }
        bridge.onDeviceGone(() -> {
            problems.accept(tap.name() + " is gone; stopping");
            driver.stop();
        });
        bridge.startInline(); // the loop reads the TAP itself: no thread hand-off per frame
        driver.run(settings.durationNanos());
    }

    /** The status line for now (call on the loop thread, or once it has ended). */
    public String statusLine() {
        return StatusLine.of(network.simulation().now(), bridge, network.targets(), driver);
    }

    /** Ends {@link #run} soon; from any thread. */
    public void stop() {
        driver.stop();
    }

    /**
     * Stops the TAP traffic, flushes and closes the disks, closes the recording and the device.
     *
     * @return problems met, one line each (empty when all went well); nothing the second time
     */
    public List<String> shutdown() {
        List<String> out = new ArrayList<>();
        if (closed) return out;
        closed = true;
        try {
            bridge.close();
        } catch (IOException e) {
            out.add("closing " + tap.name() + ": " + e.getMessage());
        }
        out.addAll(network.flushAndClose());
        if (recording != null) {
            try {
                recording.close();
            } catch (IOException | RuntimeException e) {
                out.add("recording " + settings.record() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** As {@link #shutdown}, handing the problems to the session's problem listener. */
    @Override
    public void close() {
        shutdown().forEach(problems);
    }
}
