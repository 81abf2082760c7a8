package org.aoelab.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.aoelab.disk.RamDisk;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.target.AoeTarget;
import org.aoelab.target.TargetConfig;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.NoteEvent;
import org.aoelab.trace.TraceRecorder;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

class AoeInitiatorTest {

    private static final long S = 1_000_000_000L;

    @Test
    void discoversIdentifiesAndSizesFramesFromTheMtu() {
        San san = new San(1);
        san.target(1, 0, 2048);
        AoeDevice d = san.discover(san.initiator("h1"), 1, 0);
        assertThat(d.capacity()).isEqualTo(2048L * 512);
        assertThat(d.lba48()).isTrue();
        assertThat(d.paths()).hasSize(1);
        assertThat(d.bytesPerFrame()).isEqualTo(1024); // floor((1500 - 36) / 512) = 2 sectors

        San jumbo = new San(1);
        jumbo.target("t", TargetConfig.of(1, 0), new RamDisk(2048), 9000);
        AoeDevice j = jumbo.discover(jumbo.initiator("h1", InitiatorConfig.LINUX.withRediscoverNanos(0), 9000), 1, 0);
        assertThat(j.bytesPerFrame()).isEqualTo(17 * 512);
    }

    @Test
    void whenUpRunsOnceForItsOwnDeviceWhetherItIsUpAlreadyOrComesUpLater() {
        San san = new San(4);
        san.target(1, 0, 64);
        san.target(1, 1, 64);
        AoeInitiator ini = san.initiator("h1");
        int before = ini.upListenerCount();
        List<String> ran = new ArrayList<>();
        ini.whenUp(1, 1, d -> ran.add("later " + d.name()));
        Runnable takenBack = ini.whenUp(1, 0, d -> ran.add("taken back"));
        takenBack.run();
        ini.whenUp(7, 7, d -> ran.add("never")); // no such target: it stays, waiting
        assertThat(ran).isEmpty();

        san.discover(ini, 1, 1);
        assertThat(san.sim.runUntil(() -> ini.device(1, 0) != null && ini.device(1, 0).isUp(), 60 * S)).isTrue();
        assertThat(ran).containsExactly("later e1.1");
        assertThat(ini.upListenerCount()).as("only e7.7's wait is left").isEqualTo(before + 1);

        ini.whenUp(1, 0, d -> ran.add("now " + d.name())); // up already: at once, nothing registered
        assertThat(ran).containsExactly("later e1.1", "now e1.0");
        assertThat(ini.upListenerCount()).isEqualTo(before + 1);
    }

    @Test
    void bytesPerFrameIsTheSmallerOfTheTargetsSectorCountAndTheInitiatorsMtu() {
        San san = new San(1);
        san.target("t", TargetConfig.of(1, 0), new RamDisk(2048), 9000);
        AoeDevice d = san.discover(san.initiator("h1"), 1, 0); // initiator MTU 1500
        assertThat(d.bytesPerFrame()).isEqualTo(1024);
    }

    @Test
    void unalignedWritesAndReadsReachExactlyTheBytesAsked() throws Exception {
        San san = new San(2);
        AoeTarget t = san.target(1, 0, 64);
        AoeDevice d = san.discover(san.initiator("h1"), 1, 0);
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        San.Box<IoResult> w = new San.Box<>();
        d.write(700, Bytes.copyOf(data), w);
        assertThat(san.await(w, 10 * S).ok()).isTrue();

        byte[] disk = new byte[64 * 512];
        t.disk().read(0, 64, disk, 0);
        for (int i = 0; i < disk.length; i++) {
            byte want = i >= 700 && i < 3700 ? data[i - 700] : 0;
            assertThat(disk[i]).as("byte %d", i).isEqualTo(want);
        }
        San.Box<IoResult> r = new San.Box<>();
        d.read(699, 3002, r);
        IoResult got = san.await(r, 10 * S);
        assertThat(got).isInstanceOf(IoResult.Done.class);
        Bytes b = ((IoResult.Done) got).data();
        assertThat(b.length()).isEqualTo(3002);
        assertThat(b.u8(0)).isZero();
        assertThat(b.slice(1, 3001)).isEqualTo(Bytes.copyOf(data));
        assertThat(b.u8(3001)).isZero();
    }

    @Test
    void flushFallsBackToFlushCacheWhenTheTargetAbortsFlushCacheExt() {
        for (String profile : new String[] {"aoelab", "vblade"}) {
            San san = new San(3);
            san.target("t", TargetConfig.builder(1, 0).profile(org.aoelab.target.TargetProfile.byName(profile)).build(),
                    new RamDisk(64), 1500);
            TraceRecorder trace = new TraceRecorder();
            san.sim.trace().subscribe(trace);
            AoeDevice d = san.discover(san.initiator("h1"), 1, 0);
            San.Box<IoResult> f = new San.Box<>();
            d.flush(f);
            assertThat(san.await(f, 10 * S).ok()).as(profile).isTrue();
            List<Integer> opcodes = new ArrayList<>();
            for (FrameEvent e : trace.frames(FrameEvent.Kind.SENT, "h1")) {
                try {
                    AoeFrame fr = AoeCodec.decode(e.frame());
                    if (fr.arg() instanceof AtaArg a && a.cmdStatus() != 0xEC) opcodes.add(a.cmdStatus());
                } catch (MalformedFrameException ex) {
                    throw new AssertionError(ex);
                }
            }
            // vblade aborts FLUSH CACHE EXT (0xEA, protocol reference 4.1); FLUSH CACHE (0xE7) then does the job.
            assertThat(opcodes).as(profile).isEqualTo(profile.equals("vblade") ? List.of(0xEA, 0xE7) : List.of(0xEA));
        }
    }

    @Test
    void aRangeBeyondTheDiskIsRejectedWithoutAFrame() {
        San san = new San(3);
        san.target(1, 0, 8);
        AoeInitiator h = san.initiator("h1");
        AoeDevice d = san.discover(h, 1, 0);
        long sent = h.stats().framesSent();
        San.Box<IoResult> r = new San.Box<>();
        d.read(4000, 200, r);
        assertThat(san.await(r, S)).isInstanceOf(IoResult.Rejected.class);
        assertThat(h.stats().framesSent()).isEqualTo(sent);
    }

    @Test
    void aMediaErrorSurfacesAsAnAtaErrorWithItsRegisters() throws Exception {
        San san = new San(4);
        org.aoelab.disk.FaultyDisk disk = new org.aoelab.disk.FaultyDisk(new RamDisk(64), san.sim.randoms().stream("d"));
        disk.addMediaError(10, 1, org.aoelab.disk.DiskOp.READ);
        san.target("t", TargetConfig.of(1, 0), disk, 1500);
        AoeDevice d = san.discover(san.initiator("h1"), 1, 0);
        San.Box<IoResult> r = new San.Box<>();
        d.read(9 * 512, 1024, r);
        IoResult got = san.await(r, 10 * S);
        assertThat(got).isInstanceOf(IoResult.AtaError.class);
        IoResult.AtaError e = (IoResult.AtaError) got;
        assertThat(e.status() & 0x01).isEqualTo(1); // ERR
        assertThat(e.error() & 0x40).isEqualTo(0x40); // UNC
    }

    @Test
    void multipathSpreadsIoOverBothTargetMacs() {
        San san = new San(5);
        RamDisk shared = new RamDisk(4096);
        AoeTarget a = san.target("ta", TargetConfig.of(2, 0), shared, 1500);
        AoeTarget b = san.target("tb", TargetConfig.of(2, 0), shared, 1500);
        AoeDevice d = san.discover(san.initiator("h1"), 2, 0);
        san.sim.runFor(S / 100); // let the second config answer arrive
        assertThat(d.paths()).hasSize(2);
        long aBefore = a.stats().received();
        long bBefore = b.stats().received();
        San.Box<IoResult> w = new San.Box<>();
        d.write(0, Bytes.zeros(64 * 1024), w);
        assertThat(san.await(w, 10 * S).ok()).isTrue();
        long viaA = a.stats().received() - aBefore;
        long viaB = b.stats().received() - bBefore;
        assertThat(viaA + viaB).isGreaterThanOrEqualTo(64);
        assertThat(viaA).isGreaterThan(20);
        assertThat(viaB).isGreaterThan(20);
    }

    @Test
    void bufferCountOneMeansAWindowOfZeroAndTheDiskNeverComesUp() {
        San san = new San(6);
        san.target("t", TargetConfig.builder(1, 0).bufferCount(1).build(), new RamDisk(64), 1500);
        AoeInitiator h = san.initiator("h1");
        h.start();
        san.sim.runFor(10 * S);
        AoeDevice d = h.device(1, 0);
        assertThat(d).isNotNull();
        assertThat(d.isUp()).isFalse();
        assertThat(d.paths().get(0).window().maxout()).isZero();
    }

    @Test
    void everyRetransmissionHasANewTagAndIsInTheTrace() {
        San san = new San(7);
        san.target(1, 0, 1024);
        AoeInitiator h = san.initiator("h1");
        TraceRecorder rec = new TraceRecorder();
        san.sim.trace().subscribe(rec);
        AoeDevice d = san.discover(h, 1, 0);
        h.nic().link().toSwitch().loss(0.3);
        San.Box<IoResult> w = new San.Box<>();
        d.write(0, Bytes.repeat(0x5a, 256 * 1024), w);
        assertThat(san.await(w, 600 * S).ok()).isTrue();
        assertThat(h.stats().retransmissions()).isPositive();
        List<NoteEvent> notes = rec.ofType(NoteEvent.class).stream().filter(n -> n.topic().equals("retransmit")).toList();
        assertThat(notes).hasSize((int) h.stats().retransmissions());
        // Tags on the wire from h1 never repeat.
        List<Long> tags = new ArrayList<>();
        for (FrameEvent f : rec.frames(FrameEvent.Kind.SENT, "h1")) {
            try {
                AoeFrame a = AoeCodec.decode(f.frame());
                if (a.arg() instanceof AtaArg ata && (ata.aflags() & AtaArg.FLAG_WRITE) != 0) {
                    tags.add(a.header().tag());
                }
            } catch (MalformedFrameException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(tags).doesNotHaveDuplicates().hasSizeGreaterThan(256);
    }

    @Test
    void aTargetThatVanishesForFiveSecondsIsRiddenThrough() {
        San san = new San(8);
        org.aoelab.disk.FaultyDisk disk = new org.aoelab.disk.FaultyDisk(new RamDisk(4096), san.sim.randoms().stream("d"));
        san.target("t", TargetConfig.of(1, 0), disk, 1500);
        AoeInitiator h = san.initiator("h1");
        AoeDevice d = san.discover(h, 1, 0);
        disk.vanish();
        san.sim.schedule(5 * S, disk::reappear);
        San.Box<IoResult> w = new San.Box<>();
        d.write(0, Bytes.repeat(1, 64 * 1024), w);
        assertThat(san.await(w, 120 * S).ok()).isTrue();
        assertThat(h.stats().retransmissions()).isPositive();
        assertThat(d.state()).isEqualTo(AoeDevice.State.UP);
    }

    @Test
    void aTargetGoneLongerThanTheDeadTimeKillsTheDeviceAndFailsItsRequests() {
        San san = new San(9);
        org.aoelab.disk.FaultyDisk disk = new org.aoelab.disk.FaultyDisk(new RamDisk(4096), san.sim.randoms().stream("d"));
        san.target("t", TargetConfig.of(1, 0), disk, 1500);
        AoeInitiator h = san.initiator("h1", InitiatorConfig.LINUX.withRediscoverNanos(0).withDeadNanos(20 * S), 1500);
        AoeDevice d = san.discover(h, 1, 0);
        disk.vanish();
        long start = san.sim.now();
        San.Box<IoResult> w = new San.Box<>();
        d.write(0, Bytes.repeat(1, 8192), w);
        IoResult r = san.await(w, 60 * S);
        assertThat(r).isInstanceOf(IoResult.DeviceDead.class);
        assertThat(san.sim.now() - start).isBetween(20 * S, 21 * S);
        assertThat(d.state()).isEqualTo(AoeDevice.State.DEAD);
        San.Box<IoResult> again = new San.Box<>();
        d.read(0, 512, again);
        assertThat(san.await(again, S)).isInstanceOf(IoResult.DeviceDead.class);
        // It comes back after the target returns and a discovery finds it.
        disk.reappear();
        h.discover();
        assertThat(san.sim.runUntil(d::isUp, 30 * S)).isTrue();
    }

    @Test
    void severalInitiatorsMoveSixtyFourMebibytesIntactOverABadNetwork() throws Exception {
        San san = new San(10);
        VirtualDisk disk = new RamDisk(256 * 1024); // 128 MiB
        san.target("t", TargetConfig.of(1, 0), disk, 9000);
        int n = 4;
        int each = 16 * 1024 * 1024;
        List<AoeInitiator> hs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AoeInitiator h = san.initiator("h" + i, InitiatorConfig.LINUX.withRediscoverNanos(0), 9000);
            san.discover(h, 1, 0);
            for (var dir : List.of(h.nic().link().toSwitch(), h.nic().link().fromSwitch())) {
                dir.loss(0.2).duplicate(0.05).reorder(0.05, 3).delay(100_000, 50_000);
            }
            hs.add(h);
        }
        TraceRecorder retransmits = new TraceRecorder();
        san.sim.trace().subscribe(e -> {
            if (e instanceof NoteEvent ne && ne.topic().equals("retransmit")) {
                retransmits.accept(e);
            }
        });
        int chunk = 1024 * 1024;
        long[] mismatches = {0};
        int[] done = {0};
        for (int i = 0; i < n; i++) {
            AoeInitiator h = hs.get(i);
            AoeDevice d = h.device(1, 0);
            long base = (long) i * each;
            for (int c = 0; c < each / chunk; c++) {
                long at = base + (long) c * chunk;
                byte[] data = pattern(i, at, chunk);
                d.write(at, Bytes.adopt(data), wr -> {
                    assertThat(wr.ok()).as("write at %d: %s", at, wr).isTrue();
                    d.read(at, chunk, rd -> {
                        assertThat(rd.ok()).as("read at %d: %s", at, rd).isTrue();
                        if (!((IoResult.Done) rd).data().equals(Bytes.adopt(data))) {
                            mismatches[0]++;
                        }
                        done[0]++;
                    });
                });
            }
        }
        assertThat(san.sim.runUntil(() -> done[0] == n * each / chunk, 3600 * S)).isTrue();
        assertThat(mismatches[0]).isZero();
        long retx = hs.stream().mapToLong(h -> h.stats().retransmissions()).sum();
        assertThat(retx).isPositive();
        assertThat(retransmits.size()).isEqualTo((int) retx);
        assertThat(hs.stream().mapToLong(h -> h.stats().unexpectedAnswers()).sum()).isPositive(); // duplicates
    }

    private static byte[] pattern(int who, long at, int n) {
        byte[] b = new byte[n];
        long x = at * 31 + who;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (x >>> 56);
        }
        return b;
    }
}
