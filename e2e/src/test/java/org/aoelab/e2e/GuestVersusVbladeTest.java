package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.Test;

/** The real Linux aoe driver, in a QEMU guest, against the real vblade: the harness's reference run. */
class GuestVersusVbladeTest {
    static final int PATTERN_MIB = 16;

    @Test
    void linuxDriverWritesReadsBackAndFindsTheHostsDataOnVblade() throws IOException {
        GuestHarness guest = E2e.guest();
        Path vblade = RealTools.requireTool("vblade");
        Path dir = E2e.runDir("vblade");
        try (NetNamespace ns = NetNamespace.create()) {
            ns.addTap("qtap0");
            ns.addVeth("vb0");
            Path disk = dir.resolve("e1.0.img");
            HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
            ns.start(dir.resolve("vblade.log"), vblade.toString(), "1", "0", "vb0", disk.toString());
            GuestSpec spec = new GuestSpec("vblade", List.of(new GuestSpec.Disk(1, 0, "vblade")), E2e.DISK_BYTES,
                    PATTERN_MIB, region, 180, Duration.ofMinutes(4));

            GuestRun run = guest.boot(spec, ns, "qtap0", "52:54:00:ae:00:01", line -> { });

            GuestResult r = run.result("1.0").orElseThrow(() -> new AssertionError("no result for e1.0\n" + run.describe()));
            assertThat(r.ok()).as(run.describe()).isTrue();
            assertThat(r.get("size")).isEqualTo(Long.toString(E2e.DISK_BYTES));
            assertThat(r.get("state")).isEqualTo("up");
            assertThat(r.get("host_sha")).isEqualTo(region.sha256());
            // What the guest wrote through the driver is on vblade's backing file.
            assertThat(DiskImage.sha256(disk, 0, PATTERN_MIB * 1024L * 1024)).isEqualTo(r.get("pattern_sha"));
            assertThat(run.finished()).as(run.describe()).isTrue();
        }
    }
}
