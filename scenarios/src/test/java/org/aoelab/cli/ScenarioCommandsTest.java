package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aoelab.trace.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandsTest {

    @TempDir
    Path dir;

    @Test
    void listNamesEveryBuiltInScenarioWithItsDescription() {
        Cli c = Cli.run("list");
        assertThat(c.status()).isZero();
        assertThat(c.out()).contains("basics").contains("lock-race-naive").contains("discovery-storm")
                .contains("two initiators lock a target with read-then-force-set, and both win");
    }

    @Test
    void showPrintsTheFileToStartFrom() {
        Cli c = Cli.run("show", "basics");
        assertThat(c.status()).isZero();
        assertThat(c.out()).startsWith("# basics:").contains("name: basics");
        Cli bad = Cli.run("show", "basic");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("did you mean 'basics'?");
    }

    @Test
    void runOfAHealthyScenarioExitsZeroAndSaysHowToReproduceIt() {
        Cli c = Cli.run("run", "basics", "--ladder");
        assertThat(c.status()).as(c.out() + c.err()).isZero();
        assertThat(c.out()).contains("time (s)").contains("IDENTIFY").contains("data integrity    held")
                .contains("Reproduce: aoelab run basics --seed 1");
    }

    @Test
    void runOfAViolatedPropertyExitsOneAndShowsTheViolation() {
        Cli c = Cli.run("run", "lock-race-naive", "--seed", "1");
        assertThat(c.status()).isEqualTo(1);
        assertThat(c.out()).contains("mutual exclusion  VIOLATED");
    }

    @Test
    void runWritesThePcapAndTheReportBothReproducible() throws Exception {
        Path p1 = dir.resolve("a.pcapng");
        Path r1 = dir.resolve("a.json");
        Path p2 = dir.resolve("b.pcapng");
        Path r2 = dir.resolve("b.json");
        assertThat(Cli.run("run", "lock-race-naive", "--seed", "3", "--pcap", p1.toString(), "--report", r1.toString())
                .status()).isEqualTo(1);
        Cli.run("run", "lock-race-naive", "--seed", "3", "--pcap", p2.toString(), "--report", r2.toString());
        assertThat(Files.readAllBytes(p1)).isEqualTo(Files.readAllBytes(p2));
        assertThat(Files.readString(r1)).isEqualTo(Files.readString(r2));
        try (PcapReader rd = PcapReader.open(p1)) {
            assertThat(rd.sectionComment()).contains("scenario lock-race-naive seed 3");
            assertThat(rd.next()).isNotNull();
        }
        String json = Files.readString(r1, StandardCharsets.UTF_8);
        assertThat(json).contains("\"scenario\": \"lock-race-naive\"").contains("\"seed\": 3")
                .contains("\"property\": \"mutual exclusion\", \"held\": false");
    }

    @Test
    void aBrokenScenarioFileExitsTwoNamingFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: bad\ntargets:\n  - name: t1\n    adress: 1.0\n");
        Cli c = Cli.run("run", f.toString());
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err()).contains(f + ":4:5: unknown key 'adress'").contains("did you mean 'address'?");
    }

    @Test
    void exploreFindsTheNaiveRaceAndExitsOne() {
        Path pcap = dir.resolve("race.pcapng");
        Cli c = Cli.run("explore", "lock-race-naive", "--seeds", "200", "--jobs", "2", "--pcap", pcap.toString());
        assertThat(c.status()).isEqualTo(1);
        assertThat(c.out()).contains("seeds/s").contains("Lowest violating seed: ").contains("mutual exclusion violated")
                .contains("The frames that led to it:").contains("force-set \"lock h");
        assertThat(pcap).exists();
        assertThat(c.err()).contains("200/200 seeds");
    }

    @Test
    void exploreOfTheSafeProtocolFindsNothingAndExitsZero() {
        Cli c = Cli.run("explore", "lock-reserve", "--seeds", "200");
        assertThat(c.status()).as(c.out()).isZero();
        assertThat(c.out()).contains("200 seeds").contains("0 violating").contains("No seed violated a property.");
    }

    @Test
    void exploreRefusesNonsense() {
        assertThat(Cli.run("explore", "lock-reserve", "--seeds", "0").status()).isEqualTo(2);
        assertThat(Cli.run("explore", "lock-reserve", "--strategy", "psychic").status()).isEqualTo(2);
    }

    @Test
    void explorePctShufflesEventOrdersAndItsSeedReplaysWithTheSameStrategy() {
        Path pcap = dir.resolve("pct.pcapng");
        Cli c = Cli.run("explore", "lock-race-naive", "--seeds", "100", "--strategy", "pct", "--window", "500us",
                "--pcap", pcap.toString());
        assertThat(c.status()).isEqualTo(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Lowest violating seed: (\\d+)").matcher(c.out());
        assertThat(m.find()).isTrue();
        assertThat(c.out()).contains("--strategy pct --window 500us --ladder");
        Cli replay = Cli.run("run", "lock-race-naive", "--seed", m.group(1), "--strategy", "pct", "--window", "500us");
        assertThat(replay.status()).isEqualTo(1);
        assertThat(replay.out()).contains("mutual exclusion  VIOLATED")
                .contains("Reproduce: aoelab run lock-race-naive --seed " + m.group(1) + " --strategy pct --window 500us");
    }

    @Test
    void aStrategyOrWindowThatMakesNoSenseIsBadInput() {
        assertThat(Cli.run("run", "basics", "--window", "1ms").status()).isEqualTo(2);
        assertThat(Cli.run("run", "basics", "--strategy", "pct", "--window", "soon").status()).isEqualTo(2);
    }
}
