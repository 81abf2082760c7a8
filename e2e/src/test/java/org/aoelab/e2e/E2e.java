package org.aoelab.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.aoelab.testing.RealTools;

/** Where the end-to-end tests keep things, and the one guest harness they share per JVM. */
final class E2e {
    static final long DISK_BYTES = 64L * 1024 * 1024;
    static final int REGION_OFFSET_MIB = 48;
    static final int REGION_MIB = 1;

    private static GuestHarness harness;

    private E2e() {
    }

    /**
     * Skips ({@code -Daoelab.e2e=auto}) or fails ({@code required}) the test unless
     * {@code available}, like {@link RealTools}.
     */
    static void require(boolean available, String reason) {
        if (available) return;
        if (RealTools.mode() == RealTools.Mode.REQUIRED) {
            org.junit.jupiter.api.Assertions.fail(reason + " [" + RealTools.PROPERTY + "=required: real-tool tests may not be skipped]");
        }
        System.err.println("SKIPPED: " + reason + " [" + RealTools.PROPERTY + "=auto]");
        org.junit.jupiter.api.Assumptions.abort(reason + " [" + RealTools.PROPERTY + "=auto]");
    }

    /** The kernel package cache (system property {@code aoelab.e2e.cache}; the pom puts it in target/e2e-cache). */
    static Path cache() {
        return Path.of(System.getProperty("aoelab.e2e.cache", "target/e2e-cache")).toAbsolutePath();
    }

    /** Where each variant keeps its files (system property {@code aoelab.e2e.runs}). */
    static Path runs() {
        return Path.of(System.getProperty("aoelab.e2e.runs", "target/e2e-runs")).toAbsolutePath();
    }

    /** A fresh directory for one variant's files: logs, console, disk images, recordings. */
    static Path runDir(String variant) throws IOException {
        Path dir = runs().resolve(variant);
        KernelPackage.deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /**
     * The guest harness: needs root (for the namespace, its TAP and its bridge), QEMU, a static
     * busybox and apt (for the kernel); skips or fails through {@link RealTools} without them.
     * The kernel is fetched and the initramfs built once per JVM.
     */
    static synchronized GuestHarness guest() throws IOException {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        RealTools.requireTool("qemu-system-x86_64");
        GuestHarness.requireStaticBusybox();
        if (harness == null) {
            GuestKernel kernel = KernelPackage.ensure(cache());
            harness = GuestHarness.create(kernel, cache().resolve("guest"), runs());
        }
        return harness;
    }
}
