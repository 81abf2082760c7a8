package org.aoelab.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SectionTest {
    static final Schema LINK = new Schema("link", "a link")
            .add(Field.of("delay", Field.Type.DURATION, "0", "one-way delay"))
            .add(Field.of("loss", Field.Type.PROBABILITY, "0%", "random loss"));
    static final Schema STEP_COMMON = new Schema("step", "common").add(Field.of("at", Field.Type.DURATION, "0", "when"));
    static final Schema VANISH = new Schema("vanish", "a target vanishes").add(Field.of("value", Field.Type.STRING, null, "which"));
    static final Schema ROOT = new Schema("scenario", "top")
            .add(Field.of("name", Field.Type.STRING, null, "the name"))
            .add(Field.of("seed", Field.Type.INT, "1", "seed"))
            .add(Field.choice("profile", "aoelab", "target profile", "aoelab", "vblade", "ggaoed"))
            .add(Field.section("link", LINK, "the link"))
            .add(Field.oneOfList("timeline", STEP_COMMON, Map.of("vanish", VANISH, "heal", new Schema("heal", "heal")), "events"));

    @Test
    void readsTypedValuesAndDefaults() {
        Section s = Section.parse("name: basics\nlink:\n  delay: 250us\n", "basics.yaml", ROOT).finish();
        assertThat(s.string("name")).isEqualTo("basics");
        assertThat(s.integer("seed", 0, 100)).isEqualTo(1);
        Section link = s.section("link").finish();
        assertThat(link.duration("delay")).isEqualTo(250_000);
        assertThat(link.probability("loss")).isZero();
    }

    @Test
    void misspeltKeyIsReportedWithLineColumnAndSuggestion() {
        assertThatThrownBy(() -> Section.parse("name: x\nlink:\n  dealy: 1ms\n", "s.yaml", ROOT).section("link").finish())
                .isInstanceOf(ScenarioError.class)
                .hasMessageStartingWith("s.yaml:3:3: unknown key 'dealy' in link: did you mean 'delay'?");
    }

    @Test
    void badValueSaysWhatWasFoundAndWhatIsExpected() {
        assertThatThrownBy(() -> Section.parse("name: x\nlink:\n  delay: 5 parsecs\n", "s.yaml", ROOT).section("link").duration("delay"))
                .hasMessage("s.yaml:3:10: delay: '5 parsecs': unknown time unit 'parsecs' (expected ns, us, ms, s, m or h)");
        assertThatThrownBy(() -> Section.parse("name: x\nprofile: vblad\n", "s.yaml", ROOT).choice("profile"))
                .hasMessageContaining("s.yaml:2:10: profile: 'vblad' is not one of aoelab, vblade, ggaoed (did you mean 'vblade'?)");
        assertThatThrownBy(() -> Section.parse("name: x\nseed: 1000\n", "s.yaml", ROOT).integer("seed", 0, 100))
                .hasMessage("s.yaml:2:7: seed is 1000, expected 0-100");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> Section.parse("seed: 3\n", "s.yaml", ROOT).string("name"))
                .hasMessage("s.yaml:1:1: missing key 'name' in scenario (the name)");
    }

    @Test
    void brokenYamlIsLocated() {
        assertThatThrownBy(() -> Section.parse("name: [x\nseed: 1\n", "s.yaml", ROOT))
                .isInstanceOf(ScenarioError.class).hasMessageStartingWith("s.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void oneOfListTakesShorthandAndCommonKeys() {
        var items = Section.parse("name: x\ntimeline:\n  - at: 2s\n    vanish: t1\n  - heal\n", "s.yaml", ROOT).oneOfList("timeline");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).kind()).isEqualTo("vanish");
        assertThat(items.get(0).common().duration("at")).isEqualTo(2_000_000_000L);
        assertThat(items.get(0).body().string("value")).isEqualTo("t1");
        assertThat(items.get(1).kind()).isEqualTo("heal");
        assertThatThrownBy(() -> Section.parse("name: x\ntimeline:\n  - at: 2s\n    vansh: t1\n", "s.yaml", ROOT).oneOfList("timeline"))
                .hasMessageContaining("s.yaml:4:5: unknown key 'vansh' in timeline: did you mean 'vanish'?");
    }
}
