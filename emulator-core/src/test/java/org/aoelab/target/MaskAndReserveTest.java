package org.aoelab.target;

import static org.aoelab.target.Harness.HOST;
import static org.aoelab.target.Harness.OTHER;
import static org.aoelab.target.Harness.assertAoeError;
import static org.aoelab.target.Harness.assertAta;
import static org.aoelab.target.Harness.assertConfig;
import static org.aoelab.target.Harness.assertDropped;
import static org.aoelab.target.Harness.maskEdit;
import static org.aoelab.target.Harness.request;
import static org.aoelab.target.Harness.reserveSet;
import static org.aoelab.target.Harness.sent;
import static org.aoelab.target.Harness.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.aoelab.wire.MacMaskArg.Directive;
import org.aoelab.wire.ReserveArg;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Mac Mask List (3.3) and Reserve/Release (3.4) under the default profile. */
class MaskAndReserveTest {
    private static final MacAddress THIRD = MacAddress.parse("02:00:00:00:00:09");

    private final Harness h = Harness.aoelab();

    private List<MacAddress> mask() {
        return h.engine.state().maskList();
    }

    private List<MacAddress> reserve() {
        return h.engine.state().reserveList();
    }

    private MacMaskArg maskAnswer(AoeFrame req) {
        AoeFrame a = h.answer(req);
        assertThat(a.header().error()).isFalse();
        return (MacMaskArg) a.arg();
    }

    @Nested
    class MacMaskList {
        @Test
        void edit_addTheInitiator_vectorV10() {
            assertThat(h.send(vector("mask/v10-edit-add-request.hex")).answer())
                    .isEqualTo(sent("mask/v10-edit-add-response.hex"));
            assertThat(mask()).containsExactly(HOST);
        }

        @Test
        void read_listsTheWholeMaskWithDcmd0() {
            maskAnswer(maskEdit(HOST, Directive.add(HOST), Directive.add(THIRD)));
            MacMaskArg a = maskAnswer(request(MacMaskArg.read()));
            assertThat(a).isEqualTo(MacMaskArg.list(0, List.of(HOST, THIRD)));
        }

        @Test
        void read_ignoresDirectivesInTheRequest() {
            AoeFrame req = request(new MacMaskArg(0, 0, 0, 1, List.of(Directive.add(OTHER))));
            assertThat(maskAnswer(req).directives()).isEmpty();
            assertThat(mask()).isEmpty();
        }

        @Test
        void edit_processesDirectivesInOrder_addThenDelete() {
            MacMaskArg a = maskAnswer(maskEdit(HOST, Directive.add(HOST), Directive.add(THIRD), Directive.delete(THIRD)));
            assertThat(a).isEqualTo(MacMaskArg.list(1, List.of(HOST)));
        }

        @Test
        void edit_addOfAPresentMacAndDeleteOfAnAbsentOne_areNoOps() {
            maskAnswer(maskEdit(HOST, Directive.add(HOST)));
            MacMaskArg a = maskAnswer(maskEdit(HOST, Directive.add(HOST), Directive.delete(THIRD)));
            assertThat(a.merror()).isZero();
            assertThat(mask()).containsExactly(HOST);
        }

        @Test
        void edit_dcmd0None_isANoOp() {
            assertThat(maskAnswer(maskEdit(HOST, new Directive(0, Directive.NONE, OTHER))).merror()).isZero();
            assertThat(mask()).isEmpty();
        }

        @Test
        void edit_unknownDcmd_stopsWithMError2AtItsIndex_earlierDirectivesStayApplied() {
            MacMaskArg a = maskAnswer(maskEdit(HOST, Directive.add(HOST), new Directive(0, 7, OTHER), Directive.add(THIRD)));
            assertThat(a).isEqualTo(MacMaskArg.failure(1, MacMaskArg.MERROR_BAD_DCMD, 1));
            assertThat(mask()).containsExactly(HOST);
        }

        @Test
        void edit_listFull_stopsWithMError3AtTheIndexOfTheFailingAdd() {
            Harness t = Harness.of(TargetProfile.VBLADE);
            List<Directive> dirs = new ArrayList<>();
            dirs.add(Directive.add(HOST));
            for (int i = 0; i < 40; i++) dirs.add(Directive.add(MacAddress.local(1000 + i)));
            AoeFrame a = t.answer(request(HOST, MacMaskArg.edit(dirs)));
            assertThat(a.arg()).isEqualTo(MacMaskArg.failure(1, MacMaskArg.MERROR_LIST_FULL, 32));
            assertThat(t.engine.state().maskList()).hasSize(32);
        }

        @Test
        void edit_failureUnderGgaoed_leavesTheDirectivesInTheBody() {
            Harness t = Harness.of(TargetProfile.GGAOED);
            Outcome o = t.send(maskEdit(HOST, Directive.add(HOST), new Directive(0, 9, OTHER)));
            AoeFrame a = Harness.answer(o);
            assertThat(a.arg()).isEqualTo(MacMaskArg.failure(1, MacMaskArg.MERROR_BAD_DCMD, 1));
            assertThat(o.answer().slice(28, 44)).isEqualTo(AoeCodec.encode(maskEdit(HOST, Directive.add(HOST),
                    new Directive(0, 9, OTHER))).slice(28, 44));
        }

        @Test
        void unknownMcmd_isError2() {
            assertAoeError(h.send(request(new MacMaskArg(0, 2, 0, 0, List.of()))), 2);
        }

        @Test
        void dirCountLargerThanTheDirectivesPresent_isError2AndChangesNothing() {
            Bytes frame = Harness.unpadded(maskEdit(HOST, Directive.add(HOST)));
            frame = Harness.with(frame, 27, 5).concat(Bytes.of(0, 1, 2, 0, 0, 0)); // 5 claimed, 1 and a bit present
            assertAoeError(h.send(frame), 2);
            assertThat(mask()).isEmpty();
        }

        @Test
        void deletingEveryEntry_opensTheTargetToEverybodyAgain() {
            maskAnswer(maskEdit(HOST, Directive.add(HOST)));
            assertDropped(h.send(request(OTHER, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))), DropReason.MASKED);
            maskAnswer(maskEdit(HOST, Directive.delete(HOST)));
            assertConfig(h.send(request(OTHER, ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY))));
        }

        @Test
        void initialMaskList_likeVbladesDashM_isInForceFromTheStart() {
            Harness t = Harness.of(Harness.config().initialMask(List.of(OTHER)));
            assertDropped(t.send(Harness.ata(AtaArg.identify())), DropReason.MASKED);
            assertAta(t.send(request(OTHER, AtaArg.identify())));
        }
    }

    @Nested
    class ReserveRelease {
        @Test
        void set_reserveForTheInitiator_vectorV11() {
            assertThat(h.send(vector("reserve/v11-set-request.hex")).answer()).isEqualTo(sent("reserve/v11-set-response.hex"));
            assertThat(reserve()).containsExactly(HOST);
        }

        @Test
        void read_answersTheCurrentList() {
            h.answer(reserveSet(HOST, HOST, THIRD));
            assertThat(h.answer(request(OTHER, ReserveArg.read())).arg()).isEqualTo(new ReserveArg(0, List.of(HOST, THIRD)));
        }

        @Test
        void read_vector_isNeverRefusedBecauseOfAReservation() {
            h.answer(reserveSet(OTHER, OTHER));
            assertThat(h.answer(vector("reserve/read-request.hex")).header().error()).isFalse();
        }

        @Test
        void set_byAListedHost_replacesTheList() {
            h.answer(reserveSet(HOST, HOST, OTHER));
            assertThat(h.answer(reserveSet(OTHER, THIRD)).arg()).isEqualTo(ReserveArg.set(List.of(THIRD)));
            assertThat(reserve()).containsExactly(THIRD);
        }

        @Test
        void set_byAnUnlistedHost_isError6AndLeavesTheListAlone() {
            h.answer(reserveSet(HOST, HOST));
            assertAoeError(h.send(reserveSet(OTHER, OTHER)), 6);
            assertThat(reserve()).containsExactly(HOST);
        }

        @Test
        void setWithNoMacs_releases_vector() {
            h.answer(reserveSet(HOST, HOST));
            assertThat(h.answer(vector("reserve/release-request.hex")).header().error()).isFalse();
            assertThat(h.engine.state().isReserved()).isFalse();
        }

        @Test
        void set_doesNotAddTheSenderImplicitly_soAHostCanLockItselfOut() {
            h.answer(reserveSet(HOST, OTHER));
            assertAoeError(h.send(Harness.ata(AtaArg.read48(0, 1))), 6);
            assertAoeError(h.send(reserveSet(HOST, HOST)), 6);
        }

        @Test
        void forceSet_byAnUnlistedHost_replacesTheList_vector() {
            h.answer(reserveSet(OTHER, OTHER));
            assertThat(h.answer(vector("reserve/force-set-two-request.hex")).header().error()).isFalse();
            assertThat(reserve()).containsExactly(HOST, MacAddress.parse("02:00:00:00:00:04"));
        }

        @Test
        void unknownRcmd_isError2() {
            assertAoeError(h.send(request(new ReserveArg(3, List.of()))), 2);
        }

        @Test
        void nmacsLargerThanTheMacsPresent_isError2AndChangesNothing() {
            Bytes frame = Harness.with(Harness.unpadded(reserveSet(HOST, HOST)), 25, 4);
            assertAoeError(h.send(frame), 2);
            assertThat(h.engine.state().isReserved()).isFalse();
        }

        @Test
        void reservation_refusesDataCommandsOfUnlistedHosts_vectorV12() {
            h.answer(reserveSet(HOST, HOST));
            assertThat(h.send(vector("ata/v12-read-while-reserved-request.hex")).answer())
                    .isEqualTo(sent("ata/v12-error6-response.hex"));
        }

        @Test
        void reservation_neverRefusesConfigMaskOrIdentify() {
            h.answer(reserveSet(HOST, HOST));
            assertConfig(h.send(request(OTHER, ConfigArg.request(ConfigCommand.FORCE_SET, Bytes.ofUtf8("x")))));
            assertThat(h.answer(request(OTHER, MacMaskArg.read())).header().error()).isFalse();
            assertAta(h.send(request(OTHER, AtaArg.identify())));
            assertAta(h.send(request(OTHER, AtaArg.command(AtaOpcode.FLUSH_CACHE))));
        }

        @Test
        void reservation_blocksWritesOfUnlistedHostsBeforeTheyTouchTheDisk() {
            h.answer(reserveSet(HOST, HOST));
            assertAoeError(h.send(request(OTHER, AtaArg.write48(0, 1, Bytes.repeat(1, 512)))), 6);
            assertThat(h.disk.writes).isZero();
        }
    }
}
