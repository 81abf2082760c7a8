package org.aoelab.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aoelab.disk.DiskException;
import org.aoelab.net.Nic;
import org.aoelab.sim.Simulation;
import org.aoelab.trace.PcapReader;
import org.aoelab.trace.PcapRecord;
import org.aoelab.wire.AoeCodec;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.FrameSummary;
import org.aoelab.wire.MalformedFrameException;

/**
 * Replays a {@link ServeRecording} in virtual time: rebuilds the network its command line
 * describes (file disks copy-on-write, so they are not changed), sends each frame that came
 * from the host at its recorded time, and compares the frames the network sends back with the
 * recorded ones, as multisets (and says whether the order held too). Answers produced after
 * the recording's last frame are not counted: the session ended before they could leave.
 */
public final class Replayer {

    /** A recording read back: its command line, origin and frames. */
    public record Recording(List<String> command, long originEpochNanos, List<PcapRecord> fromHost, List<PcapRecord> toHost) {
        /** The simulated time of a record. */
        public long simTime(PcapRecord r) {
            return r.timeNanos() - originEpochNanos;
        }

        /** The simulated time of the last frame either way (0 when empty). */
        public long end() {
            long end = 0;
            for (PcapRecord r : fromHost) end = Math.max(end, simTime(r));
            for (PcapRecord r : toHost) end = Math.max(end, simTime(r));
            return end;
        }
    }

    /**
     * What a replay found.
     *
     * @param hostFrames  frames from the host replayed
     * @param expected    frames to the host in the recording
     * @param produced    frames to the host the replay sent, up to the recording's end
     * @param matched     frames found in both
     * @param inOrder     whether the produced frames came in the recorded order
     * @param differences a few unmatched frames, described
     * @param endNanos    the simulated time the replay ran to
     */
    public record Result(int hostFrames, int expected, int produced, int matched, boolean inOrder, List<String> differences,
                         long endNanos) {
        public boolean ok() {
            return matched == expected && matched == produced;
        }
    }

    private Replayer() {
    }

    /**
     * Reads a recording made by {@code aoelab serve --record}.
     *
     * @throws IOException when the file cannot be read or is not such a recording (the message says which)
     */
    public static Recording read(Path file) throws IOException {
        try (PcapReader in = PcapReader.open(file)) {
            String comment = in.sectionComment();
            List<String> command = null;
            Long origin = null;
            if (comment != null) {
                for (String line : comment.split("\n")) {
                    if (line.startsWith(ServeRecording.COMMAND_PREFIX)) {
                        try {
                            command = ShellWords.split(line.substring(ServeRecording.COMMAND_PREFIX.length()));
                        } catch (IllegalArgumentException e) {
                            throw new IOException(file + ": the recorded command line is damaged: " + e.getMessage(), e);
                        }
                    } else if (line.startsWith(ServeRecording.ORIGIN_PREFIX)) {
                        try {
                            origin = Long.parseLong(line.substring(ServeRecording.ORIGIN_PREFIX.length()).trim());
                        } catch (NumberFormatException e) {
                            throw new IOException(file + ": the recorded origin '" + line + "' is not a number", e);
                        }
                    }
                }
            }
            if (command == null || origin == null || command.isEmpty() || !command.get(0).equals("serve")) {
                throw new IOException(file + " is not a recording of 'aoelab serve --record' (its section comment has no "
                        + "'command: serve ...' and 'origin-epoch-ns:' lines)");
            }
            List<PcapRecord> from = new ArrayList<>();
            List<PcapRecord> to = new ArrayList<>();
            for (PcapRecord r; (r = in.next()) != null; ) {
                if (r.interfaceId() == ServeRecording.FROM_HOST) from.add(r);
                else if (r.interfaceId() == ServeRecording.TO_HOST) to.add(r);
            }
            return new Recording(command, origin, from, to);
        }
    }

    /**
     * Replays {@code recording} on a network built from {@code settings} (which the caller
     * parsed from the recording's command line).
     */
    public static Result replay(Recording recording, ServeSettings settings) throws DiskException {
        ServeNetwork network = new ServeNetwork(settings, settings.mtu(), true);
        try {
            Simulation sim = network.simulation();
            long end = recording.end();
            List<Bytes> produced = new ArrayList<>();
            Nic nic = network.connectTapNode(frame -> {
                if (sim.now() <= end) produced.add(frame);
            });
            network.impair(nic.link());
            for (PcapRecord r : recording.fromHost()) {
                long t = Math.max(0, recording.simTime(r));
                Bytes frame = r.frame();
                sim.scheduleAt(t, () -> nic.send(frame));
            }
            sim.runFor(end);
            return compare(recording, produced, end);
        } finally {
            network.flushAndClose();
        }
    }

    private static Result compare(Recording recording, List<Bytes> produced, long end) {
        List<Bytes> expected = new ArrayList<>();
        recording.toHost().forEach(r -> expected.add(r.frame()));
        Map<Bytes, Integer> left = new HashMap<>();
        for (Bytes b : expected) left.merge(b, 1, Integer::sum);
        int matched = 0;
        List<String> differences = new ArrayList<>();
        for (Bytes b : produced) {
            Integer n = left.get(b);
            if (n != null && n > 0) {
                left.put(b, n - 1);
                matched++;
            } else if (differences.size() < 5) {
                differences.add("not in the recording: " + describe(b));
            }
        }
        for (Bytes b : expected) {
            Integer n = left.get(b);
            if (n != null && n > 0 && differences.size() < 10) {
                left.put(b, n - 1);
                differences.add("recorded, not replayed: " + describe(b));
            }
        }
        return new Result(recording.fromHost().size(), expected.size(), produced.size(), matched, expected.equals(produced),
                List.copyOf(differences), end);
    }

    private static String describe(Bytes frame) {
        try {
            org.aoelab.wire.AoeFrame f = AoeCodec.decode(frame);
            return String.format("%s -> %s %s tag 0x%08x %s", f.src(), f.dst(), f.header().target(), f.header().tag(),
                    FrameSummary.describe(f));
        } catch (MalformedFrameException e) {
            return frame.length() + " bytes, not AoE: " + frame.toHex(0, 32);
        }
    }
}
