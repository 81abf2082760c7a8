package org.aoelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.aoelab.trace.PcapFormatException;
import org.aoelab.trace.PcapInterface;
import org.aoelab.trace.PcapReader;
import org.aoelab.trace.PcapRecord;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Dissector.Dissection;
import org.aoelab.wire.EthernetFrame;

/**
 * Reads a capture for {@code decode --pcap}: every frame with its number and its time since the
 * first frame, AoE frames field by field (or one line each with {@code --brief}), other frames
 * listed as skipped.
 */
final class PcapInput {
    private PcapInput() {
    }

    /**
     * Prints every frame of {@code file}.
     *
     * @return {@link AoeLab#OK}, or {@link AoeLab#BAD_INPUT} when an AoE frame is malformed
     * @throws AoeLab.UserError when the file is missing, unreadable, or not a valid capture (the
     *                          message names the file and, for a corrupt file, the byte offset)
     */
    static int decode(Path file, Dissector dissector, FramePrinter printer, PrintWriter out, Style style, boolean brief) {
        if (Files.isDirectory(file)) throw new AoeLab.UserError(file + " is a directory, expected a pcap or pcapng file");
        try (PcapReader reader = PcapReader.open(file)) {
            return print(file, reader, dissector, printer, out, style, brief);
        } catch (PcapFormatException e) {
            out.flush();
            throw new AoeLab.UserError("not a valid capture: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new AoeLab.UserError("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new AoeLab.UserError("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new AoeLab.UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int print(Path file, PcapReader reader, Dissector dissector, FramePrinter printer, PrintWriter out,
                             Style style, boolean brief) throws IOException {
        if (!brief) {
            StringBuilder sb = new StringBuilder(style.bold("Capture " + file)).append(style.dim(" · "
                    + (reader.format() == PcapReader.Format.PCAP ? "pcap" : "pcapng")));
            if (reader.application() != null) sb.append(style.dim(" · written by " + reader.application()));
            out.println(sb);
            if (reader.sectionComment() != null) out.println(style.dim("comment: ") + reader.sectionComment());
        }
        long number = 0;
        long first = 0;
        int aoe = 0;
        int skipped = 0;
        int malformed = 0;
        for (PcapRecord rec; (rec = reader.next()) != null; ) {
            number++;
            if (number == 1) first = rec.timeNanos();
            String time = relative(rec.timeNanos() - first);
            PcapInterface iface = reader.interfaceOf(rec);
            String skip = skipReason(iface, rec.frame());
            if (skip != null) {
                skipped++;
                if (brief) {
                    out.println(String.format("%5d ", number) + style.dim(time) + " " + style.dim("skipped: " + skip));
                } else {
                    out.println();
                    out.println(style.bold("Frame " + number) + style.dim(" · " + time + " s · " + rec.frame().length()
                            + " bytes · skipped: " + skip));
                }
                continue;
            }
            aoe++;
            Dissection d = dissector.dissect(rec.frame());
            if (!d.ok()) malformed++;
            if (brief) {
                out.println(BriefLine.of(number, time, d, style));
                continue;
            }
            out.println();
            StringBuilder title = new StringBuilder("Frame " + number + " · " + time + " s");
            if (iface.name() != null) title.append(" · on ").append(iface.name());
            printer.heading(title.toString(), d);
            if (rec.isTruncated()) {
                out.println(style.yellow("  captured " + rec.frame().length() + " of " + rec.originalLength()
                        + " bytes: the capture cut this frame short"));
            }
            if (rec.comment() != null) out.println(style.dim("  comment: ") + rec.comment());
            printer.table(d);
        }
        if (!brief) {
            out.println();
            out.println(style.dim(number + (number == 1 ? " frame" : " frames") + ": " + aoe + " AoE, " + skipped
                    + " skipped (not AoE)" + (malformed > 0 ? ", " : "")) + (malformed > 0 ? style.red(malformed + " malformed") : ""));
        }
        return malformed > 0 ? AoeLab.BAD_INPUT : AoeLab.OK;
    }

    /** Why a frame is not decoded as AoE, or null when it is an AoE frame. */
    static String skipReason(PcapInterface iface, Bytes frame) {
        if (!iface.isEthernet()) return "link type " + iface.linkType() + " is not Ethernet";
        if (frame.length() < EthernetFrame.HEADER_LENGTH) {
            return "not AoE (" + frame.length() + " bytes, shorter than an Ethernet header)";
        }
        int type = frame.u16(12);
        if (type == EthernetFrame.ETHERTYPE_AOE) return null;
        if (type == EthernetFrame.ETHERTYPE_VLAN && frame.length() >= 18 && frame.u16(16) == EthernetFrame.ETHERTYPE_AOE) {
            return "VLAN-tagged AoE (VLAN " + (frame.u16(14) & 0x0FFF) + "), not decoded";
        }
        return String.format("not AoE (EtherType 0x%04x%s)", type, etherTypeName(type));
    }

    private static String etherTypeName(int type) {
        return switch (type) {
            case 0x0800 -> ", IPv4";
            case 0x0806 -> ", ARP";
            case 0x86DD -> ", IPv6";
            case 0x8100 -> ", VLAN";
            default -> type < 0x0600 ? ", an 802.3 length" : "";
        };
    }

    /** Seconds since the first frame, to the nanosecond: "0.000120000". */
    static String relative(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        return String.format("%s%d.%09d", sign, n / 1_000_000_000L, n % 1_000_000_000L);
    }
}
