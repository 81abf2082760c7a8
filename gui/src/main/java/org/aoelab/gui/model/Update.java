package org.aoelab.gui.model;

import java.util.List;
import org.aoelab.lock.LockReport;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.Bytes;

/**
 * What the simulation (or a capture file being read) tells the GUI, in order, through the
 * {@link UpdateRing}. Every update is immutable: it is made on the producer's thread and read on
 * the FX thread.
 */
public sealed interface Update {

    /**
     * A frame put on the wire (a row of the frame list).
     *
     * @param seq         its number in the GUI, from 1, in sending order
     * @param time        virtual (or capture) time in nanoseconds
     * @param source      the sending node, port or address
     * @param destination the node it is addressed to, {@code "broadcast"}, or an address
     * @param fate        {@link Fate} bits known at once (retransmission, AoE error, captured)
     * @param pairSeq     the request this frame answers, or 0
     */
    record Frame(long seq, long time, String source, String destination, Bytes frame, int fate, long pairSeq)
            implements Update {
    }

    /** Something more happened to frame {@code seq}: {@link Fate} bits to add, and why (or null). */
    record FateChange(long seq, long time, int bits, String cause, String deliveredTo) implements Update {
    }

    /** A component's statement (lock beliefs, link changes, retransmissions). */
    record Note(NoteEvent note) implements Update {
    }

    /** The lock monitor's report so far. */
    record Locks(LockReport report) implements Update {
    }

    /** Where the run stands. */
    record Clock(long now, long eventsRun, long pending, PlayState state) implements Update {
    }

    /** The network's nodes and links, with each link's settings (after a change or a restart). */
    record Topology(List<NodeInfo> nodes) implements Update {
    }

    /** Everything before is from a previous run or file: start afresh. */
    record Reset(String title, long seed, boolean simulated) implements Update {
    }

    /** Something went wrong in the producer; the message is for people. */
    record Problem(String message) implements Update {
    }
}
