package org.aoelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aoelab.scenario.yaml.ScenarioError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReaderTest {

    static java.util.List<String> builtIn() {
        return ScenarioReader.BUILT_IN;
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void everyBuiltInScenarioReadsAndStartsWithItsDrawingAndWhatItShows(String name) {
        String text = ScenarioReader.builtInText(name);
        assertThat(text).as(name).startsWith("# " + name + ":").contains("What it shows:").contains("Things to try:");
        Scenario s = ScenarioReader.load(name);
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.targets()).isNotEmpty();
        assertThat(s.initiators()).isNotEmpty();
    }

    @Test
    void countMakesNumberedNodesWithAddressesRunningOnToTheNextShelf() {
        Scenario s = ScenarioReader.load("discovery-storm");
        assertThat(s.targets()).hasSize(1000);
        assertThat(s.initiators()).hasSize(10);
        assertThat(s.targets().get(0).name()).isEqualTo("t1");
        assertThat(s.targets().get(254).shelf()).isEqualTo(1);
        assertThat(s.targets().get(254).slot()).isEqualTo(254);
        assertThat(s.targets().get(255).shelf()).isEqualTo(2);
        assertThat(s.targets().get(255).slot()).isZero();
        assertThat(s.initiators().get(9).name()).isEqualTo("h10");
    }

    private static final String GOOD = """
            name: mine
            targets:
              - name: t1
                address: 1.0
            initiators:
              - name: h1
                workload:
                  - discover
                  - write: {target: t1, size: 4K}
            """;

    @Test
    void defaultsFillWhatIsNotWritten() {
        Scenario s = ScenarioReader.parse(GOOD, "mine.yaml");
        assertThat(s.seed()).isEqualTo(1);
        assertThat(s.duration()).isEqualTo(60_000_000_000L);
        assertThat(s.targets().get(0).profile()).isEqualTo("aoelab");
        assertThat(s.targets().get(0).bufcnt()).isEqualTo(16);
        assertThat(s.initiators().get(0).workload()).containsExactly(new Scenario.Discover(java.util.List.of()),
                new Scenario.Write("t1", 0, 4096, 65536));
        assertThat(s.properties().orphanBound()).isEqualTo(5_000_000_000L);
    }

    @Test
    void aMisspeltKeyIsLocatedAndAnAlternativeSuggested() {
        String bad = GOOD.replace("    address: 1.0", "    adress: 1.0");
        assertThatThrownBy(() -> ScenarioReader.parse(bad, "mine.yaml")).isInstanceOf(ScenarioError.class)
                .hasMessageStartingWith("mine.yaml:4:5: unknown key 'adress'").hasMessageContaining("did you mean 'address'?");
    }

    @Test
    void aReferenceToAnUnknownTargetNamesTheKnownOnes() {
        String bad = GOOD.replace("target: t1", "target: t2");
        assertThatThrownBy(() -> ScenarioReader.parse(bad, "mine.yaml")).isInstanceOf(ScenarioError.class)
                .hasMessageContaining("mine.yaml:9:").hasMessageContaining("no target called 't2'")
                .hasMessageContaining("targets: t1");
    }

    @Test
    void twoNodesOfOneNameAreRefused() {
        String bad = GOOD.replace("  - name: h1", "  - name: t1");
        assertThatThrownBy(() -> ScenarioReader.parse(bad, "mine.yaml"))
                .hasMessageContaining("a node called 't1' already exists");
    }

    @Test
    void aBadValueSaysWhatWasFoundAndWhatIsExpected() {
        String bad = GOOD.replace("name: mine", "name: mine\nlinks:\n  loss: 120%");
        assertThatThrownBy(() -> ScenarioReader.parse(bad, "mine.yaml")).hasMessageStartingWith("mine.yaml:3:9: loss");
    }

    @Test
    void anUnknownScenarioNameSuggestsABuiltInOne() {
        assertThatThrownBy(() -> ScenarioReader.load("lock-race-naiv")).isInstanceOf(ScenarioError.class)
                .hasMessageContaining("did you mean 'lock-race-naive'?");
    }

    @Test
    void aFileIsReadByPath() throws Exception {
        Path f = Files.createTempFile("scenario", ".yaml");
        try {
            Files.writeString(f, GOOD, StandardCharsets.UTF_8);
            assertThat(ScenarioReader.load(f.toString()).name()).isEqualTo("mine");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void theReferencePageIsWhatTheSchemaGenerates() throws Exception {
        Path page = Path.of("..", "docs", "scenarios.md");
        assertThat(page).exists();
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).as(
                "docs/scenarios.md is out of date: regenerate it with ScenarioReference (see its javadoc)")
                .isEqualTo(ScenarioReference.markdown());
    }
}
