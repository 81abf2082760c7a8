package org.aoelab.gui;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.aoelab.cli.AoeLab;
import org.aoelab.gui.model.ServeFeed;
import org.aoelab.serve.ServeSession;
import org.aoelab.serve.ServeViewer;

/**
 * {@code aoelab serve --gui}: the AoE Lab window on a live serve (registered in
 * META-INF/services). The frames of the real hosts and the virtual targets stream in as they
 * cross the switch; the links' controls change the running links; closing the window stops the
 * serve as Ctrl-C would.
 */
public final class ServeWindow implements ServeViewer {

    /** The last window opened in this JVM (tests look at it). */
    static volatile GuiApp lastOpened;

    @Override
    public AutoCloseable open(ServeSession session, Runnable stop) throws Exception {
        if (!GuiCommand.hasDisplay() && System.getProperty("glass.platform") == null) {
            throw new AoeLab.UserError("--gui: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)");
        }
        boolean ownToolkit = GuiApp.startToolkit();
        LabViewModel vm = GuiApp.newViewModel(GuiApp.DEFAULT_MAX_FRAMES);
        ServeFeed feed = new ServeFeed(session, vm.ring()); // before the loop runs: it subscribes to the trace
        AtomicBoolean closing = new AtomicBoolean();
        GuiApp app = GuiApp.onFx(() -> {
            vm.attach(feed);
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            GuiApp a = GuiApp.show(new Stage(), vm, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
            a.view().showView(MainView.Detail.LADDER);
            a.stage().setOnHidden(e -> {
                a.view().stop();
                vm.closeSource();
                if (!closing.get()) stop.run(); // the user closed it: stop serving
            });
            return a;
        });
        lastOpened = app;
        return () -> {
            closing.set(true);
            feed.close();
            GuiApp.onFx(() -> {
                if (app.stage().isShowing()) app.stage().hide();
                return null;
            });
            if (ownToolkit) Platform.exit();
        };
    }
}
