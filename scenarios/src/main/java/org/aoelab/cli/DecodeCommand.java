package org.aoelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Dissector.Dissection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aoelab decode}: explains frames field by field, in the order of their bytes. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Explain AoE frames field by field: offset, bytes, field name (Wireshark's where it has one),",
                "value and meaning. Give the frame as hex (spaces, colons and # comments allowed),",
                "or '-' to read hex from standard input, or --pcap to read a capture."},
        footer = {"", "Examples:",
                "  aoelab decode ffffffffffff020000000001 88a2 1000 ffffff01 00000000 0000000000000000",
                "  aoelab decode --pcap session.pcap --brief"})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "HEX", description = "The frame, as hex digits (several arguments are joined).")
    List<String> hex = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE", description = "Decode every frame of a pcap or pcapng file.")
    Path pcap;

    @Option(names = "--brief", description = "One line per frame instead of the field table.")
    boolean brief;

    @Option(names = "--data", description = "Dump data sectors in full.")
    boolean allData;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: auto, always or never (default: ${DEFAULT-VALUE}).")
    Style.Mode color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Style style = Style.of(color);
        FramePrinter printer = new FramePrinter(out, style, allData);
        Dissector dissector = new Dissector();
        if (pcap != null) {
            if (!hex.isEmpty()) throw new AoeLab.UserError("give either HEX or --pcap, not both");
            return PcapInput.decode(pcap, dissector, printer, out, style, brief);
        }
        if (hex.isEmpty()) throw new AoeLab.UserError("no frame given: pass hex digits, '-' for standard input, or --pcap FILE");
        String text = hex.size() == 1 && hex.get(0).equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : String.join(" ", hex);
        if (hex.size() == 1 && !hex.get(0).equals("-") && Files.isRegularFile(Path.of(hex.get(0)))) {
            text = Files.readString(Path.of(hex.get(0)));
        }
        Bytes frame;
        try {
            frame = Bytes.fromHex(text.replace("0x", ""));
        } catch (IllegalArgumentException e) {
            throw new AoeLab.UserError("cannot read the frame: " + e.getMessage());
        }
        if (frame.isEmpty()) throw new AoeLab.UserError("no frame given: the input holds no hex digits");
        Dissection d = dissector.dissect(frame);
        if (brief) {
            out.println(BriefLine.of(1, null, d, style));
        } else {
            printer.heading("Frame", d);
            printer.table(d);
        }
        return d.ok() ? AoeLab.OK : AoeLab.BAD_INPUT;
    }
}
