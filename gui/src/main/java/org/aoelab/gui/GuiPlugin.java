package org.aoelab.gui;

import org.aoelab.cli.AoeLab;
import picocli.CommandLine;

/** Adds {@code aoelab gui} to the command line (registered in META-INF/services). */
public final class GuiPlugin implements AoeLab.Plugin {
    @Override
    public void contribute(CommandLine root) {
        CommandLine gui = new CommandLine(new GuiCommand());
        gui.setCaseInsensitiveEnumValuesAllowed(true);
        root.addSubcommand("gui", gui);
    }
}
