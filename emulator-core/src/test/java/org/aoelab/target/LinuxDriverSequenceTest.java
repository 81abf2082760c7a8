package org.aoelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.aoelab.disk.RamDisk;
import org.aoelab.net.Nic;
import org.aoelab.net.PortOptions;
import org.aoelab.net.VirtualSwitch;
import org.aoelab.sim.Simulation;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/**
 * The frames a Linux aoe driver sends a target (protocol reference 5.1), replayed byte for byte as
 * they leave a TAP device (unpadded), and the answers checked the way the driver checks them.
 */
class LinuxDriverSequenceTest {
    private static final MacAddress LINUX = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress TARGET = MacAddress.parse("02:00:00:00:00:02");
    private static final int SHELF = 1;
    private static final int SLOT = 0;
    private static final long SECTORS = 2 * 1024 * 1024; // 1 GiB

    /** The driver's side: sends unpadded frames, keeps answers by tag. */
    private static final class Linux {
        final Simulation sim = new Simulation(1);
        final VirtualSwitch sw = new VirtualSwitch(sim, "sw");
        final Map<Long, Bytes> answers = new HashMap<>();
        final List<Bytes> unsolicited = new ArrayList<>();
        final Nic nic;
        final RamDisk disk = new RamDisk(SECTORS);
        final AoeTarget target;
        int counter;
        int jiffies = 0x2f3c;

        Linux(int mtu, TargetConfig config) {
            PortOptions port = PortOptions.DEFAULT.withMtu(mtu);
            nic = sw.connect("linux", LINUX, f -> {
                long tag = f.u32(20);
                if (tag == 0 && f.u8(19) == 1 && f.u48(0) == MacAddress.BROADCAST.value()) unsolicited.add(f);
                else answers.put(tag, f);
            }, port);
            target = new AoeTarget(sim, sw, TARGET, config, disk, port);
            sim.runUntilIdle(1000);
        }

        /** Kernel tag: bit 31 clear, bits 30-16 a per-device counter, bits 15-0 jiffies. */
        long nextTag() {
            counter++;
            jiffies++;
            return (long) (counter & 0x7FFF) << 16 | (jiffies & 0xFFFF);
        }

        Bytes exchange(AoeFrame request) {
            Bytes wire = Harness.unpadded(request);
            nic.send(wire);
            sim.runUntilIdle(10_000);
            Bytes answer = answers.remove(request.header().tag());
            assertThat(answer).as("answer to tag %08x", request.header().tag()).isNotNull();
            return answer;
        }

        /** The driver's receive filter (5.1.2): R set, E clear, tag bit 31 clear; and the real address. */
        static AoeFrame accept(Bytes answer) {
            AoeFrame a = Harness.decode(answer);
            assertThat(a.header().response()).isTrue();
            assertThat(a.header().error()).as("E flag").isFalse();
            assertThat(a.header().tag() & 0x8000_0000L).isZero();
            assertThat(a.header().major()).isEqualTo(SHELF);
            assertThat(a.header().minor()).isEqualTo(SLOT);
            assertThat(a.dst()).isEqualTo(LINUX);
            return a;
        }

        static AtaArg ataOk(Bytes answer, int scnt) {
            AtaArg a = (AtaArg) accept(answer).arg();
            assertThat(a.cmdStatus() & AtaOpcode.STATUS_LINUX_FAIL_MASK).as("status %02x", a.cmdStatus()).isZero();
            assertThat(a.data().length()).as("data bytes").isGreaterThanOrEqualTo(scnt * 512);
            return a;
        }
    }

    private static AoeFrame discovery() {
        return AoeFrame.request(MacAddress.BROADCAST, LINUX, 0xFFFF, 0xFF, 0, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
    }

    @Test
    void fullSequence_discoveryIdentifyWritesReadsProbeAndRetransmission_atMtu1500() {
        Linux linux = new Linux(1500, TargetConfig.of(SHELF, SLOT));

        // Module load: the target's own announcement came first; the driver takes it like an answer.
        assertThat(linux.unsolicited).hasSize(1);

        // 1. Broadcast discovery: 32 bytes, tag 0.
        AoeFrame query = discovery();
        assertThat(Harness.unpadded(query).length()).isEqualTo(32);
        Bytes cfgAnswer = linux.exchange(query);
        ConfigArg cfg = (ConfigArg) Linux.accept(cfgAnswer).arg();
        assertThat(cfgAnswer.length()).isEqualTo(60);
        assertThat(cfg.bufferCount()).isGreaterThanOrEqualTo(2); // else the window is 0 (pitfall 10)
        int nframes = Math.min(cfg.bufferCount(), 64);
        int maxbcnt = Math.min((1500 - 36) / 512, cfg.sectorCount()) * 512;
        assertThat(maxbcnt).isEqualTo(1024);
        MacAddress targetMac = Harness.decode(cfgAnswer).src();

        // 2. IDENTIFY: 36 bytes, scnt 1, opcode EC, lba3 A0, AFlags 0.
        AoeFrame identify = AoeFrame.request(targetMac, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.identify());
        assertThat(Harness.unpadded(identify).length()).isEqualTo(36);
        AtaArg id = Linux.ataOk(linux.exchange(identify), 1);
        assertThat(id.data().length()).isEqualTo(512);
        assertThat(Identify.lba48(id.data())).isTrue();
        assertThat(Identify.sectors(id.data())).isEqualTo(SECTORS);

        // 3. A 4 KiB write at LBA 2048, cut into maxbcnt frames: AFlags 0x41, opcode 0x34, 1060 bytes each.
        byte[] block = new byte[4096];
        for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 13 + 5);
        List<AoeFrame> writes = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            Bytes data = Bytes.copyOf(block, f * 1024, 1024);
            AoeFrame w = AoeFrame.request(targetMac, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.write48(2048 + 2L * f, 2, data));
            assertThat(Harness.unpadded(w).length()).isEqualTo(1060);
            assertThat(((AtaArg) w.arg()).aflags()).isEqualTo(0x41);
            writes.add(w);
        }
        // The window lets nframes/2 = 8 out at once: send all four before any answer.
        for (AoeFrame w : writes) linux.nic.send(Harness.unpadded(w));
        linux.sim.runUntilIdle(10_000);
        assertThat(nframes / 2).isGreaterThanOrEqualTo(writes.size());
        for (AoeFrame w : writes) {
            Bytes ans = linux.answers.remove(w.header().tag());
            assertThat(ans).isNotNull();
            assertThat(ans.length()).isEqualTo(60);
            Linux.ataOk(ans, 0);
        }

        // 4. Read it back: 36-byte requests, AFlags 0x40, opcode 0x24; answers carry scnt*512 bytes.
        byte[] back = new byte[4096];
        for (int f = 0; f < 4; f++) {
            AoeFrame r = AoeFrame.request(targetMac, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.read48(2048 + 2L * f, 2));
            assertThat(Harness.unpadded(r).length()).isEqualTo(36);
            Bytes ans = linux.exchange(r);
            assertThat(ans.length()).isEqualTo(1060);
            Linux.ataOk(ans, 2).data().copyTo(0, back, f * 1024, 1024);
        }
        assertThat(back).isEqualTo(block);

        // 5. A probe: READ EXT of maxbcnt at LBA 0 carrying maxbcnt zero bytes; the payload is ignored.
        AoeFrame probe = AoeFrame.request(targetMac, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.read48(0, 2))
                .withTrailer(Bytes.zeros(1024));
        assertThat(Harness.unpadded(probe).length()).isEqualTo(36);
        Bytes probeWire = AoeCodec.encode(probe);
        assertThat(probeWire.length()).isEqualTo(1060);
        linux.nic.send(probeWire);
        linux.sim.runUntilIdle(10_000);
        Linux.ataOk(linux.answers.remove(probe.header().tag()), 2);

        // 6. A retransmission: the same write with a new tag; both are executed and answered.
        AoeFrame again = writes.get(1).withTag(linux.nextTag());
        Linux.ataOk(linux.exchange(again), 0);
        assertThat(linux.target.stats().sectorsWritten()).isEqualTo(10);

        // 7. The next periodic discovery and IDENTIFY (the disk is not open) are answered the same way.
        Linux.accept(linux.exchange(discovery()));
        Linux.ataOk(linux.exchange(identify.withTag(linux.nextTag())), 1);
        assertThat(linux.target.stats().aoeErrors()).isZero();
        assertThat(linux.target.stats().ataErrors()).isZero();
    }

    @Test
    void jumboMtu_17SectorFramesOf8740Bytes() {
        Linux linux = new Linux(9000, TargetConfig.of(SHELF, SLOT));
        ConfigArg cfg = (ConfigArg) Linux.accept(linux.exchange(discovery())).arg();
        assertThat(cfg.sectorCount()).isEqualTo(17);
        int maxbcnt = Math.min((9000 - 36) / 512, cfg.sectorCount()) * 512;
        assertThat(maxbcnt).isEqualTo(8704);
        Bytes data = Bytes.repeat(0x6b, maxbcnt);
        AoeFrame w = AoeFrame.request(TARGET, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.write48(100, 17, data));
        assertThat(Harness.unpadded(w).length()).isEqualTo(8740);
        Linux.ataOk(linux.exchange(w), 0);
        Bytes ans = linux.exchange(AoeFrame.request(TARGET, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.read48(100, 17)));
        assertThat(ans.length()).isEqualTo(8740);
        assertThat(Linux.ataOk(ans, 17).data()).isEqualTo(data);
    }

    @Test
    void diskWithoutLba48_getsLba28CommandsWithTheDeviceRegisterInLba3() {
        Linux linux = new Linux(1500, TargetConfig.builder(SHELF, SLOT).lba48(false).build());
        Linux.accept(linux.exchange(discovery()));
        AtaArg id = Linux.ataOk(linux.exchange(AoeFrame.request(TARGET, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.identify())), 1);
        assertThat(Identify.lba48(id.data())).isFalse();
        assertThat(Identify.sectors(id.data())).isEqualTo(SECTORS);
        long lba = 0x1F_FFFEL; // the last two sectors
        AoeFrame w = AoeFrame.request(TARGET, LINUX, SHELF, SLOT, linux.nextTag(), AtaArg.write28(lba, 2, Bytes.repeat(0x28, 1024)));
        assertThat(((AtaArg) w.arg()).aflags()).isEqualTo(0x01);
        assertThat(((AtaArg) w.arg()).deviceRegister()).isEqualTo(0xE0);
        Linux.ataOk(linux.exchange(w), 0);
        AtaArg r = Linux.ataOk(linux.exchange(AoeFrame.request(TARGET, LINUX, SHELF, SLOT, linux.nextTag(),
                AtaArg.read28(lba, 2))), 2);
        assertThat(r.data()).isEqualTo(Bytes.repeat(0x28, 1024));
    }

    @Test
    void perDeviceQuery_afterLastClose_isAnsweredToo() {
        Linux linux = new Linux(1500, TargetConfig.of(SHELF, SLOT));
        AoeFrame q = AoeFrame.request(MacAddress.BROADCAST, LINUX, SHELF, SLOT, 0, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
        AoeHeader h = Linux.accept(linux.exchange(q)).header();
        assertThat(h.tag()).isZero();
    }
}
