package org.aoelab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;

/**
 * Fetches the running Debian release's kernel without installing it: the package that
 * {@code linux-image-amd64} depends on is downloaded with {@code apt-get download} and
 * unpacked with {@code dpkg-deb -x} (no maintainer scripts, no hooks) under a cache
 * directory; {@code busybox depmod} then writes the {@code modules.dep} the package leaves to
 * its install hooks. A later run finds the unpacked tree and downloads nothing.
 */
final class KernelPackage {
    private static final Pattern DEPENDS = Pattern.compile("(?m)^\\s*\\|?Depends:\\s*(linux-image-(\\S+))\\s*$");
    private static final String MARKER = ".unpacked";

    private KernelPackage() {
    }

    /**
     * The kernel, unpacked under {@code cache} (downloading it first when it is not there).
     * Needs apt-cache, apt-get, dpkg-deb and busybox (skips or fails through {@link RealTools}).
     */
    static synchronized GuestKernel ensure(Path cache) throws IOException {
        RealTools.requireTool("apt-cache");
        RealTools.requireTool("apt-get");
        RealTools.requireTool("dpkg-deb");
        Path busybox = RealTools.requireTool("busybox");
        String pkg = packageName(check(Duration.ofMinutes(1), "apt-cache", "depends", "linux-image-amd64"));
        String release = pkg.substring("linux-image-".length());
        Path dir = cache.resolve(pkg).toAbsolutePath();
        Path root = dir.resolve("root");
        if (!Files.exists(dir.resolve(MARKER))) {
            deleteTree(dir);
            Files.createDirectories(dir);
            // apt-get download writes into the working directory; env -C sets it.
            check(Duration.ofMinutes(10), "env", "-C", dir.toString(), "apt-get", "download", "-q",
                    "-o", "APT::Sandbox::User=root", pkg);
            Path deb;
            try (Stream<Path> files = Files.list(dir)) {
                deb = files.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download " + pkg + " left no .deb in " + dir));
            }
            check(Duration.ofMinutes(5), "dpkg-deb", "-x", deb.toString(), root.toString());
            check(Duration.ofMinutes(5), busybox.toString(), "depmod", "-b", root.toString(), release);
            Files.delete(deb);
            Files.writeString(dir.resolve(MARKER), pkg + "\n", StandardCharsets.UTF_8);
        }
        GuestKernel kernel = new GuestKernel(pkg, release, root.resolve("boot/vmlinuz-" + release),
                root.resolve("lib/modules/" + release));
        if (!Files.isRegularFile(kernel.vmlinuz()) || !Files.isRegularFile(kernel.modulesDir().resolve("modules.dep"))) {
            throw new IOException("unpacked " + pkg + " under " + dir + " lacks " + kernel.vmlinuz() + " or "
                    + kernel.modulesDir().resolve("modules.dep") + "; delete " + dir + " to fetch it again");
        }
        return kernel;
    }

    /**
     * The versioned kernel package named in the output of {@code apt-cache depends
     * linux-image-amd64} (its first {@code Depends: linux-image-...} line).
     *
     * @throws IllegalArgumentException when there is none, quoting the output
     */
    static String packageName(String aptCacheDepends) {
        Matcher m = DEPENDS.matcher(aptCacheDepends);
        if (!m.find()) {
            throw new IllegalArgumentException("apt-cache depends linux-image-amd64 names no linux-image-* package;"
                    + " its output was:\n" + aptCacheDepends);
        }
        return m.group(1);
    }

    private static String check(Duration timeout, String... command) throws IOException {
        ProcessResult r = RealTools.run(timeout, command);
        if (!r.succeeded()) throw new IOException(String.join(" ", command) + " failed: " + r.describe());
        return r.stdout();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
