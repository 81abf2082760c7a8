package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the real Linux aoe driver against {@code aoelab serve} and against vblade on
 * the same setup: one guest, both targets on one bridge, both backed by a file on tmpfs,
 * tested in turn {@link #ROUNDS} times (write {@link #MIB} MiB with O_DIRECT, read it back).
 * Not part of the build's tests; run it with
 * {@code mvn -pl e2e -am test -Dtest=GuestThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Daoelab.e2e.bench=true}.
 * Figures in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "aoelab.e2e.bench", matches = "true")
class GuestThroughputBench {
    static final int ROUNDS = 5;
    static final int MIB = 32;

    @Test
    void aoeLabAndVbladeSideBySide() throws IOException {
        GuestHarness guest = E2e.guest();
        Path vblade = RealTools.requireTool("vblade");
        AoeLabProcess.requireCommand("serve");
        Path dir = E2e.runDir("bench");
        Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "aoelab-bench-");
        try (NetNamespace ns = NetNamespace.create()) {
            ns.addTap("qtap0");
            ns.addTap("stap0");
            ns.addVeth("vb0");
            Path labDisk = shm.resolve("aoelab.img");
            Path vbDisk = shm.resolve("vblade.img");
            HostRegion region = DiskImage.create(labDisk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
            assertThat(DiskImage.create(vbDisk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8)).isEqualTo(region);
            AoeLabProcess serve = AoeLabProcess.serve(ns, dir.resolve("serve.log"), Duration.ofSeconds(90),
                    List.of("--tap", "stap0", "--status-every", "0", "--target", "1.0=file:" + labDisk));
            ns.start(dir.resolve("vblade.log"), vblade.toString(), "2", "0", "vb0", vbDisk.toString());
            List<GuestSpec.Disk> disks = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                disks.add(new GuestSpec.Disk(1, 0, "aoelab"));
                disks.add(new GuestSpec.Disk(2, 0, "vblade"));
            }
            GuestSpec spec = new GuestSpec("bench", disks, E2e.DISK_BYTES, MIB, region, 180, Duration.ofMinutes(10));

            GuestRun run = guest.boot(spec, ns, "qtap0", "52:54:00:ae:02:01", GuestHarness.Listener.none());
            serve.stop(Duration.ofSeconds(30));

            assertThat(run.results()).as(run.describe()).hasSize(2 * ROUNDS).allMatch(GuestResult::ok);
            for (String label : List.of("aoelab", "vblade")) {
                List<GuestResult> rs = run.results().stream().filter(r -> r.get("label").equals(label)).toList();
                System.out.printf(Locale.ROOT, "AOELAB-BENCH target=%s write_MBps=%s read_MBps=%s median_write=%.1f median_read=%.1f%n",
                        label, rs.stream().map(r -> r.get("write_MBps")).toList(), rs.stream().map(r -> r.get("read_MBps")).toList(),
                        median(rs.stream().mapToDouble(GuestResult::writeMBps).toArray()),
                        median(rs.stream().mapToDouble(GuestResult::readMBps).toArray()));
            }
        } finally {
            KernelPackage.deleteTree(shm);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
