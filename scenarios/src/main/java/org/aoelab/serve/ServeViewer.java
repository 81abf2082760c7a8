package org.aoelab.serve;

import java.util.ServiceLoader;

/**
 * A window on a running {@code aoelab serve} ({@code serve --gui}). The GUI module provides one
 * through {@link ServiceLoader}; a build without the GUI has none.
 */
public interface ServeViewer {

    /**
     * Opens the window on {@code session}. Called before the session runs, on the thread that
     * will run it; the viewer may subscribe to the simulation's trace then, and afterwards
     * touches the simulation only through the session's driver.
     *
     * @param stop what closing the window does: ends the serve, as Ctrl-C does
     * @return closes the window (from any thread)
     */
    AutoCloseable open(ServeSession session, Runnable stop) throws Exception;

    /** The first viewer on the class path, or null. */
    static ServeViewer find() {
        return ServiceLoader.load(ServeViewer.class).findFirst().orElse(null);
    }
}
