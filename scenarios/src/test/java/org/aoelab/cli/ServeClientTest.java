package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aoelab.serve.Taps;
import org.aoelab.tap.InMemoryTapDevice;
import org.aoelab.tap.TapDevice;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aoelab serve} and {@code aoelab client} in one process, joined by a pair of in-memory TAP
 * devices: every client command against virtual targets, the recording, and its replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeClientTest {
    private Path dir;

    private InMemoryTapDevice clientSide;
    private InMemoryTapDevice serveSide;
    private AutoCloseable override;
    private CompletableFuture<Cli> serve;
    private Path recording;

    /** The client's end of the cable: each client command opens it and closes only its own view. */
    private static final class ClientEnd implements TapDevice {
        private final InMemoryTapDevice wire;
        private volatile boolean closed;

        ClientEnd(InMemoryTapDevice wire) {
            this.wire = wire;
        }

        @Override
        public String name() {
            return wire.name();
        }

        @Override
        public int mtu() {
            return wire.mtu();
        }

        @Override
        public int read(ByteBuffer dst, int timeoutMillis) throws IOException {
            return closed ? -1 : wire.read(dst, timeoutMillis);
        }

        @Override
        public void write(ByteBuffer frame) throws IOException {
            if (closed) throw new IOException("closed");
            wire.write(frame);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @BeforeAll
    void startServe(@TempDir Path tmp) throws Exception {
        dir = tmp;
        InMemoryTapDevice[] pair = InMemoryTapDevice.pair("tapc", "taps", 1500);
        clientSide = pair[0];
        serveSide = pair[1];
        override = Taps.override(name -> switch (name) {
            case "tapc" -> new ClientEnd(clientSide);
            case "taps" -> serveSide;
            default -> throw new IOException("TUNSETIFF " + name + ": Operation not permitted: create it first");
        });
        recording = dir.resolve("session.pcapng");
        Path file = dir.resolve("disk.img");
        serve = CompletableFuture.supplyAsync(() -> Cli.run("serve", "--tap", "taps", "--status-every", "0",
                "--target", "1.0=ram:16M", "--target", "1.1=ram:1M,profile=vblade,bufcnt=8",
                "--target", "2.0=file:" + file + ",create=4M,profile=ggaoed",
                "--record", recording.toString()));
    }

    @AfterAll
    void stopServe() throws Exception {
        serveSide.close();
        Cli s = serve.get(10, TimeUnit.SECONDS);
        assertThat(s.status()).as(s.err()).isZero();
        assertThat(s.out()).contains("aoelab serve: taps, MTU 1500, 3 target(s), recording to")
                .contains("e1.1         02:00:00:01:00:02  ram 1 MiB").contains("stopped:").contains("e2.0 r ");
        Cli r = Cli.run("replay", recording.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("replay: aoelab serve --tap taps").contains("every answer matches");
        override.close();
    }

    private static Cli client(String... args) {
        List<String> all = new ArrayList<>(List.of("client"));
        all.addAll(List.of(args));
        all.add("--tap");
        all.add("tapc");
        return Cli.run(all.toArray(new String[0]));
    }

    @Test
    void discoverListsEveryTargetWithItsPath() {
        Cli c = client("discover", "--wait", "300ms");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("e1.0").contains("16 MiB  02:00:00:01:00:01  bufcnt 16  firmware 0x4019  2 sectors/frame  "
                + "'AoE emulator disk'");
        assertThat(c.out()).contains("e1.1").contains("02:00:00:01:00:02  bufcnt 8");
        assertThat(c.out()).contains("e2.0").contains("firmware 0x0100");
        assertThat(c.err()).contains("3 target(s) on tapc");
    }

    @Test
    void identifySaysWhatTheProfilePromises() {
        Cli c = client("identify", "1.1");
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("e1.1").contains("model      Coraid EtherDrive vblade").contains("sectors    2048 (1 MiB)")
                .contains("lba48      yes").contains("path       02:00:00:01:00:02 bufcnt 8, 2 sectors/frame");
        Cli missing = client("identify", "9.9", "--timeout", "300ms");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("e9.9 did not answer within 300.000 ms on tapc");
    }

    @Test
    void whatIsWrittenReadsBackByteForByte() throws IOException {
        byte[] data = new byte[1 << 20];
        new Well512a(5).nextBytes(data);
        Path in = dir.resolve("in.bin");
        Path out = dir.resolve("out.bin");
        Files.write(in, data);
        Cli w = client("write", "1.0", "-i", in.toString(), "--offset", "1M", "--block", "64K");
        assertThat(w.status()).as(w.err()).isZero();
        assertThat(w.err()).contains("wrote 1 MiB in").contains("flushed");
        Cli r = client("read", "1.0", "-o", out.toString(), "--offset", "1M", "--length", "1M", "--depth", "8");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("read 1 MiB in").contains("[##############################]");
        assertThat(Files.readAllBytes(out)).isEqualTo(data);

        Cli ggaoed = client("write", "2.0", "-i", in.toString(), "--offset", "3M", "-q");
        assertThat(ggaoed.status()).as(ggaoed.err()).isZero();
        assertThat(ggaoed.err()).contains("flushed (the target answered status 0xea, the opcode, as ggaoed does)");

        Cli iops = client("read", "1.0", "--random", "--block", "4K", "--count", "200", "--depth", "16", "-q");
        assertThat(iops.status()).as(iops.err()).isZero();
        assertThat(iops.err()).contains("read 800 KiB in").contains("IOPS");

        // Several passes in one run: each timed and said, the median summed up, the output written once.
        Cli twice = client("read", "1.0", "-o", out.toString(), "--offset", "1M", "--length", "1M", "--passes", "3", "-q");
        assertThat(twice.status()).as(twice.err()).isZero();
        assertThat(twice.err()).contains("pass 1/3: 1 MiB in").contains("pass 3/3: 1 MiB in").contains("read 3 passes, median pass 1 MiB in");
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
        Cli none = client("read", "1.0", "--random", "--passes", "0");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("--passes is 0, expected 1 to 1000");

        Cli past = client("read", "1.0", "-o", out.toString(), "--offset", "16M", "--length", "1");
        assertThat(past.status()).isEqualTo(2);
        assertThat(past.err()).contains("pass the end of e1.0");
    }

    @Test
    void configCommandsSetTestAndReadTheString() {
        assertThat(client("config", "read", "1.1").out()).isEqualTo("e1.1\t" + System.lineSeparator());
        assertThat(client("config", "set", "1.1", "cluster a").status()).isZero();
        Cli again = client("config", "set", "1.1", "cluster b");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("error 4").contains("current string 'cluster a'");
        assertThat(client("config", "test", "1.1", "cluster a").out()).contains("e1.1\tcluster a");
        Cli noMatch = client("config", "test", "1.1", "cluster");
        assertThat(noMatch.status()).isEqualTo(1);
        assertThat(noMatch.err()).contains("no match (the target stays silent)");
        assertThat(client("config", "prefix", "1.1", "cluster").status()).isZero();
        assertThat(client("config", "fset", "1.1", "").status()).isZero();
        assertThat(client("config", "read", "1.1").out()).isEqualTo("e1.1\t" + System.lineSeparator());
    }

    @Test
    void maskAndReserveListsChangeAndReadBack() {
        Cli add = client("mask", "2.0", "add", "52:54:00:00:00:01", "--name", "masker");
        assertThat(add.status()).isEqualTo(0);
        // The list now shuts everyone else out, this client included: it cannot even find the target.
        Cli shut = client("mask", "2.0", "--name", "masker", "--timeout", "300ms");
        assertThat(shut.status()).isEqualTo(1);
        assertThat(shut.err()).contains("e2.0 did not answer");
        Cli own = client("mask", "2.0", "add", "02:aa:00:00:00:01", "--name", "me", "--mac", "02:aa:00:00:00:01", "--timeout", "300ms");
        assertThat(own.status()).isEqualTo(1);
        Cli with = client("mask", "2.0", "del", "52:54:00:00:00:01", "--mac", "52:54:00:00:00:01");
        assertThat(with.status()).as(with.err()).isZero();
        assertThat(with.out()).contains("e2.0\tmask 0 MAC(s)");

        Cli set = client("reserve", "1.0", "set", "--name", "holder");
        assertThat(set.status()).as(set.err()).isZero();
        assertThat(set.out()).contains("reserve list 1 MAC(s)").contains("(this initiator)");
        Cli other = client("reserve", "1.0", "set", "--name", "intruder");
        assertThat(other.status()).isEqualTo(1);
        assertThat(other.err()).contains("error 6");
        Cli read = client("reserve", "1.0", "--name", "intruder");
        assertThat(read.out()).contains("  " + org.aoelab.serve.ClientSession.Options.macFor("holder"));
        assertThat(client("reserve", "1.0", "release", "--name", "holder").out()).contains("reserve list 0 MAC(s)");
    }

    @Test
    void aLockHasOneHolderAtATime() {
        Cli a = client("lock", "acquire", "1.0", "--name", "alice");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains("e1.0\tlocked by alice (set-if-empty-verified)");
        Cli b = client("lock", "acquire", "1.0", "--name", "bob");
        assertThat(b.status()).isEqualTo(1);
        assertThat(client("config", "read", "1.0").out()).contains("lock alice");
        assertThat(client("lock", "release", "1.0", "--name", "bob").status()).isZero(); // guarded: not bob's, nothing happens
        assertThat(client("config", "read", "1.0").out()).contains("lock alice");
        assertThat(client("lock", "release", "1.0", "--name", "alice").status()).isZero();
        assertThat(client("lock", "acquire", "1.0", "--name", "bob", "--protocol", "reserve").status()).isZero();
        assertThat(client("lock", "acquire", "1.0", "--name", "alice", "--protocol", "reserve").status()).isEqualTo(1);
        assertThat(client("lock", "release", "1.0", "--name", "bob", "--protocol", "reserve").status()).isZero();
        assertThat(client("lock", "acquire", "1.0", "--name", "carol", "--protocol", "lease", "--lease", "1h").status()).isZero();
        assertThat(client("config", "read", "1.0").out()).contains("lock carol until ");
        assertThat(client("lock", "release", "1.0", "--name", "carol", "--protocol", "lease").status()).isZero();
        assertThat(client("config", "read", "1.0").out()).isEqualTo("e1.0\t" + System.lineSeparator());
    }

    @Test
    void badClientArgumentsExitTwoNamingTheArgument() {
        Cli addr = client("identify", "1.x");
        assertThat(addr.status()).isEqualTo(2);
        assertThat(addr.err()).contains("target '1.x' is not SHELF.SLOT");
        Cli proto = client("lock", "acquire", "1.0", "--protocol", "bogus");
        assertThat(proto.status()).isEqualTo(2);
        assertThat(proto.err()).contains("--protocol: unknown lock protocol 'bogus'");
        Cli tap = Cli.run("client", "discover", "--tap", "nosuch");
        assertThat(tap.status()).isEqualTo(2);
        assertThat(tap.err()).contains("--tap: TUNSETIFF nosuch: Operation not permitted");
        Cli mac = client("discover", "--mac", "01:00:00:00:00:01");
        assertThat(mac.status()).isEqualTo(2);
        assertThat(mac.err()).contains("--mac 01:00:00:00:00:01 is a group address");
        Cli action = client("reserve", "1.0", "grab");
        assertThat(action.status()).isEqualTo(2);
        assertThat(action.err()).contains("reserve action 'grab' is unknown");
        Cli io = client("discover", "--io", "fast");
        assertThat(io.status()).isEqualTo(2);
        assertThat(io.err()).contains("--io is 'fast', expected auto, ring or syscalls");
    }
}
