package org.aoelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.aoelab.trace.PcapWriter;
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
                "or '-' to read hex from standard input (or a file name), where a blank line separates",
                "frames, or --pcap to read a capture (pcap or pcapng).",
                "Exit status 2 when the input cannot be read or a frame is malformed."},
        footer = {"", "Examples:",
                "  aoelab decode ffffffffffff020000000001 88a2 1000 ffffff01 00000000 0000000000000000",
                "  aoelab decode --pcap session.pcap --brief",
                "  aoelab decode --write-pcap frames.pcap frames.hex    # then: wireshark frames.pcap"})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "HEX", description = "The frame, as hex digits (several arguments are joined).")
    List<String> hex = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE", description = "Decode every frame of a pcap or pcapng file.")
    Path pcap;

    @Option(names = "--write-pcap", paramLabel = "OUT",
            description = "Also write the frames given as hex to the pcap file OUT (nanosecond timestamps, 1 ms apart),"
                    + " to open them in Wireshark, tshark or tcpdump.")
    Path writePcap;

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
            if (writePcap != null) throw new AoeLab.UserError("--write-pcap writes frames given as hex, not frames read with --pcap");
            return PcapInput.decode(pcap, dissector, printer, out, style, brief);
        }
        if (hex.isEmpty()) throw new AoeLab.UserError("no frame given: pass hex digits, '-' for standard input, or --pcap FILE");
        List<Bytes> frames = frames();
        boolean several = frames.size() > 1;
        int status = AoeLab.OK;
        for (int i = 0; i < frames.size(); i++) {
            Dissection d = dissector.dissect(frames.get(i));
            if (brief) {
                out.println(BriefLine.of(i + 1, null, d, style));
            } else {
                if (i > 0) out.println();
                printer.heading(several ? "Frame " + (i + 1) : "Frame", d);
                printer.table(d);
            }
            if (!d.ok()) status = AoeLab.BAD_INPUT;
        }
        if (writePcap != null) {
            write(writePcap, frames);
            out.println(style.dim("wrote " + frames.size() + (frames.size() == 1 ? " frame" : " frames") + " to " + writePcap));
        }
        return status;
    }

    /**
     * The frames given: the arguments joined into one frame, or the text of standard input or of
     * a file, where blank lines separate frames.
     */
    private List<Bytes> frames() throws IOException {
        boolean stdin = hex.size() == 1 && hex.get(0).equals("-");
        boolean file = hex.size() == 1 && !stdin && Files.isRegularFile(Path.of(hex.get(0)));
        List<String> texts;
        if (stdin || file) {
            String text = stdin ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(hex.get(0)));
            texts = List.of(text.split("\\R[ \\t]*\\R\\s*"));
        } else {
            texts = List.of(String.join(" ", hex));
        }
        List<Bytes> frames = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Bytes frame;
            try {
                frame = Bytes.fromHex(texts.get(i).replace("0x", ""));
            } catch (IllegalArgumentException e) {
                throw new AoeLab.UserError("cannot read " + (texts.size() > 1 ? "frame " + (frames.size() + 1) : "the frame")
                        + ": " + e.getMessage());
            }
            if (!frame.isEmpty()) frames.add(frame);
        }
        if (frames.isEmpty()) throw new AoeLab.UserError("no frame given: the input holds no hex digits");
        return frames;
    }

    private static void write(Path file, List<Bytes> frames) {
        try (PcapWriter w = PcapWriter.create(file)) {
            long t = 0;
            for (Bytes f : frames) {
                w.write(t, f);
                t += 1_000_000L;
            }
        } catch (IOException e) {
            throw new AoeLab.UserError("cannot write " + file + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }
}
