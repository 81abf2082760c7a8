package org.aoelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.MalformedFrameException;
import org.aoelab.wire.RawArg;
import org.aoelab.wire.ReserveArg;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile frames: seeded random mutations of valid requests of every kind, thrown at a target of
 * each profile. Nothing may escape the engine, no disk call may reach past the end, no list may
 * outgrow its capacity, every answer must be a well-formed response from this target to the
 * sender, and afterwards the target still answers. The seed is in every failure message; rerun
 * one with {@code -Dfuzz.seed=N}.
 */
class HostileFrameFuzzTest {
    private static final int FRAMES = 25_000;
    private static final long SECTORS = 4096;
    private static final MacAddress TARGET = Harness.TARGET;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TargetProfile.class)
    void mutatedRequests_neverEscapeTheEngineNorReachOutsideTheDisk(TargetProfile profile) {
        long seed = Long.getLong("fuzz.seed", 0xA0E1ABL) ^ profile.ordinal();
        RandomGenerator rnd = new Well512a(new int[] {(int) seed, (int) (seed >>> 32), 17});
        TestDisk disk = TestDisk.patterned(SECTORS);
        TargetConfig config = TargetConfig.builder(3, 1).profile(profile).bufferCount(8).enforceBufferCount(rnd.nextBoolean())
                .build();
        TargetEngine engine = new TargetEngine(config, disk, TARGET, 9000);
        long received = 0;
        List<Bytes> bases = bases(rnd);
        Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
        int answered = 0;
        int aoeErrors = 0;
        byte[] reuse = new byte[2048];

        for (int i = 0; i < FRAMES; i++) {
            if (i % 500 == 0) {
                // A fresh target now and then: a fuzzed mask list or reservation would otherwise lock most frames out.
                received += engine.stats().received();
                engine = new TargetEngine(config, disk, TARGET, 9000);
            }
            Bytes input = mutate(bases.get(rnd.nextInt(bases.size())), rnd);
            Outcome o;
            try {
                o = rnd.nextInt(4) == 0 ? engine.handleInto(input, rnd.nextInt(12), reuse) : engine.handle(input, rnd.nextInt(12));
            } catch (RuntimeException e) {
                throw new AssertionError(profile + " seed " + seed + " case " + i + ": " + e + " escaped for "
                        + input.toHex(), e);
            }
            String where = profile + " seed " + seed + " case " + i;
            check(disk.outOfRangeCalls == 0, where, input, "a disk call reached past the end");
            TargetState s = engine.state();
            check(s.configString().length() <= 1024, where, input, "config string over 1024 bytes");
            check(s.maskList().size() <= profile.maskCapacity(), where, input, "mask list over capacity");
            check(s.reserveList().size() <= 255, where, input, "reserve list over 255");
            if (o.isAnswered()) {
                answered++;
                Bytes answer = o.answer() != null ? o.answer() : Bytes.copyOf(reuse, 0, o.answerLength());
                AoeFrame a = decode(answer, where);
                AoeHeader h = a.header();
                check(h.response() && h.version() == 1, where, input, "answer header " + h);
                check(a.src().equals(TARGET) && a.dst().value() == input.u48(6), where, input, "answer addresses " + a);
                check(h.major() == 3 && h.minor() == 1 && h.tag() == input.u32(20), where, input, "answer header " + h);
                check(answer.length() - 14 <= 9000, where, input, "answer longer than the MTU");
                if (h.error()) aoeErrors++;
            } else {
                drops.merge(o.drop(), 1, Integer::sum);
            }
        }
        assertThat(received + engine.stats().received()).isEqualTo(FRAMES);
        // The mutations must reach every kind of outcome, or the fuzzer tests little.
        assertThat(answered).as("answered").isGreaterThan(FRAMES / 10);
        assertThat(aoeErrors).as("AoE error answers").isGreaterThan(FRAMES / 200);
        assertThat(drops).containsKeys(DropReason.TRUNCATED_FRAME, DropReason.NOT_AOE, DropReason.NOT_ADDRESSED,
                DropReason.RESPONSE, DropReason.CONFIG_NO_MATCH);
        if (!profile.shortArgumentAnswersError1()) assertThat(drops).containsKey(DropReason.TRUNCATED_ARGUMENT);
        assertThat(disk.writes).as("writes that reached the disk").isGreaterThan(0);

        // The target is still alive: a permitted host gets IDENTIFY answered.
        MacAddress from = engine.state().maskList().isEmpty() ? Harness.HOST : engine.state().maskList().get(0);
        Bytes identify = AoeCodec.encode(AoeFrame.request(TARGET, from, 3, 1, 5, AtaArg.identify()));
        if (config.deny().contains(from)) return;
        Outcome last = engine.handle(identify, 0);
        assertThat(last.isAnswered()).as("%s: IDENTIFY after the fuzz: %s", profile, last).isTrue();
    }

    private static void check(boolean ok, String where, Bytes input, String what) {
        if (!ok) throw new AssertionError(where + ": " + what + "; input " + input.toHex());
    }

    private static AoeFrame decode(Bytes answer, String where) {
        try {
            return AoeCodec.decode(answer);
        } catch (MalformedFrameException e) {
            throw new AssertionError(where + ": answer does not decode: " + answer.toHex(), e);
        }
    }

    /** Valid requests of every command, near the interesting edges. */
    private static List<Bytes> bases(RandomGenerator rnd) {
        List<AoeFrame> f = new ArrayList<>();
        MacAddress host = Harness.HOST;
        MacAddress other = Harness.OTHER;
        f.add(AoeFrame.request(MacAddress.BROADCAST, host, 0xFFFF, 0xFF, 0, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY)));
        for (ConfigCommand c : ConfigCommand.values()) {
            f.add(Harness.request(host, 3, 1, ConfigArg.request(c, Bytes.ofUtf8("lock:" + c)), rnd.nextInt() & 0xFFFF_FFFFL));
        }
        f.add(Harness.request(host, 3, 1, ConfigArg.request(ConfigCommand.FORCE_SET, Bytes.repeat('q', 1024)), 9));
        f.add(Harness.request(host, 3, 1, AtaArg.identify(), 1));
        f.add(Harness.request(host, 3, 1, AtaArg.read48(SECTORS - 2, 2), 2));
        f.add(Harness.request(host, 3, 0xFF, AtaArg.read28(SECTORS - 1, 1), 3));
        f.add(Harness.request(host, 3, 1, AtaArg.write48(SECTORS - 2, 2, Bytes.repeat(0xAB, 1024)), 4));
        f.add(Harness.request(other, 3, 1, AtaArg.write28(SECTORS - 17, 17, Bytes.repeat(0xCD, 17 * 512)), 5));
        f.add(Harness.request(host, 3, 1, AtaArg.command(AtaOpcode.FLUSH_CACHE), 6));
        f.add(Harness.request(host, 3, 1, AtaArg.command(AtaOpcode.CHECK_POWER_MODE), 7));
        f.add(Harness.request(host, 3, 1, MacMaskArg.read(), 8));
        f.add(Harness.request(host, 3, 1, MacMaskArg.edit(List.of(MacMaskArg.Directive.add(host),
                MacMaskArg.Directive.add(other), MacMaskArg.Directive.delete(other))), 10));
        f.add(Harness.request(host, 3, 1, ReserveArg.read(), 11));
        f.add(Harness.request(host, 3, 1, ReserveArg.set(List.of(host)), 12));
        f.add(Harness.request(other, 3, 1, ReserveArg.forceSet(List.of()), 13));
        f.add(new AoeFrame(TARGET, host, AoeHeader.request(3, 1, 0x42, 14), new RawArg(Bytes.of(1, 2, 3, 4))));
        List<Bytes> out = new ArrayList<>();
        for (AoeFrame x : f) {
            out.add(AoeCodec.encode(x));
            out.add(Harness.unpadded(x));
        }
        return out;
    }

    private static Bytes mutate(Bytes base, RandomGenerator rnd) {
        byte[] b = base.toArray();
        switch (rnd.nextInt(7)) {
            case 0 -> { // truncate anywhere
                return Bytes.copyOf(b, 0, rnd.nextInt(b.length + 1));
            }
            case 1 -> { // flip bits, mostly in the headers and arguments
                int n = 1 + rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    int at = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length) : 14 + rnd.nextInt(Math.min(b.length, 48) - 14);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> { // an interesting value in a field that counts or addresses
                int[] offsets = {14, 15, 16, 17, 18, 19, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33};
                int at = offsets[rnd.nextInt(offsets.length)];
                int[] values = {0, 1, 2, 3, 0x0F, 0x10, 0x11, 0x40, 0x7F, 0x80, 0xFE, 0xFF};
                if (at < b.length) b[at] = (byte) values[rnd.nextInt(values.length)];
            }
            case 3 -> { // append garbage
                byte[] tail = new byte[rnd.nextInt(600)];
                for (int i = 0; i < tail.length; i++) tail[i] = (byte) rnd.nextInt(256);
                return Bytes.adopt(b).concat(Bytes.adopt(tail));
            }
            case 4 -> { // the LBA near or past the end of the disk, any count
                if (b.length >= 36) {
                    long lba = SECTORS - rnd.nextInt(40) + rnd.nextInt(40);
                    if (rnd.nextInt(5) == 0) lba = rnd.nextLong() & 0xFFFF_FFFF_FFFFL;
                    for (int i = 0; i < 6; i++) b[28 + i] = (byte) (lba >>> (8 * i));
                    b[26] = (byte) rnd.nextInt(256);
                }
            }
            case 5 -> { // a random source address or a random shelf.slot
                if (rnd.nextBoolean()) for (int i = 6; i < 12; i++) b[i] = (byte) rnd.nextInt(256);
                else if (b.length >= 19) {
                    b[16] = (byte) (rnd.nextBoolean() ? 0xFF : 0);
                    b[17] = (byte) (rnd.nextBoolean() ? 0xFF : 3);
                    b[18] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(3));
                }
            }
            default -> { // random bytes anywhere
                int n = 1 + rnd.nextInt(20);
                for (int i = 0; i < n; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
        }
        return Bytes.adopt(b);
    }
}
