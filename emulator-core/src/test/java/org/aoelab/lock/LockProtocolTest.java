package org.aoelab.lock;

import static org.aoelab.lock.LockBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.aoelab.lock.LockProtocols.Release;
import org.aoelab.lock.LockReport.Property;
import org.aoelab.net.Impairments;
import org.aoelab.target.TargetProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each lock protocol against the target profiles, each hazard of DESIGN.md reproduced from a
 * seed the test names, and the safe protocol kept safe over a thousand seeds.
 */
class LockProtocolTest {

    private static final Consumer<Impairments> CLEAN = LockBench.delay(MS);
    private static final Consumer<Impairments> LOSSY = i -> i.delay(MS).loss(0.3);
    private static final Consumer<Impairments> DUPLICATING = i -> i.delay(MS, 2 * MS).duplicate(0.3).reorder(0.1, 2);

    @ParameterizedTest
    @EnumSource(value = TargetProfile.class, names = {"AOELAB", "VBLADE", "GGAOED", "SPEC_STRICT", "KVBLADE"})
    void naive_twoReadersBothSeeEmptyAndBothWin_seed0(TargetProfile profile) {
        LockReport r = new LockBench(0, profile, "naive", Release.FORCE, 2, 3, CLEAN).run();
        assertThat(r.holds(Property.MUTUAL_EXCLUSION)).as(profile + ": " + r.violations()).isFalse();
        LockReport.Violation v = r.firstViolation();
        assertThat(v.initiators()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(v.frames()).anyMatch(f -> f.contains("force-set"));
    }

    @Test
    void setIfEmpty_trustingTheReply_orphansTheLockOnAStrictTargetWhenTheReplyIsLost_seed0() {
        LockReport r = new LockBench(0, TargetProfile.SPEC_STRICT, "set-if-empty", Release.FORCE, 2, 3, LOSSY).run();
        assertThat(r.holds(Property.NO_ORPHAN)).as(r.violations().toString()).isFalse();
        LockReport.Violation v = r.violations().stream().filter(x -> x.property() == Property.NO_ORPHAN).findFirst()
                .orElseThrow();
        assertThat(v.explanation()).containsPattern("held 'lock h[12]' with nobody believing");
        // The frames that led to it show the retransmitted set refused with error 4.
        assertThat(v.frames()).anyMatch(f -> f.contains("error 4"));
    }

    @Test
    void setIfEmpty_aLostReplyOrphansFarMoreOftenOnAStrictTargetThanWhereAnIdenticalSetSucceeds() {
        long strict = orphans(TargetProfile.SPEC_STRICT, "set-if-empty", 100);
        long lenient = orphans(TargetProfile.AOELAB, "set-if-empty", 100);
        assertThat(strict).isGreaterThan(30);
        assertThat(strict).isGreaterThan(4 * lenient);
    }

    @Test
    void setIfEmptyVerified_readsBackAfterError4OrSilenceAndNeverOrphansTheLock() {
        assertThat(orphans(TargetProfile.SPEC_STRICT, "set-if-empty-verified", 200)).isZero();
        assertThat(orphans(TargetProfile.VBLADE, "set-if-empty-verified", 100)).isZero();
    }

    private static long orphans(TargetProfile profile, String protocol, int seeds) {
        return LongStream.range(0, seeds).filter(seed -> !new LockBench(seed, profile, protocol, Release.FORCE, 2, 3,
                LOSSY).run().holds(Property.NO_ORPHAN)).count();
    }

    @Test
    void forceRelease_aDuplicatedOrDelayedReleaseClearsTheNextHoldersLock_seed0() {
        LockReport r = new LockBench(0, TargetProfile.AOELAB, "set-if-empty", Release.FORCE, 3, 5, DUPLICATING).run();
        assertThat(r.holds(Property.MUTUAL_EXCLUSION)).as(r.violations().toString()).isFalse();
        assertThat(r.firstViolation().frames()).anyMatch(f -> f.contains("force-set \"\""));
    }

    @ParameterizedTest
    @EnumSource(value = TargetProfile.class, names = {"AOELAB", "VBLADE", "SPEC_STRICT"})
    void reserve_theTargetEnforcesTheHolder_safeOverAThousandSeedsOfLossDuplicationAndJitter(TargetProfile profile) {
        Consumer<Impairments> bad = i -> i.delay(MS, 2 * MS).loss(0.1).duplicate(0.2).reorder(0.1, 2);
        for (long seed = 0; seed < 1000; seed++) {
            LockReport r = new LockBench(seed, profile, "reserve", Release.FORCE, 3, 2, bad).run();
            assertThat(r.holds(Property.MUTUAL_EXCLUSION)).as("seed %d: %s", seed, r.violations()).isTrue();
            assertThat(r.targets().get(0).acquisitions()).as("seed %d", seed).isPositive();
        }
    }

    @Test
    void reserve_onKvbladeIsAnsweredWithError1AndNobodyEverHoldsIt() {
        LockReport r = new LockBench(0, TargetProfile.KVBLADE, "reserve", Release.FORCE, 2, 1, CLEAN).run();
        assertThat(r.targets().get(0).acquisitions()).isZero();
        assertThat(r.holds(Property.MUTUAL_EXCLUSION)).isTrue();
        assertThat(r.holds(Property.PROGRESS)).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        LockReport a = new LockBench(42, TargetProfile.AOELAB, "naive", Release.FORCE, 3, 3, DUPLICATING).run();
        LockReport b = new LockBench(42, TargetProfile.AOELAB, "naive", Release.FORCE, 3, 3, DUPLICATING).run();
        assertThat(a.targets().get(0).timeline()).isEqualTo(b.targets().get(0).timeline());
        assertThat(a.violations().toString()).isEqualTo(b.violations().toString());
        LockReport c = new LockBench(43, TargetProfile.AOELAB, "naive", Release.FORCE, 3, 3, DUPLICATING).run();
        assertThat(c.targets().get(0).timeline()).isNotEqualTo(a.targets().get(0).timeline());
    }

    @Test
    void leaseBreaksAnExpiredLeaseAndVerifiesIt() {
        LockReport r = new LockBench(3, TargetProfile.AOELAB, "lease", Release.GUARDED, 2, 3, CLEAN).run();
        assertThat(r.targets().get(0).acquisitions()).isEqualTo(6);
        assertThat(EnumSet.of(Property.PROGRESS)).allMatch(r::holds);
    }
}
