package org.aoelab.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a frame field by field, in the order of its bytes: the teaching view behind
 * {@code aoelab decode} and the GUI's decode tree and hex highlighting.
 *
 * <p>Field names are Wireshark's where the dissector has one and AoE Lab additions with the same
 * prefix otherwise (protocol reference 7). A dissector remembers the ATA requests it has seen by
 * (requester, tag), as Wireshark does, so an answer can be explained with the command it answers
 * (an IDENTIFY answer's words, a read's data). Dissecting never throws: a malformed frame is
 * dissected as far as its bytes go and carries the codec's {@link MalformedFrameException}.
 */
public final class Dissector {
    private static final int REMEMBERED = 4096;

    /** The dissection of one frame. */
    public record Dissection(Bytes frame, List<Field> fields, String summary, AoeFrame decoded,
                             MalformedFrameException problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final Map<Long, Integer> opcodeByRequest = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> e) {
            return size() > REMEMBERED;
        }
    };

    public Dissection dissect(Bytes b) {
        AoeFrame decoded = null;
        MalformedFrameException problem = null;
        try {
            decoded = AoeCodec.decode(b);
        } catch (MalformedFrameException e) {
            problem = e;
        }
        List<Field> fields = new ArrayList<>();
        Cursor c = new Cursor(b, fields);
        ethernet(c);
        if (c.has(1) && b.length() >= 14 && b.u16(12) == EthernetFrame.ETHERTYPE_AOE) {
            aoe(c, b, decoded);
        }
        if (c.at < b.length()) {
            int n = b.length() - c.at;
            boolean zeros = b.isZero(c.at, b.length());
            String what = decoded == null ? "not decoded"
                    : zeros && b.length() <= EthernetFrame.MIN_LENGTH ? "zero padding to the 60-byte minimum"
                    : zeros ? "zero bytes after the meaningful part" : "bytes after the meaningful part, ignored";
            fields.add(new Field(c.at, n, "aoe.trailer", "Trailer", n + " bytes", what));
        }
        String summary = decoded != null ? FrameSummary.describe(decoded, lastOpcode)
                : problem != null ? "malformed: " + problem.reason().summary() : "";
        return new Dissection(b, fields, summary, decoded, problem);
    }

    private int lastOpcode = -1;

    // ---------------------------------------------------------------- ethernet and header

    private void ethernet(Cursor c) {
        if (c.has(6)) {
            MacAddress dst = MacAddress.of(c.b.u48(0));
            c.add(6, "eth.dst", "Destination", dst.toString(), dst.isBroadcast() ? "broadcast" : dst.isMulticast() ? "multicast" : "");
        } else return;
        if (c.has(6)) {
            c.add(6, "eth.src", "Source", MacAddress.of(c.b.u48(6)).toString(), "");
        } else return;
        if (c.has(2)) {
            int t = c.b.u16(12);
            c.add(2, "eth.type", "EtherType", String.format("0x%04x", t), t == EthernetFrame.ETHERTYPE_AOE ? "ATA over Ethernet" : "not AoE");
        }
    }

    private void aoe(Cursor c, Bytes b, AoeFrame decoded) {
        lastOpcode = -1;
        if (!c.has(1)) return;
        int vf = b.u8(14);
        int ver = vf >>> 4;
        boolean response = (vf & 0x08) != 0;
        boolean error = (vf & 0x04) != 0;
        List<Field> bits = List.of(
                new Field(14, 1, 0xF0, "aoe.version", "Version", Integer.toString(ver), ver == 1 ? "AoE version 1" : "not version 1", List.of()),
                new Field(14, 1, 0x08, "aoe.response", "Response flag", response ? "1" : "0", response ? "response (from a target)" : "request", List.of()),
                new Field(14, 1, 0x04, "aoe.flags_error", "Error flag", error ? "1" : "0", error ? "error: byte 15 holds the code" : "no error", List.of()),
                new Field(14, 1, 0x03, "aoe.flags_reserved", "Reserved flags", Integer.toString(vf & 3), (vf & 3) == 0 ? "" : "should be 0; ignored", List.of()));
        c.addTree(1, "aoe.verflags", "Ver/Flags", String.format("0x%02x", vf), "", bits);
        if (!c.has(1)) return;
        int err = b.u8(15);
        c.add(1, "aoe.error", "Error", Integer.toString(err), error ? AoeError.describe(err) : err == 0 ? "" : "ignored without the E flag");
        if (!c.has(2)) return;
        int major = b.u16(16);
        c.add(2, "aoe.major", "Major", String.format("0x%04x", major), major == 0xFFFF ? "every shelf (wildcard)" : "shelf " + major);
        if (!c.has(1)) return;
        int minor = b.u8(18);
        c.add(1, "aoe.minor", "Minor", String.format("0x%02x", minor), minor == 0xFF ? "every slot (wildcard)" : "slot " + minor);
        if (!c.has(1)) return;
        int cmd = b.u8(19);
        c.add(1, "aoe.cmd", "Command", Integer.toString(cmd), AoeCommand.describe(cmd));
        if (!c.has(4)) return;
        long tag = b.u32(20);
        c.add(4, "aoe.tag", "Tag", String.format("0x%08x", tag), tagMeaning(tag, response));
        switch (cmd) {
            case 0 -> ata(c, b, response, tag, decoded);
            case 1 -> config(c, b, response);
            case 2 -> mask(c, b, response);
            case 3 -> reserve(c, b);
            default -> {
                if (c.at < b.length()) {
                    int end = decoded != null ? decoded.meaningfulLength() : b.length();
                    if (end > c.at) c.add(end - c.at, "aoe.data", "Argument", (end - c.at) + " bytes", "no layout for this command");
                }
            }
        }
    }

    private static String tagMeaning(long tag, boolean response) {
        if (tag == 0) return response ? "tag 0 (an answer to a broadcast, or an announcement)" : "tag 0 (Linux uses it for discovery)";
        if ((tag & 0x8000_0000L) != 0) return "bit 31 set: a userland tool's tag (the kernel ignores such answers)";
        return String.format("Linux style: counter %d, tick 0x%04x", (tag >>> 16) & 0x7FFF, tag & 0xFFFF);
    }

    // ---------------------------------------------------------------- ATA

    private void ata(Cursor c, Bytes b, boolean response, long tag, AoeFrame decoded) {
        if (!c.has(1)) return;
        int af = b.u8(24);
        boolean ext = (af & 0x40) != 0;
        boolean write = (af & 0x01) != 0;
        c.addTree(1, "aoe.aflags", "AFlags", String.format("0x%02x", af), "", List.of(
                new Field(24, 1, 0x40, "aoe.aflags.e", "E", bit(af, 0x40), ext ? "LBA48 (extended) command" : "28-bit command", List.of()),
                new Field(24, 1, 0x10, "aoe.aflags.d", "D", bit(af, 0x10), "device bit (ignored by targets)", List.of()),
                new Field(24, 1, 0x02, "aoe.aflags.a", "A", bit(af, 0x02), (af & 2) != 0 ? "asynchronous write" : "", List.of()),
                new Field(24, 1, 0x01, "aoe.aflags.w", "W", bit(af, 0x01), write ? "write: data follows" : "no data from the initiator", List.of())));
        if (!c.has(1)) return;
        int ef = b.u8(25);
        c.add(1, "aoe.err_feature", response ? "Error register" : "Feature register", String.format("0x%02x", ef),
                response ? (ef == 0 ? "no error" : AtaOpcode.errorBits(ef)) : "");
        if (!c.has(1)) return;
        int count = b.u8(26);
        c.add(1, "aoe.sector_count", "Sector Count", Integer.toString(count),
                response ? (count == 0 ? "all sectors transferred" : count + " sectors not transferred (or echoed)")
                        : count + (count == 1 ? " sector" : " sectors"));
        if (!c.has(1)) return;
        int cs = b.u8(27);
        int opcode;
        if (response) {
            Integer remembered = opcodeByRequest.get(key(MacAddress.of(b.u48(0)), tag));
            opcode = remembered == null ? -1 : remembered;
            String meaning = AtaOpcode.statusBits(cs) + ((cs & AtaOpcode.STATUS_LINUX_FAIL_MASK) != 0 ? ": failed" : ": success");
            c.add(1, "aoe.ata.status", "Status register", String.format("0x%02x", cs), meaning);
        } else {
            opcode = cs;
            opcodeByRequest.put(key(MacAddress.of(b.u48(6)), tag), cs);
            c.add(1, "aoe.ata.cmd", "ATA command", String.format("0x%02x", cs), AtaOpcode.name(cs));
        }
        lastOpcode = opcode;
        if (!c.has(6)) return;
        long lba = 0;
        for (int i = 5; i >= 0; i--) lba = lba << 8 | b.u8(28 + i);
        String lbaMeaning;
        if (opcode >= 0 && AtaOpcode.isLba28(opcode)) {
            lbaMeaning = String.format("LBA28 %d (device register 0x%02x)", lba & 0x0FFF_FFFFL, (lba >>> 24) & 0xFF);
        } else if (opcode == AtaOpcode.IDENTIFY_DEVICE) {
            lbaMeaning = String.format("unused by IDENTIFY (device register 0x%02x)", (lba >>> 24) & 0xFF);
        } else if (opcode >= 0) {
            lbaMeaning = "LBA48 " + lba;
        } else {
            lbaMeaning = String.format("LBA48 %d, or LBA28 %d", lba, lba & 0x0FFF_FFFFL);
        }
        c.add(6, "aoe.lba", "LBA (lba0-lba5, little-endian)", String.format("0x%012x", lba), lbaMeaning);
        if (!c.has(2)) return;
        int rsv = b.u16(34);
        c.add(2, "aoe.ata.reserved", "Reserved", String.format("0x%04x", rsv), rsv == 0 ? "" : "should be 0");
        int dataLen = 0;
        if (decoded != null && decoded.arg() instanceof AtaArg a) dataLen = a.data().length();
        if (dataLen > 0 && c.has(dataLen)) {
            List<Field> kids = List.of();
            String meaning = dataLen / 512 + (dataLen == 512 ? " sector" : " sectors") + " of data";
            if (response && opcode == AtaOpcode.IDENTIFY_DEVICE && dataLen >= 512) {
                kids = identifyWords(b.slice(36, 36 + 512), 36);
                meaning = "IDENTIFY DEVICE data";
            }
            c.addTree(dataLen, "aoe.data", "Data", dataLen + " bytes", meaning, kids);
        }
    }

    private static List<Field> identifyWords(Bytes d, int base) {
        List<Field> out = new ArrayList<>();
        out.add(new Field(base + 20, 20, "aoe.identify.serial", "Serial number (words 10-19)",
                "\"" + Identify.text(d, 10, 20) + "\"", "pairs of characters swapped on the wire"));
        out.add(new Field(base + 46, 8, "aoe.identify.firmware", "Firmware revision (words 23-26)",
                "\"" + Identify.text(d, 23, 8) + "\"", ""));
        out.add(new Field(base + 54, 40, "aoe.identify.model", "Model (words 27-46)", "\"" + Identify.text(d, 27, 40) + "\"", ""));
        out.add(new Field(base + 98, 2, "aoe.identify.w49", "Capabilities (word 49)", String.format("0x%04x", Identify.word(d, 49)),
                (Identify.word(d, 49) & 0x0200) != 0 ? "LBA supported" : ""));
        long c28 = (long) Identify.word(d, 61) << 16 | Identify.word(d, 60);
        out.add(new Field(base + 120, 4, "aoe.identify.lba28_sectors", "LBA28 capacity (words 60-61)", Long.toString(c28), "sectors"));
        out.add(new Field(base + 166, 2, "aoe.identify.w83", "Command sets supported (word 83)", String.format("0x%04x", Identify.word(d, 83)),
                (Identify.word(d, 83) & 0x0400) != 0 ? "LBA48 supported" : "no LBA48"));
        out.add(new Field(base + 172, 2, "aoe.identify.w86", "Command sets enabled (word 86)", String.format("0x%04x", Identify.word(d, 86)),
                (Identify.word(d, 86) & 0x0400) != 0 ? "LBA48 enabled" : ""));
        long c48 = 0;
        for (int i = 3; i >= 0; i--) c48 = c48 << 16 | Identify.word(d, 100 + i);
        out.add(new Field(base + 200, 8, "aoe.identify.lba48_sectors", "LBA48 capacity (words 100-103)", Long.toString(c48),
                "sectors = " + humanBytes(c48 * 512)));
        return out;
    }

    static String humanBytes(long n) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " bytes" : (v == Math.rint(v) ? String.format("%d %s", (long) v, units[u]) : String.format("%.1f %s", v, units[u]));
    }

    private static String bit(int v, int mask) {
        return (v & mask) != 0 ? "1" : "0";
    }

    private static long key(MacAddress requester, long tag) {
        return requester.value() << 16 ^ tag * 0x9E37_79B9L ^ tag;
    }

    // ---------------------------------------------------------------- config

    private void config(Cursor c, Bytes b, boolean response) {
        String unused = "unused in requests";
        if (!c.has(2)) return;
        c.add(2, "aoe.cfg.bufcnt", "Buffer Count", Integer.toString(b.u16(24)), response ? "requests the target can queue" : unused);
        if (!c.has(2)) return;
        c.add(2, "aoe.cfg.fwver", "Firmware Version", String.format("0x%04x", b.u16(26)), response ? "target firmware" : unused);
        if (!c.has(1)) return;
        int sc = b.u8(28);
        c.add(1, "aoe.cfg.scnt", "Sector Count", Integer.toString(sc), !response ? unused
                : sc == 0 ? "0: Linux assumes 2" : "at most " + sc + " sectors per ATA command");
        if (!c.has(1)) return;
        int v = b.u8(29);
        c.addTree(1, "aoe.cfg.verccmd", "AoE version / CCmd", String.format("0x%02x", v), "", List.of(
                new Field(29, 1, 0xF0, "aoe.cfg.aoever", "AoE version", Integer.toString(v >>> 4),
                        response ? "the target speaks AoE version " + (v >>> 4) : "0 in requests", List.of()),
                new Field(29, 1, 0x0F, "aoe.cfg.ccmd", "CCmd", Integer.toString(v & 0xF), ConfigCommand.describe(v & 0xF), List.of())));
        if (!c.has(2)) return;
        int len = b.u16(30);
        c.add(2, "aoe.cfg.len", "Config string length", Integer.toString(len),
                len > ConfigArg.MAX_STRING ? "above the 1024-byte limit" : len + (len == 1 ? " byte" : " bytes"));
        int n = Math.min(len, Math.max(0, b.length() - 32));
        if (n > 0) {
            c.add(n, "aoe.cfg.string", "Config string", Printable.quote(b.slice(32, 32 + n), 80),
                    n < len ? "only " + n + " of " + len + " bytes present" : "");
        }
    }

    // ---------------------------------------------------------------- mask list

    private void mask(Cursor c, Bytes b, boolean response) {
        if (!c.has(1)) return;
        c.add(1, "aoe.mask.reserved", "Reserved", String.format("0x%02x", b.u8(24)), "");
        if (!c.has(1)) return;
        int mcmd = b.u8(25);
        c.add(1, "aoe.mask.mcmd", "MCmd", Integer.toString(mcmd), MaskCommand.describe(mcmd));
        if (!c.has(1)) return;
        int merror = b.u8(26);
        c.add(1, "aoe.mask.merror", "MError", Integer.toString(merror), MacMaskArg.describeError(merror));
        if (!c.has(1)) return;
        int dc = b.u8(27);
        boolean failure = response && merror != 0;
        c.add(1, "aoe.mask.dircount", "Dir Count", Integer.toString(dc),
                failure ? "index of the failing directive" : dc + (dc == 1 ? " directive" : " directives"));
        if (failure) return;
        for (int i = 0; i < dc && c.has(8); i++) {
            int at = c.at;
            int dcmd = b.u8(at + 1);
            MacAddress mac = MacAddress.of(b.u48(at + 2));
            c.addTree(8, "aoe.mask.directive", "Directive " + i, MacMaskArg.Directive.describe(dcmd) + " " + mac, "", List.of(
                    new Field(at, 1, "aoe.mask.dreserved", "Reserved", String.format("0x%02x", b.u8(at)), ""),
                    new Field(at + 1, 1, "aoe.mask.dcmd", "DCmd", Integer.toString(dcmd), MacMaskArg.Directive.describe(dcmd)),
                    new Field(at + 2, 6, "aoe.mask.mac", "MAC", mac.toString(), "")));
        }
    }

    // ---------------------------------------------------------------- reserve

    private void reserve(Cursor c, Bytes b) {
        if (!c.has(1)) return;
        int rcmd = b.u8(24);
        c.add(1, "aoe.rsv.rcmd", "RCmd", Integer.toString(rcmd), ReserveCommand.describe(rcmd));
        if (!c.has(1)) return;
        int n = b.u8(25);
        c.add(1, "aoe.rsv.nmacs", "NMacs", Integer.toString(n), n == 0 ? "empty list (released)" : n + (n == 1 ? " MAC" : " MACs"));
        for (int i = 0; i < n && c.has(6); i++) {
            c.add(6, "aoe.rsv.mac", "MAC " + i, MacAddress.of(b.u48(c.at)).toString(), "");
        }
    }

    /** Adds fields in byte order, refusing to run past the frame. */
    private static final class Cursor {
        final Bytes b;
        final List<Field> out;
        int at;

        Cursor(Bytes b, List<Field> out) {
            this.b = b;
            this.out = out;
        }

        boolean has(int n) {
            return at + n <= b.length();
        }

        void add(int n, String name, String label, String value, String meaning) {
            out.add(new Field(at, n, name, label, value, meaning));
            at += n;
        }

        void addTree(int n, String name, String label, String value, String meaning, List<Field> kids) {
            out.add(new Field(at, n, 0, name, label, value, meaning, kids));
            at += n;
        }
    }
}
