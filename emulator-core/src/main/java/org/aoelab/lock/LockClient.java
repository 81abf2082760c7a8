package org.aoelab.lock;

import java.util.function.Consumer;
import org.aoelab.initiator.AoeDevice;
import org.aoelab.initiator.AoeInitiator;
import org.aoelab.initiator.CommandResult;
import org.aoelab.sim.Simulation;
import org.aoelab.trace.NoteEvent;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.MacAddress;
import org.aoelab.wire.ReserveArg;

import java.util.List;

/**
 * One initiator's handle on one target's lock: the commands a protocol needs, the string that
 * marks this initiator as holder, and the beliefs it reports to the trace.
 *
 * <p>Beliefs are {@link NoteEvent}s with topic {@link #TOPIC_HOLD}, {@link #TOPIC_RELEASE},
 * {@link #TOPIC_ATTEMPT} or {@link #TOPIC_CONFLICT} and the device name as text, published by
 * the initiator's node name; the {@link LockMonitor} reads nothing else about intentions.
 */
public final class LockClient {

    public static final String TOPIC_ATTEMPT = "lock.attempt";
    public static final String TOPIC_HOLD = "lock.hold";
    public static final String TOPIC_RELEASE = "lock.release";
    public static final String TOPIC_CONFLICT = "lock.conflict";
    /** The release's frames are done: from here on the initiator has no claim on the string. */
    public static final String TOPIC_RELEASED = "lock.released";

    private final AoeInitiator initiator;
    private final AoeDevice device;
    private final MacAddress targetMac;
    private final Bytes ownString;
    private final long testTimeoutNanos;
    private boolean believesHeld;
    private long leaseUntil;

    /**
     * @param targetMac        the path to use, or null for the device's first path
     * @param testTimeoutNanos how long a config test waits before its silence counts as "no match"
     */
    public LockClient(AoeInitiator initiator, AoeDevice device, MacAddress targetMac, long testTimeoutNanos) {
        this.initiator = initiator;
        this.device = device;
        this.targetMac = targetMac;
        this.ownString = Bytes.ofUtf8("lock " + initiator.name());
        this.testTimeoutNanos = testTimeoutNanos;
    }

    public AoeInitiator initiator() {
        return initiator;
    }

    public AoeDevice device() {
        return device;
    }

    public String name() {
        return initiator.name();
    }

    public Simulation sim() {
        return initiator.simulation();
    }

    public long now() {
        return sim().now();
    }

    /** The config string that says "held by this initiator". */
    public Bytes ownString() {
        return ownString;
    }

    public boolean believesHeld() {
        return believesHeld;
    }

    long leaseUntil() {
        return leaseUntil;
    }

    void leaseUntil(long t) {
        leaseUntil = t;
    }

    public void config(ConfigCommand ccmd, Bytes string, Consumer<CommandResult> done) {
        initiator.config(device, targetMac, ccmd, string, done);
    }

    /** A config test that treats the target's silence (no match) as an answer after the test timeout. */
    public void test(ConfigCommand ccmd, Bytes string, Consumer<CommandResult> done) {
        initiator.config(device, targetMac, ccmd, string, testTimeoutNanos, done);
    }

    public void reserve(ReserveArg arg, Consumer<CommandResult> done) {
        initiator.reserve(device, targetMac, arg, done);
    }

    public MacAddress mac() {
        return initiator.mac();
    }

    List<MacAddress> ownMacList() {
        return List.of(initiator.mac());
    }

    /** Reports an attempt to the trace. */
    public void attempting() {
        note(TOPIC_ATTEMPT);
    }

    /** Reports the belief "I hold it" to the trace. */
    public void holds() {
        believesHeld = true;
        note(TOPIC_HOLD);
    }

    /** Reports the belief "I no longer hold it" to the trace. */
    public void released() {
        if (believesHeld) {
            believesHeld = false;
            note(TOPIC_RELEASE);
        }
    }

    /** Reports that the release has run its course (answered or given up). */
    public void releaseCompleted() {
        note(TOPIC_RELEASED);
    }

    /** Reports a failed attempt (someone else holds it, or no answer). */
    public void conflict(String why) {
        if (sim().trace().enabled()) {
            sim().trace().publish(new NoteEvent(now(), name(), TOPIC_CONFLICT, device.name() + " " + why));
        }
    }

    private void note(String topic) {
        if (sim().trace().enabled()) {
            sim().trace().publish(new NoteEvent(now(), name(), topic, device.name()));
        }
    }
}
