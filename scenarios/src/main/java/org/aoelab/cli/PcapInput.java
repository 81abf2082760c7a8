package org.aoelab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.aoelab.wire.Dissector;

/** Reads a capture for {@code decode --pcap}; filled in when the trace reader lands. */
final class PcapInput {
    private PcapInput() {
    }

    static int decode(Path file, Dissector dissector, FramePrinter printer, PrintWriter out, Style style, boolean brief) {
        throw new AoeLab.UserError("--pcap is not available in this build");
    }
}
