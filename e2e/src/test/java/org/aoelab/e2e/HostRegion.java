package org.aoelab.e2e;

/**
 * A region of a disk the host side wrote before the guest booted; the guest reads it through
 * the driver and must find the same bytes.
 *
 * @param offsetMib where it starts, MiB
 * @param lengthMib how long it is, MiB
 * @param sha256    the SHA-256 of its contents, lower-case hex
 */
record HostRegion(int offsetMib, int lengthMib, String sha256) {
    HostRegion {
        if (offsetMib < 0) throw new IllegalArgumentException("offsetMib is " + offsetMib + ", expected 0 or more");
        if (lengthMib < 1) throw new IllegalArgumentException("lengthMib is " + lengthMib + ", expected 1 or more");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 is '" + sha256 + "', expected 64 lower-case hex digits");
        }
    }

    long offsetBytes() {
        return offsetMib * 1024L * 1024;
    }

    long lengthBytes() {
        return lengthMib * 1024L * 1024;
    }
}
