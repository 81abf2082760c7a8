package org.aoelab.initiator;

import org.aoelab.wire.Bytes;

/**
 * How a block request or a command ended. Errors are values, not exceptions: a simulation
 * delivers them as events, and a scenario counts them.
 */
public sealed interface IoResult {

    default boolean ok() {
        return this instanceof Done;
    }

    /** Success; {@code data} holds what a read returned, empty otherwise. */
    record Done(Bytes data) implements IoResult {
    }

    /** The target answered with ATA error registers (status with ERR, error register). */
    record AtaError(int status, int error, long lba) implements IoResult {
        @Override
        public String toString() {
            return String.format("ATA error: status 0x%02x error 0x%02x at LBA %d", status, error, lba);
        }
    }

    /** The target answered with an AoE error (E flag); 6 means reserved by another initiator. */
    record AoeErrorAnswer(int code) implements IoResult {
        public boolean reservedByAnother() {
            return code == 6;
        }
    }

    /** No answer within the command's time limit. */
    record Timeout(long waitedNanos) implements IoResult {
    }

    /** The device was declared dead (waited longer than the dead time), or was never up. */
    record DeviceDead(String device, String why) implements IoResult {
    }

    /** The request itself was wrong (range beyond capacity, unaligned where not allowed). */
    record Rejected(String why) implements IoResult {
    }
}
