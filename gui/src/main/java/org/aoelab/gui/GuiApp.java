package org.aoelab.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.aoelab.gui.model.FrameStore;
import org.aoelab.gui.model.UpdateRing;

/**
 * Builds the window around a {@link LabViewModel} and starts and stops the JavaFX toolkit for
 * the command line. Not an {@code Application} subclass: {@link Platform#startup} starts the
 * toolkit, so the distribution's main class stays {@code org.aoelab.cli.AoeLab}.
 */
public final class GuiApp {
    /** Frames kept by default: two million, or 512 MiB of frame bytes (see {@link FrameStore}). */
    public static final long DEFAULT_MAX_FRAMES = 2_000_000;
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    /** Held so that its level stays set (loggers are only weakly kept). */
    private static final java.util.logging.Logger FX_LOG = java.util.logging.Logger.getLogger("javafx");

    private final LabViewModel vm;
    private final MainView view;
    private final Stage stage;

    private GuiApp(LabViewModel vm, MainView view, Stage stage) {
        this.vm = vm;
        this.view = view;
        this.stage = stage;
    }

    /** A view model with the default ring and store. */
    public static LabViewModel newViewModel(long maxFrames) {
        LabViewModel vm = new LabViewModel(new UpdateRing(UpdateRing.DEFAULT_CAPACITY),
                new FrameStore(maxFrames, DEFAULT_MAX_BYTES, true), System::nanoTime);
        vm.setListInterval(100_000_000L);
        return vm;
    }

    /** Shows the window on {@code stage} (FX thread). */
    public static GuiApp show(Stage stage, LabViewModel vm, double width, double height) {
        GuiApp[] self = new GuiApp[1];
        MainView view = new MainView(vm, file -> {
            try {
                self[0].screenshot(file);
                vm.reportInfo("saved " + file);
            } catch (IOException | RuntimeException e) {
                vm.reportProblem("cannot save " + file + ": " + e.getMessage());
            }
        });
        Scene scene = new Scene(view, width, height);
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.setOnHidden(e -> {
            view.stop();
            vm.closeSource();
        });
        stage.show();
        self[0] = new GuiApp(vm, view, stage);
        return self[0];
    }

    public LabViewModel viewModel() {
        return vm;
    }

    public MainView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }

    /** Saves a PNG of the window's content (FX thread). */
    public void screenshot(Path file) throws IOException {
        view.applyCss();
        view.layout();
        WritableImage img = stage.getScene().snapshot(null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(img, null);
        BufferedImage rgb = new BufferedImage(buffered.getWidth(), buffered.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(buffered, 0, 0, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(rgb, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }

    /**
     * Starts the toolkit if it is not running yet (it may be, in tests).
     *
     * @return true when this call started it (and its caller should exit it)
     */
    public static boolean startToolkit() {
        // JavaFX warns that it runs from the class path, which is how the distribution runs it on purpose
        FX_LOG.setLevel(java.util.logging.Level.SEVERE);
        drawBackgroundsDirectly();
        CountDownLatch started = new CountDownLatch(1);
        boolean mine = true;
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            mine = false;
            started.countDown();
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mine) Platform.setImplicitExit(false);
        return mine;
    }

    /**
     * Prism draws a region whose background has more than one fill (most containers and controls
     * in the default theme: a border colour under an inset body) from a small cached image,
     * stretched in nine slices. With software rendering (no GPU, as in a virtual machine or
     * headless) that sampling cost the renderer 5.5 times the CPU of drawing the fills as
     * rectangles while frames streamed into the window, and the renderer shares the CPUs with
     * the FX thread. The picture is the same either way. Set before the toolkit starts, unless
     * the user chose ({@code -Dprism.disableRegionCaching=false}).
     */
    static void drawBackgroundsDirectly() {
        if (System.getProperty("prism.disableRegionCaching") == null) System.setProperty("prism.disableRegionCaching", "true");
    }

    /** Runs {@code task} on the FX thread and waits for its result. */
    public static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        if (Platform.isFxApplicationThread()) return task.call();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}
