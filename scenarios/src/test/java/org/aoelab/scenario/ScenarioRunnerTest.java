package org.aoelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.lock.LockReport;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

    private static RunResult run(String name, long seed) {
        return new ScenarioRunner(ScenarioReader.load(name), seed).run();
    }

    @Test
    void basicsDiscoversWritesAndReadsBackIntact() {
        RunResult r = run("basics", 1);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.completed()).isTrue();
        assertThat(r.verifiedBytes()).isEqualTo(4096);
        assertThat(r.verdicts()).extracting(RunResult.Verdict::property).containsExactly("data integrity");
    }

    @Test
    void lossyCopyKeepsIntegrityThroughRetransmissions() {
        RunResult r = run("lossy-copy", 7);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.verifiedBytes()).isEqualTo(2L << 20);
        assertThat(r.retransmissions()).isPositive();
    }

    @Test
    void lockRaceNaiveBreaksMutualExclusionAtItsDefaultSeed() {
        RunResult r = run("lock-race-naive", 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.firstViolation().property()).isEqualTo(LockReport.Property.MUTUAL_EXCLUSION);
        assertThat(r.firstViolation().initiators()).containsExactlyInAnyOrder("h1", "h2");
    }

    @Test
    void stoppingAtTheFirstFailureGivesTheFullRunsVerdictSooner() {
        long stoppedEarly = 0;
        for (String name : new String[] {"lock-race-naive", "lock-lost-reply", "lock-stale-release", "lock-reserve"}) {
            Scenario s = ScenarioReader.load(name);
            for (long seed = 0; seed < 60; seed++) {
                RunResult full = new ScenarioRunner(s, seed).run();
                RunResult quick = new ScenarioRunner(s, seed).stopAtFirstFailure().run();
                assertThat(quick.ok()).as(name + " seed " + seed).isEqualTo(full.ok());
                assertThat(quick.endTime()).as(name + " seed " + seed).isLessThanOrEqualTo(full.endTime());
                if (!quick.ok() && quick.firstViolation() != null) {
                    assertThat(full.locks().violations()).as(name + " seed " + seed)
                            .contains(quick.firstViolation());
                }
                if (quick.endTime() < full.endTime()) {
                    stoppedEarly++;
                    assertThat(quick.failures()).as("no 'unfinished' failure for a run stopped on purpose")
                            .noneMatch(f -> f.contains("unfinished"));
                }
            }
        }
        assertThat(stoppedEarly).isGreaterThan(30);
    }

    @Test
    void aPropertyTheScenarioDoesNotCheckDoesNotStopTheRun() {
        Scenario s = ScenarioReader.parse(ScenarioReader.builtInText("lock-race-naive")
                .replace("properties:\n", "properties:\n  mutual-exclusion: false\n"), "unchecked.yaml");
        RunResult full = new ScenarioRunner(s, 0).run();
        RunResult quick = new ScenarioRunner(s, 0).stopAtFirstFailure().run();
        assertThat(full.locks().holds(LockReport.Property.MUTUAL_EXCLUSION)).isFalse();
        assertThat(quick.ok()).isTrue().isEqualTo(full.ok());
        assertThat(quick.endTime()).isEqualTo(full.endTime());
    }

    @Test
    void lockReserveHoldsAtItsDefaultSeed() {
        RunResult r = run("lock-reserve", 1);
        assertThat(r.ok()).as(r.locks().violations().toString()).isTrue();
        assertThat(r.locks().targets().get(0).acquisitions()).isEqualTo(4);
    }

    @Test
    void lockLostReplyOrphansTheLock() {
        RunResult r = run("lock-lost-reply", 3);
        assertThat(r.locks().holds(LockReport.Property.NO_ORPHAN)).as(r.locks().violations().toString()).isFalse();
    }

    @Test
    void lockStaleReleaseBreaksMutualExclusion() {
        RunResult r = run("lock-stale-release", 5);
        assertThat(r.locks().holds(LockReport.Property.MUTUAL_EXCLUSION)).as(r.locks().violations().toString()).isFalse();
    }

    @Test
    void multipathFindsTwoPathsAndFinishesAfterOneGoesDown() {
        RunResult r = run("multipath", 2);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        AoeInitiator h = r.initiators().get("h1");
        assertThat(h.device(2, 0).paths()).hasSize(2);
        assertThat(r.targets().get("t1a").stats().received()).isPositive();
        assertThat(r.targets().get("t1b").stats().received()).isPositive();
    }

    @Test
    void targetVanishesAndTheCopyStillCompletes() {
        RunResult r = run("target-vanishes", 4);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        assertThat(r.retransmissions()).isPositive();
        assertThat(r.endTime()).isGreaterThan(5_020_000_000L);
    }

    @Test
    void discoveryStormFindsEveryTargetFromEveryInitiator() {
        RunResult r = run("discovery-storm", 1);
        assertThat(r.ok()).as(r.failures().toString()).isTrue();
        for (AoeInitiator h : r.initiators().values()) {
            assertThat(h.devices()).hasSize(1000);
            assertThat(h.devices()).allMatch(d -> d.isUp());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        String a = digest("lock-stale-release", 5);
        String b = digest("lock-stale-release", 5);
        String c = digest("lock-stale-release", 6);
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        Scenario s = ScenarioReader.load("lossy-copy");
        assertThat(ReportJson.of(new ScenarioRunner(s, 9).run())).isEqualTo(ReportJson.of(new ScenarioRunner(s, 9).run()));
    }

    private static String digest(String name, long seed) throws Exception {
        Scenario s = ScenarioReader.load(name);
        ScenarioRunner runner = new ScenarioRunner(s, seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapRecording rec = new PcapRecording(out, s, seed);
        runner.trace(rec);
        RunResult r = runner.run();
        rec.close();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(out.toByteArray());
        md.update(ReportJson.of(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
