package org.aoelab.e2e;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;

/**
 * Boots a real Debian kernel under {@code qemu-system-x86_64} with an initramfs made at test
 * time (static busybox, the NIC's and {@code aoe}'s modules, {@code guest-init.sh} as
 * {@code /init}), its virtio NIC on a TAP in the test's {@link NetNamespace}. The guest's
 * init tests each disk of a {@link GuestSpec} through the real driver and prints one
 * {@code AOELAB-RESULT} line per disk, which the harness parses and echoes to standard output.
 *
 * <pre>{@code
 * GuestHarness guest = GuestHarness.create(KernelPackage.ensure(cache), workDir);
 * GuestRun run = guest.boot(spec, ns, "qtap0", line -> { });
 * }</pre>
 *
 * Uses KVM when {@code /dev/kvm} is usable, software emulation (TCG) otherwise.
 */
final class GuestHarness {
    /**
     * The NIC QEMU emulates; the modules the guest loads (with their dependencies from
     * modules.dep): the NIC's, ext4 and the crc32c it asks for at mount (for the file system
     * check), and aoe.
     */
    static final String NIC_DEVICE = "virtio-net-pci";
    static final List<String> MODULES = List.of("virtio_pci", "virtio_net", "crc32c_generic", "ext4", "aoe");
    static final int MEMORY_MIB = 256;
    private static final String INIT = "guest-init.sh";

    private final GuestKernel kernel;
    private final Path runsDir;
    private final Path qemu;
    private final Path initramfs;

    private GuestHarness(GuestKernel kernel, Path runsDir, Path qemu, Path initramfs) {
        this.kernel = kernel;
        this.runsDir = runsDir;
        this.qemu = qemu;
        this.initramfs = initramfs;
    }

    /**
     * Checks for qemu-system-x86_64 and a static busybox (skipping or failing through
     * {@link RealTools}) and builds the initramfs under {@code workDir}; each boot keeps its
     * console and QEMU's messages in {@code runsDir/VARIANT}.
     */
    static GuestHarness create(GuestKernel kernel, Path workDir, Path runsDir) throws IOException {
        Path qemu = RealTools.requireTool("qemu-system-x86_64");
        Path busybox = requireStaticBusybox();
        Files.createDirectories(workDir);
        Path initramfs = workDir.resolve("initramfs-" + kernel.release() + ".cpio.gz");
        buildInitramfs(kernel, busybox, initramfs);
        return new GuestHarness(kernel, runsDir, qemu, initramfs);
    }

    /** The initramfs this harness boots. */
    Path initramfs() {
        return initramfs;
    }

    /**
     * Boots the guest with its NIC on {@code tap} (an existing TAP on the bridge of {@code ns},
     * not opened by anyone else) and MAC {@code mac}, and waits until it powers off or
     * {@code spec.timeout()} passes (then QEMU is killed). {@code listener} sees every console
     * line as it arrives, on the calling thread: a test reacts to {@code AOELAB-PHASE} lines
     * there, and answers a phase the spec holds ({@link GuestSpec#hold}) with
     * {@link Console#reply} once its fault is in place.
     */
    GuestRun boot(GuestSpec spec, NetNamespace ns, String tap, String mac, Listener listener) throws IOException {
        Path dir = runsDir.resolve(spec.variant());
        Files.createDirectories(dir);
        Path consoleLog = dir.resolve("console.log");
        Path qemuLog = dir.resolve("qemu.log");
        Files.deleteIfExists(qemuLog);
        List<String> cmd = new ArrayList<>(List.of(qemu.toString()));
        if (kvmUsable()) {
            cmd.addAll(List.of("-accel", "kvm", "-cpu", "host"));
        } else {
            cmd.addAll(List.of("-accel", "tcg"));
        }
        cmd.addAll(List.of("-m", Integer.toString(MEMORY_MIB), "-smp", "1", "-nodefaults", "-no-user-config",
                "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", kernel.vmlinuz().toString(), "-initrd", initramfs.toString(),
                "-append", "console=ttyS0 panic=-1 quiet " + spec.kernelArguments(),
                "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                "-device", NIC_DEVICE + ",netdev=n0,mac=" + mac));
        List<String> console = new ArrayList<>();
        List<GuestResult> results = new ArrayList<>();
        boolean done = false;
        boolean eof = false;
        long start = System.nanoTime();
        Process p = ns.startReading(qemuLog, cmd);
        AtomicBoolean killed = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guest-watchdog-" + spec.variant());
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            killed.set(true);
            NetNamespace.stop(p, Duration.ofSeconds(2));
        }, spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        OutputStream toGuest = p.getOutputStream();
        Console guestConsole = text -> {
            toGuest.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            toGuest.flush();
        };
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(consoleLog, StandardCharsets.UTF_8))) {
            for (String raw; (raw = in.readLine()) != null; ) {
                String line = raw.replace("\r", "");
                console.add(line);
                log.println(line);
                log.flush();
                if (line.contains(GuestResult.PREFIX)) {
                    GuestResult r = GuestResult.parse(line);
                    results.add(r);
                    System.out.println(r.line());
                }
                if (line.contains(GuestResult.LOCK_PREFIX) || line.contains(GuestResult.FS_PREFIX)) System.out.println(line);
                if (line.startsWith(GuestRun.DONE)) done = true;
                listener.onLine(line, guestConsole);
            }
            eof = true;
        } finally {
            try {
                toGuest.close();
            } catch (IOException e) {
                // QEMU has gone already: nothing more to say to it.
            }
            try {
                // At the console's end QEMU is exiting; after a listener's exception it is not.
                if (!p.waitFor(eof ? 30 : 0, TimeUnit.SECONDS)) NetNamespace.stop(p, Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                NetNamespace.stop(p, Duration.ofSeconds(1));
                Thread.currentThread().interrupt();
            }
            kill.cancel(false);
            watchdog.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exit = p.isAlive() ? -1 : p.exitValue();
        return new GuestRun(spec, results, console, done && !killed.get() && exit == 0, killed.get(), exit, elapsed,
                consoleLog);
    }

    /** Sees each console line of a booting guest. */
    @FunctionalInterface
    interface Listener {
        /** Called on the booting thread for each line; {@code console} sends a line back to the guest. */
        void onLine(String line, Console console) throws IOException;

        /** A listener that ignores everything (the guest must hold no phase). */
        static Listener none() {
            return (line, console) -> { };
        }
    }

    /** The guest's console input. */
    @FunctionalInterface
    interface Console {
        /** Sends {@code text} and a newline to the guest, which reads it in a held phase. */
        void reply(String text) throws IOException;
    }

    /**
     * The absolute paths of the shared libraries and loader in {@code ldd}'s output (lines
     * {@code name => /path (addr)} and {@code /path (addr)}; the vdso has no file).
     */
    static List<String> sharedLibraries(String lddOutput) {
        List<String> libs = new ArrayList<>();
        for (String raw : lddOutput.split("\n")) {
            String line = raw.strip();
            int arrow = line.indexOf("=> ");
            String path = arrow >= 0 ? line.substring(arrow + 3) : line;
            int paren = path.indexOf(" (");
            if (paren >= 0) path = path.substring(0, paren);
            if (path.startsWith("/")) libs.add(path.strip());
        }
        return libs;
    }

    /** {@code name} in the PATH or the sbin directories, if installed. */
    static Optional<Path> findProgram(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static boolean kvmUsable() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm);
    }

    /** busybox from the PATH, which must be statically linked: the initramfs has no libc. */
    static Path requireStaticBusybox() throws IOException {
        Path busybox = RealTools.requireTool("busybox");
        boolean isStatic = isStaticElf(Files.readAllBytes(busybox.toRealPath()));
        E2e.require(isStatic, busybox + " is dynamically linked; install busybox-static (.ci/run lists it)");
        return busybox;
    }

    /**
     * Whether {@code elf} is a 64-bit little-endian ELF executable without a program
     * interpreter ({@code PT_INTERP}), i.e. it runs without a dynamic loader.
     *
     * @throws IllegalArgumentException when it is not such an ELF file
     */
    static boolean isStaticElf(byte[] elf) {
        if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new IllegalArgumentException("file is not ELF (" + elf.length + " bytes, no \\x7fELF magic)");
        }
        if (elf[4] != 2 || elf[5] != 1) {
            throw new IllegalArgumentException("ELF class " + elf[4] + " data " + elf[5]
                    + ", expected 2 (64-bit) and 1 (little-endian)");
        }
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;
        if (phoff + (long) phentsize * phnum > elf.length || phentsize < 4) {
            throw new IllegalArgumentException("ELF program headers (offset " + phoff + ", " + phnum + " x " + phentsize
                    + " bytes) lie outside the " + elf.length + "-byte file");
        }
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) (phoff + (long) i * phentsize)) == 3) return false; // PT_INTERP
        }
        return true;
    }

    /** The plain file name a module gets in the guest: {@code kernel/drivers/block/aoe/aoe.ko.xz} is {@code aoe.ko}. */
    static String moduleFileName(String module) {
        String base = module.substring(module.lastIndexOf('/') + 1);
        int ko = base.lastIndexOf(".ko");
        if (ko < 0) throw new IllegalArgumentException("module " + module + " is not a .ko file");
        return base.substring(0, ko + 3);
    }

    /**
     * A module's bytes, uncompressed: a {@code .ko} as it is; {@code .ko.gz} through Java's
     * gzip; {@code .ko.xz} and {@code .ko.zst} (Debian's kernels from trixie on ship the first)
     * through the {@code xz} and {@code zstd} programs.
     */
    static byte[] moduleBytes(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".ko")) return Files.readAllBytes(file);
        if (name.endsWith(".ko.gz")) {
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        }
        String tool = name.endsWith(".ko.xz") ? "xz" : name.endsWith(".ko.zst") ? "zstd" : null;
        if (tool == null) throw new IOException("module " + file + " is compressed in a way the harness does not know (.ko, .ko.gz, .ko.xz, .ko.zst)");
        Process p;
        try {
            p = new ProcessBuilder(tool, "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("decompressing " + file + " needs " + tool + " (apt-get install "
                    + (tool.equals("xz") ? "xz-utils" : "zstd") + "): " + e.getMessage(), e);
        }
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(tool + " -dc " + file + " did not end within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decompressing " + file, e);
        }
        if (p.exitValue() != 0) throw new IOException(tool + " -dc " + file + " failed with exit status " + p.exitValue());
        return out;
    }

    /**
     * Writes the gzip-compressed newc initramfs: busybox and a link per applet in /bin, the
     * modules {@link #MODULES} need in /lib/modules with their insmod order in
     * /lib/modules/order, /dev/console, the init script as /init, and aoetools' aoe-discover,
     * aoe-stat and aoecfg (with its libraries) when they are installed.
     */
    static void buildInitramfs(GuestKernel kernel, Path busybox, Path out) throws IOException {
        ModulesDep dep = ModulesDep.parse(Files.readString(kernel.modulesDir().resolve("modules.dep")));
        List<String> modules = dep.loadOrder(MODULES);
        ProcessResult list = RealTools.run(Duration.ofSeconds(30), busybox.toString(), "--list");
        if (!list.succeeded()) throw new IOException(busybox + " --list failed: " + list.describe());
        byte[] init;
        try (InputStream in = GuestHarness.class.getResourceAsStream(INIT)) {
            if (in == null) throw new IOException("resource " + INIT + " is missing from the test class path");
            init = in.readAllBytes();
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); Cpio cpio = new Cpio(new GZIPOutputStream(file, 1 << 16))) {
            for (String d : List.of("bin", "dev", "proc", "sys", "tmp", "lib", "lib/modules")) cpio.directory(d);
            cpio.charDevice("dev/console", 5, 1);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            for (String applet : list.stdout().split("\\s+")) {
                if (!applet.isEmpty() && !applet.equals("busybox") && !applet.contains("/")) {
                    cpio.symlink("bin/" + applet, "busybox");
                }
            }
            ByteArrayOutputStream order = new ByteArrayOutputStream();
            Set<String> seen = new HashSet<>();
            for (String module : modules) {
                String base = moduleFileName(module);
                if (!seen.add(base)) throw new IOException("two modules share the file name " + base + ": " + modules);
                // Plain .ko in the guest, whatever the package ships: busybox insmod reads no compressed modules.
                cpio.file("lib/modules/" + base, 0644, moduleBytes(kernel.modulesDir().resolve(module)));
                order.writeBytes(("/lib/modules/" + base + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            cpio.file("lib/modules/order", 0644, order.toByteArray());
            for (String script : List.of("aoe-discover", "aoe-stat")) {
                // aoetools' shell scripts; the guest runs them with busybox sh.
                Optional<Path> found = findProgram(script);
                if (found.isPresent()) cpio.file("bin/" + script, 0755, Files.readAllBytes(found.get()));
            }
            Optional<Path> aoecfg = findProgram("aoecfg");
            if (aoecfg.isPresent()) {
                // aoetools' aoecfg (the guest's side of the lock tests) with the libraries it links.
                cpio.file("bin/aoecfg", 0755, Files.readAllBytes(aoecfg.get()));
                ProcessResult ldd = RealTools.run(Duration.ofSeconds(30), "ldd", aoecfg.get().toString());
                if (!ldd.succeeded()) throw new IOException("ldd " + aoecfg.get() + " failed: " + ldd.describe());
                for (String lib : sharedLibraries(ldd.stdout())) {
                    cpio.fileWithParents(lib.substring(1), 0755, Files.readAllBytes(Path.of(lib)));
                }
            }
            cpio.file("init", 0755, init);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
