package org.aoelab.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.aoelab.trace.FrameEvent;
import org.aoelab.trace.PcapngWriter;
import org.aoelab.trace.TraceEvent;

/**
 * Writes a run's frames to pcapng as they are sent, each once, with the sending node in the
 * packet comment; the section comment names the scenario and seed, so the file says how to
 * reproduce itself. No wall clock goes in: same scenario and seed, same bytes.
 */
public final class PcapRecording implements Consumer<TraceEvent>, AutoCloseable {

    private final PcapngWriter writer;
    private final int iface;

    public PcapRecording(OutputStream out, Scenario scenario, long seed) throws IOException {
        this.writer = PcapngWriter.to(out, "AoE Lab", "scenario " + scenario.name() + " seed " + seed
                + "; reproduce with: aoelab run " + scenario.name() + " --seed " + seed);
        this.iface = writer.addInterface("sw");
    }

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof FrameEvent f && f.kind() == FrameEvent.Kind.SENT) {
            try {
                writer.write(iface, f.time(), f.frame(), "from " + f.place());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
