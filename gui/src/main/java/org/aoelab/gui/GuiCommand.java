package org.aoelab.gui;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.aoelab.cli.AoeLab;
import org.aoelab.gui.model.PlayState;
import org.aoelab.gui.model.SimulationSession;
import org.aoelab.scenario.Scenario;
import org.aoelab.scenario.ScenarioReader;
import org.aoelab.scenario.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aoelab gui [SCENARIO]}: the window; with {@code --screenshot}, a PNG of it and exit. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the AoE Lab window on a scenario (or a capture file).",
                "With --screenshot, run the scenario to its end (or --at TIME), save a PNG of the window and exit;"
                        + " without a display it runs headless (Monocle)."})
public final class GuiCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "A built-in scenario (see 'aoelab list') or a scenario file; default basics.")
    String scenarioName;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the scenario's).")
    Long seed;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Save a PNG of the window after the run, then exit.")
    Path screenshot;

    @Option(names = "--at", paramLabel = "TIME", description = "With --screenshot: stop at this virtual time (e.g. 150ms, 2s) instead of the end.")
    String at;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "decode",
            description = "The detail view in front: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    MainView.Detail view;

    @Option(names = "--select", paramLabel = "FILTER",
            description = "Select the first frame this filter matches (e.g. 'aoe.cmd == 0 && aoe.response').")
    String select;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Start with this display filter (e.g. 'lab.fate == lost').")
    String filter;

    @Option(names = "--field", paramLabel = "NAME",
            description = "With --select: select this field of the frame in the decode tree (e.g. aoe.tag).")
    String field;

    @Option(names = "--link", paramLabel = "NODE", description = "Open the controls of this node's link.")
    String link;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Open this capture file instead of a scenario.")
    Path pcap;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1440x900", description = "Window size (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--keep", paramLabel = "FRAMES", defaultValue = "2000000",
            description = "Most frames the window keeps; older ones are dropped from view (default ${DEFAULT-VALUE}).")
    long keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = ScenarioReader.load(scenarioName == null ? "basics" : scenarioName);
        } catch (IllegalArgumentException | org.aoelab.scenario.yaml.ScenarioError e) {
            throw new AoeLab.UserError(e.getMessage(), e);
        }
        long useSeed = seed != null ? seed : s.seed();
        long atNanos = -1;
        if (at != null) {
            if (screenshot == null) throw new AoeLab.UserError("--at needs --screenshot");
            try {
                atNanos = Units.duration(at);
            } catch (IllegalArgumentException e) {
                throw new AoeLab.UserError("--at: " + e.getMessage(), e);
            }
        }
        String[] wh = size.toLowerCase().split("x");
        double width;
        double height;
        try {
            width = Double.parseDouble(wh[0]);
            height = Double.parseDouble(wh[1]);
        } catch (RuntimeException e) {
            throw new AoeLab.UserError("--size is '" + size + "', expected WIDTHxHEIGHT such as 1440x900");
        }
        if (keep < 100_000) throw new AoeLab.UserError("--keep is " + keep + ", expected at least 100000 frames");
        if (screenshot != null) {
            headlessWithoutDisplay((int) Math.ceil(width), (int) Math.ceil(height));
        } else if (!hasDisplay() && System.getProperty("glass.platform") == null) {
            throw new AoeLab.UserError("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set);"
                    + " run it on a desktop, or save a picture with --screenshot FILE.png");
        }

        boolean ownToolkit = GuiApp.startToolkit();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(AoeLab.OK);
        long stopAt = atNanos;
        Platform.runLater(() -> {
            LabViewModel vm = GuiApp.newViewModel(keep);
            GuiApp app = GuiApp.show(new Stage(), vm, width, height);
            app.stage().setOnHidden(e -> {
                app.view().stop();
                vm.closeSource();
                closed.countDown();
            });
            app.view().showView(view);
            if (pcap != null) {
                vm.openPcap(pcap);
            } else {
                SimulationSession session = vm.open(s, useSeed);
                if (screenshot != null) {
                    if (stopAt >= 0) {
                        session.runTo(stopAt);
                    } else {
                        session.setSpeed(SimulationSession.MAX_SPEED);
                        session.play();
                    }
                }
            }
            if (link != null) vm.topology().select(link);
            if (screenshot != null) {
                whenSettled(vm, stopAt, () -> {
                    arrange(app, vm, err);
                    afterPulses(3, () -> {
                        try {
                            app.screenshot(screenshot);
                            spec.commandLine().getOut().println("aoelab gui: saved " + screenshot);
                        } catch (Exception e) {
                            err.println("aoelab gui: cannot save " + screenshot + ": " + e.getMessage());
                            status.set(AoeLab.FAILED);
                        }
                        app.stage().hide();
                    });
                });
            }
        });
        closed.await();
        if (ownToolkit) Platform.exit();
        return status.get();
    }

    /** Applies --select, --field, --link and --view before a screenshot. */
    private void arrange(GuiApp app, LabViewModel vm, PrintWriter err) {
        if (link != null) vm.topology().select(link);
        if (filter != null) {
            app.view().frameList().setFilterText(filter);
            if (!vm.frames().setFilter(filter)) err.println("aoelab gui: --filter: " + vm.frames().filterErrorProperty().get());
            while (vm.frames().work()) {
                // apply the filter to every frame before the screenshot
            }
            vm.frames().flush();
        }
        if (select != null) {
            org.aoelab.gui.model.FrameFilter f;
            try {
                f = org.aoelab.gui.model.FrameFilter.parse(select);
            } catch (IllegalArgumentException e) {
                err.println("aoelab gui: --select: " + e.getMessage());
                return;
            }
            var store = vm.store();
            for (long q = store.firstSeq(); q < store.nextSeq(); q++) {
                if (f.matches(new org.aoelab.gui.frames.FrameRow(store, q))) {
                    vm.frames().select(q);
                    break;
                }
            }
            if (vm.frames().selectedProperty().get() == 0) err.println("aoelab gui: --select: no frame matches '" + select + "'");
            if (field != null && vm.decode().dissectionProperty().get() != null) {
                for (org.aoelab.wire.Field x : flatten(vm.decode().dissectionProperty().get().fields())) {
                    if (x.name().equals(field)) {
                        vm.decode().selectField(x);
                        break;
                    }
                }
            }
        }
        app.view().showView(view);
    }

    private static java.util.List<org.aoelab.wire.Field> flatten(java.util.List<org.aoelab.wire.Field> fields) {
        java.util.List<org.aoelab.wire.Field> out = new java.util.ArrayList<>();
        for (org.aoelab.wire.Field f : fields) {
            out.add(f);
            out.addAll(flatten(f.children()));
        }
        return out;
    }

    /** Runs {@code then} after {@code n} pulses (for tables and charts to lay out). */
    static void afterPulses(int n, Runnable then) {
        new AnimationTimer() {
            int left = n;

            @Override
            public void handle(long now) {
                if (--left <= 0) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    /** Runs {@code then} once the run has reached its end (or {@code at}) and every update is shown. */
    static void whenSettled(LabViewModel vm, long at, Runnable then) {
        new AnimationTimer() {
            int quiet;

            @Override
            public void handle(long now) {
                boolean done = vm.stateProperty().get() == PlayState.FINISHED || vm.stateProperty().get() == PlayState.LOADED
                        || at >= 0 && vm.stateProperty().get() == PlayState.PAUSED && vm.nowProperty().get() >= at;
                if (done && vm.ring().isEmpty()) {
                    if (++quiet >= 2) {
                        stop();
                        then.run();
                    }
                } else {
                    quiet = 0;
                }
            }
        }.start();
    }

    /** Without a display, screenshots are taken with Monocle's headless platform and software rendering. */
    static boolean hasDisplay() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return display != null && !display.isBlank() || wayland != null && !wayland.isBlank();
    }

    static void headlessWithoutDisplay(int width, int height) {
        if (!hasDisplay() && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("java.awt.headless", "true");
            // the headless screen must hold the whole window (its default is 1280x800)
            System.setProperty("headless.geometry", Math.max(1280, width) + "x" + Math.max(800, height) + "-32");
        }
    }
}
