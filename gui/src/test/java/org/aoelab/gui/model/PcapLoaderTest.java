package org.aoelab.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aoelab.gui.Labs;
import org.aoelab.scenario.PcapRecording;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.ScenarioRunner;
import org.aoelab.trace.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapLoaderTest {
    @TempDir
    Path dir;

    private Path record(String name, long seed) throws Exception {
        Scenario s = ScenarioReader.load(name);
        Path file = dir.resolve(name + ".pcapng");
        ScenarioRunner r = new ScenarioRunner(s, seed);
        try (OutputStream out = Files.newOutputStream(file); PcapRecording rec = new PcapRecording(out, s, seed)) {
            r.trace(rec);
            r.run();
        }
        return file;
    }

    @Test
    void aRecordedRunReadsBackWithItsSendersPairsAndRetransmissions() throws Exception {
        UpdateRing ring = new UpdateRing(1 << 22);
        PcapLoader.loadNow(record("lossy-copy", 7), ring);
        List<Update> all = Drain.all(ring);
        assertThat(all.get(0)).isEqualTo(new Update.Reset("lossy-copy.pcapng", 0, false));
        List<Update.Frame> frames = Drain.of(all, Update.Frame.class);
        assertThat(frames.get(0).time()).isZero();
        assertThat(frames).extracting(Update.Frame::source).contains("h1", "h2", "t1").doesNotContain("");
        assertThat(frames).allMatch(f -> (f.fate() & Fate.CAPTURED) != 0);
        assertThat(frames).anyMatch(f -> f.pairSeq() != 0);
        assertThat(frames).anyMatch(f -> (f.fate() & Fate.RETRANSMISSION) != 0);
        List<Update.Clock> clocks = Drain.of(all, Update.Clock.class);
        assertThat(clocks.get(clocks.size() - 1).state()).isEqualTo(PlayState.LOADED);
        assertThat(clocks.get(clocks.size() - 1).eventsRun()).isEqualTo(frames.size());
    }

    @Test
    void withoutCommentsSendersAreTheirMacs() throws Exception {
        Path file = dir.resolve("plain.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            w.write(1_000, Frames.readRequest(0x10001, 0));
            w.write(2_000, Frames.readAnswer(0x10001, 0));
        }
        UpdateRing ring = new UpdateRing(1024);
        PcapLoader.loadNow(file, ring);
        List<Update.Frame> frames = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).source()).isEqualTo("02:00:00:02:00:01");
        assertThat(frames.get(0).destination()).isEqualTo("02:00:00:01:00:01");
        assertThat(frames.get(1).time()).isEqualTo(1_000);
        assertThat(frames.get(1).pairSeq()).isEqualTo(1);
    }

    @Test
    void aBrokenFileIsReportedAsAProblem() throws Exception {
        Path file = dir.resolve("broken.pcap");
        Files.write(file, new byte[] {1, 2, 3});
        UpdateRing ring = new UpdateRing(1024);
        PcapLoader.loadNow(file, ring);
        assertThat(Drain.of(Drain.all(ring), Update.Problem.class)).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("cannot read " + file));
    }

    @Test
    void exportingInTheBackgroundWritesTheFramesOfThatMomentAndSaysSo() throws Exception {
        Labs lab = new Labs().open("lossy-copy", 7);
        lab.session.runTo(50_000_000L);
        lab.settle();
        long atStart = lab.vm.store().size();
        assertThat(atStart).isPositive();
        Path out = dir.resolve("background.pcapng");
        java.util.List<Runnable> reports = new java.util.ArrayList<>();
        Thread t = lab.vm.exportPcapInBackground(out, r -> {
            synchronized (reports) {
                reports.add(r);
            }
        });
        assertThat(lab.vm.statusProperty().get()).startsWith(String.format("exporting %,d frames", atStart));
        lab.runToEnd(); // frames keep coming while it writes
        t.join();
        synchronized (reports) {
            reports.forEach(Runnable::run); // as the FX thread would, in order
        }
        assertThat((long) lab.vm.store().size()).isGreaterThan(atStart);
        assertThat(lab.vm.statusProperty().get()).isEqualTo(String.format("exported %,d frames to %s", atStart, out));
        UpdateRing ring = new UpdateRing(1 << 20);
        PcapLoader.loadNow(out, ring);
        List<Update.Frame> frames = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(frames).hasSize((int) atStart);
        assertThat(frames.get(frames.size() - 1).frame()).isEqualTo(lab.vm.store().frame(atStart));
    }

    @Test
    void aFailedExportSaysWhy() throws Exception {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        Path out = dir.resolve("no-such-dir").resolve("x.pcapng");
        lab.vm.exportPcapInBackground(out, Runnable::run).join();
        assertThat(lab.vm.problemProperty().get()).startsWith("cannot export " + out);
    }

    @Test
    void anExportedRunOpensAgainWithTheSameFrames() throws Exception {
        Labs lab = new Labs().open("basics", 1).runToEnd();
        Path out = dir.resolve("export.pcapng");
        long n = lab.vm.exportPcap(out);
        assertThat(n).isEqualTo(lab.vm.store().size());
        UpdateRing ring = new UpdateRing(1 << 16);
        PcapLoader.loadNow(out, ring);
        List<Update.Frame> frames = Drain.of(Drain.all(ring), Update.Frame.class);
        assertThat(frames).hasSize((int) n);
        for (Update.Frame f : frames) {
            assertThat(f.frame()).isEqualTo(lab.vm.store().frame(f.seq()));
            assertThat(f.source()).isEqualTo(lab.vm.store().source(f.seq()));
        }
    }
}
