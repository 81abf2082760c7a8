package org.aoelab.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aoelab.cli.AoeLab;
import org.aoelab.target.TargetProfile;
import org.aoelab.testing.ProcessResult;
import org.aoelab.testing.RealTools;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Identify;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AoE Lab against real AoE software, as root, inside a network namespace of the test's own:
 * aoetools' {@code aoeping} and {@code aoecfg} against {@code aoelab serve} (one target per
 * profile), and {@code aoelab client} against {@code vblade}; tshark captures the bridge and
 * must decode every frame AoE Lab sent without a complaint. Skipped without root or the tools,
 * failed instead under {@code -Daoelab.e2e=required}.
 *
 * <pre>
 *   netns aoelab-rp-PID-N:   br0 --+-- tsrv (TAP)  aoelab serve
 *                                  +-- tcli (TAP)  aoelab client
 *                                  +-- v1p/v1      aoeping, aoecfg
 *                                  +-- v0p/v0      vblade
 * </pre>
 */
class RealPeersTest {
    /** Frames AoE Lab sends: its targets (02:00:00:01:..) and its clients (02:00:00:02:..). */
    private static final String SENT_BY_AOELAB = "eth.src[0:3] == 02:00:00 && (eth.src[3] == 01 || eth.src[3] == 02)";
    private static final List<TargetProfile> PROFILES = List.of(TargetProfile.AOELAB, TargetProfile.VBLADE, TargetProfile.GGAOED,
            TargetProfile.SPEC_STRICT, TargetProfile.KVBLADE);

    @TempDir
    Path dir;

    private NetLab lab;

    @AfterEach
    void removeTheLab() throws IOException {
        if (lab != null) lab.close();
    }

    private void requireEverything(String... tools) {
        RealTools.requireRoot();
        RealTools.requireTool("ip");
        RealTools.requireTool("tshark");
        for (String t : tools) RealTools.requireTool(t);
    }

    @Test
    void aoetoolsReadWhatEachProfilePromisesFromServe() throws Exception {
        requireEverything("aoeping", "aoecfg");
        lab = new NetLab(dir).tap("tsrv", 1500).tap("tcli", 1500).veth("v1", "52:54:00:00:01:01", 1500);
        Path capture = dir.resolve("bridge.pcapng");
        NetLab.Started tshark = lab.capture(capture);
        Path disk = dir.resolve("disk.img");
        Path recording = dir.resolve("serve.pcapng");
        List<String> args = new ArrayList<>(List.of("serve", "--tap", "tsrv", "--status-every", "0", "--record", recording.toString()));
        for (int i = 0; i < PROFILES.size(); i++) {
            args.add("--target");
            args.add("1." + i + "=ram:1M,profile=" + PROFILES.get(i).label() + ",bufcnt=" + (10 + i));
        }
        args.add("--target");
        args.add("2.0=file:" + disk + ",create=4M");
        NetLab.Started serve = lab.start("serve", NetLab.aoelabCommand(args.toArray(new String[0]))).awaitText("aoelab serve: tsrv");

        ExecutorService pool = Executors.newFixedThreadPool(PROFILES.size());
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < PROFILES.size(); i++) {
                int slot = i;
                checks.add(pool.submit(() -> {
                    checkAoeping(PROFILES.get(slot), slot);
                    checkAoecfg(PROFILES.get(slot), slot);
                    return null;
                }));
            }
            for (Future<?> f : checks) f.get();
        } finally {
            pool.shutdownNow();
        }

        byte[] data = new byte[1 << 20];
        new Well512a(11).nextBytes(data);
        Path in = dir.resolve("in.bin");
        Files.write(in, data);
        ProcessResult w = lab.aoelab("client", "write", "--tap", "tcli", "--mac", "02:00:00:02:00:01", "2.0", "-i", in.toString(), "-q");
        assertThat(w.exitCode()).as(w.describe()).isZero();

        int status = serve.terminate();
        assertThat(status).as("exit status after SIGTERM: a clean stop").isZero();
        assertThat(serve.out()).contains("aoelab serve: stopped:").contains("e2.0 r 0 bytes w 1 MiB err 0")
                .contains("recorded ").contains("replay with: aoelab replay " + recording);
        byte[] onDisk = new byte[data.length];
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "r")) {
            f.readFully(onDisk);
        }
        assertThat(onDisk).as("what the client wrote is in the file after SIGTERM").isEqualTo(data);

        StringWriter out = new StringWriter();
        int replayed = AoeLab.execute(new String[] {"replay", recording.toString()}, new PrintWriter(out), new PrintWriter(out));
        assertThat(replayed).as(out.toString()).isZero();
        assertThat(out.toString()).contains("every answer matches");

        tshark.terminate();
        assertDecodesCleanly(capture);
    }

    /** aoeping's config query and IDENTIFY: Buffer Count, firmware, Sector Count and identity as the profile says. */
    private void checkAoeping(TargetProfile p, int slot) throws IOException {
        ProcessResult q = lab.run("aoeping", "-v", "-s", "20", "1", Integer.toString(slot), "v1");
        assertThat(q.exitCode()).as(p + ": " + q.describe()).isZero();
        assertThat(q.stdout()).contains("found e1." + slot + " with mac 02000001000" + (slot + 1));
        Bytes config = hexDump(q.stdout(), "config query response:");
        assertThat(config.u8(14)).as(p + " ver/flags").isEqualTo(0x18);
        assertThat(config.u16(24)).as(p + " buffer count").isEqualTo(10 + slot);
        assertThat(config.u16(26)).as(p + " firmware").isEqualTo(p.defaultFirmwareVersion());
        assertThat(config.u8(28)).as(p + " sector count at MTU 1500").isEqualTo(2);
        assertThat(config.u8(29)).as(p + " AoE version / CCmd").isEqualTo(0x10);

        ProcessResult id = lab.run("aoeping", "-i", "-s", "20", "1", Integer.toString(slot), "v1");
        assertThat(id.exitCode()).as(p + ": " + id.describe()).isZero();
        Identify.Identity who = Identify.parse(hexDump(id.stdout(), "device identify response:").slice(0, 512));
        assertThat(who.model()).as(p + " model").isEqualTo(p.defaultModel());
        assertThat(who.serial()).as(p + " serial").isEqualTo(p.defaultSerial(1, slot));
        assertThat(who.firmware()).as(p + " firmware revision").isEqualTo(p.defaultFirmwareRevision());
        assertThat(who.sectors()).as(p + " sectors").isEqualTo(2048);
        assertThat(who.lba48()).as(p + " LBA48").isTrue();
    }

    /** aoecfg, every CCmd: what it prints for each answer, and nothing where the target stays silent. */
    private void checkAoecfg(TargetProfile p, int slot) throws IOException {
        String identicalSet = p == TargetProfile.SPEC_STRICT ? "*badcfg*\n" : "alpha\n";
        String[][] steps = {
                {"read", null, "\n"},
                {"set", "alpha", "alpha\n"},
                {"set", "alpha", identicalSet},
                {"set", "beta", "*badcfg*\n"},
                {"test", "alpha", "alpha\n"},
                {"test", "alp", ""},
                {"prefix", "alp", "alpha\n"},
                {"prefix", "zz", ""},
                {"fset", "gamma", "gamma\n"},
                {"read", null, "gamma\n"},
                {"fset", "", "\n"},
        };
        for (String[] s : steps) {
            List<String> cmd = new ArrayList<>(List.of("aoecfg", "-t", "1", "-c", s[0]));
            if (s[1] != null) {
                cmd.add("-s");
                cmd.add(s[1]);
            }
            cmd.addAll(List.of("1", Integer.toString(slot), "v1"));
            ProcessResult r = lab.run(cmd.toArray(new String[0]));
            assertThat(r.exitCode()).as(p + " " + cmd + ": " + r.describe()).isZero();
            assertThat(r.stdout()).as(p + " " + cmd).isEqualTo(s[2]);
        }
    }

    /** The bytes of the hex dump aoeping prints after {@code header}. */
    static Bytes hexDump(String text, String header) {
        int at = text.indexOf(header);
        assertThat(at).as("'" + header + "' in:\n" + text).isGreaterThanOrEqualTo(0);
        StringBuilder hex = new StringBuilder();
        for (String line : text.substring(at + header.length()).split("\n")) {
            String t = line.trim();
            if (t.isEmpty()) continue;
            if (!t.matches("([0-9a-f]{2} ?)+")) break;
            hex.append(t.replace(" ", ""));
        }
        return Bytes.adopt(HexFormat.of().parseHex(hex));
    }

    @Test
    void clientWorksAVbladeDiskThroughATap() throws Exception {
        requireEverything("vblade");
        lab = new NetLab(dir).tap("tcli", 1500).veth("v0", "52:54:00:00:00:30", 1500);
        Path capture = dir.resolve("bridge.pcapng");
        NetLab.Started tshark = lab.capture(capture);
        Path disk = dir.resolve("vblade.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(32 << 20);
        }
        lab.start("vblade", "vblade", "3", "0", "v0", disk.toString()).awaitText("e3.0");

        ProcessResult found = client("a", "discover", "--wait", "1s");
        assertThat(found.exitCode()).as(found.describe()).isZero();
        assertThat(found.stdout()).contains("e3.0").contains("32 MiB  52:54:00:00:00:30  bufcnt 16  firmware 0x4019  2 sectors/frame  "
                + "'Coraid EtherDrive vblade'");
        ProcessResult id = client("a", "identify", "3.0");
        assertThat(id.exitCode()).as(id.describe()).isZero();
        assertThat(id.stdout()).contains("model      Coraid EtherDrive vblade").contains("sectors    65536 (32 MiB)")
                .contains("lba48      yes");

        byte[] data = new byte[16 << 20];
        new Well512a(16).nextBytes(data);
        Path in = dir.resolve("16m.bin");
        Path back = dir.resolve("16m.back");
        Files.write(in, data);
        ProcessResult w = client("a", "write", "3.0", "-i", in.toString(), "-q");
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(w.stderr()).contains("wrote 16 MiB in").contains("flushed");
        ProcessResult r = client("a", "read", "3.0", "--length", "16M", "-o", back.toString(), "-q");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(sha256(Files.readAllBytes(back))).as("read back").isEqualTo(sha256(data));
        byte[] file = new byte[data.length];
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "r")) {
            f.readFully(file);
        }
        assertThat(sha256(file)).as("vblade's file").isEqualTo(sha256(data));

        assertThat(client("a", "config", "set", "3.0", "aoelab was here").exitCode()).isZero();
        assertThat(client("b", "config", "read", "3.0").stdout()).isEqualTo("e3.0\taoelab was here\n");
        ProcessResult taken = client("b", "config", "set", "3.0", "mine");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.stderr()).contains("error 4").contains("current string 'aoelab was here'");

        // vblade 25 implements Reserve/Release: the holder's list, error 6 to others, their ATA refused but IDENTIFY.
        assertThat(client("a", "reserve", "3.0").stdout()).contains("e3.0\treserve list 0 MAC(s)");
        ProcessResult held = client("a", "reserve", "3.0", "set");
        assertThat(held.exitCode()).as(held.describe()).isZero();
        assertThat(held.stdout()).contains("reserve list 1 MAC(s)").contains("02:00:00:02:00:0a (this initiator)");
        ProcessResult refused = client("b", "reserve", "3.0", "set");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("error 6 (target is reserved)");
        ProcessResult blocked = client("b", "read", "3.0", "--length", "4K", "-o", dir.resolve("x").toString(), "-q");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.stderr()).contains("AoE error 6 (target is reserved)");
        assertThat(client("a", "reserve", "3.0", "release").stdout()).contains("reserve list 0 MAC(s)");
        assertThat(client("b", "read", "3.0", "--length", "4K", "-o", dir.resolve("x").toString(), "-q").exitCode()).isZero();

        tshark.terminate();
        assertDecodesCleanly(capture);
    }

    private ProcessResult client(String who, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("client"));
        all.addAll(List.of(args));
        all.addAll(List.of("--tap", "tcli", "--name", who, "--mac", who.equals("a") ? "02:00:00:02:00:0a" : "02:00:00:02:00:0b"));
        return lab.aoelab(all.toArray(new String[0]));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** tshark decodes every frame AoE Lab sent as AoE, with no malformed packet and no expert complaint. */
    private static void assertDecodesCleanly(Path capture) throws IOException {
        ProcessResult all = RealTools.run(NetLab.T, "tshark", "-r", capture.toString(), "-Y", SENT_BY_AOELAB, "-T", "fields",
                "-e", "frame.protocols");
        assertThat(all.exitCode()).as(all.describe()).isZero();
        List<String> lines = all.stdout().lines().toList();
        assertThat(lines).as("frames sent by AoE Lab in the capture").hasSizeGreaterThan(10);
        assertThat(lines).as("every one decoded as AoE").allMatch(l -> l.equals("eth:ethertype:aoe"));
        ProcessResult bad = RealTools.run(NetLab.T, "tshark", "-r", capture.toString(), "-Y",
                "(" + SENT_BY_AOELAB + ") && (_ws.malformed || _ws.expert)", "-T", "fields", "-e", "frame.number", "-e",
                "_ws.expert.message");
        assertThat(bad.exitCode()).as(bad.describe()).isZero();
        assertThat(bad.stdout()).as("malformed frames or expert complaints").isEmpty();
    }
}
