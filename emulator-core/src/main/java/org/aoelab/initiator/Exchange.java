package org.aoelab.initiator;

import java.util.function.Consumer;
import org.aoelab.wire.AoeFrame;
import org.aoelab.wire.MacAddress;

/** One request frame in flight, kept until answered, abandoned or failed; its tag changes on every resend. */
final class Exchange {

    enum Kind { ATA, COMMAND, IDENTIFY }

    final Kind kind;
    final AoeDevice device;
    final MacAddress fixedPath;      // null: any path of the device
    AoeFrame frame;                  // the request, with its current tag once sent
    final long created;
    final long giveUpAfter;          // nanoseconds after creation
    final Consumer<AoeFrame> onAnswer;
    final Consumer<String> onGiveUp; // reason

    Path path;                       // where it was last sent
    long tag = -1;                   // current tag, -1 before the first send
    long firstSent = -1;             // the dead time counts from here, as Linux's waited_total
    long lastSent;
    int sends;
    boolean inWindow;                // counted in its path's window
    boolean done;

    Exchange(Kind kind, AoeDevice device, MacAddress fixedPath, AoeFrame frame, long created, long giveUpAfter,
             Consumer<AoeFrame> onAnswer, Consumer<String> onGiveUp) {
        this.kind = kind;
        this.device = device;
        this.fixedPath = fixedPath;
        this.frame = frame;
        this.created = created;
        this.giveUpAfter = giveUpAfter;
        this.onAnswer = onAnswer;
        this.onGiveUp = onGiveUp;
    }
}
