package org.aoelab.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.aoelab.scenario.yaml.Field;
import org.aoelab.scenario.yaml.Schema;

/**
 * Generates docs/scenarios.md, the reference of the scenario file format, from
 * {@link ScenarioSchema}. A test compares the committed page with this output, so the page
 * cannot drift from the reader. Regenerate with
 * {@code java -cp "gui/target/dist/*" org.aoelab.scenario.ScenarioReference docs/scenarios.md}.
 */
public final class ScenarioReference {

    private ScenarioReference() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScenarioReference OUTPUT.md");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Scenario files: reference\n\n");
        sb.append("<!-- Generated from ScenarioSchema by org.aoelab.scenario.ScenarioReference; do not edit by hand.\n");
        sb.append("     A test (ScenarioReaderTest) fails when this page and the code disagree. -->\n\n");
        sb.append("A scenario is a YAML file: the network, its targets and initiators, what happens when, and what\n");
        sb.append("must hold. Start from a built-in one (`aoelab list`, `aoelab show basics > mine.yaml`), run it with\n");
        sb.append("`aoelab run mine.yaml`. Every key has a default except those marked *required*. A mistake is\n");
        sb.append("reported with file, line and column, what was found, what was expected, and a suggestion for a\n");
        sb.append("misspelt key; the command then exits with status 2.\n\n");
        sb.append("Units: durations `250ms`, `1.5s`, `100us`; sizes `512`, `64K`, `16M`, `1GiB`; bit rates `100Mbit`,\n");
        sb.append("`1Gbit`; probabilities `5%` or `0.05`.\n\n");
        Set<Schema> done = new LinkedHashSet<>();
        section(sb, ScenarioSchema.ROOT, "Top level", done);
        return sb.toString();
    }

    private static void section(StringBuilder sb, Schema s, String title, Set<Schema> done) {
        if (!done.add(s)) {
            return;
        }
        sb.append("## ").append(title).append("\n\n").append(capital(s.doc())).append(".\n\n");
        if (!s.fields().isEmpty()) {
            sb.append("| key | type | default | meaning |\n|---|---|---|---|\n");
            for (Field f : s.fields()) {
                String type = f.type() == Field.Type.CHOICE ? "one of " + String.join(", ", f.choices().stream()
                        .map(c -> "`" + c + "`").toList()) : f.type().written();
                String def = f.defaultValue() == null ? "*required*"
                        : f.defaultValue().isEmpty() ? "empty" : "`" + f.defaultValue() + "`";
                if (f.type() == Field.Type.SECTION) {
                    def = "none";
                }
                sb.append("| `").append(f.key()).append("` | ").append(type).append(" | ").append(def).append(" | ")
                        .append(f.doc()).append(" |\n");
            }
            sb.append('\n');
        }
        for (Field f : s.fields()) {
            if (f.nested() != null && !f.nested().fields().isEmpty() && f.type() != Field.Type.ONE_OF_LIST) {
                section(sb, f.nested(), "`" + f.key() + "`: " + f.nested().name(), done);
            }
            if (f.type() == Field.Type.ONE_OF_LIST) {
                if (f.nested() != null && !f.nested().fields().isEmpty()) {
                    section(sb, f.nested(), "`" + f.key() + "` items: keys every item may have", done);
                }
                sb.append("Each item of `").append(f.key()).append("` is one of: ")
                        .append(String.join(", ", f.alternatives().keySet().stream().map(k -> "`" + k + "`").toList()))
                        .append(".\n\n");
                for (Map.Entry<String, Schema> alt : f.alternatives().entrySet()) {
                    Schema a = alt.getValue();
                    if (a.fields().isEmpty()) {
                        sb.append("### `").append(f.key()).append("`: `").append(alt.getKey()).append("`\n\n")
                                .append(capital(a.doc())).append(". Written as a bare word: `- ").append(alt.getKey())
                                .append("`.\n\n");
                        continue;
                    }
                    if (a.has("value") && a.fields().size() == 1) {
                        sb.append("### `").append(f.key()).append("`: `").append(alt.getKey()).append("`\n\n")
                                .append(capital(a.doc())).append(". Written `").append(alt.getKey()).append(": ")
                                .append(a.field("value").doc().toUpperCase().replace(' ', '-')).append("`, ")
                                .append(a.field("value").type().written()).append(".\n\n");
                        continue;
                    }
                    done.remove(a);
                    section(sb, a, "`" + f.key() + "`: `" + alt.getKey() + "`", done);
                }
            }
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
