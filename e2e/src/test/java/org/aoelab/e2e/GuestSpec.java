package org.aoelab.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one boot of the guest does: the disks it tests, one after the other, and how.
 *
 * @param variant     name printed in each result line (letters, digits, {@code -_.})
 * @param targets     the disks, in test order
 * @param sizeBytes   the capacity every disk must report
 * @param patternMib  MiB of random data written at offset 0 and read back with O_DIRECT
 * @param region      the region the host wrote on every disk before boot
 * @param deadsecs    the driver's {@code aoe_deadsecs}
 * @param timeout     how long the whole boot may take before the harness kills QEMU
 * @param hold        phases ({@code write}, {@code read}, {@code host-region}, {@code lock}) before
 *                    which the guest waits for the host's reply on the console
 * @param lock        the lock rounds the guest runs after the disks, or null for none
 * @param fileSystem  a disk, not among {@code targets}, on which the guest makes and mounts a
 *                    file system after the disks, or null for none
 */
record GuestSpec(String variant, List<Disk> targets, long sizeBytes, int patternMib, HostRegion region, int deadsecs,
        Duration timeout, Set<String> hold, LockPlan lock, Disk fileSystem) {
    static final Set<String> PHASES = Set.of("write", "read", "host-region", "lock");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");

    GuestSpec {
        if (variant == null || !WORD.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant is '" + variant + "', expected letters, digits, '-', '_', '.'");
        }
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("targets is empty, expected at least one disk");
        if (patternMib < 1 || patternMib * 1024L * 1024 > sizeBytes) {
            throw new IllegalArgumentException("patternMib is " + patternMib + ", expected 1 to the disk size in MiB ("
                    + sizeBytes / (1024 * 1024) + ")");
        }
        long regionEnd = (long) (region.offsetMib() + region.lengthMib()) * 1024 * 1024;
        if (region.offsetMib() < patternMib || regionEnd > sizeBytes) {
            throw new IllegalArgumentException("region is " + region + ", expected it after the pattern ("
                    + patternMib + " MiB) and inside the disk (" + sizeBytes + " bytes)");
        }
        hold = Set.copyOf(hold);
        if (!PHASES.containsAll(hold)) {
            throw new IllegalArgumentException("hold is " + new TreeSet<>(hold) + ", expected phases among " + new TreeSet<>(PHASES));
        }
        if (fileSystem != null && targets.stream().anyMatch(d -> d.address().equals(fileSystem.address()))) {
            throw new IllegalArgumentException("fileSystem is e" + fileSystem.address()
                    + ", one of the targets; expected a disk of its own (mkfs overwrites the pattern)");
        }
        if (deadsecs < 0) throw new IllegalArgumentException("deadsecs is " + deadsecs + ", expected 0 or more");
    }

    /** The same spec without held phases. */
    GuestSpec(String variant, List<Disk> targets, long sizeBytes, int patternMib, HostRegion region, int deadsecs,
            Duration timeout) {
        this(variant, targets, sizeBytes, patternMib, region, deadsecs, timeout, Set.of(), null, null);
    }

    /** This spec, holding {@code phases}. */
    GuestSpec holding(String... phases) {
        return new GuestSpec(variant, targets, sizeBytes, patternMib, region, deadsecs, timeout, Set.of(phases), lock,
                fileSystem);
    }

    /** This spec, running {@code plan} after the disks. */
    GuestSpec locking(LockPlan plan) {
        return new GuestSpec(variant, targets, sizeBytes, patternMib, region, deadsecs, timeout, hold, plan, fileSystem);
    }

    /** This spec, making and mounting a file system on {@code disk} after the disks. */
    GuestSpec withFileSystem(Disk disk) {
        return new GuestSpec(variant, targets, sizeBytes, patternMib, region, deadsecs, timeout, hold, lock, disk);
    }

    /**
     * Lock rounds on one disk's config string, with aoecfg: set-if-empty verified by a read,
     * held {@code holdSeconds} with a read every second, released guarded.
     */
    record LockPlan(Disk disk, String owner, int rounds, int holdSeconds) {
        LockPlan {
            if (owner == null || !WORD.matcher(owner).matches()) {
                throw new IllegalArgumentException("owner is '" + owner + "', expected letters, digits, '-', '_', '.'");
            }
            if (rounds < 1) throw new IllegalArgumentException("rounds is " + rounds + ", expected 1 or more");
            if (holdSeconds < 0) throw new IllegalArgumentException("holdSeconds is " + holdSeconds + ", expected 0 or more");
        }
    }

    /** One disk the guest tests: {@code /dev/etherd/eSHELF.SLOT}, reported under {@code label}. */
    record Disk(int shelf, int slot, String label) {
        Disk {
            if (shelf < 0 || shelf >= 0xFFFF) throw new IllegalArgumentException("shelf is " + shelf + ", expected 0..65534");
            if (slot < 0 || slot >= 0xFF) throw new IllegalArgumentException("slot is " + slot + ", expected 0..254");
            if (label == null || !WORD.matcher(label).matches()) {
                throw new IllegalArgumentException("label is '" + label + "', expected letters, digits, '-', '_', '.'");
            }
        }

        /** {@code SHELF.SLOT}, as the driver names the disk. */
        String address() {
            return shelf + "." + slot;
        }
    }

    /** The kernel command line that hands this spec to the guest's init script. */
    String kernelArguments() {
        List<String> disks = new ArrayList<>();
        for (Disk d : targets) disks.add(d.address() + ":" + d.label());
        return String.format(Locale.ROOT,
                "aoelab.variant=%s aoelab.targets=%s aoelab.size=%d aoelab.mib=%d aoelab.hostoff=%d aoelab.hostmib=%d"
                        + " aoelab.hostsha=%s aoelab.deadsecs=%d aoelab.wait=%d%s",
                variant, String.join(",", disks), sizeBytes, patternMib, region.offsetMib(), region.lengthMib(),
                region.sha256(), deadsecs, Math.max(10, timeout.toSeconds() / 3),
                hold.isEmpty() ? "" : " aoelab.hold=" + String.join(",", new TreeSet<>(hold)))
                + (lock == null ? "" : " aoelab.lock=" + lock.disk().address() + ":" + lock.owner() + ":" + lock.rounds() + ":"
                        + lock.holdSeconds())
                + (fileSystem == null ? "" : " aoelab.fs=" + fileSystem.address());
    }
}
