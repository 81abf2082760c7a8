package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.aoelab.wire.Bytes;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well512a;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class FaultyDiskTest {

    private static FaultyDisk faulty(long seed) throws DiskException {
        RamDisk inner = new RamDisk(1000);
        inner.write(0, TestData.sectors(0, 1000, 0));
        return new FaultyDisk(inner, new Well512a(seed));
    }

    private static SummaryStatistics draws(FaultyDisk disk, DiskOp op, int n) {
        SummaryStatistics stats = new SummaryStatistics();
        for (int i = 0; i < n; i++) stats.addValue(disk.nextLatencyNanos(op, 0, 8));
        return stats;
    }

    @Test
    void fixedLatencyAppliesToItsOperationOnly() throws DiskException {
        FaultyDisk disk = faulty(1);
        assertThat(disk.nextLatencyNanos(DiskOp.READ, 0, 1)).isZero();
        disk.setLatency(DiskOp.WRITE, Latency.fixed(250_000));
        assertThat(disk.nextLatencyNanos(DiskOp.WRITE, 0, 1)).isEqualTo(250_000);
        assertThat(disk.nextLatencyNanos(DiskOp.READ, 0, 1)).isZero();
        assertThat(disk.nextLatencyNanos(DiskOp.FLUSH, 0, 0)).isZero();
        disk.setLatency(Latency.fixed(1_000));
        assertThat(disk.nextLatencyNanos(DiskOp.FLUSH, 0, 0)).isEqualTo(1_000);
        disk.setLatency(DiskOp.FLUSH, Latency.NONE);
        assertThat(disk.nextLatencyNanos(DiskOp.FLUSH, 0, 0)).isZero();
    }

    @Test
    void exponentialLatencyHasItsMeanAndIsReproducibleBySeed() throws DiskException {
        FaultyDisk disk = faulty(42);
        disk.setLatency(DiskOp.READ, Latency.exponential(2_000_000));
        SummaryStatistics stats = draws(disk, DiskOp.READ, 20_000);
        // standard error of the mean: 2 ms / sqrt(20,000) = 14 us; allow 5 of them
        assertThat(stats.getMean()).isCloseTo(2_000_000, within(70_000.0));
        assertThat(stats.getStandardDeviation()).isCloseTo(2_000_000, within(100_000.0));
        assertThat(stats.getMin()).isGreaterThanOrEqualTo(0);
        assertThat(draws(disk, DiskOp.WRITE, 10).getMax()).as("writes have no latency").isZero();

        FaultyDisk again = faulty(42);
        again.setLatency(DiskOp.READ, Latency.exponential(2_000_000));
        assertThat(draws(again, DiskOp.READ, 20_000).getSum()).as("same seed, same draws").isEqualTo(stats.getSum());
        FaultyDisk other = faulty(43);
        other.setLatency(DiskOp.READ, Latency.exponential(2_000_000));
        assertThat(draws(other, DiskOp.READ, 100).getSum()).isNotEqualTo(draws(faulty42(), DiskOp.READ, 100).getSum());
    }

    private static FaultyDisk faulty42() throws DiskException {
        FaultyDisk d = faulty(42);
        d.setLatency(DiskOp.READ, Latency.exponential(2_000_000));
        return d;
    }

    @Test
    void otherDistributionsKeepTheirShapeAndNeverGoNegative() throws DiskException {
        FaultyDisk disk = faulty(7);
        disk.setLatency(DiskOp.READ, Latency.uniform(1_000, 3_000));
        SummaryStatistics uniform = draws(disk, DiskOp.READ, 10_000);
        assertThat(uniform.getMin()).isGreaterThanOrEqualTo(1_000);
        assertThat(uniform.getMax()).isLessThanOrEqualTo(3_000);
        assertThat(uniform.getMean()).isCloseTo(2_000, within(25.0));

        disk.setLatency(DiskOp.READ, Latency.normal(1_000, 1_000));
        SummaryStatistics normal = draws(disk, DiskOp.READ, 10_000);
        assertThat(normal.getMin()).as("draws below zero count as zero").isZero();

        disk.setLatency(DiskOp.WRITE, Latency.of("gamma k=2, theta=1 ms", r -> new GammaDistribution(r, 2, 1_000_000)));
        assertThat(draws(disk, DiskOp.WRITE, 20_000).getMean()).isCloseTo(2_000_000, within(40_000.0));
        assertThat(disk.describe()).isEqualTo("ram 500 KiB (sparse, 500 KiB used) [faults: read latency normal, mean 1 us,"
                + " sd 1 us, write latency gamma k=2, theta=1 ms]");
    }

    @Test
    void latencyAddsToTheInnerDisks() throws DiskException {
        FaultyDisk inner = faulty(1);
        inner.setLatency(DiskOp.READ, Latency.fixed(5));
        FaultyDisk outer = new FaultyDisk(inner, new Well512a(2));
        outer.setLatency(DiskOp.READ, Latency.fixed(10));
        assertThat(outer.nextLatencyNanos(DiskOp.READ, 0, 1)).isEqualTo(15);
    }

    @Test
    void badLatenciesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Latency.fixed(-1)).hasMessage("latency is -1 ns, expected 0 or more");
        assertThatThrownBy(() -> Latency.exponential(0)).hasMessage("mean latency is 0 ns, expected more than 0");
        assertThatThrownBy(() -> Latency.uniform(5, 5)).hasMessage("latency range is 5-5 ns, expected 0 <= min < max");
        assertThat(Latency.fixed(1_500_000).toString()).isEqualTo("fixed 1.5 ms");
        assertThat(Latency.fixed(0)).isSameAs(Latency.NONE);
    }

    @Test
    void aReadIntoABadRangeFailsAtItsFirstBadSectorAfterReadingTheGoodOnes() throws DiskException {
        FaultyDisk disk = faulty(1);
        disk.addMediaError(100, 10, DiskOp.READ);
        byte[] dst = new byte[10 * 512];

        assertThatThrownBy(() -> disk.read(95, 10, dst, 0)).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.MEDIA_ERROR);
            assertThat(e.lba()).isEqualTo(100);
            assertThat(e.getMessage()).isEqualTo("injected media error: reading sector 100 failed");
        });
        assertThat(Bytes.copyOf(dst, 0, 5 * 512)).isEqualTo(TestData.sectors(95, 5, 0));
        assertThatThrownBy(() -> disk.read(109, 1, new byte[512], 0)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.lba()).isEqualTo(109));
        assertThat(TestData.read(disk, 90, 10)).isEqualTo(TestData.sectors(90, 10, 0));
        assertThat(TestData.read(disk, 110, 10)).isEqualTo(TestData.sectors(110, 10, 0));
        disk.write(100, TestData.sectors(100, 10, 1)); // a read-only error lets writes through
        assertThat(disk.mediaErrorsRaised()).isEqualTo(2);

        disk.clearMediaErrors();
        assertThat(TestData.read(disk, 95, 10)).isEqualTo(TestData.sectors(95, 5, 0).concat(TestData.sectors(100, 5, 1)));
    }

    @Test
    void aWriteIntoABadRangeWritesTheGoodSectorsAndFailsAtTheFirstBadOne() throws DiskException {
        FaultyDisk disk = faulty(1);
        disk.addMediaError(200, 1, DiskOp.WRITE);

        assertThatThrownBy(() -> disk.write(198, TestData.sectors(198, 4, 2))).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.MEDIA_ERROR);
            assertThat(e.lba()).isEqualTo(200);
        });
        assertThat(TestData.read(disk, 198, 4)).isEqualTo(TestData.sectors(198, 2, 2).concat(TestData.sectors(200, 2, 0)));
    }

    @Test
    void overlappingRangesReportTheLowestBadSectorAndCanBeRemovedOneByOne() throws DiskException {
        FaultyDisk disk = faulty(1);
        FaultyDisk.MediaError wide = disk.addMediaError(500, 100);
        FaultyDisk.MediaError narrow = disk.addMediaError(450, 2, DiskOp.READ, DiskOp.WRITE);
        assertThat(disk.mediaErrors()).containsExactly(wide, narrow);
        assertThat(wide.toString()).isEqualTo("sectors 500-599 (reads and writes)");

        assertMediaError(() -> disk.read(440, 100, new byte[100 * 512], 0), 450);
        assertMediaError(() -> disk.write(440, TestData.sectors(440, 100, 1)), 450);
        assertThat(disk.removeMediaError(narrow)).isTrue();
        assertMediaError(() -> disk.read(440, 100, new byte[100 * 512], 0), 500);
        assertThat(disk.removeMediaError(narrow)).isFalse();
        assertThat(disk.describe()).endsWith("[faults: media error sectors 500-599 (reads and writes)]");
    }

    @Test
    void badMediaErrorRangesAreRefused() throws DiskException {
        FaultyDisk disk = faulty(1);
        assertThatThrownBy(() -> disk.addMediaError(990, 20))
                .hasMessage("media error sectors 990-1009 (reads and writes) passes the end of the disk (1000 sectors, last LBA 999)");
        assertThatThrownBy(() -> disk.addMediaError(0, 0)).hasMessage("media error count is 0, expected 1 or more sectors");
        assertThatThrownBy(() -> disk.addMediaError(-5, 1)).hasMessage("media error first LBA is -5, expected 0 or more");
        assertThatThrownBy(() -> disk.addMediaError(0, 1, DiskOp.FLUSH)).hasMessage("media error op is FLUSH, expected READ or WRITE");
    }

    @Test
    void outOfRangeComesBeforeMediaErrors() throws DiskException {
        FaultyDisk disk = faulty(1);
        disk.addMediaError(999, 1);
        assertThatThrownBy(() -> disk.read(999, 2, new byte[1024], 0)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.OUT_OF_RANGE));
    }

    @Test
    void readOnlyCanBeForcedAndLifted() throws DiskException {
        FaultyDisk disk = faulty(1);
        disk.setReadOnly(true);
        assertThat(disk.isReadOnly()).isTrue();
        assertThatThrownBy(() -> disk.write(0, Bytes.zeros(512))).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.READ_ONLY));
        assertThat(TestData.read(disk, 0, 1)).isEqualTo(TestData.sectors(0, 1, 0));
        disk.setReadOnly(false);
        disk.write(0, Bytes.zeros(512));
        assertThat(TestData.read(disk, 0, 1)).isEqualTo(Bytes.zeros(512));

        RamDisk readOnlyInner = new RamDisk(8);
        readOnlyInner.setReadOnly(true);
        assertThat(new FaultyDisk(readOnlyInner, new Well512a(1)).isReadOnly()).isTrue();
    }

    @Test
    void aVanishedDiskFailsEveryOperationAndReturnsWithItsData() throws DiskException {
        FaultyDisk disk = faulty(1);
        disk.vanish();
        assertThat(disk.isVanished()).isTrue();
        assertThat(disk.describe()).endsWith("[faults: vanished]");
        assertThatThrownBy(() -> disk.read(0, 1, new byte[512], 0)).isInstanceOfSatisfying(DiskException.class,
                e -> assertThat(e.kind()).isEqualTo(DiskException.Kind.IO_ERROR)).hasMessageEndingWith(": the disk has vanished");
        assertThatThrownBy(() -> disk.write(0, Bytes.zeros(512))).isInstanceOf(DiskException.class);
        assertThatThrownBy(disk::flush).isInstanceOf(DiskException.class);

        disk.reappear();
        assertThat(disk.isVanished()).isFalse();
        assertThat(TestData.read(disk, 0, 1000)).isEqualTo(TestData.sectors(0, 1000, 0));
    }

    private static void assertMediaError(DiskDataTest.ThrowingCall call, long lba) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DiskException.class, e -> {
            assertThat(e.kind()).isEqualTo(DiskException.Kind.MEDIA_ERROR);
            assertThat(e.lba()).isEqualTo(lba);
        });
    }
}
