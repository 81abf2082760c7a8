package org.aoelab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.yaml.ScenarioError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aoelab list} and {@code aoelab show}: the built-in scenarios. */
final class ScenarioCommands {

    private ScenarioCommands() {
    }

    /** Loads a scenario by built-in name or path; a bad one is the user's error (exit 2). */
    static Scenario load(String nameOrPath) {
        try {
            return ScenarioReader.load(nameOrPath);
        } catch (ScenarioError e) {
            throw new AoeLab.UserError(e.getMessage(), e);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String name : ScenarioReader.BUILT_IN) {
                Scenario s = ScenarioReader.load(name);
                out.printf("%-20s %s%n", name, s.description());
            }
            out.println();
            out.println("Run one with 'aoelab run NAME'; print it with 'aoelab show NAME' to start your own.");
            return AoeLab.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a built-in scenario's file, to start one's own from.")
    static final class ShowCommand implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A built-in scenario (see 'aoelab list').")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String text = ScenarioReader.builtInText(name);
            if (text == null) {
                load(name); // explains what is wrong, with a suggestion
                throw new AoeLab.UserError("'" + name + "' is a file, not a built-in scenario; built-in: "
                        + String.join(", ", ScenarioReader.BUILT_IN));
            }
            spec.commandLine().getOut().print(text);
            return AoeLab.OK;
        }
    }
}
