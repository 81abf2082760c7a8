package org.aoelab.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aoelab.disk.DiskSpec;
import org.aoelab.target.TargetProfile;

/**
 * One {@code --target} of {@code aoelab serve}:
 * {@code SHELF.SLOT=ram:SIZE|file:PATH|cow:BASE[,DISK OPTIONS][,profile=NAME][,bufcnt=N]}.
 * The disk part is a {@link DiskSpec} (its options {@code ro}, {@code sync}, {@code create=},
 * {@code overlay=}); {@code profile} picks the {@link TargetProfile} (default {@code aoelab})
 * and {@code bufcnt} the Buffer Count it advertises (default 16, as vblade).
 *
 * @param shelf  0 to 65,534
 * @param slot   0 to 254
 * @param disk   what it serves
 * @param profile the implementation it imitates
 * @param bufcnt Buffer Count, 1 to 65,535
 */
public record TargetOption(int shelf, int slot, DiskSpec disk, TargetProfile profile, int bufcnt) {
    /** The syntax, for messages and help. */
    public static final String SYNTAX = "SHELF.SLOT=ram:SIZE|file:PATH|cow:BASE[,ro][,profile=NAME][,bufcnt=N]";
    public static final int DEFAULT_BUFCNT = 16;

    public TargetOption {
        if (shelf < 0 || shelf > 0xFFFE) throw new IllegalArgumentException("shelf is " + shelf + ", expected 0 to 65534");
        if (slot < 0 || slot > 0xFE) throw new IllegalArgumentException("slot is " + slot + ", expected 0 to 254");
        if (disk == null) throw new IllegalArgumentException("disk is missing");
        if (profile == null) throw new IllegalArgumentException("profile is missing");
        if (bufcnt < 1 || bufcnt > 0xFFFF) throw new IllegalArgumentException("bufcnt is " + bufcnt + ", expected 1 to 65535");
    }

    /** {@code e1.0}. */
    public String name() {
        return "e" + shelf + "." + slot;
    }

    /**
     * Parses one {@code --target} value.
     *
     * @throws IllegalArgumentException naming the value, the bad part and what is allowed
     */
    public static TargetOption parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("target is empty, expected " + SYNTAX);
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("target '" + text + "' has no '=' between address and disk, expected " + SYNTAX
                    + " (such as 1.0=ram:64M)");
        }
        String address = text.substring(0, eq).trim();
        int dot = address.indexOf('.');
        int shelf;
        int slot;
        try {
            if (dot < 0) throw new NumberFormatException();
            shelf = Integer.parseInt(address.substring(0, dot));
            slot = Integer.parseInt(address.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + text + "': address '" + address
                    + "' is not SHELF.SLOT (such as 1.0; shelf 0-65534, slot 0-254)");
        }
        if (shelf < 0 || shelf > 0xFFFE || slot < 0 || slot > 0xFE) {
            throw new IllegalArgumentException("target '" + text + "': address '" + address
                    + "' is out of range (shelf 0-65534, slot 0-254; 65535 and 255 are the wildcards)");
        }
        List<String> diskParts = new ArrayList<>();
        TargetProfile profile = TargetProfile.AOELAB;
        int bufcnt = DEFAULT_BUFCNT;
        boolean profileSeen = false;
        boolean bufcntSeen = false;
        String[] parts = text.substring(eq + 1).split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')).trim().toLowerCase(Locale.ROOT) : "";
            String value = p.contains("=") ? p.substring(p.indexOf('=') + 1).trim() : "";
            if (i > 0 && key.equals("profile")) {
                if (profileSeen) throw new IllegalArgumentException("target '" + text + "': profile given twice");
                profileSeen = true;
                try {
                    profile = TargetProfile.byName(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("target '" + text + "': " + e.getMessage(), e);
                }
            } else if (i > 0 && key.equals("bufcnt")) {
                if (bufcntSeen) throw new IllegalArgumentException("target '" + text + "': bufcnt given twice");
                bufcntSeen = true;
                try {
                    bufcnt = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    bufcnt = -1;
                }
                if (bufcnt < 1 || bufcnt > 0xFFFF) {
                    throw new IllegalArgumentException("target '" + text + "': bufcnt '" + value + "' is not a number from 1 to 65535");
                }
            } else {
                diskParts.add(p);
            }
        }
        DiskSpec disk;
        try {
            disk = DiskSpec.parse(String.join(",", diskParts));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + text + "': " + e.getMessage()
                    + "; target options: profile=NAME, bufcnt=N", e);
        }
        return new TargetOption(shelf, slot, disk, profile, bufcnt);
    }

    /** The same target with its disk's paths made absolute (a recording must not depend on the directory). */
    public TargetOption absolute() {
        DiskSpec d = disk;
        DiskSpec abs = new DiskSpec(d.kind(), d.path() == null ? null : d.path().toAbsolutePath().normalize(), d.sectors(),
                d.readOnly(), d.sync(), d.overlay() == null ? null : d.overlay().toAbsolutePath().normalize());
        return new TargetOption(shelf, slot, abs, profile, bufcnt);
    }

    /** The canonical text, which {@link #parse} reads back to an equal option. */
    @Override
    public String toString() {
        return shelf + "." + slot + "=" + disk + ",profile=" + profile.label() + ",bufcnt=" + bufcnt;
    }
}
