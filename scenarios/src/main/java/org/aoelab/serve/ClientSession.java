package org.aoelab.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.CommandResult;
import org.aoelab.initiator.InitiatorConfig;
import org.aoelab.initiator.IoResult;
import org.aoelab.initiator.Path;
import org.aoelab.lock.LockClient;
import org.aoelab.lock.LockProtocol;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.tap.RealTimeDriver;
import org.aoelab.tap.TapBridge;
import org.aoelab.tap.TapDevice;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.ReserveArg;

/**
 * A userspace AoE initiator on a real network: an {@link AoeInitiator} on a virtual switch
 * whose only other port is a TAP device, driven in real time on its own thread. Every method
 * here may be called from any thread (a command line); each hands its work to the loop and
 * waits for the answer.
 *
 * <pre>
 *   AoeInitiator --- virtual switch --- TapBridge --- TAP device --- (bridge) --- real targets
 * </pre>
 *
 * <p>The simulated clock starts at the wall clock's time since 1970, so that times written into
 * config strings (the {@code lease} lock protocol) mean the same to every host.
 */
public final class ClientSession implements AutoCloseable {

    /**
     * How to open a session.
     *
     * @param tap          the TAP device
     * @param name         the initiator's name (lock strings say {@code lock NAME})
     * @param mac          the initiator's MAC
     * @param mtu          the port MTU, 0 for the device's
     * @param timeoutNanos how long a command waits for its answer, and a request before the device counts as dead
     * @param io           how frames cross the TAP device (io_uring or one system call each)
     */
    public record Options(String tap, String name, MacAddress mac, int mtu, long timeoutNanos, org.aoelab.tap.linux.LinuxTapDevice.Io io) {
        public Options {
            if (io == null) io = org.aoelab.tap.linux.LinuxTapDevice.Io.AUTO;
            if (tap == null || tap.isBlank()) throw new IllegalArgumentException("TAP name is missing");
            if (name == null || name.isBlank()) throw new IllegalArgumentException("initiator name is missing");
            if (mac == null || mac.isMulticast()) throw new IllegalArgumentException("initiator MAC " + mac + " is not a unicast address");
            if (timeoutNanos <= 0) throw new IllegalArgumentException("timeout is " + timeoutNanos + " ns, expected more than 0");
        }

        /** A MAC derived from a name: {@code 02:00:} and 32 bits of the name's hash, the same every time. */
        public static MacAddress macFor(String name) {
            long h = 0xcbf29ce484222325L;
            for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                h ^= b & 0xFF;
                h *= 0x100000001b3L;
            }
            return MacAddress.local((h ^ h >>> 32) & 0xFFFF_FFFFL);
        }
    }

    /** One path to a device: the target's MAC and what its config answer said. */
    public record PathInfo(MacAddress mac, int bufferCount, int sectorsPerFrame, int firmwareVersion) {
    }

    /** A device as the initiator knows it, copied out of the loop. */
    public record DeviceInfo(String name, int shelf, int slot, boolean up, long sectors, long capacity, boolean lba48,
                             String model, String serial, int firmwareVersion, int bytesPerFrame, List<PathInfo> paths) {
    }

    /** The client's floor on the retransmission timeout. */
    public static final long MIN_RTO_NANOS = 20_000_000L;

    private final Options options;
    private final TapDevice tap;
    private final Simulation sim;
    private final AoeInitiator initiator;
    private final RealTimeDriver driver;
    private final TapBridge bridge;
    private final Thread loop;
    private volatile Throwable loopFailure;

    private ClientSession(Options options, TapDevice tap, Consumer<String> problems) {
        this.options = options;
        this.tap = tap;
        this.sim = new Simulation(1);
        sim.runFor(System.currentTimeMillis() * 1_000_000L);
        int mtu = options.mtu();
        if (mtu == 0) {
            try {
                mtu = Math.min(PortOptions.MAX_MTU, tap.mtu());
            } catch (IOException e) {
                mtu = PortOptions.DEFAULT_MTU;
                problems.accept(e.getMessage() + "; using MTU " + mtu + " (give --mtu to choose)");
            }
        }
        VirtualSwitch sw = new VirtualSwitch(sim, "client");
        PortOptions port = PortOptions.DEFAULT.withMtu(mtu);
        // A retransmission timeout of at least 20 ms: on a busy host a 1 ms timeout (the driver's floor) fires for
        // answers that are only late (a GC pause, a descheduled thread), and every such resend halves the window.
        InitiatorConfig config = InitiatorConfig.LINUX.withRediscoverNanos(0).withDeadNanos(options.timeoutNanos())
                .withCommandTimeoutNanos(options.timeoutNanos()).withRto(MIN_RTO_NANOS, InitiatorConfig.LINUX.maxRtoNanos());
        this.initiator = new AoeInitiator(sim, sw, options.name(), options.mac(), config, port);
        this.driver = new RealTimeDriver(sim, 16384);
        this.bridge = new TapBridge(driver, sw, tap, TapBridge.Filter.AOE_ONLY, null, port,
                (what, e) -> problems.accept(what + ": " + e.getMessage()));
        this.loop = new Thread(() -> {
            try {
                driver.run(0);
            } catch (Throwable t) {
                loopFailure = t;
                problems.accept("the initiator's loop failed: " + t);
            }
        }, "aoelab-client-loop");
        loop.setDaemon(true);
    }

    /**
     * Opens the TAP device and starts the initiator's loop.
     *
     * @throws IOException when the TAP device cannot be opened (the message names the call and why)
     */
    public static ClientSession open(Options options, Consumer<String> problems) throws IOException {
        TapDevice tap = Taps.open(options.tap(), options.io());
        ClientSession s;
        try {
            s = new ClientSession(options, tap, problems);
        } catch (RuntimeException e) {
            tap.close();
            throw e;
        }
        s.bridge.startInline();
        s.loop.start();
        return s;
    }

    public Options options() {
        return options;
    }

    /** The initiator's MAC. */
    public MacAddress mac() {
        return options.mac();
    }

    /** The port MTU in use. */
    public int mtu() {
        return initiator.nic().mtu();
    }

    public TapBridge bridge() {
        return bridge;
    }

    public RealTimeDriver driver() {
        return driver;
    }

    /** Runs {@code operation} in the loop and waits for its result, at most the timeout plus a second. */
    private <T> T await(java.util.function.Consumer<Consumer<T>> operation) throws TimeoutException {
        return await(driver.call(operation), options.timeoutNanos() + 1_000_000_000L);
    }

    private <T> T await(CompletableFuture<T> f, long nanos) throws TimeoutException {
        try {
            return f.get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException(loopFailure != null ? "the initiator's loop failed: " + loopFailure : "no result within "
                    + nanos / 1_000_000 + " ms");
        }
    }

    /** Broadcasts a discovery and returns the devices known {@code waitNanos} later. */
    public List<DeviceInfo> discover(long waitNanos) throws TimeoutException {
        return await(driver.call(cb -> {
            initiator.discover();
            sim.schedule(waitNanos, () -> cb.accept(devices()));
        }), waitNanos + 2_000_000_000L);
    }

    private List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        for (AoeDevice d : initiator.devices()) out.add(info(d));
        return out;
    }

    private static DeviceInfo info(AoeDevice d) {
        List<PathInfo> paths = new ArrayList<>();
        for (Path p : d.paths()) paths.add(new PathInfo(p.mac(), p.bufferCount(), p.sectorsPerFrame(), p.firmwareVersion()));
        return new DeviceInfo(d.name(), d.shelf(), d.slot(), d.isUp(), d.sectors(), d.capacity(), d.lba48(), d.model(), d.serial(),
                d.firmwareVersion(), d.bytesPerFrame(), List.copyOf(paths));
    }

    /**
     * The device {@code shelf.slot} once it is up (discovered and identified), or null when it
     * is not within the timeout.
     */
    public DeviceInfo find(int shelf, int slot) throws TimeoutException {
        return await(cb -> {
            AoeDevice d = initiator.device(shelf, slot);
            if (d != null && d.isUp()) {
                cb.accept(info(d));
                return;
            }
            Runnable stopWaiting = initiator.whenUp(shelf, slot, up -> cb.accept(info(up)));
            initiator.discover();
            sim.schedule(options.timeoutNanos(), () -> {
                stopWaiting.run();
                cb.accept(null);
            });
        });
    }

    private AoeDevice device(int shelf, int slot) {
        AoeDevice d = initiator.device(shelf, slot);
        if (d == null) throw new IllegalStateException("e" + shelf + "." + slot + " has not been discovered");
        return d;
    }

    /**
     * Reads {@code count} blocks (where each is: {@code blocks}, asked on the loop thread) with
     * {@code depth} in flight, kept full from inside the loop; take the results in order with
     * {@link ReadStream#next}.
     */
    public ReadStream readStream(int shelf, int slot, long count, int depth, ReadStream.Blocks blocks) throws TimeoutException {
        AoeDevice d = await(cb -> cb.accept(device(shelf, slot)));
        ReadStream s = new ReadStream(driver, d, blocks, count, depth);
        s.start();
        return s;
    }

    /** Writes {@code data} at {@code offset}; the future completes with the result. */
    public CompletableFuture<IoResult> writeAsync(int shelf, int slot, long offset, Bytes data) {
        return driver.call(cb -> device(shelf, slot).write(offset, data, cb));
    }

    /** FLUSH CACHE: what was written is on the target's stable storage afterwards. */
    public IoResult flush(int shelf, int slot) throws TimeoutException {
        return await(cb -> device(shelf, slot).flush(cb));
    }

    /** Waits for an I/O started with {@link #writeAsync}. */
    public IoResult await(CompletableFuture<IoResult> io) throws TimeoutException {
        return await(io, options.timeoutNanos() * 2 + 1_000_000_000L);
    }

    /**
     * A Query Config command. Test and prefix get no answer when they do not match: that
     * silence comes back as {@link CommandResult.TimedOut} after {@code waitNanos}.
     */
    public CommandResult config(int shelf, int slot, ConfigCommand ccmd, Bytes string, long waitNanos) throws TimeoutException {
        return await(driver.call(cb -> initiator.config(device(shelf, slot), null, ccmd, string, waitNanos, cb)),
                waitNanos + 2_000_000_000L);
    }

    /** A Mac Mask List command. */
    public CommandResult mask(int shelf, int slot, MacMaskArg arg) throws TimeoutException {
        return await(cb -> initiator.mask(device(shelf, slot), null, arg, cb));
    }

    /** A Reserve/Release command. */
    public CommandResult reserve(int shelf, int slot, ReserveArg arg) throws TimeoutException {
        return await(cb -> initiator.reserve(device(shelf, slot), null, arg, cb));
    }

    /** One attempt to take the device's lock with {@code protocol}: true when this initiator now holds it. */
    public boolean lockAcquire(int shelf, int slot, LockProtocol protocol, long testTimeoutNanos) throws TimeoutException {
        return await(driver.call(cb -> protocol.acquire(new LockClient(initiator, device(shelf, slot), null, testTimeoutNanos), cb)),
                options.timeoutNanos() * 12 + 2_000_000_000L);
    }

    /** Gives the device's lock up with {@code protocol} (as this initiator, by name and MAC). */
    public void lockRelease(int shelf, int slot, LockProtocol protocol, long testTimeoutNanos) throws TimeoutException {
        if (protocol.name().equals("lease")) {
            // The lease's expiry lives in the string only; another process cannot know it, so test the prefix.
            CommandResult mine = config(shelf, slot, ConfigCommand.TEST_PREFIX, Bytes.ofUtf8("lock " + options.name() + " until "),
                    testTimeoutNanos);
            if (mine instanceof CommandResult.Answered a && !a.isError()) {
                config(shelf, slot, ConfigCommand.FORCE_SET, Bytes.EMPTY, options.timeoutNanos());
            }
            return;
        }
        Boolean done = await(driver.<Boolean>call(cb -> protocol.release(new LockClient(initiator, device(shelf, slot), null,
                testTimeoutNanos), () -> cb.accept(true))), options.timeoutNanos() * 12 + 2_000_000_000L);
        if (!Boolean.TRUE.equals(done)) throw new TimeoutException("release did not finish");
    }

    /** Frames the initiator sent, retransmissions among them, for a summary line. */
    public long[] frameCounts() throws TimeoutException {
        return await(cb -> cb.accept(new long[] {initiator.stats().framesSent(), initiator.stats().retransmissions()}));
    }

    /** Stops the loop and closes the TAP device. */
    @Override
    public void close() {
        driver.stop();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            bridge.close();
        } catch (IOException e) {
            // closing anyway; nothing more to do
        }
    }
}
