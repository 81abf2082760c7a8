package org.aoelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders as written: picocli reads descriptions as format strings. */
class HelpTextTest {

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!into.contains(sub)) collect(sub, into);
        }
    }

    @Test
    void everyHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(AoeLab.commandLine(), all);
        assertThat(all).hasSizeGreaterThan(10);
        PrintStream saved = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        StringBuilder usages = new StringBuilder();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) usages.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        } finally {
            System.setErr(saved);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("what picocli printed while rendering help").isEmpty();
        // A lone '%' is what broke serve's help: its examples show a percentage, once formatted.
        assertThat(usages.toString()).contains("loss=1%).").contains("loss=0.5%").doesNotContain("%%");
    }
}
