/**
 * What happened in a simulation, as immutable events: {@link org.aoelab.trace.FrameEvent} (sent,
 * queued, dropped and why, duplicated, corrupted, reordered, forwarded, flooded, delivered,
 * undecodable, answered), {@link org.aoelab.trace.TimerEvent} and
 * {@link org.aoelab.trace.NoteEvent}; a {@link org.aoelab.trace.TraceRecorder} that keeps them
 * and a {@link org.aoelab.trace.TraceDigest} that fingerprints them; and writers that turn them
 * into pcap files for Wireshark.
 */
package org.aoelab.trace;
