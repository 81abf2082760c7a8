package org.aoelab.trace;

/**
 * A statement by a component that is not about one frame: an initiator's belief
 * ({@code topic "lock", text "holds e1.0"}), a switch learning an address, a link going down,
 * an impairment changing.
 *
 * @param time when, in virtual nanoseconds
 * @param place the node, port or link that speaks
 * @param topic a short machine-friendly category, e.g. {@code "lock"}, {@code "mac-table"},
 *     {@code "link"}, {@code "partition"}, {@code "impairments"}
 * @param text the statement for people
 */
public record NoteEvent(long time, String place, String topic, String text) implements TraceEvent {
    public NoteEvent {
        if (place == null || topic == null || text == null) {
            throw new IllegalArgumentException("note event place, topic and text are required");
        }
    }
}
