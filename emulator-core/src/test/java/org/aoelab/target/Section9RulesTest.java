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
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
import org.aoelab.wire.RawArg;
import org.aoelab.wire.ReserveArg;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The target rules of the protocol reference, section 9, one nested class per rule and one test
 * per behaviour, under the default profile {@code aoelab}. The differences between profiles are
 * in {@link ProfileTableTest}.
 */
class Section9RulesTest {
    private final Harness h = Harness.aoelab();

    private static AoeFrame configRead() {
        return request(ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
    }

    private static AoeFrame configRead(MacAddress from, int major, int minor) {
        return request(from, major, minor, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY), 7);
    }

    @Nested
    class Rule1_DropRunsOtherEtherTypesAndResponses {
        @Test
        void rule1_frameShorterThan24Bytes_isDroppedAndCounted() {
            Bytes runt = AoeCodec.encode(configRead()).slice(0, 23);
            Outcome o = h.send(runt);
            assertDropped(o, DropReason.TRUNCATED_FRAME);
            assertThat(o.malformed()).contains("23 bytes");
            assertThat(h.engine.stats().dropped(DropReason.TRUNCATED_FRAME)).isEqualTo(1);
        }

        @Test
        void rule1_frameShorterThanEthernetHeader_isDropped() {
            assertDropped(h.send(Bytes.zeros(10)), DropReason.TRUNCATED_FRAME);
        }

        @Test
        void rule1_otherEtherType_isDropped() {
            Outcome o = h.send(vector("malformed/not-aoe-ipv4.hex"));
            assertDropped(o, DropReason.NOT_AOE);
            assertThat(o.malformed()).contains("0x0800");
        }

        @Test
        void rule1_responseFlagSet_isDropped() {
            // A target's own kind of frame (V2) reaching another target.
            Bytes response = with(vector("config/v2-response-hello.hex"), 0, 0x02);
            assertDropped(h.send(response), DropReason.RESPONSE);
        }

        @Test
        void rule1_unpaddedFrameOf32Bytes_isAccepted() {
            assertConfig(h.send(Harness.unpadded(configRead())));
        }
    }

    @Nested
    class Rule2_AddressMatchWithPerFieldWildcards {
        @Test
        void rule2_otherShelf_isDropped() {
            assertDropped(h.send(configRead(HOST, 4, SLOT)), DropReason.NOT_ADDRESSED);
        }

        @Test
        void rule2_otherSlot_isDropped() {
            assertDropped(h.send(configRead(HOST, SHELF, 2)), DropReason.NOT_ADDRESSED);
        }

        @Test
        void rule2_wildcardShelfAndSlot_isAnswered() {
            assertConfig(h.send(configRead(HOST, 0xFFFF, 0xFF)));
        }

        @Test
        void rule2_wildcardSlotOfOwnShelf_isAnswered() {
            assertConfig(h.send(configRead(HOST, SHELF, 0xFF)));
        }

        @Test
        void rule2_wildcardSlotOfOtherShelf_isDropped() {
            assertDropped(h.send(configRead(HOST, 4, 0xFF)), DropReason.NOT_ADDRESSED);
        }

        @Test
        void rule2_wildcardShelfWithOwnSlot_isAnswered() {
            assertConfig(h.send(configRead(HOST, 0xFFFF, SLOT)));
        }

        @Test
        void rule2_wildcardShelfWithOtherSlot_isDropped() {
            assertDropped(h.send(configRead(HOST, 0xFFFF, 9)), DropReason.NOT_ADDRESSED);
        }

        @Test
        void rule2_answerCarriesRealShelfAndSlot_neverTheWildcard() {
            AoeHeader a = Harness.header(h.send(configRead(HOST, 0xFFFF, 0xFF)));
            assertThat(a.major()).isEqualTo(SHELF);
            assertThat(a.minor()).isEqualTo(SLOT);
        }

        @Test
        void rule2_wildcardAtaWrite_isExecutedLikeVbladeAndCounted() {
            AoeFrame write = request(HOST, 0xFFFF, 0xFF, AtaArg.write48(5, 1, Bytes.repeat(0x33, 512)), 9);
            assertAta(h.send(write));
            assertThat(h.disk.sector(5)).containsOnly(0x33);
            assertThat(h.engine.stats().wildcardAtaCommands()).isEqualTo(1);
        }
    }

    @Nested
    class Rule3_MaskListFiltersBySourceMac {
        @Test
        void rule3_emptyMaskList_servesEverybody() {
            assertConfig(h.send(configRead(OTHER, SHELF, SLOT)));
        }

        @Test
        void rule3_senderNotOnMaskList_isDroppedSilently() {
            h.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            assertDropped(h.send(configRead(OTHER, SHELF, SLOT)), DropReason.MASKED);
            assertThat(h.engine.stats().dropped(DropReason.MASKED)).isEqualTo(1);
        }

        @Test
        void rule3_maskDenial_appliesToBroadcastDiscovery() {
            h.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            assertDropped(h.send(configRead(OTHER, 0xFFFF, 0xFF)), DropReason.MASKED);
        }

        @Test
        void rule3_maskDenial_appliesToMacMaskListItself() {
            h.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            assertDropped(h.send(Harness.maskEdit(OTHER, MacMaskArg.Directive.add(OTHER))), DropReason.MASKED);
            assertThat(h.engine.state().maskList()).containsExactly(HOST);
        }

        @Test
        void rule3_senderOnMaskList_isServed() {
            h.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(HOST)));
            assertAta(h.send(Harness.ata(AtaArg.identify())));
        }

        @Test
        void rule3_hostThatMasksOnlyAnother_locksItselfOut() {
            h.answer(Harness.maskEdit(HOST, MacMaskArg.Directive.add(OTHER)));
            assertDropped(h.send(configRead()), DropReason.MASKED);
        }
    }

    @Nested
    class Rule4_VersionCheck {
        @Test
        void rule4_version2AddressedToThisTarget_getsError5WithVersion1InTheAnswer() {
            Bytes v2 = with(AoeCodec.encode(configRead()), 14, 0x20);
            AoeFrame a = assertAoeError(h.send(v2), 5);
            assertThat(a.header().version()).isEqualTo(1);
        }

        @Test
        void rule4_version0ThroughWildcard_isDropped() {
            Bytes v0 = with(AoeCodec.encode(configRead(HOST, 0xFFFF, 0xFF)), 14, 0x00);
            assertDropped(h.send(v0), DropReason.BAD_VERSION);
        }

        @Test
        void rule4_versionMismatch_isCheckedBeforeTheCommand() {
            Bytes write = with(AoeCodec.encode(Harness.ata(AtaArg.write48(0, 1, Bytes.repeat(1, 512)))), 14, 0x30);
            assertAoeError(h.send(write), 5);
            assertThat(h.disk.writes).isZero();
        }
    }

    @Nested
    class Rule5_UnknownCommandsAndShortArguments {
        @Test
        void rule5_unknownCommand_getsError1WithTheWholeRequestEchoed() {
            Outcome o = h.send(vector("header/unknown-command-0x7f-request.hex"));
            assertThat(o.answer()).isEqualTo(vector("header/unknown-command-error1-response.hex"));
            assertThat(h.engine.stats().aoeErrors(org.aoelab.wire.AoeError.UNRECOGNIZED_COMMAND)).isEqualTo(1);
        }

        @Test
        void rule5_vendorCommand0xF1_getsError1() {
            AoeFrame req = new AoeFrame(TARGET, HOST, AoeHeader.request(SHELF, SLOT, 0xF1, 5), new RawArg(Bytes.of(1, 2, 3)));
            AoeFrame a = assertAoeError(h.send(req), 1);
            assertThat(a.header().command()).isEqualTo(0xF1);
            assertThat(((RawArg) a.arg()).bytes()).isEqualTo(Bytes.of(1, 2, 3));
        }

        @Test
        void rule5_ataShorterThan36Bytes_isDropped() {
            Outcome o = h.send(vector("malformed/truncated-argument-ata-30-bytes.hex"));
            assertDropped(o, DropReason.TRUNCATED_ARGUMENT);
            assertThat(o.malformed()).contains("36");
        }

        @Test
        void rule5_configShorterThan32Bytes_isDropped() {
            assertDropped(h.send(Harness.unpadded(configRead()).slice(0, 31)), DropReason.TRUNCATED_ARGUMENT);
        }

        @Test
        void rule5_macMaskShorterThan28Bytes_isDropped() {
            assertDropped(h.send(Harness.unpadded(request(MacMaskArg.read())).slice(0, 27)), DropReason.TRUNCATED_ARGUMENT);
        }

        @Test
        void rule5_reserveShorterThan26Bytes_isDropped() {
            assertDropped(h.send(Harness.unpadded(request(ReserveArg.read())).slice(0, 25)), DropReason.TRUNCATED_ARGUMENT);
        }
    }

    @Nested
    class Rule6_CommandsZeroToThreeExecute {
        @Test
        void rule6_ata_isExecuted() {
            assertThat(assertAta(h.send(Harness.ata(AtaArg.identify()))).data().length()).isEqualTo(512);
        }

        @Test
        void rule6_queryConfig_isExecuted() {
            assertThat(assertConfig(h.send(Harness.configRequest(ConfigCommand.FORCE_SET, "x"))).string())
                    .isEqualTo(Bytes.ofUtf8("x"));
        }

        @Test
        void rule6_macMaskList_isExecuted() {
            AoeFrame a = h.answer(request(MacMaskArg.read()));
            assertThat(a.arg()).isEqualTo(MacMaskArg.list(0, List.of()));
        }

        @Test
        void rule6_reserveRelease_isExecuted() {
            AoeFrame a = h.answer(request(ReserveArg.read()));
            assertThat(a.arg()).isEqualTo(ReserveArg.read());
        }
    }

    @Nested
    class Rule7_AnswerHeader {
        @Test
        void rule7_answerGoesToTheRequesterFromTheTargetsOwnMac() {
            AoeFrame a = h.answer(configRead(OTHER, 0xFFFF, 0xFF));
            assertThat(a.dst()).isEqualTo(OTHER);
            assertThat(a.src()).isEqualTo(TARGET);
        }

        @Test
        void rule7_goodAnswer_isVersion1ResponseWithSameCommandAndTag() {
            AoeFrame req = request(HOST, SHELF, SLOT, AtaArg.identify(), 0x80ABCDEFL);
            AoeHeader a = Harness.header(h.send(req));
            assertThat(a.verFlags()).isEqualTo(0x18);
            assertThat(a.errorCode()).isZero();
            assertThat(a.command()).isZero();
            assertThat(a.tag()).isEqualTo(0x80ABCDEFL);
        }

        @Test
        void rule7_errorAnswer_hasVerFlags0x1CAndTheCode() {
            AoeHeader a = assertAoeError(h.send(request(ConfigArg.request(9, Bytes.EMPTY))), 2).header();
            assertThat(a.tag()).isEqualTo(0x1234);
            assertThat(a.command()).isEqualTo(1);
        }

        @Test
        void rule7_answersArePaddedTo60BytesWithZeros() {
            Outcome o = h.send(configRead());
            assertThat(o.answer().length()).isEqualTo(60);
            assertThat(o.answer().isZero(32, 60)).isTrue();
        }

        @Test
        void rule7_errorFlagInARequest_isNotExamined() {
            Bytes req = with(AoeCodec.encode(Harness.ata(AtaArg.read48(0, 1))), 14, 0x14);
            AtaArg a = assertAta(h.send(req));
            assertThat(a.data().length()).isEqualTo(512);
        }

        @Test
        void rule7_reservedFlagBitsAndErrorByteOfTheRequest_areNotEchoed() {
            Bytes req = with(with(AoeCodec.encode(Harness.ata(AtaArg.identify())), 14, 0x11), 15, 0x42);
            AoeHeader a = Harness.header(h.send(req));
            assertThat(a.verFlags()).isEqualTo(0x18);
            assertThat(a.errorCode()).isZero();
        }
    }

    @Nested
    class Rule8_BufferCountAsQueueLimit {
        @Test
        void rule8_enforcedBufferCount_dropsRequestsBeyondItAndCountsThem() {
            Harness t = Harness.of(Harness.config().bufferCount(4).enforceBufferCount(true));
            Bytes read = AoeCodec.encode(Harness.ata(AtaArg.read48(0, 2)));
            assertThat(t.engine.handle(read, 3).isAnswered()).isTrue();
            assertDropped(t.engine.handle(read, 4), DropReason.QUEUE_FULL);
            assertDropped(t.engine.handle(read, 9), DropReason.QUEUE_FULL);
            assertThat(t.engine.stats().dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
            assertThat(t.disk.reads).isEqualTo(1);
        }

        @Test
        void rule8_unenforcedBufferCount_servesAnyNumberOutstanding() {
            Bytes read = AoeCodec.encode(Harness.ata(AtaArg.read48(0, 2)));
            assertThat(h.engine.handle(read, 1000).isAnswered()).isTrue();
        }

        @Test
        void rule8_framesForOtherTargets_areNotCountedAsQueueDrops() {
            Harness t = Harness.of(Harness.config().bufferCount(2).enforceBufferCount(true));
            assertDropped(t.engine.handle(AoeCodec.encode(configRead(HOST, 7, 7)), 2), DropReason.NOT_ADDRESSED);
            assertThat(t.engine.stats().dropped(DropReason.QUEUE_FULL)).isZero();
        }
    }

    @Nested
    class TargetState_Defaults {
        @Test
        void state_configStringStartsEmpty() {
            assertThat(assertConfig(h.send(configRead())).string()).isEqualTo(Bytes.EMPTY);
        }

        @Test
        void state_bufferCount16AndFirmwareVersion0x4019ByDefault() {
            ConfigArg c = assertConfig(h.send(configRead()));
            assertThat(c.bufferCount()).isEqualTo(16);
            assertThat(c.firmwareVersion()).isEqualTo(0x4019);
            assertThat(c.aoeVersion()).isEqualTo(1);
        }

        @Test
        void state_sectorCountFollowsTheMtu() {
            assertThat(assertConfig(h.send(configRead())).sectorCount()).isEqualTo(2);
            h.engine.setMtu(9000);
            assertThat(assertConfig(h.send(configRead())).sectorCount()).isEqualTo(17);
        }

        @Test
        void state_reserveListHolds255Macs() {
            MacAddress[] macs = new MacAddress[255];
            macs[0] = HOST;
            for (int i = 1; i < 255; i++) macs[i] = MacAddress.local(1000 + i);
            h.answer(Harness.reserveSet(HOST, macs));
            assertThat(h.engine.state().reserveList()).hasSize(255);
        }

        @Test
        void state_announcementOnStart_isAConfigAnswerToBroadcastWithTag0() {
            List<Bytes> ann = h.engine.announce();
            assertThat(ann).hasSize(1);
            AoeFrame a = Harness.decode(ann.get(0));
            assertThat(a.dst()).isEqualTo(MacAddress.BROADCAST);
            assertThat(a.src()).isEqualTo(TARGET);
            assertThat(a.header().tag()).isZero();
            assertThat(a.header().verFlags()).isEqualTo(0x18);
            assertThat(a.arg()).isEqualTo(ConfigArg.response(16, 0x4019, 2, 0, Bytes.EMPTY));
        }

        @Test
        void state_announcementWithAMaskList_goesUnicastToEachListedMac() {
            Harness t = Harness.of(Harness.config().initialMask(List.of(HOST, OTHER)));
            List<MacAddress> to = t.engine.announce().stream().map(b -> Harness.decode(b).dst()).toList();
            assertThat(to).containsExactly(HOST, OTHER);
        }

        @Test
        void state_vanishedDisk_announcesNothing() {
            h.disk.vanished = true;
            assertThat(h.engine.announce()).isEmpty();
        }
    }

    @Test
    void vanishedDisk_answersNothingAtAll() {
        h.disk.vanished = true;
        assertDropped(h.send(configRead()), DropReason.DISK_VANISHED);
        assertDropped(h.send(Harness.ata(AtaArg.identify())), DropReason.DISK_VANISHED);
        h.disk.vanished = false;
        assertConfig(h.send(configRead()));
    }

    @Test
    void statusOfEveryGoodAtaAnswer_passesTheLinuxCheck() {
        for (AtaArg a : List.of(AtaArg.identify(), AtaArg.read48(0, 2), AtaArg.read28(1, 1),
                AtaArg.write48(2, 1, Bytes.zeros(512)), AtaArg.command(AtaOpcode.FLUSH_CACHE),
                AtaArg.command(AtaOpcode.FLUSH_CACHE_EXT), AtaArg.command(AtaOpcode.CHECK_POWER_MODE))) {
            assertThat(assertAta(h.send(Harness.ata(a))).cmdStatus() & AtaOpcode.STATUS_LINUX_FAIL_MASK)
                    .as("status of %s", a).isZero();
        }
    }
}
