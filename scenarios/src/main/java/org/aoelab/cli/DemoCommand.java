package org.aoelab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeCommand;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aoelab demo}: the teaching demo of the README. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The teaching demo: two initiators use a target's config string as a lock, and both win.",
                "Runs the built-in scenario lock-race-naive and explains, frame by frame, why.",
                "With --frames: how an initiator finds a disk and reads from it, field by field."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: auto, always or never (default: ${DEFAULT-VALUE}).")
    Style.Mode color;

    @Option(names = "--frames", description = "Show discovery, IDENTIFY and a read, field by field, instead.")
    boolean frames;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of lock-race-naive to explain (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    private record Step(String title, String explanation, AoeFrame frame) {
    }

    @Override
    public Integer call() {
        if (!frames) {
            return new LockRaceDemo(spec.commandLine().getOut(), Style.of(color)).explain(seed);
        }
        PrintWriter out = spec.commandLine().getOut();
        Style style = Style.of(color);
        MacAddress host = MacAddress.parse("02:00:00:00:00:01");
        MacAddress disk = MacAddress.parse("02:00:00:00:00:02");
        AoeFrame query = new AoeFrame(MacAddress.BROADCAST, host, AoeHeader.request(0xFFFF, 0xFF, AoeCommand.QUERY_CONFIG, 0),
                ConfigArg.request(ConfigCommand.READ, Bytes.EMPTY));
        AoeFrame answer = query.answer(disk, 3, 1, ConfigArg.response(16, 0x4019, AoeCodec.maxSectors(1500), 0, Bytes.ofUtf8("hello")));
        AoeFrame identify = AoeFrame.request(disk, host, 3, 1, 0x00012f3cL, AtaArg.identify());
        Bytes id = Bytes.adopt(Identify.build(new Identify.Identity("3.1:emu", "EMU1", "AoE emulator disk", 0x200000, true)));
        AoeFrame identified = identify.answer(disk, 3, 1, ((AtaArg) identify.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0, id));
        AoeFrame read = AoeFrame.request(disk, host, 3, 1, 0x00022f40L, AtaArg.read48(0x1000, 2));
        AoeFrame data = read.answer(disk, 3, 1, ((AtaArg) read.arg()).toResponse(AtaOpcode.STATUS_DRDY, 0, 0, Bytes.repeat(0x5a, 1024)));

        List<Step> steps = List.of(
                new Step("1. Who is out there?",
                        "The initiator broadcasts a Query Config read to every shelf and slot (0xffff.0xff),\n"
                                + "exactly as the Linux aoe driver does when it loads. No IP, no TCP: just Ethernet type 0x88a2.", query),
                new Step("2. A disk answers",
                        "Target e3.1 answers from its own MAC with its real address, how many requests it can queue\n"
                                + "(Buffer Count 16), how many 512-byte sectors fit in one frame on a 1500-byte MTU (2),\n"
                                + "and its config string, which initiators may use to coordinate (a lock, a cluster name).", answer),
                new Step("3. What are you?",
                        "The initiator now talks to the disk's MAC directly: ATA IDENTIFY DEVICE, one sector.\n"
                                + "The tag is the initiator's own; the target copies it back so the answer can be matched.", identify),
                new Step("4. I am a 1 GiB disk",
                        "512 bytes of IDENTIFY data: model, serial, and the capacity Linux reads from words 100-103\n"
                                + "because word 83 says the disk speaks LBA48. Text fields have their character pairs swapped.", identified),
                new Step("5. Read two sectors",
                        "READ SECTORS EXT at LBA 0x1000: two sectors, the most a 1500-byte frame can carry back.", read),
                new Step("6. Here they are",
                        "Status 0x40 (DRDY) means success; Sector Count 0 means nothing is left. Then 1024 bytes of data.\n"
                                + "Had this answer been lost, the initiator would resend the read with a new tag.", data));

        out.println(style.bold("AoE Lab demo: how an initiator finds a disk and reads from it"));
        out.println("Each step shows one frame field by field, as `aoelab decode` does.");
        Dissector dissector = new Dissector();
        FramePrinter printer = new FramePrinter(out, style, false);
        for (Step s : steps) {
            out.println();
            out.println(style.bold(style.magenta(s.title())));
            out.println(s.explanation());
            var d = dissector.dissect(AoeCodec.encode(s.frame()));
            printer.heading(s.frame().header().response() ? "target -> initiator" : "initiator -> " + (s.frame().dst().isBroadcast() ? "everyone" : "target"), d);
            printer.table(d);
        }
        out.println();
        out.println("Next: decode a frame yourself with " + style.bold("aoelab decode HEX") + ", or read docs/tutorial.md.");
        return AoeLab.OK;
    }
}
