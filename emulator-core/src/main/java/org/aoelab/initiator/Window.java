package org.aoelab.initiator;

/**
 * The send window toward one target MAC (protocol reference 5.1.4): slow start and congestion
 * avoidance in the style of TCP, collapsed to one frame by a retransmission timeout.
 *
 * <p>{@code nframes} is the cap (the smaller of the target's Buffer Count and the
 * initiator's own limit); a new window starts at {@code nframes/2}. A Buffer Count of 0 or 1
 * gives a window of 0, and the device never comes up, exactly as with Linux.
 */
public final class Window {

    private int nframes;
    private int maxout;
    private int ssthresh;
    private int nextCwnd;
    private int outstanding;

    public Window(int nframes) {
        if (nframes < 0) {
            throw new IllegalArgumentException("nframes must be >= 0, got " + nframes);
        }
        this.nframes = nframes;
        this.maxout = nframes / 2;
        this.ssthresh = nframes / 2;
        this.nextCwnd = nframes;
    }

    /** A new config answer: takes the new cap; the window shrinks only if it no longer fits. */
    public void updateCap(int newNframes) {
        if (newNframes < 0) {
            throw new IllegalArgumentException("nframes must be >= 0, got " + newNframes);
        }
        nframes = newNframes;
        if (maxout > nframes) {
            maxout = nframes / 2;
            ssthresh = nframes / 2;
            nextCwnd = nframes;
        }
    }

    public boolean canSend() {
        return outstanding < maxout;
    }

    public void sent() {
        outstanding++;
    }

    /** A matched answer: the frame leaves the window, which grows. */
    public void answered() {
        boolean full = outstanding == maxout;
        if (outstanding > 0) {
            outstanding--;
        }
        if (maxout >= nframes) {
            return;
        }
        if (maxout < ssthresh) {
            maxout++;
        } else if (full && nextCwnd-- == 0) {
            maxout++;
            nextCwnd = maxout;
        }
    }

    /** A retransmission timeout: halve the threshold, start again from one frame. */
    public void timedOut() {
        if (maxout != 1) {
            ssthresh = maxout / 2;
            maxout = Math.min(1, nframes);
        }
    }

    /** A frame given up (device dead, or answered after being abandoned) leaves the window. */
    public void released() {
        if (outstanding > 0) {
            outstanding--;
        }
    }

    public int outstanding() {
        return outstanding;
    }

    public int maxout() {
        return maxout;
    }

    public int ssthresh() {
        return ssthresh;
    }

    public int nframes() {
        return nframes;
    }

    @Override
    public String toString() {
        return "nout " + outstanding + " maxout " + maxout + " ssthresh " + ssthresh + " nframes " + nframes;
    }
}
