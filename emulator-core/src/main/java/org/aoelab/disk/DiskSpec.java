package org.aoelab.disk;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A disk as the command line and scenario files name it:
 *
 * <pre>
 * ram:SIZE[,ro]                          sparse RAM disk, e.g. ram:1GiB
 * file:PATH[,ro][,sync][,create=SIZE]    file disk; sync = write-through; create = make the
 *                                        (sparse) file of SIZE if it does not exist
 * cow:BASE[,ro][,overlay=PATH]           copy-on-write over the file BASE, opened read-only;
 *                                        the overlay is in RAM unless overlay= names a file
 * </pre>
 *
 * SIZE is read by {@link Sizes} ({@code 1GiB}, {@code 4096s}, ...). Paths cannot contain commas.
 *
 * @param kind what sort of disk
 * @param path the file ({@code file:}) or the base image ({@code cow:}); null for {@code ram:}
 * @param sectors the capacity ({@code ram:}), the size to create ({@code file:...,create=}), else 0
 * @param readOnly {@code ro}
 * @param sync {@code sync}, write-through ({@code file:} only)
 * @param overlay the overlay file ({@code cow:...,overlay=}), else null
 */
public record DiskSpec(Kind kind, Path path, long sectors, boolean readOnly, boolean sync, Path overlay) {

    /** The three kinds and their syntax. */
    public enum Kind {
        RAM("ram:SIZE[,ro]"),
        FILE("file:PATH[,ro][,sync][,create=SIZE]"),
        COW("cow:BASE[,ro][,overlay=PATH]");

        private final String syntax;

        Kind(String syntax) {
            this.syntax = syntax;
        }

        public String syntax() {
            return syntax;
        }

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String ALL_SYNTAX = Kind.RAM.syntax + ", " + Kind.FILE.syntax + " or " + Kind.COW.syntax;

    public DiskSpec {
        if (kind == null) throw new IllegalArgumentException("disk spec kind is missing, expected " + ALL_SYNTAX);
        if (kind == Kind.RAM) {
            if (path != null) throw new IllegalArgumentException("a ram disk spec has no path, found " + path);
            DiskChecks.capacity("ram disk size", sectors);
        } else {
            if (path == null) throw new IllegalArgumentException("a " + kind.prefix() + " disk spec needs a path (" + kind.syntax + ")");
            if (kind == Kind.FILE && sectors != 0) DiskChecks.capacity("file disk create size", sectors);
            if (kind == Kind.COW && sectors != 0) {
                throw new IllegalArgumentException("a cow disk spec takes its size from its base, found sectors " + sectors);
            }
        }
        if (sync && kind != Kind.FILE) throw new IllegalArgumentException("sync applies to file disks only, not " + kind.prefix());
        if (overlay != null && kind != Kind.COW) {
            throw new IllegalArgumentException("overlay applies to cow disks only, not " + kind.prefix());
        }
    }

    /** A RAM disk of {@code sectors} sectors. */
    public static DiskSpec ram(long sectors) {
        return new DiskSpec(Kind.RAM, null, sectors, false, false, null);
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException naming the spec, the bad part and what is allowed
     */
    public static DiskSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("disk spec is empty, expected " + ALL_SYNTAX);
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? text : text.substring(0, colon);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.prefix().equals(prefix)) kind = k;
        }
        if (kind == null || colon < 0) {
            throw new IllegalArgumentException("disk spec '" + text + "': " + (colon < 0 ? "no kind" : "unknown kind '" + prefix + "'")
                    + ", expected " + ALL_SYNTAX);
        }
        String[] parts = text.substring(colon + 1).split(",", -1);
        String main = parts[0];
        if (main.isEmpty()) {
            throw new IllegalArgumentException("disk spec '" + text + "': the " + (kind == Kind.RAM ? "size" : kind == Kind.FILE ? "path" : "base path")
                    + " is missing, expected " + kind.syntax);
        }
        boolean readOnly = false;
        boolean sync = false;
        long sectors = 0;
        Path overlay = null;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            if (part.isEmpty()) throw new IllegalArgumentException("disk spec '" + text + "': empty option (a stray comma?), expected " + kind.syntax);
            if (!allowed(kind).contains(name)) {
                throw new IllegalArgumentException("disk spec '" + text + "': unknown option '" + part + "' for a " + kind.prefix()
                        + " disk, expected " + kind.syntax + (name.contains("/") ? " (paths cannot contain commas)" : ""));
            }
            if (!seen.add(name)) throw new IllegalArgumentException("disk spec '" + text + "': option '" + name + "' given twice");
            boolean wantsValue = name.equals("create") || name.equals("overlay");
            if (wantsValue && (value == null || value.isEmpty())) {
                throw new IllegalArgumentException("disk spec '" + text + "': option '" + name + "' needs a value, expected "
                        + name + (name.equals("create") ? "=SIZE" : "=PATH"));
            }
            if (!wantsValue && value != null) {
                throw new IllegalArgumentException("disk spec '" + text + "': option '" + name + "' takes no value, found '" + part + "'");
            }
            switch (name) {
                case "ro" -> readOnly = true;
                case "sync" -> sync = true;
                case "create" -> sectors = size(text, "create size", value);
                case "overlay" -> overlay = path(text, "overlay path", value);
                default -> throw new IllegalStateException(name);
            }
        }
        Path path = null;
        if (kind == Kind.RAM) {
            sectors = size(text, "size", main);
        } else {
            path = path(text, kind == Kind.FILE ? "path" : "base path", main);
        }
        try {
            return new DiskSpec(kind, path, sectors, readOnly, sync, overlay);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("disk spec '" + text + "': " + e.getMessage(), e);
        }
    }

    private static Set<String> allowed(Kind kind) {
        return switch (kind) {
            case RAM -> Set.of("ro");
            case FILE -> Set.of("ro", "sync", "create");
            case COW -> Set.of("ro", "overlay");
        };
    }

    private static long size(String text, String what, String value) {
        long sectors;
        try {
            sectors = Sizes.parseSectors(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("disk spec '" + text + "': " + what + ": " + e.getMessage(), e);
        }
        if (sectors < 1 || sectors > DiskChecks.MAX_SECTORS) {
            throw new IllegalArgumentException("disk spec '" + text + "': " + what + " '" + value + "' is " + sectors
                    + " sectors, expected 1 sector (512 bytes) to 2^48 sectors (128 PiB, the LBA48 limit)");
        }
        return sectors;
    }

    private static Path path(String text, String what, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("disk spec '" + text + "': " + what + " '" + value + "' is not a valid path: "
                    + e.getReason(), e);
        }
    }

    /**
     * Opens the disk: a new RAM disk; the file (created first when {@code create=} asks and it
     * is missing); or the base read-only with a new or reopened overlay. A {@code cow:} disk
     * owns its base and closes it.
     *
     * @throws DiskException IO_ERROR naming the file when it cannot be opened or created, or
     *     when an existing file's size differs from {@code create=}
     */
    public VirtualDisk open() throws DiskException {
        switch (kind) {
            case RAM: {
                RamDisk disk = new RamDisk(sectors);
                disk.setReadOnly(readOnly);
                return disk;
            }
            case FILE: {
                List<FileDisk.Option> options = new ArrayList<>();
                if (readOnly) options.add(FileDisk.Option.READ_ONLY);
                if (sync) options.add(FileDisk.Option.WRITE_THROUGH);
                FileDisk.Option[] opts = options.toArray(new FileDisk.Option[0]);
                if (sectors != 0 && !Files.exists(path)) return FileDisk.create(path, sectors, opts);
                FileDisk disk = FileDisk.open(path, opts);
                if (sectors != 0 && disk.sectors() != sectors) {
                    disk.close();
                    throw new DiskException(DiskException.Kind.IO_ERROR, -1, "disk file " + path + " exists with "
                            + disk.sectors() + " sectors (" + Sizes.format(disk.sectors() * VirtualDisk.SECTOR_SIZE)
                            + "), but " + this + " asks for " + sectors + " sectors; remove create= to use it as it is");
                }
                return disk;
            }
            default: {
                FileDisk base = FileDisk.open(path, FileDisk.Option.READ_ONLY);
                try {
                    CowDisk disk = overlay == null ? CowDisk.inRam(base)
                            : CowDisk.inFile(base, overlay, CowDisk.DEFAULT_CHUNK_SIZE, readOnly);
                    if (readOnly) disk.setReadOnly(true);
                    return disk.closingBase();
                } catch (DiskException | RuntimeException e) {
                    try {
                        base.close();
                    } catch (DiskException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
        }
    }

    /** The canonical spec text, which {@link #parse} reads back to an equal spec. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.prefix()).append(':');
        if (kind == Kind.RAM) sb.append(Sizes.formatExact(sectors * VirtualDisk.SECTOR_SIZE));
        else sb.append(path);
        if (readOnly) sb.append(",ro");
        if (sync) sb.append(",sync");
        if (kind == Kind.FILE && sectors != 0) sb.append(",create=").append(Sizes.formatExact(sectors * VirtualDisk.SECTOR_SIZE));
        if (overlay != null) sb.append(",overlay=").append(overlay);
        return sb.toString();
    }
}
