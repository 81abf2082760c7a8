package org.aoelab.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.aoelab.initiator.CommandResult;
import org.aoelab.initiator.IoResult;
import org.aoelab.lock.LockProtocol;
import org.aoelab.lock.LockProtocols;
import org.aoelab.scenario.Units;
import org.aoelab.serve.ClientSession;
import org.aoelab.serve.ReadStream;
import org.aoelab.wire.AoeError;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.ReserveArg;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aoelab client}: a userspace AoE initiator for real networks, through a TAP device. No
 * kernel driver needed; every command of AoE, including those the Linux driver never sends.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"A userspace AoE initiator on a real network, through a TAP device (or one made with "
                + "'ip tuntap add dev NAME mode tap user $USER' and put on a bridge with the targets).",
                "Exit status: 0 done, 1 the target refused, stayed silent or was not found, 2 bad arguments."},
        subcommands = {ClientCommand.Discover.class, ClientCommand.IdentifyCmd.class, ClientCommand.Read.class,
                ClientCommand.Write.class, ClientCommand.Config.class, ClientCommand.Mask.class, ClientCommand.Reserve.class,
                ClientCommand.Lock.class},
        footer = {"", "Examples:",
                "  aoelab client discover --tap tap1",
                "  aoelab client read --tap tap1 1.0 -o disk.img",
                "  aoelab client config set --tap tap1 1.0 'cluster a'",
                "  aoelab client lock acquire --tap tap1 1.0 --protocol set-if-empty-verified"})
public final class ClientCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every client command takes. */
    static final class Common {
        @Option(names = "--tap", required = true, paramLabel = "NAME", description = "The TAP device to use.")
        String tap;

        @Option(names = "--name", paramLabel = "NAME", description = "This initiator's name, used in lock strings "
                + "(default aoelab-HOSTNAME).")
        String name;

        @Option(names = "--mac", paramLabel = "MAC", description = "This initiator's MAC (default: derived from --name, "
                + "the same every run).")
        String mac;

        @Option(names = "--mtu", paramLabel = "BYTES", description = "MTU, 46-9000 (default: the TAP device's).")
        Integer mtu;

        @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "5s",
                description = "How long to wait for a target (default ${DEFAULT-VALUE}).")
        String timeout;

        String name() {
            if (name != null) {
                if (name.isBlank()) throw new AoeLab.UserError("--name is empty");
                return name;
            }
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "host";
            }
            int dot = host.indexOf('.');
            return "aoelab-" + (dot > 0 ? host.substring(0, dot) : host);
        }

        @Option(names = "--io", paramLabel = "MODE", defaultValue = "auto", description = {"How frames cross the TAP device: 'ring' (io_uring: reads kept posted, a turn's answers sent together,"
                    + " one system call per turn of the loop), 'syscalls' (a read or write per frame), or 'auto'"
                    + " (default: ring where the kernel allows io_uring, else syscalls)."})
        String io;

        long timeoutNanos() {
            long t = ServeCommand.duration("--timeout", timeout);
            if (t <= 0) throw new AoeLab.UserError("--timeout is " + timeout + ", expected more than 0");
            return t;
        }

        ClientSession open(CommandSpec spec) {
            String n = name();
            MacAddress m = mac == null ? ClientSession.Options.macFor(n) : ServeCommand.mac("--mac", mac);
            if (m.isMulticast()) throw new AoeLab.UserError("--mac " + mac + " is a group address, expected a unicast one");
            if (mtu != null && (mtu < 46 || mtu > 9000)) throw new AoeLab.UserError("--mtu is " + mtu + ", expected 46 to 9000 bytes");
            PrintWriter err = spec.commandLine().getErr();
            try {
                return ClientSession.open(new ClientSession.Options(tap, n, m, mtu == null ? 0 : mtu, timeoutNanos(),
                        ServeCommand.ioMode("--io", io)), line -> {
                    synchronized (err) {
                        err.println("aoelab client: " + line);
                        err.flush();
                    }
                });
            } catch (IOException e) {
                throw new AoeLab.UserError("--tap: " + e.getMessage(), e);
            }
        }
    }

    /** {@code 1.0} or {@code e1.0}. */
    static int[] address(String text) {
        String t = text.startsWith("e") ? text.substring(1) : text;
        int dot = t.indexOf('.');
        try {
            if (dot > 0) {
                int shelf = Integer.parseInt(t.substring(0, dot));
                int slot = Integer.parseInt(t.substring(dot + 1));
                if (shelf >= 0 && shelf <= 0xFFFE && slot >= 0 && slot <= 0xFE) return new int[] {shelf, slot};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AoeLab.UserError("target '" + text + "' is not SHELF.SLOT (such as 1.0 or e1.0; shelf 0-65534, slot 0-254)");
    }

    /** The device, found, or exit status 1 with a message. */
    static ClientSession.DeviceInfo find(ClientSession s, int[] a, PrintWriter err) throws TimeoutException {
        ClientSession.DeviceInfo d = s.find(a[0], a[1]);
        if (d == null) {
            err.printf("aoelab client: e%d.%d did not answer within %s on %s%n", a[0], a[1],
                    Units.humanTime(s.options().timeoutNanos()), s.options().tap());
        }
        return d;
    }

    static String describe(CommandResult r) {
        if (r instanceof CommandResult.Answered a) {
            if (a.isError()) return "error " + a.errorCode() + " (" + AoeError.describe(a.errorCode()) + ")";
            return "ok";
        }
        if (r instanceof CommandResult.TimedOut t) return "no answer (" + t.sends() + " sends over " + Units.humanTime(t.waitedNanos()) + ")";
        return ((CommandResult.Unreachable) r).why();
    }

    static String describe(IoResult r) {
        if (r instanceof IoResult.AoeErrorAnswer e) return "AoE error " + e.code() + " (" + AoeError.describe(e.code()) + ")";
        if (r instanceof IoResult.Timeout t) return "no answer within " + Units.humanTime(t.waitedNanos());
        if (r instanceof IoResult.DeviceDead d) return d.device() + " is dead: " + d.why();
        if (r instanceof IoResult.Rejected j) return j.why();
        return r.toString();
    }

    /** Base of the subcommands: open, run, close, map failures to exit statuses. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        void check() {
        }

        abstract int run(ClientSession s) throws Exception;

        @Override
        public Integer call() throws Exception {
            check();
            ClientSession s = common.open(spec);
            try {
                return run(s);
            } catch (TimeoutException e) {
                err().println("aoelab client: " + e.getMessage());
                return AoeLab.FAILED;
            } finally {
                s.close();
                out().flush();
                err().flush();
            }
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true, description = "List the targets that answer a broadcast "
            + "Query Config, as aoe-discover and aoe-stat do.")
    static final class Discover extends Sub {
        @Option(names = "--wait", paramLabel = "TIME", defaultValue = "1s", description = "How long to listen (default ${DEFAULT-VALUE}).")
        String wait;

        @Override
        int run(ClientSession s) throws TimeoutException {
            long w = ServeCommand.duration("--wait", wait);
            List<ClientSession.DeviceInfo> ds = s.discover(w);
            for (ClientSession.DeviceInfo d : ds) {
                for (ClientSession.PathInfo p : d.paths()) {
                    out().printf("%-8s %10s  %s  bufcnt %d  firmware 0x%04x  %d sectors/frame  %s%n", d.name(),
                            d.up() ? Units.humanSize(d.capacity()) : "-", p.mac(), p.bufferCount(), p.firmwareVersion(),
                            p.sectorsPerFrame(), d.up() ? "'" + d.model() + "'" : "(not identified)");
                }
            }
            err().printf("aoelab client: %d target(s) on %s%n", ds.size(), s.options().tap());
            return ds.isEmpty() ? AoeLab.FAILED : AoeLab.OK;
        }
    }

    @Command(name = "identify", mixinStandardHelpOptions = true, description = "IDENTIFY DEVICE: what the target says it is.")
    static final class IdentifyCmd extends Sub {
        @Parameters(paramLabel = "SHELF.SLOT")
        String target;

        @Override
        void check() {
            address(target);
        }

        @Override
        int run(ClientSession s) throws TimeoutException {
            ClientSession.DeviceInfo d = find(s, address(target), err());
            if (d == null) return AoeLab.FAILED;
            PrintWriter o = out();
            o.println(d.name());
            o.printf("  model      %s%n", d.model());
            o.printf("  serial     %s%n", d.serial());
            o.printf("  sectors    %d (%s)%n", d.sectors(), Units.humanSize(d.capacity()));
            o.printf("  lba48      %s%n", d.lba48() ? "yes" : "no");
            o.printf("  firmware   0x%04x%n", d.firmwareVersion());
            o.printf("  frames     %d bytes of data each%n", d.bytesPerFrame());
            for (ClientSession.PathInfo p : d.paths()) {
                o.printf("  path       %s bufcnt %d, %d sectors/frame%n", p.mac(), p.bufferCount(), p.sectorsPerFrame());
            }
            return AoeLab.OK;
        }
    }

    /** A throughput summary: {@code 16 MiB in 1.234 s, 13.0 MiB/s, 3,321 IOPS}. */
    static String rate(long bytes, long ios, long nanos) {
        double s = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%s in %.3f s, %.1f MiB/s, %,.0f IOPS", Units.humanSize(bytes), s,
                bytes / s / (1 << 20), ios / s);
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = {"Read from a target to a file or standard output.",
            "With --random: random aligned reads of --block bytes, --count of them, --depth at a time (an IOPS test)."})
    static final class Read extends Sub {
        @Parameters(paramLabel = "SHELF.SLOT")
        String target;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the data goes ('-' or none: standard output).")
        String output;

        @Option(names = "--offset", paramLabel = "BYTES", defaultValue = "0", description = "Start here (default 0).")
        String offset;

        @Option(names = "--length", paramLabel = "BYTES", description = "How much (default: to the end).")
        String length;

        @Option(names = "--block", paramLabel = "BYTES", defaultValue = "256K", description = "Bytes per request (default ${DEFAULT-VALUE}).")
        String block;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "4", description = "Requests in flight (default ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--random", description = "Random aligned blocks within the range instead of one pass.")
        boolean random;

        @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "Requests with --random (default ${DEFAULT-VALUE}).")
        long count;

        @Option(names = "--passes", paramLabel = "N", defaultValue = "1", description = {"Read it N times, in one run, and "
                + "print each pass's rate and the median (default ${DEFAULT-VALUE}): later passes are timed with this program's "
                + "code compiled and its memory warm. The output gets the first pass's data only."})
        int passes;

        @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
        boolean quiet;

        @Override
        void check() {
            address(target);
            size("--offset", offset);
            if (length != null) size("--length", length);
            long b = size("--block", block);
            if (b < 1 || b > 64 << 20) throw new AoeLab.UserError("--block is " + block + ", expected 1 byte to 64 MiB");
            if (depth < 1 || depth > 1024) throw new AoeLab.UserError("--depth is " + depth + ", expected 1 to 1024");
            if (count < 1) throw new AoeLab.UserError("--count is " + count + ", expected 1 or more");
            if (passes < 1 || passes > 1000) throw new AoeLab.UserError("--passes is " + passes + ", expected 1 to 1000");
        }

        @Override
        int run(ClientSession s) throws Exception {
            int[] a = address(target);
            ClientSession.DeviceInfo d = find(s, a, err());
            if (d == null) return AoeLab.FAILED;
            long off = size("--offset", offset);
            long len = length == null ? d.capacity() - off : size("--length", length);
            if (off < 0 || len < 0 || off + len > d.capacity()) {
                throw new AoeLab.UserError("--offset " + offset + " and --length " + length + " pass the end of " + d.name() + " ("
                        + d.capacity() + " bytes)");
            }
            int blk = (int) size("--block", block);
            long n = random ? count : (len + blk - 1) / blk;
            RandomGenerator rng = new Well512a(42);
            boolean toStdout = !random && (output == null || output.equals("-"));
            OutputStream sink = random ? null : openOut(output);
            long[] took = new long[passes];
            long done = 0;
            try {
                for (int pass = 0; pass < passes; pass++) {
                    ProgressBar bar = quiet ? null : new ProgressBar(err(), "KiB");
                    long start = System.nanoTime();
                    done = pass(s, d, a, off, len, blk, n, rng, pass == 0 ? sink : null, bar, start);
                    if (done < 0) return AoeLab.FAILED;
                    took[pass] = System.nanoTime() - start;
                    if (bar != null) {
                        bar.show(done >> 10, done >> 10, took[pass], null);
                        bar.finish();
                    }
                    if (passes > 1) {
                        err().println("aoelab client: pass " + (pass + 1) + "/" + passes + ": " + rate(done, n, took[pass]));
                    }
                }
                if (sink != null) sink.flush();
            } finally {
                if (sink != null && !toStdout) sink.close();
            }
            if (passes == 1) {
                err().println("aoelab client: read " + rate(done, n, took[0]) + retransmissions(s));
            } else {
                long[] sorted = took.clone();
                java.util.Arrays.sort(sorted);
                err().println("aoelab client: read " + passes + " passes, median pass " + rate(done, n, sorted[passes / 2])
                        + retransmissions(s));
            }
            return AoeLab.OK;
        }

        /**
         * One pass over the range (or one set of random reads), its data to {@code sink} (null:
         * dropped): the bytes read, or -1 when a read failed (said).
         */
        private long pass(ClientSession s, ClientSession.DeviceInfo d, int[] a, long off, long len, int blk, long n,
                          RandomGenerator rng, OutputStream sink, ProgressBar bar, long start) throws Exception {
            long slots = Math.max(1, len / blk);
            long total = random ? n * Math.min(blk, len) : len;
            long lastShown = 0;
            long done = 0;
            // Requests are kept in flight from inside the initiator's loop: this thread only takes the data.
            ReadStream.Blocks where = new ReadStream.Blocks() {
                @Override
                public long offset(long i) {
                    return random ? off + (long) (rng.nextDouble() * slots) * blk : off + i * blk;
                }

                @Override
                public int length(long i) {
                    return (int) Math.min(blk, random ? len : len - i * blk);
                }
            };
            try (ReadStream in = s.readStream(a[0], a[1], n, depth, where)) {
                while (in.hasNext()) {
                    IoResult r = in.next(s.options().timeoutNanos() * 2 + 1_000_000_000L);
                    if (!(r instanceof IoResult.Done ok)) {
                        if (bar != null) bar.finish();
                        err().println("aoelab client: read from " + d.name() + " failed: " + describe(r));
                        return -1;
                    }
                    Bytes data = ok.data();
                    if (sink != null) sink.write(data.toArray());
                    done += data.length();
                    long now = System.nanoTime();
                    if (bar != null && now - lastShown > 100_000_000L) {
                        bar.show(done >> 10, total >> 10, now - start, null);
                        lastShown = now;
                    }
                }
            }
            return done;
        }

        private OutputStream openOut(String o) {
            if (o == null || o.equals("-")) return new FileOutputStream(FileDescriptor.out);
            try {
                return Files.newOutputStream(Path.of(o));
            } catch (IOException e) {
                throw new AoeLab.UserError("--output: cannot write " + o + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code ", 12 of 70,000 frames sent again"} when the initiator had to retransmit, else empty. */
    static String retransmissions(ClientSession s) throws TimeoutException {
        long[] c = s.frameCounts();
        return c[1] == 0 ? "" : String.format(Locale.ROOT, ", %,d of %,d frames sent again", c[1], c[0]);
    }

    static long size(String option, String text) {
        try {
            long v = Units.size(text);
            if (v < 0) throw new IllegalArgumentException("'" + text + "' is negative");
            return v;
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError(option + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true, description = "Write a file or standard input to a target, "
            + "then FLUSH CACHE.")
    static final class Write extends Sub {
        @Parameters(paramLabel = "SHELF.SLOT")
        String target;

        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "What to write ('-' or none: standard input).")
        String input;

        @Option(names = "--offset", paramLabel = "BYTES", defaultValue = "0", description = "Start here (default 0).")
        String offset;

        @Option(names = "--block", paramLabel = "BYTES", defaultValue = "256K", description = "Bytes per request (default ${DEFAULT-VALUE}).")
        String block;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "4", description = "Requests in flight (default ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
        boolean quiet;

        @Override
        void check() {
            address(target);
            size("--offset", offset);
            long b = size("--block", block);
            if (b < 512 || b > 64 << 20) throw new AoeLab.UserError("--block is " + block + ", expected 512 bytes to 64 MiB");
            if (depth < 1 || depth > 1024) throw new AoeLab.UserError("--depth is " + depth + ", expected 1 to 1024");
            if (input != null && !input.equals("-") && !Files.isReadable(Path.of(input))) {
                throw new AoeLab.UserError("--input: cannot read " + input);
            }
        }

        @Override
        int run(ClientSession s) throws Exception {
            int[] a = address(target);
            ClientSession.DeviceInfo d = find(s, a, err());
            if (d == null) return AoeLab.FAILED;
            long off = size("--offset", offset);
            int blk = (int) size("--block", block);
            long total = -1;
            InputStream in;
            if (input == null || input.equals("-")) {
                in = new FileInputStream(FileDescriptor.in);
            } else {
                total = Files.size(Path.of(input));
                in = Files.newInputStream(Path.of(input));
            }
            if (total >= 0 && off + total > d.capacity()) {
                in.close();
                throw new AoeLab.UserError("--input " + input + " (" + total + " bytes) at --offset " + off + " passes the end of "
                        + d.name() + " (" + d.capacity() + " bytes)");
            }
            ProgressBar bar = quiet ? null : new ProgressBar(err(), "KiB");
            long start = System.nanoTime();
            long lastShown = 0;
            long done = 0;
            long ios = 0;
            long at = off;
            ArrayDeque<CompletableFuture<IoResult>> inFlight = new ArrayDeque<>();
            ArrayDeque<Integer> sizes = new ArrayDeque<>();
            try (InputStream src = in) {
                boolean eof = false;
                while (!eof || !inFlight.isEmpty()) {
                    while (!eof && inFlight.size() < depth) {
                        byte[] buf = src.readNBytes(blk);
                        if (buf.length == 0) {
                            eof = true;
                            break;
                        }
                        if (at + buf.length > d.capacity()) {
                            err().println("aoelab client: the input passes the end of " + d.name() + " (" + d.capacity() + " bytes)");
                            return AoeLab.FAILED;
                        }
                        inFlight.add(s.writeAsync(a[0], a[1], at, Bytes.adopt(buf)));
                        sizes.add(buf.length);
                        at += buf.length;
                        ios++;
                        if (buf.length < blk) eof = true;
                    }
                    CompletableFuture<IoResult> f = inFlight.poll();
                    if (f == null) break;
                    IoResult r = s.await(f);
                    if (!r.ok()) {
                        if (bar != null) bar.finish();
                        err().println("aoelab client: write to " + d.name() + " failed: " + describe(r));
                        return AoeLab.FAILED;
                    }
                    done += sizes.poll();
                    long now = System.nanoTime();
                    if (bar != null && now - lastShown > 100_000_000L) {
                        bar.show(done >> 10, (total >= 0 ? total : done) >> 10, now - start, null);
                        lastShown = now;
                    }
                }
            }
            done = at - off;
            IoResult fl = s.flush(a[0], a[1]);
            long took = System.nanoTime() - start;
            if (bar != null) {
                bar.show(done >> 10, done >> 10, took, null);
                bar.finish();
            }
            boolean opcodeEcho = fl instanceof IoResult.AtaError e && (e.status() == 0xE7 || e.status() == 0xEA) && e.error() == 0;
            if (!fl.ok() && !opcodeEcho) {
                err().println("aoelab client: FLUSH CACHE on " + d.name() + " failed: " + describe(fl));
                return AoeLab.FAILED;
            }
            // ggaoed leaves the opcode in the status register after a flush (protocol reference 4.1): done, not failed.
            err().println("aoelab client: wrote " + rate(done, ios, took) + (opcodeEcho ? ", flushed (the target answered "
                    + String.format("status 0x%02x, the opcode, as ggaoed does)", ((IoResult.AtaError) fl).status()) : ", flushed")
                    + retransmissions(s));
            return AoeLab.OK;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, description = "Query Config commands (as aoecfg sends them).",
            subcommands = {Config.ReadCfg.class, Config.Test.class, Config.Prefix.class, Config.Set.class, Config.ForceSet.class})
    static final class Config implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        abstract static class Cfg extends Sub {
            @Parameters(index = "0", paramLabel = "SHELF.SLOT")
            String target;

            abstract ConfigCommand command();

            String string() {
                return "";
            }

            @Override
            void check() {
                address(target);
                int len = Bytes.ofUtf8(string()).length();
                if (len > ConfigArg.MAX_STRING) {
                    throw new AoeLab.UserError("STRING is " + len + " bytes in UTF-8, expected at most " + ConfigArg.MAX_STRING);
                }
            }

            @Override
            int run(ClientSession s) throws TimeoutException {
                int[] a = address(target);
                if (find(s, a, err()) == null) return AoeLab.FAILED;
                ConfigCommand c = command();
                boolean silentWhenNoMatch = c == ConfigCommand.TEST || c == ConfigCommand.TEST_PREFIX;
                CommandResult r = s.config(a[0], a[1], c, Bytes.ofUtf8(string()), silentWhenNoMatch
                        ? Math.min(s.options().timeoutNanos(), 1_000_000_000L) : s.options().timeoutNanos());
                if (r instanceof CommandResult.Answered ans && !ans.isError()) {
                    out().println("e" + a[0] + "." + a[1] + "\t" + ans.configString().toUtf8());
                    return AoeLab.OK;
                }
                if (silentWhenNoMatch && r instanceof CommandResult.TimedOut) {
                    err().println("aoelab client: e" + a[0] + "." + a[1] + ": no match (the target stays silent)");
                    return AoeLab.FAILED;
                }
                String extra = r instanceof CommandResult.Answered ans && !ans.configString().isEmpty()
                        ? "; current string '" + ans.configString().toUtf8() + "'" : "";
                err().println("aoelab client: e" + a[0] + "." + a[1] + ": config " + c.title() + ": " + describe(r) + extra);
                return AoeLab.FAILED;
            }
        }

        abstract static class CfgWithString extends Cfg {
            @Parameters(index = "1", paramLabel = "STRING", description = "The config string (UTF-8, at most 1024 bytes).")
            String value;

            @Override
            String string() {
                return value;
            }
        }

        @Command(name = "read", mixinStandardHelpOptions = true, description = "Print the config string.")
        static final class ReadCfg extends Cfg {
            @Override
            ConfigCommand command() {
                return ConfigCommand.READ;
            }
        }

        @Command(name = "test", mixinStandardHelpOptions = true, description = "Succeed when the string is exactly STRING.")
        static final class Test extends CfgWithString {
            @Override
            ConfigCommand command() {
                return ConfigCommand.TEST;
            }
        }

        @Command(name = "prefix", mixinStandardHelpOptions = true, description = "Succeed when the string starts with STRING.")
        static final class Prefix extends CfgWithString {
            @Override
            ConfigCommand command() {
                return ConfigCommand.TEST_PREFIX;
            }
        }

        @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the string if it is empty (error 4 otherwise).")
        static final class Set extends CfgWithString {
            @Override
            ConfigCommand command() {
                return ConfigCommand.SET;
            }
        }

        @Command(name = "fset", mixinStandardHelpOptions = true, description = "Set the string whatever it is.")
        static final class ForceSet extends CfgWithString {
            @Override
            ConfigCommand command() {
                return ConfigCommand.FORCE_SET;
            }
        }
    }

    @Command(name = "mask", mixinStandardHelpOptions = true, description = {"Mac Mask List: read it, or add or delete MACs.",
            "  mask 1.0            read", "  mask 1.0 add MAC..  allow these MACs", "  mask 1.0 del MAC..  remove them"})
    static final class Mask extends Sub {
        @Parameters(index = "0", paramLabel = "SHELF.SLOT")
        String target;

        @Parameters(index = "1", arity = "0..1", paramLabel = "read|add|del", defaultValue = "read")
        String action;

        @Parameters(index = "2..*", paramLabel = "MAC")
        List<String> macs = new ArrayList<>();

        @Override
        void check() {
            address(target);
            if (!List.of("read", "add", "del").contains(action)) {
                throw new AoeLab.UserError("mask action '" + action + "' is unknown, expected read, add or del");
            }
            if (!action.equals("read") && macs.isEmpty()) throw new AoeLab.UserError("mask " + action + " needs at least one MAC");
            if (macs.size() > 255) throw new AoeLab.UserError("mask: " + macs.size() + " MACs, expected at most 255");
            macs.forEach(m -> ServeCommand.mac("MAC", m));
        }

        @Override
        int run(ClientSession s) throws TimeoutException {
            int[] a = address(target);
            if (find(s, a, err()) == null) return AoeLab.FAILED;
            MacMaskArg arg;
            if (action.equals("read")) {
                arg = MacMaskArg.read();
            } else {
                List<MacMaskArg.Directive> ds = new ArrayList<>();
                for (String m : macs) {
                    MacAddress mac = ServeCommand.mac("MAC", m);
                    ds.add(action.equals("add") ? MacMaskArg.Directive.add(mac) : MacMaskArg.Directive.delete(mac));
                }
                arg = MacMaskArg.edit(ds);
            }
            CommandResult r = s.mask(a[0], a[1], arg);
            if (r instanceof CommandResult.Answered ans && !ans.isError() && ans.frame().arg() instanceof MacMaskArg m) {
                if (m.merror() != MacMaskArg.MERROR_OK) {
                    err().printf("aoelab client: e%d.%d: mask %s failed at directive %d: %s%n", a[0], a[1], action, m.dirCount(),
                            MacMaskArg.describeError(m.merror()));
                    return AoeLab.FAILED;
                }
                out().printf("e%d.%d\tmask %d MAC(s)%n", a[0], a[1], m.directives().size());
                for (MacMaskArg.Directive dir : m.directives()) out().println("  " + dir.mac());
                return AoeLab.OK;
            }
            err().printf("aoelab client: e%d.%d: mask %s: %s%n", a[0], a[1], action, describe(r));
            return AoeLab.FAILED;
        }
    }

    @Command(name = "reserve", mixinStandardHelpOptions = true, description = {"Reserve/Release: read the reserve list, set it, "
            + "force-set it, or release it.",
            "  reserve 1.0               read", "  reserve 1.0 set [MAC..]   reserve for these MACs (default: this initiator)",
            "  reserve 1.0 fset [MAC..]  the same, even if another holds it", "  reserve 1.0 release       set the empty list"})
    static final class Reserve extends Sub {
        @Parameters(index = "0", paramLabel = "SHELF.SLOT")
        String target;

        @Parameters(index = "1", arity = "0..1", paramLabel = "read|set|fset|release", defaultValue = "read")
        String action;

        @Parameters(index = "2..*", paramLabel = "MAC")
        List<String> macs = new ArrayList<>();

        @Override
        void check() {
            address(target);
            if (!List.of("read", "set", "fset", "release").contains(action)) {
                throw new AoeLab.UserError("reserve action '" + action + "' is unknown, expected read, set, fset or release");
            }
            if ((action.equals("read") || action.equals("release")) && !macs.isEmpty()) {
                throw new AoeLab.UserError("reserve " + action + " takes no MACs");
            }
            if (macs.size() > 255) throw new AoeLab.UserError("reserve: " + macs.size() + " MACs, expected at most 255");
            macs.forEach(m -> ServeCommand.mac("MAC", m));
        }

        @Override
        int run(ClientSession s) throws TimeoutException {
            int[] a = address(target);
            if (find(s, a, err()) == null) return AoeLab.FAILED;
            List<MacAddress> list = new ArrayList<>();
            for (String m : macs) list.add(ServeCommand.mac("MAC", m));
            if (list.isEmpty() && (action.equals("set") || action.equals("fset"))) list.add(s.mac());
            ReserveArg arg = switch (action) {
                case "read" -> ReserveArg.read();
                case "set" -> ReserveArg.set(list);
                case "fset" -> ReserveArg.forceSet(list);
                default -> ReserveArg.set(List.of());
            };
            CommandResult r = s.reserve(a[0], a[1], arg);
            if (r instanceof CommandResult.Answered ans && !ans.isError() && ans.frame().arg() instanceof ReserveArg got) {
                out().printf("e%d.%d\treserve list %d MAC(s)%n", a[0], a[1], got.macs().size());
                for (MacAddress m : got.macs()) out().println("  " + m + (m.equals(s.mac()) ? " (this initiator)" : ""));
                return AoeLab.OK;
            }
            err().printf("aoelab client: e%d.%d: reserve %s: %s%n", a[0], a[1], action, describe(r));
            return AoeLab.FAILED;
        }
    }

    @Command(name = "lock", mixinStandardHelpOptions = true, description = {"Take or give up a target's lock with one of "
            + "the lock protocols (config string or reserve list).",
            "Protocols: naive, set-if-empty, set-if-empty-verified (default), reserve, lease. The holder is this initiator's "
                    + "--name (config string 'lock NAME') and MAC (reserve)."},
            subcommands = {Lock.Acquire.class, Lock.Release.class})
    static final class Lock implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        abstract static class LockSub extends Sub {
            @Parameters(paramLabel = "SHELF.SLOT")
            String target;

            @Option(names = "--protocol", paramLabel = "NAME", defaultValue = "set-if-empty-verified",
                    description = "naive, set-if-empty, set-if-empty-verified, reserve or lease (default ${DEFAULT-VALUE}).")
            String protocol;

            @Option(names = "--release", paramLabel = "HOW", defaultValue = "guarded",
                    description = "force (set the empty string) or guarded (only if it is ours; default ${DEFAULT-VALUE}).")
            String release;

            @Option(names = "--lease", paramLabel = "TIME", defaultValue = "30s", description = "Lease time of the lease protocol "
                    + "(default ${DEFAULT-VALUE}).")
            String lease;

            LockProtocol protocol() {
                if (!LockProtocols.NAMES.contains(protocol)) {
                    throw new AoeLab.UserError("--protocol: unknown lock protocol '" + protocol + "': expected one of "
                            + String.join(", ", LockProtocols.NAMES));
                }
                LockProtocols.Release how;
                try {
                    how = LockProtocols.Release.parse(release);
                } catch (IllegalArgumentException e) {
                    throw new AoeLab.UserError("--release: " + e.getMessage(), e);
                }
                long leaseNanos = ServeCommand.duration("--lease", lease);
                if (leaseNanos <= 0) throw new AoeLab.UserError("--lease is " + lease + ", expected more than 0");
                return LockProtocols.of(protocol, how, leaseNanos);
            }

            @Override
            void check() {
                address(target);
                protocol();
            }
        }

        @Command(name = "acquire", mixinStandardHelpOptions = true, description = "One attempt to take the lock; exit 0 when held.")
        static final class Acquire extends LockSub {
            @Override
            int run(ClientSession s) throws TimeoutException {
                int[] a = address(target);
                if (find(s, a, err()) == null) return AoeLab.FAILED;
                boolean held = s.lockAcquire(a[0], a[1], protocol(), Math.min(s.options().timeoutNanos(), 1_000_000_000L));
                if (held) {
                    out().printf("e%d.%d\tlocked by %s (%s)%n", a[0], a[1], s.options().name(), protocol);
                    return AoeLab.OK;
                }
                err().printf("aoelab client: e%d.%d: not acquired (%s): another holder, or no answer%n", a[0], a[1], protocol);
                return AoeLab.FAILED;
            }
        }

        @Command(name = "release", mixinStandardHelpOptions = true, description = "Give the lock up.")
        static final class Release extends LockSub {
            @Override
            int run(ClientSession s) throws TimeoutException {
                int[] a = address(target);
                if (find(s, a, err()) == null) return AoeLab.FAILED;
                s.lockRelease(a[0], a[1], protocol(), Math.min(s.options().timeoutNanos(), 1_000_000_000L));
                out().printf("e%d.%d\treleased by %s (%s)%n", a[0], a[1], s.options().name(), protocol);
                return AoeLab.OK;
            }
        }
    }
}
