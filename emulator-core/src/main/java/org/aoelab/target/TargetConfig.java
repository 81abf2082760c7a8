package org.aoelab.target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.aoelab.wire.Bytes;
import org.aoelab.wire.Checks;
import org.aoelab.wire.ConfigArg;
import org.aoelab.wire.Identify;
import org.aoelab.wire.MacAddress;

/**
 * How one AoE target is set up: address, behaviour profile, Buffer Count, identity, static access
 * lists, initial config string and mask list, and where its state persists. Immutable; build one
 * with {@link #builder(int, int)}. Values left unset take the profile's defaults (section 9).
 */
public final class TargetConfig {
    /** Buffer Count advertised unless set (vblade's default, section 5.3). */
    public static final int DEFAULT_BUFFER_COUNT = 16;
    /** Suffix of the state file beside a file-backed disk: {@code disk.img.aoestate}. */
    public static final String STATE_SUFFIX = ".aoestate";

    private final int shelf;
    private final int slot;
    private final TargetProfile profile;
    private final int bufferCount;
    private final boolean enforceBufferCount;
    private final int firmwareVersion;
    private final String model;
    private final String serial;
    private final String firmwareRevision;
    private final boolean lba48;
    private final List<MacAddress> accept;
    private final List<MacAddress> deny;
    private final Bytes initialConfig;
    private final List<MacAddress> initialMask;
    private final Path stateFile;

    private TargetConfig(Builder b) {
        shelf = b.shelf;
        slot = b.slot;
        profile = b.profile;
        bufferCount = b.bufferCount;
        enforceBufferCount = b.enforceBufferCount;
        firmwareVersion = b.firmwareVersion != null ? b.firmwareVersion : profile.defaultFirmwareVersion();
        model = b.model != null ? b.model : profile.defaultModel();
        serial = b.serial != null ? b.serial : profile.defaultSerial(shelf, slot);
        firmwareRevision = b.firmwareRevision != null ? b.firmwareRevision : profile.defaultFirmwareRevision();
        lba48 = b.lba48;
        accept = List.copyOf(b.accept);
        deny = List.copyOf(b.deny);
        initialConfig = b.initialConfig;
        initialMask = List.copyOf(b.initialMask);
        stateFile = b.stateFile;
        if (initialMask.size() > profile.maskCapacity()) {
            throw new IllegalArgumentException("initial mask list has " + initialMask.size() + " MACs, profile "
                    + profile + " holds at most " + profile.maskCapacity());
        }
        if (!initialMask.isEmpty() && !profile.supportsMaskAndReserve()) {
            throw new IllegalArgumentException("initial mask list is given, but profile " + profile
                    + " has no Mac Mask List (commands 2 and 3 are answered with error 1)");
        }
    }

    /** A builder for the target at {@code shelf.slot}. */
    public static Builder builder(int shelf, int slot) {
        return new Builder(shelf, slot);
    }

    /** The target at {@code shelf.slot} with every default. */
    public static TargetConfig of(int shelf, int slot) {
        return builder(shelf, slot).build();
    }

    /** A builder holding this configuration, to change a field or two. */
    public Builder toBuilder() {
        Builder b = new Builder(shelf, slot).profile(profile).bufferCount(bufferCount)
                .enforceBufferCount(enforceBufferCount).firmwareVersion(firmwareVersion).model(model).serial(serial)
                .firmwareRevision(firmwareRevision).lba48(lba48).accept(accept).deny(deny)
                .initialConfig(initialConfig).initialMask(initialMask);
        b.stateFile = stateFile;
        return b;
    }

    /** The state file for a target whose disk is the file {@code disk}: {@code disk + ".aoestate"}. */
    public static Path stateFileFor(Path disk) {
        Checks.notNull("disk", disk);
        Path name = disk.getFileName();
        if (name == null) throw new IllegalArgumentException("disk path '" + disk + "' names no file");
        return disk.resolveSibling(name + STATE_SUFFIX);
    }

    public int shelf() {
        return shelf;
    }

    public int slot() {
        return slot;
    }

    /** {@code e3.1}. */
    public String name() {
        return "e" + shelf + "." + slot;
    }

    public TargetProfile profile() {
        return profile;
    }

    /** Buffer Count advertised in config answers. */
    public int bufferCount() {
        return bufferCount;
    }

    /** Whether requests beyond {@link #bufferCount()} outstanding are dropped (rule 8). */
    public boolean enforceBufferCount() {
        return enforceBufferCount;
    }

    /** Firmware Version in config answers. */
    public int firmwareVersion() {
        return firmwareVersion;
    }

    /** IDENTIFY model, at most 40 characters. */
    public String model() {
        return model;
    }

    /** IDENTIFY serial number, at most 20 characters. */
    public String serial() {
        return serial;
    }

    /** IDENTIFY firmware revision, at most 8 characters. */
    public String firmwareRevision() {
        return firmwareRevision;
    }

    /** Whether IDENTIFY advertises LBA48 (section 4.3); without it the disk must be below 2^28 sectors. */
    public boolean lba48() {
        return lba48;
    }

    /** Static accept list: when not empty, only these source MACs are served. */
    public List<MacAddress> accept() {
        return accept;
    }

    /** Static deny list: these source MACs are never served (checked before the accept list). */
    public List<MacAddress> deny() {
        return deny;
    }

    /** The config string a new target starts with (empty unless set). */
    public Bytes initialConfig() {
        return initialConfig;
    }

    /** The Mac Mask List a new target starts with (vblade's {@code -m}). */
    public List<MacAddress> initialMask() {
        return initialMask;
    }

    /** Where config string, mask list and reserve list persist, or null to keep them in memory only. */
    public Path stateFile() {
        return stateFile;
    }

    /** Whether the static access lists let {@code src} in: not denied, and accepted if an accept list exists. */
    public boolean admits(long src) {
        for (int i = 0; i < deny.size(); i++) {
            if (deny.get(i).value() == src) return false;
        }
        if (accept.isEmpty()) return true;
        for (int i = 0; i < accept.size(); i++) {
            if (accept.get(i).value() == src) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "TargetConfig[" + name() + " profile=" + profile + " bufferCount=" + bufferCount
                + (enforceBufferCount ? " (enforced)" : "") + String.format(" firmwareVersion=0x%04x", firmwareVersion)
                + " model='" + model + "' serial='" + serial + "' firmwareRevision='" + firmwareRevision + "'"
                + (lba48 ? "" : " no-lba48") + (accept.isEmpty() ? "" : " accept=" + accept)
                + (deny.isEmpty() ? "" : " deny=" + deny) + (initialConfig.isEmpty() ? "" : " config=" + initialConfig)
                + (initialMask.isEmpty() ? "" : " mask=" + initialMask) + (stateFile == null ? "" : " state=" + stateFile)
                + "]";
    }

    /** Builds a {@link TargetConfig}; every setter checks its argument and names it in the message. */
    public static final class Builder {
        private final int shelf;
        private final int slot;
        private TargetProfile profile = TargetProfile.AOELAB;
        private int bufferCount = DEFAULT_BUFFER_COUNT;
        private boolean enforceBufferCount;
        private Integer firmwareVersion;
        private String model;
        private String serial;
        private String firmwareRevision;
        private boolean lba48 = true;
        private List<MacAddress> accept = List.of();
        private List<MacAddress> deny = List.of();
        private Bytes initialConfig = Bytes.EMPTY;
        private List<MacAddress> initialMask = List.of();
        private Path stateFile;

        private Builder(int shelf, int slot) {
            Checks.range("shelf", shelf, 0, 0xFFFE);
            if (shelf == 0x0FFF) {
                throw new IllegalArgumentException("shelf is 4095 (0x0FFF), which Linux refuses as \"all ones\";"
                        + " expected 0-65534 but not 4095");
            }
            Checks.range("slot", slot, 0, 0xFE);
            this.shelf = shelf;
            this.slot = slot;
        }

        public Builder profile(TargetProfile profile) {
            this.profile = Checks.notNull("profile", profile);
            return this;
        }

        public Builder bufferCount(int bufferCount) {
            this.bufferCount = Checks.range("bufferCount", bufferCount, 0, 0xFFFF);
            return this;
        }

        public Builder enforceBufferCount(boolean enforce) {
            this.enforceBufferCount = enforce;
            return this;
        }

        public Builder firmwareVersion(int firmwareVersion) {
            this.firmwareVersion = Checks.range("firmwareVersion", firmwareVersion, 0, 0xFFFF);
            return this;
        }

        public Builder model(String model) {
            this.model = text("model", model, Identify.MODEL_CHARS);
            return this;
        }

        public Builder serial(String serial) {
            this.serial = text("serial", serial, Identify.SERIAL_CHARS);
            return this;
        }

        public Builder firmwareRevision(String firmwareRevision) {
            this.firmwareRevision = text("firmwareRevision", firmwareRevision, Identify.FIRMWARE_CHARS);
            return this;
        }

        public Builder lba48(boolean lba48) {
            this.lba48 = lba48;
            return this;
        }

        public Builder accept(List<MacAddress> macs) {
            this.accept = macs("accept", macs);
            return this;
        }

        public Builder deny(List<MacAddress> macs) {
            this.deny = macs("deny", macs);
            return this;
        }

        public Builder initialConfig(Bytes config) {
            Checks.notNull("initialConfig", config);
            Checks.range("initialConfig length", config.length(), 0, ConfigArg.MAX_STRING);
            this.initialConfig = config;
            return this;
        }

        public Builder initialConfig(String config) {
            return initialConfig(Bytes.ofUtf8(Checks.notNull("initialConfig", config)));
        }

        public Builder initialMask(List<MacAddress> macs) {
            this.initialMask = macs("initialMask", macs);
            return this;
        }

        /** Persist state in {@code file}; null keeps it in memory. */
        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        /** Persist state beside the file-backed disk {@code diskFile} ({@link #stateFileFor}). */
        public Builder stateBeside(Path diskFile) {
            this.stateFile = stateFileFor(diskFile);
            return this;
        }

        public TargetConfig build() {
            return new TargetConfig(this);
        }

        private static String text(String field, String value, int max) {
            Checks.notNull(field, value);
            if (value.length() > max) {
                throw new IllegalArgumentException(field + " is '" + value + "' (" + value.length()
                        + " characters), expected at most " + max);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException(field + " is '" + value + "': character " + (i + 1)
                            + " is not printable ASCII (IDENTIFY text is ATA string data)");
                }
            }
            return value;
        }

        private static List<MacAddress> macs(String field, List<MacAddress> macs) {
            Checks.notNull(field, macs);
            LinkedHashSet<MacAddress> set = new LinkedHashSet<>();
            for (int i = 0; i < macs.size(); i++) {
                MacAddress m = macs.get(i);
                if (m == null) throw new IllegalArgumentException(field + " entry " + (i + 1) + " is missing");
                if (m.isMulticast()) {
                    throw new IllegalArgumentException(field + " entry " + (i + 1) + " is " + m
                            + ", a group address; expected an initiator's unicast MAC");
                }
                set.add(m);
            }
            Checks.range(field + " size", set.size(), 0, 255);
            return new ArrayList<>(set);
        }
    }
}
