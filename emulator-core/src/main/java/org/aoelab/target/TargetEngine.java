package org.aoelab.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.aoelab.disk.DiskException;
import org.aoelab.disk.DiskOp;
import org.aoelab.disk.VirtualDisk;
import org.aoelab.wire.AoeArg;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.AoeError;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.AoeHeader;
import org.aoelab.wire.AtaArg;
import org.aoelab.wire.AtaOpcode;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.Checks;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.EthernetFrame;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.MacMaskArg;
import org.aoelab.wire.RawArg;
import org.aoelab.wire.ReserveArg;

/**
 * The protocol engine of one AoE target: given a received frame, it executes it against the
 * target's state and disk and says what to answer, or why not (protocol reference sections 3,
 * 4 and 9). Synchronous and deterministic: no clock, no threads; a node such as
 * {@link AoeTarget} decides when the answer leaves.
 *
 * <p>Every frame goes through the rules of section 9 in order: (1) drop runts, other EtherTypes
 * and responses; (2) drop what is addressed to another shelf.slot (wildcards per field); then
 * the static access lists and (3) the Mac Mask List; a vanished disk and a full queue drop
 * everything from here on; (4) the version check of the profile; (5) unknown commands get AoE
 * error 1, known commands shorter than their fixed part are dropped; (6) commands 0-3 execute;
 * (7) the answer goes to the requester from this target's own MAC and address, padded to 60.
 *
 * <p>Nothing a frame says can make the engine write outside the disk, grow a list beyond its
 * capacity or throw: ranges are checked before the disk is touched, and disk failures become
 * ATA error registers ({@link DiskException.Kind}: OUT_OF_RANGE gives IDNF, MEDIA_ERROR UNC,
 * READ_ONLY and IO_ERROR ABRT, all with status 0x41).
 */
public final class TargetEngine {
    private static final int ATA_DATA = AoeHeader.ARG_OFFSET + AtaArg.FIXED_LENGTH; // 36
    private static final int STATUS_ERROR = AtaOpcode.STATUS_DRDY | AtaOpcode.STATUS_ERR; // 0x41

    private final TargetConfig config;
    private final TargetProfile profile;
    private final VirtualDisk disk;
    private final MacAddress mac;
    private final int shelf;
    private final int slot;
    private final TargetState state;
    private final TargetStats stats = new TargetStats();
    private int mtu;
    private int maxSectors;

    /**
     * @param config the target's configuration
     * @param disk   the disk it exports
     * @param mac    its own MAC, the source of every answer
     * @param mtu    the payload MTU of its link; Sector Count in config answers and the largest
     *               ATA transfer follow from it (section 1.3)
     * @throws IllegalArgumentException when the disk is too large for a target without LBA48, or
     *     the state file holds something it should not (file, line and entry named)
     * @throws UncheckedIOException when the state file exists but cannot be read
     */
    public TargetEngine(TargetConfig config, VirtualDisk disk, MacAddress mac, int mtu) {
        this.config = Checks.notNull("config", config);
        this.disk = Checks.notNull("disk", disk);
        this.mac = Checks.notNull("mac", mac);
        if (mac.isMulticast()) throw new IllegalArgumentException("target MAC is " + mac + ", a group address; expected unicast");
        this.profile = config.profile();
        this.shelf = config.shelf();
        this.slot = config.slot();
        setMtu(mtu);
        if (!config.lba48() && disk.sectors() > 0x0FFF_FFFFL) {
            throw new IllegalArgumentException("lba48 is off for " + config.name() + " but its disk has " + disk.sectors()
                    + " sectors; without LBA48 a disk must have at most 268435455 (2^28 - 1)");
        }
        this.state = new TargetState(config.initialConfig(), config.initialMask());
        Path file = config.stateFile();
        if (file != null && Files.exists(file)) {
            StateFile.Contents saved;
            try {
                saved = StateFile.read(file, profile.maskCapacity());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the target state file " + file + ": " + e.getMessage(), e);
            }
            if (!profile.supportsMaskAndReserve() && (!saved.mask().isEmpty() || !saved.reserve().isEmpty())) {
                throw new IllegalArgumentException(file + ": holds a mask or reserve list, but profile " + profile
                        + " has neither (commands 2 and 3 are answered with error 1)");
            }
            state.setConfig(saved.config());
            while (state.maskSize() > 0) state.deleteMask(state.maskList().get(0).value());
            for (MacAddress m : saved.mask()) state.addMask(m.value());
            state.setReserve(saved.reserve());
        }
    }

    // ---------------------------------------------------------------- accessors

    public TargetConfig config() {
        return config;
    }

    public VirtualDisk disk() {
        return disk;
    }

    public MacAddress mac() {
        return mac;
    }

    public TargetState state() {
        return state;
    }

    public TargetStats stats() {
        return stats;
    }

    public int mtu() {
        return mtu;
    }

    /** Most sectors per ATA command at the current MTU: floor((MTU - 36) / 512), at most 255. */
    public int maxSectors() {
        return maxSectors;
    }

    /** The link's MTU changed: later config answers and size checks use the new one (as vblade does). */
    public void setMtu(int mtu) {
        this.mtu = Checks.range("mtu", mtu, 46, 65535);
        this.maxSectors = AoeCodec.maxSectors(mtu);
    }

    // ---------------------------------------------------------------- announcement

    /**
     * The start-up announcement: a Query Config answer nobody asked for, tag 0, with the current
     * config (sections 5.3, 9). Sent to broadcast; when the mask list is not empty, one copy to
     * each MAC on it (the static access lists permitting); else when a static accept list exists,
     * one copy to each accepted MAC (ggaoed). Nothing when the disk has vanished.
     */
    public List<Bytes> announce() {
        if (disk.isVanished()) return List.of();
        int vf = profile.announcementVerFlags();
        AoeHeader h = new AoeHeader(vf >>> 4, true, false, 0, 0, shelf, slot, 1, 0);
        ConfigArg arg = configAnswerArg(0);
        List<MacAddress> to;
        if (state.isMasked()) {
            to = new ArrayList<>();
            for (MacAddress m : state.maskList()) {
                if (config.admits(m.value())) to.add(m);
            }
        } else if (!config.accept().isEmpty()) {
            to = new ArrayList<>();
            for (MacAddress m : config.accept()) {
                if (config.admits(m.value())) to.add(m);
            }
        } else {
            to = List.of(MacAddress.BROADCAST);
        }
        List<Bytes> out = new ArrayList<>(to.size());
        for (MacAddress dst : to) out.add(AoeCodec.encode(new AoeFrame(dst, mac, h, arg)));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- requests

    /** Handles one received frame (no requests outstanding). */
    public Outcome handle(Bytes frame) {
        return process(frame, 0, null);
    }

    /**
     * Handles one received frame while {@code outstanding} earlier requests still wait for their
     * answers (only matters when Buffer Count is enforced, rule 8).
     */
    public Outcome handle(Bytes frame, int outstanding) {
        return process(frame, outstanding, null);
    }

    /**
     * As {@link #handle(Bytes, int)}, but writes the answer into {@code out} from index 0 when it
     * fits (the outcome's {@code answer} is then null and {@code answerLength} says how many bytes
     * are valid); for senders that reuse one buffer. A larger answer is allocated as usual.
     */
    public Outcome handleInto(Bytes frame, int outstanding, byte[] out) {
        return process(frame, outstanding, Checks.notNull("out", out));
    }

    private Outcome process(Bytes f, int outstanding, byte[] out) {
        Checks.notNull("frame", f);
        stats.countReceived();
        int n = f.length();
        // Rule 1.
        if (n < EthernetFrame.HEADER_LENGTH) {
            return drop(DropReason.TRUNCATED_FRAME, "frame has " + n + " bytes, expected at least 24");
        }
        int etherType = f.u16(12);
        if (etherType != EthernetFrame.ETHERTYPE_AOE) {
            return drop(DropReason.NOT_AOE, String.format("EtherType is 0x%04x, expected 0x88a2", etherType));
        }
        if (n < AoeHeader.ARG_OFFSET) {
            return drop(DropReason.TRUNCATED_FRAME, "frame has " + n + " bytes, expected at least 24 (Ethernet and AoE headers)");
        }
        int vf = f.u8(14);
        if ((vf & AoeHeader.FLAG_RESPONSE) != 0) return drop(DropReason.RESPONSE, null);
        // Rule 2.
        int major = f.u16(16);
        int minor = f.u8(18);
        boolean wildcard = major == AoeHeader.MAJOR_ANY || minor == AoeHeader.MINOR_ANY;
        if ((major != shelf && major != AoeHeader.MAJOR_ANY) || (minor != slot && minor != AoeHeader.MINOR_ANY)) {
            return drop(DropReason.NOT_ADDRESSED, null);
        }
        // Static access lists, then rule 3.
        long src = f.u48(6);
        if (!config.admits(src)) return drop(DropReason.ACCESS_DENIED, null);
        if (state.isMasked() && !state.maskContains(src)) return drop(DropReason.MASKED, null);
        if (disk.isVanished()) return drop(DropReason.DISK_VANISHED, null);
        if (config.enforceBufferCount() && outstanding >= config.bufferCount()) return drop(DropReason.QUEUE_FULL, null);
        // Rule 4.
        int cmd = f.u8(19);
        int version = vf >>> 4;
        if (version != 1) {
            switch (profile.versionPolicy()) {
                case IGNORE:
                    break;
                case DROP:
                    return drop(DropReason.BAD_VERSION, null);
                case ERROR_UNLESS_WILDCARD:
                    if (wildcard) return drop(DropReason.BAD_VERSION, null);
                    return aoeError(f, AoeError.UNSUPPORTED_VERSION, echo(f, cmd), out, null);
                case ERROR:
                default:
                    return aoeError(f, AoeError.UNSUPPORTED_VERSION, echo(f, cmd), out, null);
            }
        }
        // Rule 5.
        boolean known = cmd <= 1 || (cmd <= 3 && profile.supportsMaskAndReserve());
        if (!known) return aoeError(f, AoeError.UNRECOGNIZED_COMMAND, echo(f, -1), out, null);
        int fixed = fixedLength(cmd);
        if (n < AoeHeader.ARG_OFFSET + fixed) {
            String why = "command " + cmd + " needs " + (AoeHeader.ARG_OFFSET + fixed) + " bytes, frame has " + n;
            if (profile.shortArgumentAnswersError1()) {
                return aoeError(f, AoeError.UNRECOGNIZED_COMMAND, echo(f, -1), out, why);
            }
            return drop(DropReason.TRUNCATED_ARGUMENT, why);
        }
        // Rule 6.
        return switch (cmd) {
            case 0 -> ata(f, wildcard, out);
            case 1 -> queryConfig(f, out);
            case 2 -> macMask(f, out);
            default -> reserve(f, out);
        };
    }

    private static int fixedLength(int cmd) {
        return switch (cmd) {
            case 0 -> AtaArg.FIXED_LENGTH;
            case 1 -> ConfigArg.FIXED_LENGTH;
            case 2 -> MacMaskArg.FIXED_LENGTH;
            default -> ReserveArg.FIXED_LENGTH;
        };
    }

    // ---------------------------------------------------------------- command 0: ATA

    private Outcome ata(Bytes f, boolean wildcard, byte[] out) {
        int p = AoeHeader.ARG_OFFSET;
        long lbaField = 0;
        for (int i = 5; i >= 0; i--) lbaField = lbaField << 8 | f.u8(p + 4 + i);
        // Registers only: write data is taken from the frame by opcode, a read's payload is ignored.
        AtaArg a = new AtaArg(f.u8(p), f.u8(p + 1), f.u8(p + 2), f.u8(p + 3), lbaField, f.u16(p + 10), Bytes.EMPTY);
        int op = a.cmdStatus();
        if (wildcard) stats.countWildcardAta();
        if (state.isReserved() && profile.reservationBlocks(op) && !state.reserveContains(f.u48(6))) {
            return aoeError(f, AoeError.TARGET_RESERVED, echo(f, 0), out, null);
        }
        switch (op) {
            case AtaOpcode.READ_SECTORS, AtaOpcode.READ_SECTORS_EXT, AtaOpcode.WRITE_SECTORS, AtaOpcode.WRITE_SECTORS_EXT:
                return readWrite(f, a, out);
            case AtaOpcode.IDENTIFY_DEVICE:
                if (a.sectorCount() != 1) {
                    return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 0), out, null);
                }
                return ataAnswer(f, a, AtaOpcode.STATUS_DRDY, 0, successCount(a), Bytes.adopt(identifyData()), out, null);
            case AtaOpcode.FLUSH_CACHE:
                return flush(f, a, profile.flushCacheStatus(), out);
            case AtaOpcode.FLUSH_CACHE_EXT:
                if (!profile.supportsFlushCacheExt()) return abort(f, a, out);
                return flush(f, a, profile.flushCacheExtStatus(), out);
            case AtaOpcode.CHECK_POWER_MODE:
                // Sector Count 0xFF: active or idle (section 4.1).
                return ataAnswer(f, a, AtaOpcode.STATUS_DRDY, 0, 0xFF, Bytes.EMPTY, out, null);
            default:
                return abort(f, a, out);
        }
    }

    private Outcome readWrite(Bytes f, AtaArg a, byte[] out) {
        int op = a.cmdStatus();
        boolean write = AtaOpcode.isWrite(op);
        boolean lba28 = AtaOpcode.isLba28(op);
        if (a.isExtended() == lba28) stats.countExtFlagMismatch();
        int count = a.sectorCount();
        long lba = a.lba(); // by opcode (3.1)
        if (count > maxSectors) {
            return sectorCountError(f, a, out, "Sector Count " + count + " is above the " + maxSectors
                    + " sectors a frame carries at MTU " + mtu);
        }
        int bytes = count * VirtualDisk.SECTOR_SIZE;
        if (write && f.length() - ATA_DATA < bytes) {
            return sectorCountError(f, a, out, "write of " + count + " sectors needs " + bytes
                    + " data bytes from offset 36, frame has " + Math.max(0, f.length() - ATA_DATA));
        }
        if (lba + count > disk.sectors()) {
            return ataError(f, a, AtaOpcode.ERROR_IDNF, count, out);
        }
        if (count == 0) {
            // An empty transfer succeeds and touches nothing (3.1).
            return ataAnswer(f, a, AtaOpcode.STATUS_DRDY, 0, successCount(a), Bytes.EMPTY, out, null);
        }
        if (write) {
            if (disk.isReadOnly()) return ataError(f, a, AtaOpcode.ERROR_ABRT, count, out);
            try {
                disk.write(lba, f.slice(ATA_DATA, ATA_DATA + bytes));
            } catch (DiskException e) {
                int left = e.lba() >= lba && e.lba() < lba + count ? (int) (lba + count - e.lba()) : count;
                Outcome o = ataError(f, a, errorRegister(e), left, out);
                return withDisk(o, DiskOp.WRITE, lba, count);
            }
            stats.countWritten(count);
            return withDisk(ataAnswer(f, a, AtaOpcode.STATUS_DRDY, 0, successCount(a), Bytes.EMPTY, out, null),
                    DiskOp.WRITE, lba, count);
        }
        // A read answer is encoded once, the sectors read straight into its data area.
        int len = ATA_DATA + bytes;
        byte[] buf = out != null && out.length >= len ? out : new byte[len];
        AoeFrame head = new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f),
                a.toResponse(AtaOpcode.STATUS_DRDY, 0, successCount(a), Bytes.EMPTY));
        AoeCodec.encodeInto(head, buf, 0);
        try {
            disk.read(lba, count, buf, ATA_DATA);
        } catch (DiskException e) {
            return withDisk(ataError(f, a, errorRegister(e), count, out), DiskOp.READ, lba, count);
        }
        stats.countRead(count);
        stats.countAnswered();
        return new Outcome(buf == out ? null : Bytes.adopt(buf), len, null, DiskOp.READ, lba, count, null);
    }

    /** Too many sectors for a frame, or a write with too little data: ATA ABRT, or AoE error 2 (vblade). */
    private Outcome sectorCountError(Bytes f, AtaArg a, byte[] out, String why) {
        if (profile.sectorErrorsAreAoeErrors()) return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 0), out, why);
        stats.countAtaError();
        return ataAnswer(f, a, STATUS_ERROR, AtaOpcode.ERROR_ABRT, a.sectorCount(), Bytes.EMPTY, out, why);
    }

    private Outcome flush(Bytes f, AtaArg a, int status, byte[] out) {
        try {
            disk.flush();
        } catch (DiskException e) {
            return withDisk(ataError(f, a, errorRegister(e), a.sectorCount(), out), DiskOp.FLUSH, 0, 0);
        }
        stats.countFlush();
        return withDisk(ataAnswer(f, a, status, 0, successCount(a), Bytes.EMPTY, out, null), DiskOp.FLUSH, 0, 0);
    }

    private Outcome abort(Bytes f, AtaArg a, byte[] out) {
        return ataError(f, a, AtaOpcode.ERROR_ABRT, a.sectorCount(), out);
    }

    private Outcome ataError(Bytes f, AtaArg a, int error, int remaining, byte[] out) {
        stats.countAtaError();
        return ataAnswer(f, a, STATUS_ERROR, error, remaining, Bytes.EMPTY, out, null);
    }

    private Outcome ataAnswer(Bytes f, AtaArg a, int status, int error, int count, Bytes data, byte[] out,
                              String malformed) {
        AoeFrame answer = new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f), a.toResponse(status, error, count, data));
        return send(answer, out, malformed);
    }

    /** Sector Count of a successful answer: 0 (nothing left), or the request's (ggaoed). */
    private int successCount(AtaArg a) {
        return profile.echoesSectorCount() ? a.sectorCount() : 0;
    }

    private static int errorRegister(DiskException e) {
        return switch (e.kind()) {
            case OUT_OF_RANGE -> AtaOpcode.ERROR_IDNF;
            case MEDIA_ERROR -> AtaOpcode.ERROR_UNC;
            case READ_ONLY, IO_ERROR -> AtaOpcode.ERROR_ABRT;
        };
    }

    /** IDENTIFY DEVICE data (section 4.3) for this target and disk. */
    byte[] identifyData() {
        long sectors = disk.sectors();
        byte[] d = Identify.build(new Identify.Identity(config.serial(), config.firmwareRevision(), config.model(),
                sectors, config.lba48()));
        if (profile.ggaoedIdentifyWords()) {
            Identify.putWord(d, 54, (int) Math.min(0xFFFF, sectors / (16 * 255)));
            Identify.putWord(d, 55, 16);
            Identify.putWord(d, 56, 255);
            int features = config.lba48() ? 0x7400 : 0x7000;
            Identify.putWord(d, 83, features);
            Identify.putWord(d, 86, features);
        }
        return d;
    }

    // ---------------------------------------------------------------- command 1: Query Config

    private Outcome queryConfig(Bytes f, byte[] out) {
        int n = f.length();
        int ccmd = f.u8(29) & 0x0F;
        int len = f.u16(30);
        int at = AoeHeader.ARG_OFFSET + ConfigArg.FIXED_LENGTH;
        boolean badLength = len > ConfigArg.MAX_STRING || at + len > n;
        if (badLength && (ccmd != 0 || profile.configReadChecksLength())) {
            String why = len > ConfigArg.MAX_STRING
                    ? "config string length is " + len + ", expected at most 1024"
                    : "config string length is " + len + " but only " + (n - at) + " bytes follow";
            if (profile.configBadLengthIsSilent()) return drop(DropReason.CONFIG_BAD_LENGTH, why);
            return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 1), out, why);
        }
        Bytes arg = badLength ? Bytes.EMPTY : f.slice(at, at + len);
        Bytes cfg = state.configString();
        switch (ccmd) {
            case 0:
                return configAnswer(f, ccmd, out);
            case 1:
                return arg.equals(cfg) ? configAnswer(f, ccmd, out) : drop(DropReason.CONFIG_NO_MATCH, null);
            case 2:
                return len <= cfg.length() && cfg.slice(0, len).equals(arg)
                        ? configAnswer(f, ccmd, out) : drop(DropReason.CONFIG_NO_MATCH, null);
            case 3:
                if (cfg.isEmpty()) {
                    setConfig(arg);
                    return configAnswer(f, ccmd, out);
                }
                if (cfg.equals(arg) && profile.identicalSetSucceeds()) return configAnswer(f, ccmd, out);
                return aoeError(f, AoeError.CONFIG_STRING_PRESENT, configBody(ccmd), out, null);
            case 4:
                setConfig(arg);
                return configAnswer(f, ccmd, out);
            default:
                return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 1), out, null);
        }
    }

    private void setConfig(Bytes arg) {
        if (arg.equals(state.configString())) return;
        state.setConfig(Bytes.copyOf(arg.toArray())); // not a slice: the frame may be 9000 bytes
        persist();
    }

    private ConfigArg configAnswerArg(int ccmd) {
        return ConfigArg.response(config.bufferCount(), config.firmwareVersion(), maxSectors, ccmd, state.configString());
    }

    private Outcome configAnswer(Bytes f, int ccmd, byte[] out) {
        return send(new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f), configAnswerArg(ccmd)), out, null);
    }

    /** The body of a refused set: the full config answer with the current string (V8). */
    private AoeArg configBody(int ccmd) {
        return configAnswerArg(ccmd);
    }

    // ---------------------------------------------------------------- command 2: Mac Mask List

    private Outcome macMask(Bytes f, byte[] out) {
        int p = AoeHeader.ARG_OFFSET;
        int mcmd = f.u8(p + 1);
        int dirCount = f.u8(p + 3);
        if (mcmd > 1) return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 2), out, null);
        int at = p + MacMaskArg.FIXED_LENGTH;
        int end = at + dirCount * MacMaskArg.DIRECTIVE_LENGTH;
        if (end > f.length()) {
            return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 2), out, "Dir Count is " + dirCount + " ("
                    + (end - at) + " bytes of directives) but only " + (f.length() - at) + " bytes follow");
        }
        if (mcmd == 1) {
            boolean changed = false;
            int capacity = profile.maskCapacity();
            for (int i = 0; i < dirCount; i++, at += MacMaskArg.DIRECTIVE_LENGTH) {
                int dcmd = f.u8(at + 1);
                long m = f.u48(at + 2);
                int merror = 0;
                switch (dcmd) {
                    case MacMaskArg.Directive.NONE:
                        break;
                    case MacMaskArg.Directive.ADD:
                        if (!state.maskContains(m)) {
                            if (state.maskSize() >= capacity) merror = MacMaskArg.MERROR_LIST_FULL;
                            else changed |= state.addMask(m);
                        }
                        break;
                    case MacMaskArg.Directive.DELETE:
                        changed |= state.deleteMask(m);
                        break;
                    default:
                        merror = MacMaskArg.MERROR_BAD_DCMD;
                }
                if (merror != 0) {
                    // Stop at the first failing directive; those before it stay applied (3.3).
                    if (changed) persist();
                    AoeFrame answer = new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f),
                            MacMaskArg.failure(mcmd, merror, i));
                    if (profile.maskFailureEchoesDirectives()) {
                        answer = answer.withTrailer(f.slice(p + MacMaskArg.FIXED_LENGTH, end));
                    }
                    return send(answer, out, null);
                }
            }
            if (changed) persist();
        }
        return send(new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f), MacMaskArg.list(mcmd, state.maskList())),
                out, null);
    }

    // ---------------------------------------------------------------- command 3: Reserve/Release

    private Outcome reserve(Bytes f, byte[] out) {
        int p = AoeHeader.ARG_OFFSET;
        int rcmd = f.u8(p);
        int nmacs = f.u8(p + 1);
        if (rcmd > 2) return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 3), out, null);
        int at = p + ReserveArg.FIXED_LENGTH;
        if (at + 6 * nmacs > f.length()) {
            return aoeError(f, AoeError.BAD_ARGUMENT, echo(f, 3), out, "NMacs is " + nmacs + " (" + 6 * nmacs
                    + " bytes) but only " + (f.length() - at) + " bytes follow");
        }
        if (rcmd != 0) {
            if (rcmd == 1 && state.isReserved()) {
                long who = profile.reserveSetChecksDestination() ? f.u48(0) : f.u48(6);
                if (!state.reserveContains(who)) return aoeError(f, AoeError.TARGET_RESERVED, echo(f, 3), out, null);
            }
            List<MacAddress> macs = new ArrayList<>(nmacs);
            for (int i = 0; i < nmacs; i++, at += 6) macs.add(MacAddress.of(f.u48(at)));
            if (state.setReserve(macs)) persist();
        }
        return send(new AoeFrame(MacAddress.of(f.u48(6)), mac, okHeader(f), new ReserveArg(rcmd, state.reserveList())),
                out, null);
    }

    // ---------------------------------------------------------------- answers

    private AoeHeader okHeader(Bytes f) {
        return new AoeHeader(1, true, false, 0, 0, shelf, slot, f.u8(19), f.u32(20));
    }

    /** An AoE error answer (rule 7): E set, the code, and {@code body} unless the profile sends headers only. */
    private Outcome aoeError(Bytes f, AoeError error, AoeArg body, byte[] out, String malformed) {
        AoeHeader h = new AoeHeader(1, true, true, 0, error.code(), shelf, slot, f.u8(19), f.u32(20));
        AoeArg arg = profile.errorAnswersHeaderOnly() ? RawArg.EMPTY : body;
        stats.countAoeError(error.code());
        return send(new AoeFrame(MacAddress.of(f.u48(6)), mac, h, arg), out, malformed);
    }

    /**
     * The request's argument as a vblade error answer carries it (2.4): ATA registers without
     * data; a config, mask or reserve argument with as much of its list or string as the frame
     * holds; for unknown commands ({@code cmd} -1) everything after the header but zero padding.
     */
    private static RawArg echo(Bytes f, int cmd) {
        int n = f.length();
        int p = AoeHeader.ARG_OFFSET;
        int end;
        switch (cmd) {
            case 0 -> end = p + AtaArg.FIXED_LENGTH;
            case 1 -> end = n >= p + ConfigArg.FIXED_LENGTH ? p + ConfigArg.FIXED_LENGTH + Math.min(f.u16(p + 6), ConfigArg.MAX_STRING) : n;
            case 2 -> end = n >= p + MacMaskArg.FIXED_LENGTH ? p + MacMaskArg.FIXED_LENGTH + MacMaskArg.DIRECTIVE_LENGTH * f.u8(p + 3) : n;
            case 3 -> end = n >= p + ReserveArg.FIXED_LENGTH ? p + ReserveArg.FIXED_LENGTH + 6 * f.u8(p + 1) : n;
            default -> end = n;
        }
        end = Math.min(end, n);
        if (n <= EthernetFrame.MIN_LENGTH) end = Math.max(p, Math.min(end, f.lengthWithoutTrailingZeros()));
        return end <= p ? RawArg.EMPTY : new RawArg(f.slice(p, end));
    }

    private Outcome send(AoeFrame answer, byte[] out, String malformed) {
        int len = answer.encodedLength();
        stats.countAnswered();
        if (out != null && out.length >= len) {
            AoeCodec.encodeInto(answer, out, 0);
            return new Outcome(null, len, null, null, 0, 0, malformed);
        }
        return new Outcome(AoeCodec.encode(answer), len, null, null, 0, 0, malformed);
    }

    private static Outcome withDisk(Outcome o, DiskOp op, long lba, int sectors) {
        return new Outcome(o.answer(), o.answerLength(), o.drop(), op, lba, sectors, o.malformed());
    }

    private Outcome drop(DropReason reason, String malformed) {
        stats.countDrop(reason);
        return Outcome.dropped(reason, malformed);
    }

    private void persist() {
        Path file = config.stateFile();
        if (file == null) return;
        try {
            StateFile.write(file, config.name(), state);
        } catch (IOException | RuntimeException e) {
            // The target carries on with its state in memory; the failure is counted.
            stats.countStateSaveFailure();
        }
    }

    @Override
    public String toString() {
        return "TargetEngine[" + config.name() + " " + profile + " " + mac + " mtu " + mtu + "]";
    }
}
