package org.aoelab.disk;

/**
 * A disk operation failed. The {@link Kind} decides how an AoE target answers: an ATA
 * error with IDNF for {@code OUT_OF_RANGE}, UNC for {@code MEDIA_ERROR}, ABRT for
 * {@code READ_ONLY} and {@code IO_ERROR} (see the protocol reference, section 4).
 */
public final class DiskException extends Exception {

    public enum Kind {
        /** The sector range passes the end of the disk. */
        OUT_OF_RANGE,
        /** An unreadable or unwritable sector (injected, or reported by the backing store). */
        MEDIA_ERROR,
        /** A write to a read-only disk. */
        READ_ONLY,
        /** The backing store failed (a file could not be read or written). */
        IO_ERROR
    }

    private final Kind kind;
    private final long lba;

    public DiskException(Kind kind, long lba, String message) {
        super(message);
        this.kind = kind;
        this.lba = lba;
    }

    public DiskException(Kind kind, long lba, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.lba = lba;
    }

    public Kind kind() {
        return kind;
    }

    /** The first failing sector, or -1 when the failure is not about one sector. */
    public long lba() {
        return lba;
    }
}
