package org.aoelab.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aoelab} command. Exit statuses: 0 = done and properties held, 1 = a property was
 * violated or an operation failed, 2 = bad input.
 */
@Command(name = "aoelab", mixinStandardHelpOptions = true, versionProvider = AoeLab.Version.class,
        description = {"AoE Lab: an ATA over Ethernet emulator and virtual SAN.", ""},
        subcommands = {DemoCommand.class, ScenarioCommands.ListCommand.class, ScenarioCommands.ShowCommand.class,
                RunCommand.class, ExploreCommand.class, DecodeCommand.class, ServeCommand.class, ClientCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'aoelab COMMAND --help' for the options of a command."})
public final class AoeLab implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int status = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(status);
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AoeLab());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (Plugin p : ServiceLoader.load(Plugin.class)) p.contribute(cl);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof UserError u) {
                line.getErr().println("aoelab " + line.getCommandName() + ": " + u.getMessage());
                return BAD_INPUT;
            }
            line.getErr().println("aoelab " + line.getCommandName() + ": internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return FAILED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("aoelab " + line.getCommandName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, line.getErr());
            line.getErr().println("Try 'aoelab " + (line.getParent() == null ? "" : line.getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        });
        return cl;
    }

    /** Bad input from the user: the message names what was wrong and where; exit status 2. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Other modules add subcommands (the GUI adds {@code gui}) through {@link ServiceLoader}. */
    public interface Plugin {
        void contribute(CommandLine root);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AoeLab.class.getPackage().getImplementationVersion();
            return new String[] {"aoelab " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
