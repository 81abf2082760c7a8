package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Linux aoe driver, in a QEMU guest, against the real vblade on a veth in the same
 * bridge: the reference the AoE Lab runs are compared with (figures in docs/benchmarks.md).
 */
class GuestVersusVbladeTest {
    static final int PATTERN_MIB = 16;
    static final String GUEST_TAP = "qtap0";
    static final String VBLADE_IF = "vb0";

    private GuestHarness guest;
    private Path vblade;
    private NetNamespace ns;

    @BeforeEach
    void setUp() throws IOException {
        guest = E2e.guest();
        vblade = RealTools.requireTool("vblade");
        ns = NetNamespace.create();
        ns.addTap(GUEST_TAP);
        ns.addVeth(VBLADE_IF);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (ns != null) ns.close();
    }

    @Test
    void linuxDriverWritesReadsBackAndFindsTheHostsDataOnVblade() throws IOException {
        Path dir = E2e.runDir("vblade");
        Path disk = dir.resolve("e1.0.img");
        HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
        ns.start(dir.resolve("vblade.log"), vblade.toString(), "1", "0", VBLADE_IF, disk.toString());
        GuestSpec spec = new GuestSpec("vblade", List.of(new GuestSpec.Disk(1, 0, "vblade")), E2e.DISK_BYTES,
                PATTERN_MIB, region, 180, Duration.ofMinutes(4));

        GuestRun run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:00:01", GuestHarness.Listener.none());

        GuestResult r = run.result("1.0").orElseThrow(() -> new AssertionError("no result for e1.0\n" + run.describe()));
        assertThat(r.ok()).as(run.describe()).isTrue();
        assertThat(r.get("size")).isEqualTo(Long.toString(E2e.DISK_BYTES));
        assertThat(r.get("state")).isEqualTo("up");
        assertThat(r.get("host_sha")).isEqualTo(region.sha256());
        // What the guest wrote through the driver is on vblade's backing file.
        assertThat(DiskImage.sha256(disk, 0, PATTERN_MIB * 1024L * 1024)).isEqualTo(r.get("pattern_sha"));
        assertThat(run.finished()).as(run.describe()).isTrue();
    }

    @Test
    void driverRidesThroughVbladeGoneForFiveSeconds() throws Exception {
        Path dir = E2e.runDir("vblade-vanish");
        Path disk = dir.resolve("e1.0.img");
        HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
        ns.start(dir.resolve("vblade.log"), vblade.toString(), "1", "0", VBLADE_IF, disk.toString());
        GuestSpec spec = new GuestSpec("vblade-vanish", List.of(new GuestSpec.Disk(1, 0, "gone-5s")), E2e.DISK_BYTES, 8,
                region, 180, Duration.ofMinutes(4)).holding("read");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        GuestRun run;
        try {
            run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:00:02", (line, console) -> {
                if (line.startsWith("AOELAB-PHASE read 1.0")) {
                    ns.setAttached(VBLADE_IF + "br", false);
                    timer.schedule(() -> {
                        ns.setAttached(VBLADE_IF + "br", true);
                        return null;
                    }, 5, TimeUnit.SECONDS);
                    console.reply("go");
                }
            });
        } finally {
            timer.shutdown();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }

        GuestResult r = run.result("1.0").orElseThrow(() -> new AssertionError("no result for e1.0\n" + run.describe()));
        assertThat(r.ok()).as(run.describe()).isTrue();
        assertThat(r.number("read_s")).as("the read spans the outage: " + r.line()).isGreaterThanOrEqualTo(5.0);
        assertThat(r.number("retransmits")).as(r.line()).isGreaterThan(0);
        assertThat(run.finished()).as(run.describe()).isTrue();
    }
}
