package org.aoelab.gui.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Dissector;
import org.aoelab.wire.Field;
import org.aoelab.wire.MacAddress;

/**
 * The values of a frame's fields by their filter names, as the filter box compares them. The
 * names are the {@link Dissector}'s (Wireshark's where it has one, protocol reference 7); the
 * common ones are read straight from the bytes, which keeps filtering a million frames fast, and
 * the rest come from a dissection. Besides the protocol fields there are the frame's own
 * ({@code frame.number}, {@code frame.len}, {@code frame.time}) and AoE Lab's
 * ({@code lab.src}, {@code lab.dst}, {@code lab.fate}, {@code lab.retransmission},
 * {@code lab.cause}).
 *
 * <p>Values are {@link Long} (numbers and flags), {@link Double} ({@code frame.time}, seconds),
 * {@link MacAddress} or {@link String}; null when the frame has no such field.
 */
public final class FrameFields {

    /** What the filter knows of one frame. */
    public interface Frame {
        long number();

        long time();

        Bytes bytes();

        String source();

        String destination();

        int fate();

        String cause();

        /** The request an answer answers (for {@code aoe.ata.cmd} in answers), or null. */
        Bytes request();
    }

    /** The names read straight from the bytes, with what they are. */
    public static final Map<String, String> DIRECT = directNames();

    private FrameFields() {
    }

    private static Map<String, String> directNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("frame.number", "the frame's number in the list");
        m.put("frame.len", "the frame's length in bytes");
        m.put("frame.time", "virtual (or capture) time in seconds");
        m.put("lab.src", "the sending node");
        m.put("lab.dst", "the node it was sent to");
        m.put("lab.fate", "lost, delivered, in-flight, undecodable or captured");
        m.put("lab.retransmission", "1 when the initiator sent it again");
        m.put("lab.duplicated", "1 when a link duplicated it");
        m.put("lab.corrupted", "1 when a link damaged it");
        m.put("lab.cause", "why it was dropped, duplicated or held");
        m.put("eth.dst", "destination MAC");
        m.put("eth.src", "source MAC");
        m.put("eth.type", "EtherType");
        m.put("aoe", "any AoE frame");
        m.put("aoe.version", "AoE version");
        m.put("aoe.response", "response flag");
        m.put("aoe.flags_error", "error flag");
        m.put("aoe.error", "error code");
        m.put("aoe.major", "shelf");
        m.put("aoe.minor", "slot");
        m.put("aoe.cmd", "command: 0 ATA, 1 config, 2 mask, 3 reserve");
        m.put("aoe.tag", "tag");
        m.put("aoe.aflags.e", "LBA48 flag");
        m.put("aoe.aflags.d", "device flag");
        m.put("aoe.aflags.a", "asynchronous flag");
        m.put("aoe.aflags.w", "write flag");
        m.put("aoe.err_feature", "error / feature register");
        m.put("aoe.sector_count", "sector count");
        m.put("aoe.ata.cmd", "ATA command (in answers, the request's)");
        m.put("aoe.ata.status", "ATA status (answers)");
        m.put("aoe.lba", "LBA");
        m.put("aoe.cfg.bufcnt", "buffer count");
        m.put("aoe.cfg.fwver", "firmware version");
        m.put("aoe.cfg.scnt", "sectors per command");
        m.put("aoe.cfg.aoever", "AoE version in config");
        m.put("aoe.cfg.ccmd", "config command");
        m.put("aoe.cfg.len", "config string length");
        m.put("aoe.cfg.string", "config string");
        m.put("aoe.mask.mcmd", "mask command");
        m.put("aoe.mask.merror", "mask error");
        m.put("aoe.mask.dircount", "directive count");
        m.put("aoe.rsv.rcmd", "reserve command");
        m.put("aoe.rsv.nmacs", "MAC count");
        return m;
    }

    /** True for names the filter accepts: the direct ones, and any {@code aoe.} or {@code eth.} name a dissection may produce. */
    public static boolean known(String name) {
        return DIRECT.containsKey(name) || name.startsWith("aoe.") || name.startsWith("eth.");
    }

    /** The value of field {@code name} in {@code f}, or null when the frame has none. */
    public static Object value(String name, Frame f) {
        Bytes b = f.bytes();
        int len = b.length();
        switch (name) {
            case "frame.number": return f.number();
            case "frame.len": return (long) len;
            case "frame.time": return f.time() / 1e9;
            case "lab.src": return f.source();
            case "lab.dst": return f.destination();
            case "lab.fate": return Fate.filterName(f.fate());
            case "lab.retransmission": return bit(f.fate(), Fate.RETRANSMISSION);
            case "lab.duplicated": return bit(f.fate(), Fate.DUPLICATED);
            case "lab.corrupted": return bit(f.fate(), Fate.CORRUPTED);
            case "lab.cause": return f.cause();
            case "eth.dst": return len >= 6 ? MacAddress.of(b.u48(0)) : null;
            case "eth.src": return len >= 12 ? MacAddress.of(b.u48(6)) : null;
            case "eth.type": return len >= 14 ? (long) b.u16(12) : null;
            default: break;
        }
        if (!name.startsWith("aoe")) return dissected(name, f);
        boolean aoe = len >= 24 && b.u16(12) == 0x88A2;
        if (!aoe) return null;
        int cmd = b.u8(19);
        boolean response = (b.u8(14) & 0x08) != 0;
        switch (name) {
            case "aoe": return 1L;
            case "aoe.version": return (long) (b.u8(14) >>> 4);
            case "aoe.response": return (long) ((b.u8(14) >>> 3) & 1);
            case "aoe.flags_error": return (long) ((b.u8(14) >>> 2) & 1);
            case "aoe.error": return (long) b.u8(15);
            case "aoe.major": return (long) b.u16(16);
            case "aoe.minor": return (long) b.u8(18);
            case "aoe.cmd": return (long) cmd;
            case "aoe.tag": return b.u32(20);
            default: break;
        }
        if (cmd == 0 && len >= 36) {
            int af = b.u8(24);
            switch (name) {
                case "aoe.aflags.e": return (long) ((af >>> 6) & 1);
                case "aoe.aflags.d": return (long) ((af >>> 4) & 1);
                case "aoe.aflags.a": return (long) ((af >>> 1) & 1);
                case "aoe.aflags.w": return (long) (af & 1);
                case "aoe.err_feature": return (long) b.u8(25);
                case "aoe.sector_count": return (long) b.u8(26);
                case "aoe.ata.cmd": {
                    if (!response) return (long) b.u8(27);
                    Bytes req = f.request();
                    return req != null && req.length() >= 28 ? (long) req.u8(27) : null;
                }
                case "aoe.ata.status": return response ? (long) b.u8(27) : null;
                case "aoe.lba": {
                    long lba = 0;
                    for (int i = 5; i >= 0; i--) lba = lba << 8 | b.u8(28 + i);
                    return lba;
                }
                default: break;
            }
        } else if (cmd == 1 && len >= 32) {
            switch (name) {
                case "aoe.cfg.bufcnt": return (long) b.u16(24);
                case "aoe.cfg.fwver": return (long) b.u16(26);
                case "aoe.cfg.scnt": return (long) b.u8(28);
                case "aoe.cfg.aoever": return (long) (b.u8(29) >>> 4);
                case "aoe.cfg.ccmd": return (long) (b.u8(29) & 0x0F);
                case "aoe.cfg.len": return (long) b.u16(30);
                case "aoe.cfg.string": {
                    int n = Math.min(b.u16(30), len - 32);
                    return b.slice(32, 32 + Math.max(0, n)).toUtf8();
                }
                default: break;
            }
        } else if (cmd == 2 && len >= 28) {
            switch (name) {
                case "aoe.mask.mcmd": return (long) b.u8(25);
                case "aoe.mask.merror": return (long) b.u8(26);
                case "aoe.mask.dircount": return (long) b.u8(27);
                default: break;
            }
        } else if (cmd == 3 && len >= 26) {
            switch (name) {
                case "aoe.rsv.rcmd": return (long) b.u8(24);
                case "aoe.rsv.nmacs": return (long) b.u8(25);
                default: break;
            }
        }
        if (DIRECT.containsKey(name)) return null; // a direct name this command does not carry
        return dissected(name, f);
    }

    private static Long bit(int bits, int mask) {
        return (bits & mask) != 0 ? 1L : 0L;
    }

    /** Any other name: dissect the frame and parse the field's shown value. */
    private static Object dissected(String name, Frame f) {
        Dissector d = new Dissector();
        if (f.request() != null) d.dissect(f.request());
        for (Field x : flatten(d.dissect(f.bytes()).fields(), new ArrayList<>())) {
            if (x.name().equals(name)) return parse(x.value());
        }
        return null;
    }

    static List<Field> flatten(List<Field> fields, List<Field> out) {
        for (Field x : fields) {
            out.add(x);
            flatten(x.children(), out);
        }
        return out;
    }

    /** A field's shown value as the filter compares it: a number, a MAC, or the text. */
    static Object parse(String shown) {
        String s = shown.trim();
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) return s.substring(1, s.length() - 1);
        Long n = FrameFilter.number(s);
        if (n != null) return n;
        if (s.length() == 17 && s.charAt(2) == ':') {
            try {
                return MacAddress.parse(s);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
        return s;
    }
}
