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
        } catch (IllegalArgumentException e) {
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
        if (screenshot != null) headlessWithoutDisplay();

        GuiApp.startToolkit();
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
            SimulationSession session = vm.open(s, useSeed);
            if (screenshot != null) {
                if (stopAt >= 0) session.runTo(stopAt);
                else {
                    session.setSpeed(SimulationSession.MAX_SPEED);
                    session.play();
                }
                whenSettled(vm, stopAt, () -> {
                    try {
                        app.screenshot(screenshot);
                        spec.commandLine().getOut().println("aoelab gui: saved " + screenshot);
                    } catch (Exception e) {
                        err.println("aoelab gui: cannot save " + screenshot + ": " + e.getMessage());
                        status.set(AoeLab.FAILED);
                    }
                    app.stage().hide();
                });
            }
        });
        closed.await();
        Platform.exit();
        return status.get();
    }

    /** Runs {@code then} once the run has reached its end (or {@code at}) and every update is shown. */
    static void whenSettled(LabViewModel vm, long at, Runnable then) {
        new AnimationTimer() {
            int quiet;

            @Override
            public void handle(long now) {
                boolean done = vm.stateProperty().get() == PlayState.FINISHED
                        || at >= 0 && vm.stateProperty().get() == PlayState.PAUSED && vm.nowProperty().get() >= at;
                if (done && vm.ring().isEmpty()) {
                    if (++quiet >= 3) { // a few pulses for tables and charts to lay out
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
    static void headlessWithoutDisplay() {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())
                && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("java.awt.headless", "true");
        }
    }
}
