package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.OTHER;
import static org.aoelab.target.Harness.SHELF;
import static org.aoelab.target.Harness.SLOT;
import static org.aoelab.target.Harness.TARGET;
import static org.aoelab.target.Harness.assertAoeError;
import static org.aoelab.target.Harness.assertAta;
import static org.aoelab.target.Harness.assertConfig;
import static org.aoelab.target.Harness.assertDropped;
import static org.aoelab.target.Harness.request;
import static org.aoelab.target.Harness.vector;
import static org.aoelab.target.Harness.with;
import static org.aoelab.target.TargetProfile.AOELAB;
import static org.aoelab.target.TargetProfile.GGAOED;
import static org.aoelab.target.TargetProfile.KVBLADE;
import static org.aoelab.target.TargetProfile.SPEC_STRICT;
import static org.aoelab.target.TargetProfile.VBLADE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.RawArg;
import org.aoelab.wire.ReserveArg;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The profile table of the protocol reference, section 9, plus {@code kvblade}: one nested class
 * per row, one test per profile, named for what that profile does.
 */
class ProfileTableTest {

    private static Harness target(TargetProfile p) {
        return Harness.of(p);
    }

    private static AoeFrame configRead(int major, int minor) {
        return request(HOST, major, minor, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY), 11);
    }

    // ------------------------------------------------------------------ Ver != 1

    @Nested
    class VersionMismatch {
        private Outcome send(TargetProfile p, boolean wildcard) {
            AoeFrame f = wildcard ? configRead(0xFFFF, 0xFF) : configRead(SHELF, SLOT);
            return target(p).send(with(AoeCodec.encode(f), 14, 0x20));
        }

        @Test
        void aoelab_unicastGetsError5() {
            assertAoeError(send(AOELAB, false), 5);
        }

        @Test
        void aoelab_wildcardIsDropped() {
            assertDropped(send(AOELAB, true), DropReason.BAD_VERSION);
        }

        @Test
        void vblade_versionIsIgnoredAndTheRequestProcessed() {
            assertConfig(send(VBLADE, false));
            assertConfig(send(VBLADE, true));
        }

        @Test
        void ggaoed_isDropped() {
            assertDropped(send(GGAOED, false), DropReason.BAD_VERSION);
            assertDropped(send(GGAOED, true), DropReason.BAD_VERSION);
        }

        @Test
        void specStrict_getsError5EvenThroughAWildcard() {
            assertAoeError(send(SPEC_STRICT, false), 5);
            assertAoeError(send(SPEC_STRICT, true), 5);
        }

        @Test
        void kvblade_versionIsIgnoredAsInVblade() {
            assertConfig(send(KVBLADE, false));
        }
    }

    // ------------------------------------------------------------------ short command part

    @Nested
    class RequestShorterThanCommandPart {
        private final Bytes shortAta = vector("malformed/truncated-argument-ata-30-bytes.hex");

        @Test
        void aoelab_isDropped() {
            assertDropped(target(AOELAB).send(shortAta), DropReason.TRUNCATED_ARGUMENT);
        }

        @Test
        void vblade_isDropped() {
            assertDropped(target(VBLADE).send(shortAta), DropReason.TRUNCATED_ARGUMENT);
        }

        @Test
        void ggaoed_getsError1WithTheHeaderOnly() {
            Outcome o = target(GGAOED).send(shortAta);
            AoeFrame a = assertAoeError(o, 1);
            assertThat(a.arg()).isEqualTo(RawArg.EMPTY);
            assertThat(o.answer().length()).isEqualTo(60);
            assertThat(o.malformed()).isNotNull();
        }

        @Test
        void specStrict_isDropped() {
            assertDropped(target(SPEC_STRICT).send(shortAta), DropReason.TRUNCATED_ARGUMENT);
        }

        @Test
        void kvblade_isDropped() {
            assertDropped(target(KVBLADE).send(shortAta), DropReason.TRUNCATED_ARGUMENT);
        }
    }

    // ------------------------------------------------------------------ config bad length

    @Nested
    class ConfigBadLength {
        /** CCmd set with length 1025 (over the limit). */
        private final Bytes overLimit = vector("malformed/bad-config-length-over-1024.hex");
        /** A length that runs past the end of the frame. */
        private final Bytes beyondFrame = vector("malformed/bad-config-length-beyond-frame.hex");

        /** A read (CCmd 0) claiming 200 string bytes in a 32-byte frame. */
        private Bytes badRead() {
            Bytes b = Harness.unpadded(configRead(SHELF, SLOT));
            return with(with(b, 30, 0x00), 31, 200);
        }

        @Test
        void aoelab_getsError2() {
            assertAoeError(target(AOELAB).send(overLimit), 2);
            assertAoeError(target(AOELAB).send(beyondFrame), 2);
        }

        @Test
        void aoelab_readIgnoresTheLength() {
            assertConfig(target(AOELAB).send(badRead()));
        }

        @Test
        void vblade_getsNoResponse() {
            assertDropped(target(VBLADE).send(overLimit), DropReason.CONFIG_BAD_LENGTH);
            assertDropped(target(VBLADE).send(beyondFrame), DropReason.CONFIG_BAD_LENGTH);
        }

        @Test
        void vblade_readIgnoresTheLength() {
            assertConfig(target(VBLADE).send(badRead()));
        }

        @Test
        void ggaoed_getsError2() {
            assertAoeError(target(GGAOED).send(overLimit), 2);
            assertAoeError(target(GGAOED).send(beyondFrame), 2);
        }

        @Test
        void ggaoed_checksTheLengthOfAReadToo() {
            assertAoeError(target(GGAOED).send(badRead()), 2);
        }

        @Test
        void specStrict_getsError2() {
            assertAoeError(target(SPEC_STRICT).send(overLimit), 2);
        }

        @Test
        void kvblade_getsNoResponseAsVblade() {
            assertDropped(target(KVBLADE).send(overLimit), DropReason.CONFIG_BAD_LENGTH);
        }
    }

    // ------------------------------------------------------------------ set with identical string

    @Nested
    class ConfigSetWithIdenticalString {
        private Outcome setTwice(TargetProfile p) {
            Harness t = target(p);
            assertConfig(t.send(Harness.configRequest(ConfigCommand.SET, "lock:a")));
            return t.send(Harness.configRequest(ConfigCommand.SET, "lock:a"));
        }

        @Test
        void aoelab_identicalStringSucceeds() {
            assertThat(assertConfig(setTwice(AOELAB)).string()).isEqualTo(Bytes.ofUtf8("lock:a"));
        }

        @Test
        void vblade_identicalStringCountsAsSuccessNotAsPresent() {
            assertConfig(setTwice(VBLADE));
        }

        @Test
        void ggaoed_identicalStringSucceeds() {
            assertConfig(setTwice(GGAOED));
        }

        @Test
        void specStrict_identicalStringCountsAsPresent_error4() {
            AoeFrame a = assertAoeError(setTwice(SPEC_STRICT), 4);
            assertThat(((ConfigArg) a.arg()).string()).isEqualTo(Bytes.ofUtf8("lock:a"));
        }

        @Test
        void kvblade_identicalStringSucceeds() {
            assertConfig(setTwice(KVBLADE));
        }

        @Test
        void everyProfile_differentStringIsError4() {
            for (TargetProfile p : TargetProfile.values()) {
                Harness t = target(p);
                t.send(Harness.configRequest(ConfigCommand.SET, "lock:a"));
                assertAoeError(t.send(Harness.configRequest(ConfigCommand.SET, "lock:b")), 4);
                assertThat(t.engine.state().configString()).as("%s", p).isEqualTo(Bytes.ofUtf8("lock:a"));
            }
        }
    }

    // ------------------------------------------------------------------ reservation scope

    @Nested
    class ReservationBlocks {
        private static final int[] OPCODES = {AtaOpcode.READ_SECTORS, AtaOpcode.READ_SECTORS_EXT, AtaOpcode.WRITE_SECTORS,
                AtaOpcode.WRITE_SECTORS_EXT, AtaOpcode.IDENTIFY_DEVICE, AtaOpcode.FLUSH_CACHE, AtaOpcode.FLUSH_CACHE_EXT,
                AtaOpcode.CHECK_POWER_MODE, AtaOpcode.SMART, 0x25};

        /** The opcodes answered with error 6 to an unlisted host while OTHER holds the reservation. */
        private List<Integer> refused(TargetProfile p) {
            Harness t = target(p);
            t.answer(Harness.reserveSet(OTHER, OTHER));
            List<Integer> refused = new java.util.ArrayList<>();
            for (int op : OPCODES) {
                AtaArg a = switch (op) {
                    case AtaOpcode.READ_SECTORS -> AtaArg.read28(0, 1);
                    case AtaOpcode.READ_SECTORS_EXT -> AtaArg.read48(0, 1);
                    case AtaOpcode.WRITE_SECTORS -> AtaArg.write28(0, 1, Bytes.zeros(512));
                    case AtaOpcode.WRITE_SECTORS_EXT -> AtaArg.write48(0, 1, Bytes.zeros(512));
                    case AtaOpcode.IDENTIFY_DEVICE -> AtaArg.identify();
                    default -> AtaArg.command(op);
                };
                AoeFrame ans = t.answer(Harness.ata(a));
                if (ans.header().error()) {
                    assertThat(ans.header().errorCode()).isEqualTo(6);
                    refused.add(op);
                }
            }
            assertThat(t.disk.writes).isZero();
            return refused;
        }

        @Test
        void aoelab_blocksOnlyReadAndWriteSectors() {
            assertThat(refused(AOELAB)).containsExactly(0x20, 0x24, 0x30, 0x34);
        }

        @Test
        void vblade_blocksEveryAtaOpcodeButIdentify() {
            assertThat(refused(VBLADE)).containsExactly(0x20, 0x24, 0x30, 0x34, 0xE7, 0xEA, 0xE5, 0xB0, 0x25);
        }

        @Test
        void ggaoed_blocksOnlyReadAndWriteSectors() {
            assertThat(refused(GGAOED)).containsExactly(0x20, 0x24, 0x30, 0x34);
        }

        @Test
        void specStrict_blocksOnlyReadAndWriteSectors() {
            assertThat(refused(SPEC_STRICT)).containsExactly(0x20, 0x24, 0x30, 0x34);
        }

        @Test
        void kvblade_hasNoReserveRelease_soNothingIsBlocked() {
            Harness t = target(KVBLADE);
            assertAoeError(t.send(Harness.reserveSet(OTHER, OTHER)), 1);
            assertAta(t.send(Harness.ata(AtaArg.read48(0, 1))));
        }

        @Test
        void everyProfile_listedHostIsServed() {
            for (TargetProfile p : List.of(AOELAB, VBLADE, GGAOED, SPEC_STRICT)) {
                Harness t = target(p);
                t.answer(Harness.reserveSet(HOST, HOST));
                assertAta(t.send(Harness.ata(AtaArg.write48(0, 1, Bytes.repeat(9, 512)))));
            }
        }
    }

    // ------------------------------------------------------------------ reserve Set check

    @Nested
    class ReserveSetCheckUses {
        /** OTHER reserves for itself; then OTHER tries to release with Set. */
        private Outcome holderReleases(TargetProfile p, Harness t) {
            t.answer(Harness.reserveSet(OTHER, OTHER));
            return t.send(Harness.reserveSet(OTHER));
        }

        @Test
        void aoelab_sourceMac() {
            Harness t = target(AOELAB);
            assertThat(Harness.answer(holderReleases(AOELAB, t)).arg()).isEqualTo(ReserveArg.set(List.of()));
            assertThat(t.engine.state().isReserved()).isFalse();
        }

        @Test
        void vblade_sourceMac() {
            Harness t = target(VBLADE);
            assertThat(Harness.answer(holderReleases(VBLADE, t)).header().error()).isFalse();
        }

        @Test
        void ggaoed_destinationMac_soEvenTheHolderGetsError6AndOnlyForceSetWorks() {
            Harness t = target(GGAOED);
            assertAoeError(holderReleases(GGAOED, t), 6);
            assertThat(t.engine.state().reserveList()).containsExactly(OTHER);
            t.answer(request(OTHER, ReserveArg.forceSet(List.of())));
            assertThat(t.engine.state().isReserved()).isFalse();
        }

        @Test
        void ggaoed_destinationMac_aListHoldingTheTargetsOwnMacLetsAnybodySet() {
            Harness t = target(GGAOED);
            t.answer(Harness.reserveSet(HOST, TARGET));
            assertThat(Harness.answer(t.send(Harness.reserveSet(OTHER, OTHER))).header().error()).isFalse();
        }

        @Test
        void specStrict_sourceMac() {
            Harness t = target(SPEC_STRICT);
            assertThat(Harness.answer(holderReleases(SPEC_STRICT, t)).header().error()).isFalse();
        }
    }

    // ------------------------------------------------------------------ too many sectors / short write

    @Nested
    class TooManySectorsOrShortWrite {
        private final Bytes shortWrite = vector("malformed/short-write-data-one-of-two-sectors.hex");

        private Outcome tooMany(Harness t) {
            return t.send(Harness.ata(AtaArg.read48(0, 3))); // MTU 1500 carries 2
        }

        private void assertAbort(Outcome o) {
            AtaArg a = assertAta(o);
            assertThat(a.cmdStatus()).isEqualTo(0x41);
            assertThat(a.errFeature()).isEqualTo(0x04);
        }

        @Test
        void aoelab_isAtaAbort() {
            Harness t = target(AOELAB);
            assertAbort(tooMany(t));
            assertAbort(t.send(shortWrite));
            assertThat(t.disk.reads + t.disk.writes).isZero();
        }

        @Test
        void vblade_isError2() {
            Harness t = target(VBLADE);
            assertAoeError(tooMany(t), 2);
            assertAoeError(t.send(shortWrite), 2);
            assertThat(t.disk.reads + t.disk.writes).isZero();
        }

        @Test
        void ggaoed_isAtaAbort() {
            Harness t = target(GGAOED);
            assertAbort(tooMany(t));
            assertAbort(t.send(shortWrite));
        }

        @Test
        void specStrict_isAtaAbort() {
            Harness t = target(SPEC_STRICT);
            assertAbort(tooMany(t));
            assertAbort(t.send(shortWrite));
        }

        @Test
        void kvblade_isError2AsVblade() {
            assertAoeError(tooMany(target(KVBLADE)), 2);
        }
    }

    // ------------------------------------------------------------------ mask capacity

    @Nested
    class MaskListCapacity {
        /** Adds HOST and then others one by one until MError; returns the list size reached. */
        private int fill(TargetProfile p) {
            Harness t = target(p);
            t.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            for (int i = 1; i < 300; i++) {
                MacMaskArg a = (MacMaskArg) t.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(MacAddress.local(500 + i)))).arg();
                if (a.merror() != 0) {
                    assertThat(a.merror()).isEqualTo(MacMaskArg.MERROR_LIST_FULL);
                    assertThat(a.dirCount()).isZero();
                    return t.engine.state().maskList().size();
                }
            }
            throw new AssertionError("mask list of " + p + " never filled up");
        }

        @Test
        void aoelab_holds255() {
            assertThat(fill(AOELAB)).isEqualTo(255);
        }

        @Test
        void vblade_holds32() {
            assertThat(fill(VBLADE)).isEqualTo(32);
        }

        @Test
        void ggaoed_holds255() {
            assertThat(fill(GGAOED)).isEqualTo(255);
        }

        @Test
        void specStrict_holds255() {
            assertThat(fill(SPEC_STRICT)).isEqualTo(255);
        }

        @Test
        void kvblade_hasNoMacMaskList_error1() {
            Outcome o = target(KVBLADE).send(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            assertAoeError(o, 1);
        }
    }

    // ------------------------------------------------------------------ ATA count in success answers

    @Nested
    class AtaSectorCountInSuccessAnswer {
        private int count(TargetProfile p) {
            return assertAta(target(p).send(Harness.ata(AtaArg.read48(7, 2)))).sectorCount();
        }

        @Test
        void aoelab_isZero() {
            assertThat(count(AOELAB)).isZero();
        }

        @Test
        void vblade_isZero() {
            assertThat(count(VBLADE)).isZero();
        }

        @Test
        void ggaoed_echoesTheRequest() {
            assertThat(count(GGAOED)).isEqualTo(2);
        }

        @Test
        void specStrict_isZero() {
            assertThat(count(SPEC_STRICT)).isZero();
        }

        @Test
        void kvblade_isZero() {
            assertThat(count(KVBLADE)).isZero();
        }
    }

    // ------------------------------------------------------------------ FLUSH CACHE status

    @Nested
    class FlushCacheStatus {
        private int status(TargetProfile p, int opcode) {
            Harness t = target(p);
            AtaArg a = assertAta(t.send(Harness.ata(AtaArg.command(opcode))));
            return a.cmdStatus() | a.errFeature() << 8;
        }

        @Test
        void aoelab_is0x40() {
            assertThat(status(AOELAB, AtaOpcode.FLUSH_CACHE)).isEqualTo(0x40);
        }

        @Test
        void vblade_is0x00() {
            assertThat(status(VBLADE, AtaOpcode.FLUSH_CACHE)).isEqualTo(0x00);
        }

        @Test
        void ggaoed_isTheEchoedOpcode0xE7() {
            assertThat(status(GGAOED, AtaOpcode.FLUSH_CACHE)).isEqualTo(0xE7);
        }

        @Test
        void specStrict_is0x40() {
            assertThat(status(SPEC_STRICT, AtaOpcode.FLUSH_CACHE)).isEqualTo(0x40);
        }

        @Test
        void kvblade_is0x00() {
            assertThat(status(KVBLADE, AtaOpcode.FLUSH_CACHE)).isEqualTo(0x00);
        }

        @Test
        void flushCacheExt_aoelabIs0x40_vbladeAborts_ggaoedEchoes0xEA() {
            assertThat(status(AOELAB, AtaOpcode.FLUSH_CACHE_EXT)).isEqualTo(0x40);
            assertThat(status(VBLADE, AtaOpcode.FLUSH_CACHE_EXT)).isEqualTo(0x0441);
            assertThat(status(GGAOED, AtaOpcode.FLUSH_CACHE_EXT)).isEqualTo(0xEA);
        }

        @Test
        void everyProfile_flushReachesTheDisk() {
            for (TargetProfile p : TargetProfile.values()) {
                Harness t = target(p);
                t.send(Harness.ata(AtaArg.command(AtaOpcode.FLUSH_CACHE)));
                assertThat(t.disk.flushes).as("%s", p).isEqualTo(1);
            }
        }
    }

    // ------------------------------------------------------------------ error answer body

    @Nested
    class ErrorAnswerBody {
        private final Bytes v12Request = vector("ata/v12-read-while-reserved-request.hex");

        private Outcome readWhileReserved(TargetProfile p) {
            Harness t = target(p);
            t.answer(Harness.reserveSet(HOST, HOST));
            return t.send(v12Request);
        }

        @Test
        void aoelab_echoesTheArgumentAsVblade_vectorV12() {
            assertThat(readWhileReserved(AOELAB).answer()).isEqualTo(Harness.sent("ata/v12-error6-response.hex"));
        }

        @Test
        void vblade_echoesTheArgument_vectorV12() {
            assertThat(readWhileReserved(VBLADE).answer()).isEqualTo(Harness.sent("ata/v12-error6-response.hex"));
        }

        @Test
        void ggaoed_sendsTheHeaderOnly() {
            Outcome o = readWhileReserved(GGAOED);
            assertThat(Harness.decode(o.answer()).arg()).isEqualTo(RawArg.EMPTY);
            assertThat(o.answer().isZero(24, 60)).isTrue();
            assertThat(o.answer().slice(0, 24)).isEqualTo(vector("ata/v12-error6-response.hex").slice(0, 24));
        }

        @Test
        void specStrict_echoesTheArgument() {
            assertThat(readWhileReserved(SPEC_STRICT).answer()).isEqualTo(Harness.sent("ata/v12-error6-response.hex"));
        }

        @Test
        void kvblade_echoesTheWholeRequestOfAnUnknownCommand() {
            Outcome o = target(KVBLADE).send(vector("header/unknown-command-0x7f-request.hex"));
            assertThat(o.answer()).isEqualTo(vector("header/unknown-command-error1-response.hex"));
        }
    }

    // ------------------------------------------------------------------ announcement

    @Nested
    class AnnouncementVerFlags {
        private int verFlags(TargetProfile p) {
            return target(p).engine.announce().get(0).u8(14);
        }

        @Test
        void aoelab_is0x18() {
            assertThat(verFlags(AOELAB)).isEqualTo(0x18);
        }

        @Test
        void vblade_is0x08_version0() {
            assertThat(verFlags(VBLADE)).isEqualTo(0x08);
        }

        @Test
        void vblade_announcementIsByteForByteTheVbladeVector() {
            assertThat(target(VBLADE).engine.announce()).containsExactly(Harness.sent("header/vblade-announcement-version0.hex"));
        }

        @Test
        void ggaoed_is0x18() {
            assertThat(verFlags(GGAOED)).isEqualTo(0x18);
        }

        @Test
        void specStrict_is0x18() {
            assertThat(verFlags(SPEC_STRICT)).isEqualTo(0x18);
        }

        @Test
        void kvblade_is0x08() {
            assertThat(verFlags(KVBLADE)).isEqualTo(0x08);
        }
    }

    // ------------------------------------------------------------------ firmware version

    @Nested
    class FirmwareVersion {
        private int firmware(TargetProfile p) {
            return assertConfig(target(p).send(configRead(SHELF, SLOT))).firmwareVersion();
        }

        @Test
        void aoelab_is0x4019() {
            assertThat(firmware(AOELAB)).isEqualTo(0x4019);
        }

        @Test
        void vblade_is0x4019() {
            assertThat(firmware(VBLADE)).isEqualTo(0x4019);
        }

        @Test
        void ggaoed_is0x0100_hostOrderOnX86() {
            assertThat(firmware(GGAOED)).isEqualTo(0x0100);
        }

        @Test
        void specStrict_is0x4019() {
            assertThat(firmware(SPEC_STRICT)).isEqualTo(0x4019);
        }

        @Test
        void kvblade_is0x4019() {
            assertThat(firmware(KVBLADE)).isEqualTo(0x4019);
        }

        @Test
        void configuredFirmwareVersion_overridesTheProfile() {
            Harness t = Harness.of(Harness.config().profile(GGAOED).firmwareVersion(0x1234));
            assertThat(assertConfig(t.send(configRead(SHELF, SLOT))).firmwareVersion()).isEqualTo(0x1234);
        }
    }

    // ------------------------------------------------------------------ kvblade

    @Nested
    class Kvblade {
        @Test
        void kvblade_macMaskList_isAnsweredWithError1() {
            assertAoeError(target(KVBLADE).send(request(MacMaskArg.read())), 1);
        }

        @Test
        void kvblade_reserveRelease_isAnsweredWithError1() {
            assertAoeError(target(KVBLADE).send(request(ReserveArg.read())), 1);
        }

        @Test
        void kvblade_ataAndQueryConfig_work() {
            Harness t = target(KVBLADE);
            assertAta(t.send(Harness.ata(AtaArg.identify())));
            assertConfig(t.send(Harness.configRequest(ConfigCommand.SET, "k")));
        }

        @Test
        void kvblade_initialMaskList_isRefusedInTheConfiguration() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Harness.config().profile(KVBLADE)
                            .initialMask(List.of(HOST)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kvblade");
        }
    }

    @Test
    void profilesByName_acceptTheLabelsOfTheTable() {
        assertThat(TargetProfile.byName("aoelab")).isEqualTo(AOELAB);
        assertThat(TargetProfile.byName("vblade")).isEqualTo(VBLADE);
        assertThat(TargetProfile.byName("ggaoed")).isEqualTo(GGAOED);
        assertThat(TargetProfile.byName("spec-strict")).isEqualTo(SPEC_STRICT);
        assertThat(TargetProfile.byName("SPEC_STRICT")).isEqualTo(SPEC_STRICT);
        assertThat(TargetProfile.byName("kvblade")).isEqualTo(KVBLADE);
    }

    @Test
    void profileByUnknownName_namesTheAllowedOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TargetProfile.byName("vblade25"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vblade25'").hasMessageContaining("aoelab, vblade, ggaoed, spec-strict, kvblade");
    }
}
