package org.aoelab.target;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.aoelab.wire.AtaOpcode;

/**
 * How a target behaves where the real implementations differ: the profile table of the protocol
 * reference (section 9), plus {@code kvblade}. Each method is one row of that table.
 *
 * <pre>
 * behaviour                    aoelab        vblade             ggaoed          spec-strict   kvblade
 * Ver != 1                     err 5 / drop  processed          dropped         err 5         processed
 * short command part           drop          drop               err 1           drop          drop
 * config bad length            err 2         silence            err 2 (+read)   err 2         silence
 * config set identical         success       success            success         err 4         success
 * reservation blocks           20/24/30/34   all ATA but EC     20/24/30/34     20/24/30/34   (no command 3)
 * reserve Set checks           source        source             destination     source        -
 * too many sectors/short write ATA ABRT      err 2              ATA ABRT        ATA ABRT      err 2
 * mask list capacity           255           32                 255             255           (no command 2)
 * ATA count in success answer  0             0                  echoed          0             0
 * FLUSH CACHE status           0x40          0x00               0xE7 (opcode)   0x40          0x00
 * error answer body            argument      argument           header only     argument      argument
 * announcement Ver/Flags       0x18          0x08               0x18            0x18          0x08
 * firmware version             0x4019        0x4019             0x0100          0x4019        0x4019
 * </pre>
 *
 * {@code kvblade} answers only ATA and Query Config; Mac Mask List and Reserve/Release get AoE
 * error 1 (unrecognized command). Elsewhere it behaves as vblade.
 */
public enum TargetProfile {
    /** The AoE Lab rules (section 9), the default. */
    AOELAB("aoelab"),
    /** vblade 25 (section 5.3). */
    VBLADE("vblade"),
    /** ggaoed 1.1 (section 5.4), its reserve-list bug included. */
    GGAOED("ggaoed"),
    /** The letter of AoEr11: version errors everywhere, identical set refused. */
    SPEC_STRICT("spec-strict"),
    /** The kernel vblade: ATA and Query Config only, otherwise vblade. */
    KVBLADE("kvblade");

    /** What a request whose version nibble is not 1 gets (pitfall 8). */
    public enum VersionPolicy {
        /** AoE error 5 when addressed to this target alone; dropped when a wildcard reached it. */
        ERROR_UNLESS_WILDCARD,
        /** AoE error 5, wildcard or not. */
        ERROR,
        /** Dropped silently. */
        DROP,
        /** The version is not examined. */
        IGNORE
    }

    private final String label;

    TargetProfile(String label) {
        this.label = label;
    }

    /** The name used in scenario files and on the command line: {@code aoelab}, {@code spec-strict} ... */
    public String label() {
        return label;
    }

    /**
     * The profile called {@code name} (case-insensitive; {@code spec_strict} also works).
     *
     * @throws IllegalArgumentException naming the allowed profiles
     */
    public static TargetProfile byName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (TargetProfile p : values()) {
                if (p.label.equals(n)) return p;
            }
        }
        throw new IllegalArgumentException("target profile is '" + name + "', expected one of "
                + Arrays.stream(values()).map(TargetProfile::label).collect(Collectors.joining(", ")));
    }

    public VersionPolicy versionPolicy() {
        return switch (this) {
            case AOELAB -> VersionPolicy.ERROR_UNLESS_WILDCARD;
            case SPEC_STRICT -> VersionPolicy.ERROR;
            case GGAOED -> VersionPolicy.DROP;
            case VBLADE, KVBLADE -> VersionPolicy.IGNORE;
        };
    }

    /** A known command shorter than its fixed part: AoE error 1 (ggaoed) instead of a silent drop. */
    public boolean shortArgumentAnswersError1() {
        return this == GGAOED;
    }

    /** Whether commands 2 (Mac Mask List) and 3 (Reserve/Release) exist; kvblade answers them error 1. */
    public boolean supportsMaskAndReserve() {
        return this != KVBLADE;
    }

    /** A config string length over 1024 or beyond the frame, CCmd other than read: silence instead of error 2. */
    public boolean configBadLengthIsSilent() {
        return this == VBLADE || this == KVBLADE;
    }

    /** ggaoed checks the config string length of a read too (section 3.2, pitfall 3). */
    public boolean configReadChecksLength() {
        return this == GGAOED;
    }

    /** CCmd set with the string the target already holds: success, or error 4 (spec-strict). */
    public boolean identicalSetSucceeds() {
        return this != SPEC_STRICT;
    }

    /** Whether a non-empty reserve list refuses this ATA opcode to unlisted senders (section 3.4). */
    public boolean reservationBlocks(int opcode) {
        if (this == VBLADE || this == KVBLADE) return opcode != AtaOpcode.IDENTIFY_DEVICE;
        return AtaOpcode.isDataTransfer(opcode);
    }

    /** Reserve Set looks up the request's destination MAC instead of its source (ggaoed 1.1 bug). */
    public boolean reserveSetChecksDestination() {
        return this == GGAOED;
    }

    /** Too many sectors or a short write: AoE error 2 (vblade) instead of ATA ABRT. */
    public boolean sectorErrorsAreAoeErrors() {
        return this == VBLADE || this == KVBLADE;
    }

    /** Most MACs the Mac Mask List holds. */
    public int maskCapacity() {
        return this == VBLADE ? 32 : 255;
    }

    /** The request's Sector Count comes back in a successful ATA answer (ggaoed) instead of 0. */
    public boolean echoesSectorCount() {
        return this == GGAOED;
    }

    /** Status register after FLUSH CACHE (0xE7); ggaoed leaves the opcode there (section 4.1). */
    public int flushCacheStatus() {
        return switch (this) {
            case AOELAB, SPEC_STRICT -> AtaOpcode.STATUS_DRDY;
            case VBLADE, KVBLADE -> 0x00;
            case GGAOED -> AtaOpcode.FLUSH_CACHE;
        };
    }

    /** FLUSH CACHE EXT (0xEA): vblade does not know it and aborts; ggaoed treats it as 0xE7. */
    public boolean supportsFlushCacheExt() {
        return this != VBLADE && this != KVBLADE;
    }

    /** Status register after FLUSH CACHE EXT, when supported. */
    public int flushCacheExtStatus() {
        return this == GGAOED ? AtaOpcode.FLUSH_CACHE_EXT : AtaOpcode.STATUS_DRDY;
    }

    /** AoE error answers carry only the 24-byte header (ggaoed) instead of the request's argument. */
    public boolean errorAnswersHeaderOnly() {
        return this == GGAOED;
    }

    /** Byte 14 of the start-up announcement: vblade sends version 0 (0x08). */
    public int announcementVerFlags() {
        return this == VBLADE || this == KVBLADE ? 0x08 : 0x18;
    }

    /** Firmware Version in config answers unless the target configures one. */
    public int defaultFirmwareVersion() {
        return this == GGAOED ? 0x0100 : 0x4019;
    }

    /** IDENTIFY model (words 27-46) unless configured. */
    public String defaultModel() {
        return switch (this) {
            case AOELAB, SPEC_STRICT -> "AoE emulator disk";
            case VBLADE, KVBLADE -> "Coraid EtherDrive vblade";
            case GGAOED -> "ggaoed";
        };
    }

    /** IDENTIFY firmware revision (words 23-26) unless configured. */
    public String defaultFirmwareRevision() {
        return switch (this) {
            case AOELAB, SPEC_STRICT -> "EMU1";
            case VBLADE, KVBLADE -> "V25";
            case GGAOED -> "1.1";
        };
    }

    /** IDENTIFY serial (words 10-19) unless configured: vblade style {@code shelf.slot:host}. */
    public String defaultSerial(int shelf, int slot) {
        return switch (this) {
            case AOELAB, SPEC_STRICT -> shelf + "." + slot + ":emu";
            case VBLADE, KVBLADE -> shelf + "." + slot + ":aoelab";
            case GGAOED -> "e" + shelf + "." + slot;
        };
    }

    /** ggaoed's IDENTIFY differs in words 54-56 (CHS) and 83/86 (FLUSH CACHE EXT, section 4.3). */
    public boolean ggaoedIdentifyWords() {
        return this == GGAOED;
    }

    /** A failed mask edit leaves the request's directives after the argument (ggaoed). */
    public boolean maskFailureEchoesDirectives() {
        return this == GGAOED;
    }

    @Override
    public String toString() {
        return label;
    }
}
