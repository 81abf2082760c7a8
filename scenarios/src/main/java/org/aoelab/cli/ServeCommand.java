package org.aoelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aoelab.scenario.Units;
import org.aoelab.serve.ImpairmentOption;
import org.aoelab.serve.ServeSession;
import org.aoelab.serve.ServeSettings;
import org.aoelab.serve.TargetOption;
import org.aoelab.tap.linux.RealTimeThread;
import org.aoelab.wire.MacAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aoelab serve}: virtual targets for real hosts, through a TAP device, in real time.
 * Stops at {@code --duration}, or cleanly at SIGINT or SIGTERM: disks flushed and closed, the
 * recording complete.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve virtual AoE targets to real hosts through a TAP device, in real time.",
                "Attaches to an existing TAP device (one made with 'ip tuntap add dev NAME mode tap user $USER'), or creates "
                        + "it when run as root. Put the TAP on a bridge, or give it to a VM, and the hosts there see the targets.",
                "Exit status: 0 after a clean stop (--duration, Ctrl-C or SIGTERM), 1 when a disk or the recording failed, "
                        + "2 for bad arguments."},
        footer = {"", "Examples:",
                "  aoelab serve --tap tap0 --target 1.0=ram:1G",
                "  aoelab serve --tap tap0 --target 1.0=file:disk.img,profile=vblade --target 1.1=cow:base.img --record s.pcapng",
                "  aoelab serve --tap tap0 --config lossy-copy --impair delay=2ms,jitter=200us,loss=0.5%%"})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--tap", required = true, paramLabel = "NAME", description = "The TAP device (1-15 characters).")
    String tap;

    @Option(names = "--target", paramLabel = "SHELF.SLOT=DISK", description = {"A target; repeatable. DISK is "
            + "ram:SIZE, file:PATH[,sync][,create=SIZE] or cow:BASE[,overlay=PATH], then [,ro][,profile=NAME][,bufcnt=N].",
            "Profiles: aoelab (default), vblade, ggaoed, spec-strict, kvblade."})
    List<String> targets = new ArrayList<>();

    @Option(names = "--config", paramLabel = "SCENARIO", description = "Serve the targets and links of a scenario "
            + "(a built-in name or a YAML file); its initiators are left out.")
    String config;

    @Option(names = "--impair", paramLabel = "K=V,...", description = "Impairments of the TAP link, both ways: "
            + "loss, delay, jitter, distribution, correlation, duplicate, reorder, gap, corrupt, rate, queue (e.g. delay=2ms,loss=1%%).")
    String impair;

    @Option(names = "--impair-in", paramLabel = "K=V,...", description = "Impairments of frames from the host only (replace --impair's that way).")
    String impairIn;

    @Option(names = "--impair-out", paramLabel = "K=V,...", description = "Impairments of frames to the host only.")
    String impairOut;

    @Option(names = "--record", paramLabel = "FILE.pcapng", description = "Record every frame crossing the TAP device; "
            + "'aoelab replay FILE' replays it.")
    Path record;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long (such as 30s); default: at Ctrl-C.")
    String duration;

    @Option(names = "--status-every", paramLabel = "TIME", defaultValue = "1s",
            description = "Status line period on standard error; 0 turns it off (default ${DEFAULT-VALUE}).")
    String statusEvery;

    @Option(names = "--mtu", paramLabel = "BYTES", description = "MTU of the TAP port, 46-9000 (default: the device's).")
    Integer mtu;

    @Option(names = "--allow", paramLabel = "MAC", split = ",", description = "Only AoE frames from these MACs enter (repeatable).")
    List<String> allow = new ArrayList<>();

    @Option(names = "--all-frames", description = "Let every frame in, not only AoE (EtherType 0x88A2).")
    boolean allFrames;

    @Option(names = "--mac", paramLabel = "MAC", description = "MAC of the first --target; the next ones count up "
            + "(default 02:00:00:01:00:01, after a scenario's targets).")
    String mac;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of random impairments (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--inbox", paramLabel = "FRAMES", defaultValue = "4096",
            description = "Frames from the host waiting for the loop at most; more are dropped and counted (default ${DEFAULT-VALUE}).")
    int inbox;

    @Option(names = "--spin", paramLabel = "TIME", defaultValue = "150us",
            description = {"How long before each timed event the loop busy-waits instead of sleeping (default ${DEFAULT-VALUE};"
                    + " 0 to 10ms). A sleeping thread wakes up late, by 50 us of timer slack and more on a busy or virtual"
                    + " machine; spinning keeps delays exact at the cost of CPU time. 'always' never sleeps (busy polling,"
                    + " a whole CPU): no late wake-up at all, for delays that must hold to the microsecond."})
    String spin;

    @Option(names = "--realtime", paramLabel = "PRIORITY", arity = "0..1", fallbackValue = "10",
            description = {"Run the loop thread (only it) under the SCHED_FIFO real-time policy at PRIORITY, 1-99 (10 when"
                    + " not given), as 'chrt -f' would the whole process: a busy host can then no longer keep it waiting for"
                    + " a CPU. With --spin always, delays hold to tens of microseconds. Needs root, CAP_SYS_NICE or"
                    + " 'ulimit -r'."})
    Integer realtime;

    @Option(names = "--io", paramLabel = "MODE", defaultValue = "auto",
            description = {"How frames cross the TAP device: 'ring' (io_uring: reads kept posted, a turn's answers sent together,"
                    + " one system call per turn of the loop), 'syscalls' (a read or write per frame), or 'auto'"
                    + " (default: ring where the kernel allows io_uring, else syscalls)."})
    String io;

    @Option(names = "--gui", description = "Open the AoE Lab window on the session: the frames to and from the real hosts"
            + " with their decode and ladder, and the links' controls. Closing it stops serving.")
    boolean gui;

    @Spec
    CommandSpec spec;

    static org.aoelab.tap.linux.LinuxTapDevice.Io ioMode(String option, String text) {
        try {
            return org.aoelab.serve.Taps.io(option, text);
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(e.getMessage(), e);
        }
    }

    /** The options as checked settings. */
    ServeSettings settings() {
        List<TargetOption> ts = new ArrayList<>();
        for (String t : targets) {
            try {
                ts.add(TargetOption.parse(t));
            } catch (IllegalArgumentException e) {
                throw new AoeLab.UserError("--target: " + e.getMessage(), e);
            }
        }
        if (ts.isEmpty() && config == null) {
            throw new AoeLab.UserError("nothing to serve: give at least one --target (such as --target 1.0=ram:64M) or --config");
        }
        if (mtu != null && (mtu < 46 || mtu > 9000)) {
            throw new AoeLab.UserError("--mtu is " + mtu + ", expected 46 to 9000 bytes");
        }
        if (seed < 0) throw new AoeLab.UserError("--seed is " + seed + ", expected 0 or more");
        if (inbox < 1) throw new AoeLab.UserError("--inbox is " + inbox + ", expected 1 or more frames");
        List<MacAddress> allowed = new ArrayList<>();
        for (String a : allow) allowed.add(mac("--allow", a));
        MacAddress first = mac == null ? null : mac("--mac", mac);
        if (first != null && first.isMulticast()) throw new AoeLab.UserError("--mac " + mac + " is a group address, expected a unicast one");
        long dur = duration == null ? 0 : duration("--duration", duration);
        long spinNanos = spin.trim().equalsIgnoreCase("always") ? org.aoelab.tap.WallClock.SPIN_ALWAYS : duration("--spin", spin);
        if (spinNanos < 0 || spinNanos > 10_000_000L && spinNanos != org.aoelab.tap.WallClock.SPIN_ALWAYS) {
            throw new AoeLab.UserError("--spin is " + spin + ", expected 0 to 10ms, or always");
        }
        if (duration != null && dur <= 0) throw new AoeLab.UserError("--duration is " + duration + ", expected more than 0");
        return new ServeSettings(tap, ts, config, impairment("--impair", impair), impairIn == null ? null : impairment("--impair-in", impairIn),
                impairOut == null ? null : impairment("--impair-out", impairOut), record, seed, mtu == null ? 0 : mtu, allowed,
                allFrames, first, dur, inbox, spinNanos, ioMode("--io", io));
    }

    static MacAddress mac(String option, String text) {
        try {
            return MacAddress.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(option + ": " + e.getMessage(), e);
        }
    }

    static long duration(String option, String text) {
        try {
            return Units.duration(text);
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(option + ": " + e.getMessage(), e);
        }
    }

    private static ImpairmentOption impairment(String option, String text) {
        if (text == null) return ImpairmentOption.NONE;
        try {
            return ImpairmentOption.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(option + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeSettings s = settings();
        long every = duration("--status-every", statusEvery);
        if (realtime != null) {
            if (realtime < RealTimeThread.MIN_PRIORITY || realtime > RealTimeThread.MAX_PRIORITY) {
                throw new AoeLab.UserError("--realtime is " + realtime + ", expected 1 to 99");
            }
            try {
                // This thread opens the session and then runs its loop: the loop is what goes real-time.
                RealTimeThread.enter(realtime);
            } catch (IOException e) {
                throw new AoeLab.UserError("--realtime: " + e.getMessage(), e);
            }
        }
        ServeSession session;
        try {
            session = ServeSession.open(s, line -> {
                synchronized (err) {
                    err.println();
                    err.println("aoelab serve: " + line);
                    err.flush();
                }
            });
        } catch (ServeSession.OpenException e) {
            throw new AoeLab.UserError(e.option() + ": " + e.getMessage(), e);
        }
        String io = session.device() instanceof org.aoelab.tap.linux.LinuxTapDevice d
                ? d.io() == org.aoelab.tap.linux.LinuxTapDevice.Io.RING ? ", I/O io_uring" : ", I/O system calls" : "";
        out.printf("aoelab serve: %s, MTU %d, %d target(s)%s%s%n", s.tap(), session.network().mtu(), session.network().targets().size(),
                io, s.record() != null ? ", recording to " + s.record() : "");
        session.network().targets().forEach((name, t) -> out.printf("  %-12s %s  %s, %s, bufcnt %d%n", name, t.nic().mac(),
                t.disk().describe(), t.config().profile(), t.config().bufferCount()));
        out.flush();

        AutoCloseable window = null;
        if (gui) {
            org.aoelab.serve.ServeViewer viewer = org.aoelab.serve.ServeViewer.find();
            try {
                if (viewer == null) {
                    throw new AoeLab.UserError("--gui: this build has no GUI (run the full distribution, ./aoelab)");
                }
                window = viewer.open(session, session::stop);
            } catch (Exception e) {
                session.shutdown().forEach(p -> err.println("aoelab serve: " + p));
                if (e instanceof AoeLab.UserError u) throw u;
                throw new AoeLab.UserError("--gui: " + e.getMessage(), e);
            }
        }

        CountDownLatch finished = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(AoeLab.FAILED);
        Thread hook = new Thread(() -> {
            session.stop();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A signal ends the JVM with 128 + its number unless the hook says otherwise: a clean
            // stop is a success, as the help promises.
            Runtime.getRuntime().halt(status.get());
        }, "aoelab-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean tty = System.console() != null;
        List<String> problems;
        try {
            session.run(every, line -> {
                synchronized (err) {
                    err.print(tty ? "\r" + line + "\u001b[K" : line + System.lineSeparator());
                    err.flush();
                }
            });
        } finally {
            if (window != null) {
                try {
                    window.close();
                } catch (Exception e) {
                    err.println("aoelab serve: closing the window: " + e.getMessage());
                }
            }
            String last = session.statusLine();
            problems = session.shutdown();
            if (tty && every > 0) err.println();
            out.println("aoelab serve: stopped: " + last);
            if (session.recording() != null) {
                out.printf("aoelab serve: recorded %,d frames to %s; replay with: aoelab replay %s%n",
                        session.recording().framesWritten(), s.record(), s.record());
            }
            for (String p : problems) err.println("aoelab serve: " + p);
            out.flush();
            err.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch below
            }
            status.set(problems.isEmpty() ? AoeLab.OK : AoeLab.FAILED);
            finished.countDown();
        }
        return problems.isEmpty() ? AoeLab.OK : AoeLab.FAILED;
    }
}
