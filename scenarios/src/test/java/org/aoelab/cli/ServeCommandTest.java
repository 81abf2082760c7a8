package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aoelab.serve.Replayer;
import org.aoelab.serve.ServeRecording;
import org.aoelab.serve.Taps;
import org.aoelab.tap.InMemoryTapDevice;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeCommandTest {
    private static final MacAddress HOST = MacAddress.parse("52:54:00:aa:bb:cc");

    @TempDir
    Path dir;

    private InMemoryTapDevice tap;
    private AutoCloseable override;

    @BeforeEach
    void useAnInMemoryTap() {
        tap = new InMemoryTapDevice("tap9", 1500);
        override = Taps.override(name -> {
            if (name.equals("tap9")) return tap;
            throw new IOException("TUNSETIFF " + name + ": Operation not permitted: create it first with 'sudo ip tuntap add dev "
                    + name + " mode tap user me'");
        });
    }

    @AfterEach
    void restore() throws Exception {
        tap.close();
        override.close();
    }

    private static byte[] query(int shelf, int slot, long tag) {
        return AoeCodec.encode(AoeFrame.request(MacAddress.BROADCAST, HOST, shelf, slot, tag,
                ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))).toArray();
    }

    private AoeFrame answer(long tag) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] f = tap.hostReceives(100, TimeUnit.MILLISECONDS);
            if (f == null) continue;
            AoeFrame a = AoeCodec.decode(f);
            if (a.header().tag() == tag) return a;
        }
        throw new AssertionError("no answer with tag " + tag);
    }

    private static CompletableFuture<Cli> serve(String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--tap", "tap9", "--status-every", "0"));
        all.addAll(List.of(args));
        return CompletableFuture.supplyAsync(() -> Cli.run(all.toArray(new String[0])));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--target 1.0=ram:xx                           | --target: target '1.0=ram:xx': disk spec 'ram:xx': size",
            "--mtu 1500                                    | nothing to serve: give at least one --target",
            "--target 1.0=ram:1M --mtu 10                  | --mtu is 10, expected 46 to 9000",
            "--target 1.0=ram:1M --impair delay=2          | --impair: impairment 'delay=2': '2' has no unit",
            "--target 1.0=ram:1M --impair-out drop=1%      | --impair-out: impairment 'drop=1%': unknown key 'drop'",
            "--target 1.0=ram:1M --allow zz                | --allow: not a MAC address: 'zz'",
            "--target 1.0=ram:1M --mac ff:ff:ff:ff:ff:ff   | --mac ff:ff:ff:ff:ff:ff is a group address",
            "--target 1.0=ram:1M --duration 0s             | --duration is 0s, expected more than 0",
            "--target 1.0=ram:1M --duration soon           | --duration: 'soon' is not a duration",
            "--target 1.0=ram:1M --target 1.0=ram:2M       | --target: target 1.0=ram:2MiB,profile=aoelab,bufcnt=16: e1.0 is already served",
            "--config nosuch-scenario                      | --config: nosuch-scenario:1:1: no such scenario file",
            "--config basics --target 1.0=ram:1M           | e1.0 is already served (by the scenario or another --target)",
            "--target 1.0=file:/nonexistent/d.img          | --target: ",
            "--target 1.0=ram:1M --record /nonexistent/x.pcapng | --record: cannot write /nonexistent/x.pcapng",
            "--target 1.0=ram:1M --seed -1                 | --seed is -1, expected 0 or more",
            "--target 1.0=ram:1M --spin 20ms               | --spin is 20ms, expected 0 to 10ms, or always",
            "--target 1.0=ram:1M --spin often              | --spin: 'often' is not a duration",
            "--target 1.0=ram:1M --realtime 0              | --realtime is 0, expected 1 to 99",
            "--target 1.0=ram:1M --realtime 100            | --realtime is 100, expected 1 to 99",
            "--target 1.0=ram:1M --io fast                 | --io is 'fast', expected auto, ring or syscalls",
    })
    void badArgumentsExitTwoNamingTheArgument(String args, String message) throws Exception {
        Cli c = serve(args.trim().split("\\s+")).get(10, TimeUnit.SECONDS);
        assertThat(c.status()).as(c.err()).isEqualTo(2);
        assertThat(c.err()).contains(message.trim());
    }

    @Test
    void aTapThatCannotBeOpenedExitsTwoSayingWhy() {
        Cli c = Cli.run("serve", "--tap", "tap0", "--target", "1.0=ram:1M");
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains("aoelab serve: --tap: TUNSETIFF tap0: Operation not permitted: create it first with 'sudo ip tuntap add dev tap0");
    }

    @Test
    void busyPollingServesAndStopsCleanly() throws Exception {
        CompletableFuture<Cli> s = serve("--target", "1.0=ram:1M", "--spin", "always", "--impair", "delay=1ms", "--duration", "1s");
        answer(0);
        tap.hostSends(query(1, 0, 0x99));
        assertThat(answer(0x99).header().error()).isFalse();
        Cli c = s.get(10, TimeUnit.SECONDS);
        assertThat(c.status()).as(c.err()).isZero();
    }

    @Test
    void realTimePriorityServesAndStopsCleanly() throws Exception {
        org.aoelab.testing.RealTools.requireRoot();
        // A thread of its own, which ends with the serve: the loop's thread is the one made real-time.
        CompletableFuture<Cli> s = new CompletableFuture<>();
        Thread t = new Thread(() -> s.complete(Cli.run("serve", "--tap", "tap9", "--status-every", "0", "--target", "1.0=ram:1M",
                "--spin", "always", "--realtime", "5", "--impair", "delay=1ms", "--duration", "1s")), "serve-realtime");
        t.start();
        answer(0);
        tap.hostSends(query(1, 0, 0x98));
        assertThat(answer(0x98).header().error()).isFalse();
        Cli c = s.get(10, TimeUnit.SECONDS);
        assertThat(c.status()).as(c.err()).isZero();
        t.join();
    }

    @Test
    void aDelayOnTheTapLinkAddsItsTimeBothWaysAndTheReplayAgrees() throws Exception {
        Path rec = dir.resolve("delay.pcapng");
        CompletableFuture<Cli> s = serve("--target", "1.0=ram:1M", "--impair", "delay=5ms", "--impair-in", "delay=3ms",
                "--record", rec.toString(), "--duration", "1s");
        answer(0); // the announcement, 5 ms after the start
        tap.hostSends(query(1, 0, 0x77));
        AoeFrame a = answer(0x77);
        assertThat(a.src()).isEqualTo(MacAddress.parse("02:00:00:01:00:01"));
        Cli c = s.get(10, TimeUnit.SECONDS);
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("recorded 3 frames to " + rec);

        Replayer.Recording r = Replayer.read(rec);
        assertThat(r.command()).containsSubsequence("serve", "--tap", "tap9", "--mtu", "1500", "--target",
                "1.0=ram:1MiB,profile=aoelab,bufcnt=16", "--impair", "delay=5ms", "--impair-in", "delay=3ms");
        assertThat(r.toHost()).hasSize(2);
        assertThat(r.simTime(r.toHost().get(0))).isEqualTo(5_000_000L);
        long in = r.simTime(r.fromHost().get(0));
        assertThat(r.simTime(r.toHost().get(1)) - in).as("3 ms in, 5 ms out, on the simulated clock").isEqualTo(8_000_000L);

        Cli replay = Cli.run("replay", rec.toString());
        assertThat(replay.status()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("1 frames from the host").contains("2 frames to the host recorded, 2 replayed, 2 match, "
                + "in the same order");
    }

    @Test
    void configServesAScenariosTargetsAndLeavesItsInitiatorsOut() throws Exception {
        CompletableFuture<Cli> s = serve("--config", "multipath", "--target", "7.0=ram:1M", "--duration", "500ms");
        tap.hostSends(query(7, 0, 5));
        assertThat(answer(5).src()).isEqualTo(MacAddress.parse("02:00:00:01:00:03"));
        Cli c = s.get(10, TimeUnit.SECONDS);
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("3 target(s)").contains("e2.0 (t1a)").contains("e2.0 (t1b)").contains("e7.0");
    }

    @Test
    void nonAoeFramesAreRefusedUnlessAllFramesIsGiven() throws Exception {
        CompletableFuture<Cli> s = serve("--target", "1.0=ram:1M", "--duration", "500ms", "--allow", "52:54:00:aa:bb:cc");
        byte[] ip = new byte[60];
        ip[12] = 0x08;
        tap.hostSends(ip);
        tap.hostSends(query(1, 0, 9));
        answer(9);
        Cli c = s.get(10, TimeUnit.SECONDS);
        assertThat(c.out()).contains("in 1 out 2 (refused 1, shed 0)");
    }

    @Test
    void replayFindsAnswersThatDiffer() throws Exception {
        Path rec = dir.resolve("forged.pcapng");
        Bytes q = Bytes.copyOf(query(1, 0, 3));
        Bytes wrong = AoeCodec.encode(AoeFrame.request(HOST, MacAddress.parse("02:00:00:01:00:01"), 1, 0, 3,
                ConfigArg.request(ConfigCommand.SET, Bytes.ofUtf8("forged"))));
        try (OutputStream out = Files.newOutputStream(rec);
             ServeRecording r = new ServeRecording(out, "tap9", List.of("serve", "--tap", "tap9", "--mtu", "1500", "--target",
                     "1.0=ram:1M"), 1_000_000_000L)) {
            r.fromHost(1_000_000, q);
            r.toHost(1_000_000, wrong);
        }
        Cli c = Cli.run("replay", rec.toString());
        assertThat(c.status()).isEqualTo(1);
        assertThat(c.out()).contains("MISMATCH").contains("not in the recording: 02:00:00:01:00:01 -> ff:ff:ff:ff:ff:ff e1.0 tag 0x00000000")
                .contains("recorded, not replayed: 02:00:00:01:00:01 -> 52:54:00:aa:bb:cc e1.0 tag 0x00000003");
    }

    @Test
    void replayRefusesFilesThatAreNotServeRecordings() throws Exception {
        Path plain = dir.resolve("plain.pcapng");
        try (PcapngWriter w = PcapngWriter.create(plain, "someone", "a capture")) {
            w.addInterface("eth0");
            w.write(0, 5, Bytes.copyOf(query(1, 0, 1)));
        }
        Cli c = Cli.run("replay", plain.toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains(plain + " is not a recording of 'aoelab serve --record'");
        Cli missing = Cli.run("replay", dir.resolve("none.pcapng").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("none.pcapng");
    }
}
