package org.aoelab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Linux aoe driver, in a QEMU guest, against {@code aoelab serve} on a TAP in the
 * same bridge: every target profile in one boot, a lossy link, a target that vanishes for
 * five seconds (recorded, then replayed with {@code aoelab replay}), and the guest and
 * {@code aoelab client} competing for a config-string lock.
 */
class GuestVersusAoeLabTest {
    static final List<String> PROFILES = List.of("aoelab", "vblade", "ggaoed", "spec-strict", "kvblade");
    static final String SERVE_TAP = "stap0";
    static final String GUEST_TAP = "qtap0";
    static final String CLIENT_TAP = "ctap0";
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration STOP = Duration.ofSeconds(30);

    private GuestHarness guest;
    private NetNamespace ns;

    @BeforeEach
    void setUp() throws IOException {
        guest = E2e.guest();
        AoeLabProcess.requireCommand("serve");
        ns = NetNamespace.create();
        ns.addTap(GUEST_TAP);
        ns.addTap(SERVE_TAP);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (ns != null) ns.close();
    }

    /** {@code aoelab serve} on {@link #SERVE_TAP} with {@code extra} options, its log in {@code dir}. */
    private AoeLabProcess serve(Path dir, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--tap", SERVE_TAP, "--status-every", "5s"));
        args.addAll(extra);
        return AoeLabProcess.serve(ns, dir.resolve("serve.log"), STARTUP, args);
    }

    /** Stops serve with SIGTERM; it must shut down cleanly, printing its final status line. */
    private static void stopCleanly(AoeLabProcess serve) throws IOException {
        int status = serve.stop(STOP);
        String out = serve.output();
        assertThat(out).as("serve's output").contains("aoelab serve: stopped: ");
        assertThat(status).as("exit status after SIGTERM: a clean stop\n" + out).isZero();
        System.out.println(out.lines().filter(l -> l.startsWith("aoelab serve: stopped: ")).findFirst().orElse(""));
    }

    @Test
    void everyProfileServesTheLinuxDriver() throws IOException {
        Path dir = E2e.runDir("aoelab-profiles");
        List<String> args = new ArrayList<>();
        List<GuestSpec.Disk> disks = new ArrayList<>();
        HostRegion region = null;
        for (int slot = 0; slot < PROFILES.size(); slot++) {
            Path disk = dir.resolve("e1." + slot + ".img");
            region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
            args.addAll(List.of("--target", "1." + slot + "=file:" + disk + ",profile=" + PROFILES.get(slot)));
            disks.add(new GuestSpec.Disk(1, slot, PROFILES.get(slot)));
        }
        // One more disk, from RAM, for a file system: mkfs, mount, copy, remount, compare.
        args.addAll(List.of("--target", "1.5=ram:64M"));
        AoeLabProcess serve = serve(dir, args);
        GuestSpec spec = new GuestSpec("aoelab-profiles", disks, E2e.DISK_BYTES, 16, region, 180, Duration.ofMinutes(6))
                .withFileSystem(new GuestSpec.Disk(1, 5, "fs"));

        GuestRun run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:01:01", GuestHarness.Listener.none());
        stopCleanly(serve);

        for (int slot = 0; slot < PROFILES.size(); slot++) {
            String address = "1." + slot;
            GuestResult r = run.result(address).orElseThrow(() -> new AssertionError("no result for e" + address + "\n"
                    + run.describe()));
            assertThat(r.ok()).as(PROFILES.get(slot) + ": " + r.line() + "\n" + run.describe()).isTrue();
            assertThat(r.get("mac")).isEqualTo(String.format("0200000100%02x", slot + 1));
            // What the guest wrote through the driver is in the file behind the target.
            assertThat(DiskImage.sha256(dir.resolve("e1." + slot + ".img"), 0, 16L << 20)).as(PROFILES.get(slot))
                    .isEqualTo(r.get("pattern_sha"));
        }
        GuestResult fs = run.fileSystemResult().orElseThrow(() -> new AssertionError("no AOELAB-FS line\n" + run.describe()));
        assertThat(fs.ok()).as(fs.line()).isTrue();
        assertThat(run.finished()).as(run.describe()).isTrue();
    }

    @Test
    void driverRidesThroughFivePercentLossAndJitter() throws IOException {
        Path dir = E2e.runDir("aoelab-lossy");
        Path disk = dir.resolve("e1.0.img");
        HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
        AoeLabProcess serve = serve(dir, List.of("--target", "1.0=file:" + disk, "--impair", "loss=5%,delay=1ms,jitter=1ms",
                "--seed", "8"));
        GuestSpec spec = new GuestSpec("aoelab-lossy", List.of(new GuestSpec.Disk(1, 0, "loss5-jitter1ms")), E2e.DISK_BYTES,
                8, region, 180, Duration.ofMinutes(8));

        GuestRun run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:01:02", GuestHarness.Listener.none());
        stopCleanly(serve);

        GuestResult r = run.result("1.0").orElseThrow(() -> new AssertionError("no result for e1.0\n" + run.describe()));
        assertThat(r.ok()).as(r.line() + "\n" + run.describe()).isTrue();
        // The driver lost frames and got through by retransmitting them.
        assertThat(r.number("retransmits")).as(r.line()).isGreaterThan(0);
        assertThat(DiskImage.sha256(disk, 0, 8L << 20)).isEqualTo(r.get("pattern_sha"));
        assertThat(run.finished()).as(run.describe()).isTrue();
    }

    @Test
    void driverRidesThroughATargetGoneForFiveSecondsAndTheRecordingReplays() throws Exception {
        Path dir = E2e.runDir("aoelab-vanish");
        Path disk = dir.resolve("e1.0.img");
        HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
        Path recording = dir.resolve("session.pcapng");
        AoeLabProcess serve = serve(dir, List.of("--target", "1.0=file:" + disk, "--record", recording.toString()));
        GuestSpec spec = new GuestSpec("aoelab-vanish", List.of(new GuestSpec.Disk(1, 0, "gone-5s")), E2e.DISK_BYTES, 8,
                region, 180, Duration.ofMinutes(6)).holding("read");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        GuestRun run;
        try {
            run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:01:03", (line, console) -> {
                if (line.startsWith("AOELAB-PHASE read 1.0")) {
                    // The target's port leaves the bridge for 5 s as the guest starts reading.
                    ns.setAttached(SERVE_TAP, false);
                    timer.schedule(() -> {
                        ns.setAttached(SERVE_TAP, true);
                        return null;
                    }, 5, TimeUnit.SECONDS);
                    console.reply("go");
                }
            });
        } finally {
            timer.shutdown();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
        stopCleanly(serve);

        GuestResult r = run.result("1.0").orElseThrow(() -> new AssertionError("no result for e1.0\n" + run.describe()));
        assertThat(r.ok()).as(r.line() + "\n" + run.describe()).isTrue();
        assertThat(r.number("read_s")).as("the read spans the outage: " + r.line()).isGreaterThanOrEqualTo(5.0);
        assertThat(r.number("retransmits")).as(r.line()).isGreaterThan(0);
        assertThat(run.finished()).as(run.describe()).isTrue();

        // Replay: the disk as it was when the session began, then the recorded frames in virtual time.
        assertThat(DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8)).isEqualTo(region);
        assertThat(recording).isNotEmptyFile();
        ProcessResult replay = AoeLabProcess.run(ns, Duration.ofMinutes(3), "replay", recording.toString());
        replay.stdout().lines().filter(l -> l.startsWith("replay:")).forEach(System.out::println);
        assertThat(replay.exitCode()).as(replay.describe()).isZero();
        assertThat(replay.stdout()).contains("replay: every answer matches");
    }

    @Test
    void guestAndAoeLabClientShareTheConfigStringLock() throws Exception {
        RealTools.requireTool("aoecfg");
        AoeLabProcess.requireCommand("client");
        ns.addTap(CLIENT_TAP);
        Path dir = E2e.runDir("aoelab-lock");
        Path disk = dir.resolve("e1.0.img");
        HostRegion region = DiskImage.create(disk, E2e.DISK_BYTES, E2e.REGION_OFFSET_MIB, E2e.REGION_MIB, 8);
        AoeLabProcess serve = serve(dir, List.of("--target", "1.0=file:" + disk));
        GuestSpec.Disk target = new GuestSpec.Disk(1, 0, "lock");
        GuestSpec spec = new GuestSpec("aoelab-lock", List.of(target), E2e.DISK_BYTES, 4, region, 180, Duration.ofMinutes(8))
                .holding("lock").locking(new GuestSpec.LockPlan(target, "guest", 3, 2));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean guestDone = new AtomicBoolean();
        List<Future<ClientLockTally>> client = new ArrayList<>();
        GuestRun run;
        try {
            run = guest.boot(spec, ns, GUEST_TAP, "52:54:00:ae:01:04", (line, console) -> {
                if (line.startsWith("AOELAB-PHASE lock 1.0")) {
                    client.add(pool.submit(() -> clientLockRounds(3, guestDone)));
                    console.reply("go");
                }
                if (line.contains(GuestResult.LOCK_PREFIX)) guestDone.set(true);
            });
        } finally {
            guestDone.set(true);
            pool.shutdown();
        }
        assertThat(client).as(run.describe()).hasSize(1);
        ClientLockTally tally;
        try {
            tally = client.get(0).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("aoelab client's lock rounds failed", e);
        }
        // Both are done: nobody holds the lock any more.
        ProcessResult last = client("config", "read", List.of("--tap", CLIENT_TAP, "--name", "client", "1.0"));
        stopCleanly(serve);
        System.out.println("AOELAB-CLIENT-LOCK " + tally);

        GuestResult g = run.lockResult().orElseThrow(() -> new AssertionError("no AOELAB-LOCK line\n" + run.describe()));
        assertThat(g.number("violations")).as(g.line()).isZero();
        assertThat(tally.violations()).as(tally.toString()).isZero();
        // Both sides held the lock at some point, and at least one found it taken by the other.
        assertThat(g.number("acquired")).as(g.line()).isGreaterThanOrEqualTo(1);
        assertThat(tally.acquired()).as(tally.toString()).isGreaterThanOrEqualTo(1);
        assertThat(g.number("taken") + tally.taken()).as(g.line() + " / " + tally).isGreaterThanOrEqualTo(1);
        assertThat(last.exitCode()).as(last.describe()).isZero();
        assertThat(last.stdout()).as("the string once both are done").isEqualTo("e1.0\t\n");
        assertThat(run.finished()).as(run.describe()).isTrue();
    }

    /** What {@code aoelab client} saw in its lock rounds. */
    record ClientLockTally(int acquired, int taken, int violations, int attempts) {
    }

    /**
     * Up to {@code rounds} times (while the guest still runs its rounds): {@code aoelab client
     * lock acquire}; when held, read the string twice a second apart (it must stay
     * "lock client") and release.
     */
    private ClientLockTally clientLockRounds(int rounds, AtomicBoolean guestDone) throws IOException, InterruptedException {
        Random backoff = new Random(8);
        int acquired = 0;
        int taken = 0;
        int violations = 0;
        int attempts = 0;
        List<String> common = List.of("--tap", CLIENT_TAP, "--name", "client", "1.0");
        while (acquired < rounds && attempts < rounds * 10) {
            attempts++;
            ProcessResult a = client("lock", "acquire", common);
            if (a.exitCode() == 0) {
                acquired++;
                for (int i = 0; i < 2; i++) {
                    Thread.sleep(1000);
                    ProcessResult read = client("config", "read", common);
                    if (!read.stdout().contains("lock client")) violations++;
                }
                ProcessResult rel = client("lock", "release", common);
                assertThat(rel.exitCode()).as(rel.describe()).isZero();
            } else {
                taken++;
                // Once the guest has finished its rounds the lock is free: keep going until the
                // client has held it once, however the two happened to interleave before.
                if (guestDone.get() && acquired > 0 && attempts > rounds) break;
            }
            Thread.sleep(200 + backoff.nextInt(800));
        }
        return new ClientLockTally(acquired, taken, violations, attempts);
    }

    private ProcessResult client(String command, String sub, List<String> common) throws IOException {
        List<String> args = new ArrayList<>(List.of("client", command, sub));
        args.addAll(common);
        ProcessResult r = AoeLabProcess.run(ns, Duration.ofMinutes(1), args.toArray(String[]::new));
        Files.writeString(E2e.runs().resolve("aoelab-lock").resolve("client.log"), String.join(" ", args) + "\n"
                + r.describe() + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return r;
    }
}
