package org.aoelab.initiator;

import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigArg;

/** How a Query Config, Mac Mask or Reserve/Release command ended. */
public sealed interface CommandResult {

    /** The target answered (possibly with the E flag set). */
    record Answered(AoeFrame frame, int sends) implements CommandResult {
        public boolean isError() {
            return frame.header().error();
        }

        public int errorCode() {
            return frame.header().error() ? frame.header().errorCode() : 0;
        }

        /** The config string of a Query Config answer, empty for other answers. */
        public Bytes configString() {
            return frame.arg() instanceof ConfigArg c ? c.string() : Bytes.EMPTY;
        }
    }

    /** No answer within the time limit, across {@code sends} transmissions. */
    record TimedOut(long waitedNanos, int sends) implements CommandResult {
    }

    /** The device is unknown or dead. */
    record Unreachable(String why) implements CommandResult {
    }
}
