package org.aoelab.target;

import static org.aoelab.target.Harness.assertAoeError;
import static org.aoelab.target.Harness.assertAta;
import static org.aoelab.target.Harness.ata;
import static org.aoelab.target.Harness.sent;
import static org.aoelab.target.Harness.vector;
import static org.aoelab.target.Harness.with;
import static org.assertj.core.api.Assertions.assertThat;

import org.aoelab.disk.DiskOp;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Identify;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command 0 under the default profile: sections 3.1, 4.1-4.3 of the protocol reference. */
class AtaCommandTest {
    private final Harness h = Harness.aoelab();

    private static void assertError(AtaArg a, int error, int remaining) {
        assertThat(a.cmdStatus()).as("status").isEqualTo(0x41);
        assertThat(a.errFeature()).as("error register").isEqualTo(error);
        assertThat(a.sectorCount()).as("sectors not transferred").isEqualTo(remaining);
        assertThat(a.data().length()).isZero();
    }

    private static byte[] expectedSectors(TestDisk d, long lba, int count) {
        byte[] out = new byte[512 * count];
        for (int i = 0; i < count; i++) System.arraycopy(d.sector(lba + i), 0, out, 512 * i, 512);
        return out;
    }

    @Nested
    class IdentifyDevice {
        @Test
        void identify_linuxRequest_isAnsweredExactlyAsVectorV4() {
            Outcome o = h.send(vector("ata/v3-identify-request-linux.hex"));
            assertThat(o.answer()).isEqualTo(sent("ata/v4-identify-response-1gib.hex"));
        }

        @Test
        void identify_carriesConfiguredIdentityAndCapacity() {
            Harness t = new Harness(Harness.config().model("Model X").serial("SN-42").firmwareRevision("R7").build(),
                    new TestDisk(0x1_0000_0001L), 1500);
            Identify.Identity id = Identify.parse(assertAta(t.send(ata(AtaArg.identify()))).data());
            assertThat(id).isEqualTo(new Identify.Identity("SN-42", "R7", "Model X", 0x1_0000_0001L, true));
        }

        @Test
        void identify_withoutLba48_clearsBit10AndReportsWords60And61() {
            Harness t = new Harness(Harness.config().lba48(false).build(), new TestDisk(0x123456), 1500);
            Bytes data = assertAta(t.send(ata(AtaArg.identify()))).data();
            assertThat(Identify.lba48(data)).isFalse();
            assertThat(Identify.sectors(data)).isEqualTo(0x123456);
        }

        @Test
        void identify_sectorCountOtherThan1_isError2() {
            AtaArg two = new AtaArg(0, 0, 2, AtaOpcode.IDENTIFY_DEVICE, 0xA0L << 24, 0, Bytes.EMPTY);
            assertAoeError(h.send(ata(two)), 2);
        }

        @Test
        void identify_paddedToTheMtuAsAoeSancheckSendsIt_isAnswered() {
            Bytes padded = AoeCodec.encode(ata(AtaArg.identify())).concat(Bytes.zeros(1024));
            assertThat(assertAta(h.send(padded)).data().length()).isEqualTo(512);
        }

        @Test
        void identify_keepsWord82Zero_soAoepingSendsNoSmart() {
            Bytes data = assertAta(h.send(ata(AtaArg.identify()))).data();
            assertThat(Identify.word(data, 82)).isZero();
        }

        @Test
        void identify_underGgaoed_hasItsChsAndFlushCacheExtWords() {
            Bytes data = assertAta(Harness.of(TargetProfile.GGAOED).send(ata(AtaArg.identify()))).data();
            assertThat(Identify.word(data, 83)).isEqualTo(0x7400);
            assertThat(Identify.word(data, 86)).isEqualTo(0x7400);
            assertThat(Identify.word(data, 55)).isEqualTo(16);
            assertThat(Identify.word(data, 56)).isEqualTo(255);
            assertThat(Identify.word(data, 54)).isEqualTo((int) (Harness.SECTORS / (16 * 255)));
            assertThat(Identify.text(data, Identify.WORD_MODEL, Identify.MODEL_CHARS)).isEqualTo("ggaoed");
        }

        @Test
        void identify_underVblade_namesTheVbladeModel() {
            Bytes data = assertAta(Harness.of(TargetProfile.VBLADE).send(ata(AtaArg.identify()))).data();
            assertThat(Identify.parse(data).model()).isEqualTo("Coraid EtherDrive vblade");
            assertThat(Identify.parse(data).firmware()).isEqualTo("V25");
        }
    }

    @Nested
    class ReadAndWrite {
        @Test
        void read48_vectorV5_answersWithBothSectors() throws Exception {
            h.disk.write(0x1000, Bytes.repeat(0x5a, 1024));
            Outcome o = h.send(vector("ata/v5-read-ext-request.hex"));
            assertThat(o.answer()).isEqualTo(sent("ata/v5-read-ext-response.hex"));
            assertThat(o.diskOp()).isEqualTo(DiskOp.READ);
            assertThat(o.lba()).isEqualTo(0x1000);
            assertThat(o.sectors()).isEqualTo(2);
        }

        @Test
        void read28_vectorV6_takesLbaBits24To27FromTheLowNibbleOfLba3() {
            AtaArg a = assertAta(h.send(vector("ata/v6-read-lba28-request.hex")));
            assertThat(a.data().toArray()).isEqualTo(expectedSectors(h.disk, 0x1000, 2));
            assertThat(a.lbaField()).isEqualTo(0xE0001000L);
        }

        @Test
        void read28_ignoresLba4AndLba5AndTheDeviceFlags() {
            AtaArg odd = new AtaArg(0, 0, 1, AtaOpcode.READ_SECTORS, 0xFFFF_A100_0010L, 0, Bytes.EMPTY);
            Harness t = new Harness(Harness.config().build(), TestDisk.patterned(0x0200_0000L), 1500);
            AtaArg a = assertAta(t.send(ata(odd)));
            assertThat(t.disk.lastLba).isEqualTo(0x0100_0010L);
            assertThat(a.data().toArray()).isEqualTo(expectedSectors(t.disk, 0x0100_0010L, 1));
        }

        @Test
        void write48_vectorV7_writesBothSectorsAndAnswers36Bytes() {
            Outcome o = h.send(vector("ata/v7-write-ext-request.hex"));
            assertThat(o.answer()).isEqualTo(sent("ata/v7-write-ext-response.hex"));
            assertThat(h.disk.sector(0x1000)).containsOnly(0xa5);
            assertThat(h.disk.sector(0x1001)).containsOnly(0xa5);
            assertThat(h.disk.sectorsWritten()).isEqualTo(2);
            assertThat(o.diskOp()).isEqualTo(DiskOp.WRITE);
        }

        @Test
        void write28_vector_writesAtTheLba28Address() {
            Harness t = new Harness(Harness.config().build(), new TestDisk(0x1000_0000L), 1500);
            assertAta(t.send(vector("ata/write-lba28-request.hex")));
            assertThat(t.disk.sector(0x0abcdef1L)).containsOnly(0x11);
        }

        @Test
        void writeThenRead_returnsTheWrittenData() {
            Bytes data = Bytes.repeat(0x3c, 512).concat(Bytes.repeat(0xc3, 512));
            assertAta(h.send(ata(AtaArg.write48(77, 2, data))));
            assertThat(assertAta(h.send(ata(AtaArg.read48(77, 2)))).data()).isEqualTo(data);
        }

        @Test
        void write_takesExactlySectorCountTimes512_paddingAfterItIsIgnored() {
            Bytes frame = AoeCodec.encode(ata(AtaArg.write48(10, 1, Bytes.repeat(1, 512)))).concat(Bytes.repeat(0xFF, 512));
            assertAta(h.send(frame));
            assertThat(h.disk.sector(10)).containsOnly(1);
            assertThat(h.disk.sectorsWritten()).isEqualTo(1);
        }

        @Test
        void writeOpcodeWithoutTheWFlag_isStillAWriteByOpcode() {
            Bytes frame = with(AoeCodec.encode(ata(AtaArg.write48(12, 1, Bytes.repeat(2, 512)))), 24, 0x40);
            assertAta(h.send(frame));
            assertThat(h.disk.sector(12)).containsOnly(2);
        }

        @Test
        void probeReadWithAPayload_ignoresThePayload_vector() {
            AtaArg a = assertAta(h.send(vector("ata/probe-read-with-payload.hex")));
            assertThat(a.data().toArray()).isEqualTo(expectedSectors(h.disk, 0, 2));
            assertThat(h.disk.writes).isZero();
        }

        @Test
        void sectorCount0_isAnEmptySuccessfulTransferThatTouchesNothing() {
            Outcome o = h.send(ata(AtaArg.read48(5, 0)));
            AtaArg a = assertAta(o);
            assertThat(a.cmdStatus()).isEqualTo(0x40);
            assertThat(a.data().length()).isZero();
            assertThat(o.diskOp()).isNull();
            assertThat(h.disk.reads + h.disk.writes).isZero();
        }

        @Test
        void eFlagContradictingTheOpcode_isCountedAndExecutedByOpcode() {
            Bytes frame = with(AoeCodec.encode(ata(AtaArg.read48(3, 1))), 24, 0x00); // 0x24 without E
            AtaArg a = assertAta(h.send(frame));
            assertThat(a.data().toArray()).isEqualTo(expectedSectors(h.disk, 3, 1));
            assertThat(h.engine.stats().extFlagMismatches()).isEqualTo(1);
        }

        @Test
        void registersAreEchoed_aflagsLbaAndReserved() {
            AtaArg req = new AtaArg(0x40 | 0x10, 0, 1, AtaOpcode.READ_SECTORS_EXT, 0x0102_0304L, 0xBEEF, Bytes.EMPTY);
            AtaArg a = assertAta(h.send(ata(req)));
            assertThat(a.aflags()).isEqualTo(0x50);
            assertThat(a.lbaField()).isEqualTo(0x0102_0304L);
            assertThat(a.reserved()).isEqualTo(0xBEEF);
        }

        @Test
        void jumboMtu_allows17SectorsAndRefuses18() {
            h.engine.setMtu(9000);
            assertThat(assertAta(h.send(ata(AtaArg.read48(0, 17)))).data().length()).isEqualTo(17 * 512);
            assertError(assertAta(h.send(ata(AtaArg.read48(0, 18)))), 0x04, 18);
        }

        @Test
        void statsCountSectorsReadAndWritten() {
            h.send(ata(AtaArg.read48(0, 2)));
            h.send(ata(AtaArg.write48(0, 1, Bytes.zeros(512))));
            assertThat(h.engine.stats().sectorsRead()).isEqualTo(2);
            assertThat(h.engine.stats().sectorsWritten()).isEqualTo(1);
        }
    }

    @Nested
    class EdgesOfTheDisk {
        @Test
        void lba48_lastSector_readsAndWrites() {
            long last = Harness.SECTORS - 1;
            assertAta(h.send(ata(AtaArg.write48(last, 1, Bytes.repeat(0x77, 512)))));
            assertThat(assertAta(h.send(ata(AtaArg.read48(last, 1)))).data()).isEqualTo(Bytes.repeat(0x77, 512));
        }

        @Test
        void lba48_lastTwoSectors_read() {
            long lba = Harness.SECTORS - 2;
            assertThat(assertAta(h.send(ata(AtaArg.read48(lba, 2)))).data().toArray())
                    .isEqualTo(expectedSectors(h.disk, lba, 2));
        }

        @Test
        void lba48_transferRunningOnePastTheEnd_isIdnfAndTouchesNothing() {
            long lba = Harness.SECTORS - 1;
            Outcome o = h.send(ata(AtaArg.write48(lba, 2, Bytes.repeat(1, 1024))));
            assertError(assertAta(o), AtaOpcode.ERROR_IDNF, 2);
            assertThat(o.diskOp()).isNull();
            assertThat(h.disk.writes).isZero();
            assertThat(h.disk.outOfRangeCalls).isZero();
        }

        @Test
        void lba48_hugeLba_isIdnf() {
            assertError(assertAta(h.send(ata(AtaArg.read48(0xFFFF_FFFF_FFFFL, 2)))), AtaOpcode.ERROR_IDNF, 2);
            assertThat(h.disk.outOfRangeCalls).isZero();
        }

        @Test
        void lba28_lastSectorOfA2To28Disk_readsAndOnePastIsIdnf() {
            Harness t = new Harness(Harness.config().lba48(false).build(), TestDisk.patterned(0x0FFF_FFFFL), 1500);
            long last = 0x0FFF_FFFEL;
            assertThat(assertAta(t.send(ata(AtaArg.read28(last, 1)))).data().toArray())
                    .isEqualTo(expectedSectors(t.disk, last, 1));
            assertError(assertAta(t.send(ata(AtaArg.read28(last, 2)))), AtaOpcode.ERROR_IDNF, 2);
            assertThat(t.disk.outOfRangeCalls).isZero();
        }

        @Test
        void lba48_endOfA2To40SectorDisk_reads() {
            long sectors = 1L << 40;
            Harness t = new Harness(Harness.config().build(), TestDisk.patterned(sectors), 1500);
            assertThat(assertAta(t.send(ata(AtaArg.read48(sectors - 2, 2)))).data().toArray())
                    .isEqualTo(expectedSectors(t.disk, sectors - 2, 2));
            assertError(assertAta(t.send(ata(AtaArg.read48(sectors - 1, 2)))), AtaOpcode.ERROR_IDNF, 2);
        }

        @Test
        void readBeyondTheEnd_vector() {
            AoeFrame req = Harness.request(Harness.HOST, 3, 1, AtaArg.read48(0x0fffffffL, 2), 0x000b3002L);
            assertThat(h.send(req).answer()).isEqualTo(sent("ata/read-beyond-end-idnf-response.hex"));
        }
    }

    @Nested
    class DiskFailures {
        @Test
        void mediaErrorOnRead_isUncWithNoData() {
            h.disk.badSector(101);
            Outcome o = h.send(ata(AtaArg.read48(100, 2)));
            assertError(assertAta(o), AtaOpcode.ERROR_UNC, 2);
            assertThat(o.diskOp()).isEqualTo(DiskOp.READ);
            assertThat(h.engine.stats().ataErrors()).isEqualTo(1);
        }

        @Test
        void mediaErrorOnWrite_isUncWithTheSectorsFromTheBadOneOnNotTransferred() {
            h.disk.badSector(101);
            assertError(assertAta(h.send(ata(AtaArg.write48(101, 2, Bytes.zeros(1024))))), AtaOpcode.ERROR_UNC, 2);
        }

        @Test
        void ioError_isAbrt() {
            h.disk.ioError = true;
            assertError(assertAta(h.send(ata(AtaArg.read48(0, 1)))), AtaOpcode.ERROR_ABRT, 1);
        }

        @Test
        void writeToAReadOnlyDisk_isAbrtAndLeavesTheDiskAlone() {
            h.disk.readOnly = true;
            assertError(assertAta(h.send(ata(AtaArg.write48(0, 1, Bytes.repeat(9, 512))))), AtaOpcode.ERROR_ABRT, 1);
            assertThat(h.disk.sectorsWritten()).isZero();
        }

        @Test
        void readFromAReadOnlyDisk_works() {
            h.disk.readOnly = true;
            assertThat(assertAta(h.send(ata(AtaArg.read48(0, 1)))).cmdStatus()).isEqualTo(0x40);
        }

        @Test
        void failingFlush_isAbrt() {
            h.disk.flushFails = true;
            assertError(assertAta(h.send(ata(AtaArg.command(AtaOpcode.FLUSH_CACHE)))), AtaOpcode.ERROR_ABRT, 0);
        }
    }

    @Nested
    class OtherOpcodes {
        @Test
        void flushCache_flushesTheDiskWithStatus0x40() {
            Outcome o = h.send(ata(AtaArg.command(AtaOpcode.FLUSH_CACHE)));
            assertThat(assertAta(o).cmdStatus()).isEqualTo(0x40);
            assertThat(o.diskOp()).isEqualTo(DiskOp.FLUSH);
            assertThat(h.disk.flushes).isEqualTo(1);
        }

        @Test
        void flushCacheExt_flushesTheDiskWithStatus0x40() {
            assertThat(assertAta(h.send(ata(AtaArg.command(AtaOpcode.FLUSH_CACHE_EXT)))).cmdStatus()).isEqualTo(0x40);
            assertThat(h.disk.flushes).isEqualTo(1);
        }

        @Test
        void checkPowerMode_answersSectorCount0xFF_vector() {
            AoeFrame req = Harness.request(Harness.HOST, 3, 1, AtaArg.command(AtaOpcode.CHECK_POWER_MODE), 0x000c3003L);
            assertThat(h.send(req).answer()).isEqualTo(sent("ata/check-power-mode-response.hex"));
        }

        @Test
        void smartFromAoeping_isAbrt_vectorV9() {
            assertThat(h.send(vector("ata/v9-smart-request-aoeping.hex")).answer())
                    .isEqualTo(sent("ata/v9-smart-abrt-response.hex"));
        }

        @ParameterizedTest(name = "opcode 0x{0}")
        @ValueSource(ints = {0x00, 0x25, 0x35, 0xC8, 0xCA, 0xEF, 0xF8, 0xFF})
        void unsupportedOpcode_isAbrtWithoutAnAoeError(int opcode) {
            AtaArg a = assertAta(h.send(ata(AtaArg.command(opcode))));
            assertError(a, AtaOpcode.ERROR_ABRT, 0);
            assertThat(h.disk.reads + h.disk.writes + h.disk.flushes).isZero();
        }
    }
}
