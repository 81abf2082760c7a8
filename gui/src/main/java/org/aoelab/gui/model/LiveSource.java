package org.aoelab.gui.model;

/**
 * A source of updates that runs by itself, in real time ({@code aoelab serve --gui}): the
 * window cannot run, pause or restart it, but it can change its links and let it go.
 */
public interface LiveSource extends AutoCloseable {

    /** Sets a node's link, as soon as the source's own thread gets to it. */
    void setLink(String node, LinkSettings settings);

    /** Stops handing updates over; the source itself goes on (serving real hosts, say). */
    @Override
    void close();
}
