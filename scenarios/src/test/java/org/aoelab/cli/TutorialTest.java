package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of docs/tutorial.md and checks the lines it shows, so the tutorial cannot
 * go stale: {@code ```yaml file=NAME} blocks become files, each {@code $ ./aoelab ...} line of a
 * {@code ```console} block is run in-process, and the lines after it must appear in its output.
 */
class TutorialTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)([^\\n]*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheTutorialRunsAndPrintsWhatThePageShows() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "tutorial.md"), StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(page);
        int commands = 0;
        List<Path> strays = new ArrayList<>();
        while (m.find()) {
            String lang = m.group(1);
            String info = m.group(2).trim();
            String body = m.group(3);
            if (lang.equals("yaml") && info.startsWith("file=")) {
                Files.writeString(dir.resolve(info.substring(5)), body, StandardCharsets.UTF_8);
            } else if (lang.equals("console")) {
                String[] lines = body.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (!lines[i].startsWith("$ ./aoelab ")) {
                        continue;
                    }
                    String[] args = args(lines[i].substring("$ ./aoelab ".length()));
                    Cli c = Cli.run(args);
                    commands++;
                    String out = ANSI.matcher(c.out()).replaceAll("");
                    assertThat(c.status()).as("%s%n%s%s", lines[i], out, c.err()).isIn(0, 1);
                    for (int j = i + 1; j < lines.length && !lines[j].startsWith("$ "); j++) {
                        if (!lines[j].isBlank()) {
                            assertThat(out).as("output of '%s'", lines[i]).contains(lines[j].strip());
                        }
                    }
                    Matcher seed = Pattern.compile("Lowest violating seed: (\\d+)").matcher(out);
                    if (seed.find()) {
                        strays.add(Path.of(args[1] + "-seed-" + seed.group(1) + ".pcapng"));
                    }
                }
            }
        }
        for (Path p : strays) {
            Files.deleteIfExists(p); // explore writes the violating seed's pcap into the working directory
        }
        assertThat(commands).isGreaterThanOrEqualTo(9);
    }

    /** Splits a command line on spaces; a name of a file the page created becomes its path. */
    private String[] args(String line) {
        List<String> out = new ArrayList<>();
        for (String a : line.trim().split("\\s+")) {
            Path f = dir.resolve(a);
            out.add(a.endsWith(".yaml") && Files.exists(f) ? f.toString() : a);
        }
        return out.toArray(new String[0]);
    }
}
