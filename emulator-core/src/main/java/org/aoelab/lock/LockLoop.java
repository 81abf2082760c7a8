package org.aoelab.lock;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * An initiator's lock workload: think, try to acquire, hold for a while, release, again;
 * after a failed attempt it retries after a back-off. All times are simulated nanoseconds;
 * randomness comes from the stream it is given.
 */
public final class LockLoop {

    private final LockClient client;
    private final LockProtocol protocol;
    private final RandomGenerator random;
    private final long thinkMaxNanos;
    private final long holdNanos;
    private final long retryNanos;
    private final int cycles;
    private int acquired;
    private int attempts;
    private boolean running;
    private Runnable onFinished = () -> { };

    /**
     * @param thinkMaxNanos think time before each acquisition, uniform in [0, max)
     * @param holdNanos     how long a holder keeps the lock
     * @param retryNanos    back-off after a failed attempt, uniform in [retry/2, 3*retry/2)
     * @param cycles        acquisitions to complete, 0 for no limit
     */
    public LockLoop(LockClient client, LockProtocol protocol, RandomGenerator random, long thinkMaxNanos,
                    long holdNanos, long retryNanos, int cycles) {
        if (thinkMaxNanos < 0 || holdNanos < 0 || retryNanos <= 0 || cycles < 0) {
            throw new IllegalArgumentException("lock loop times must be >= 0 (retry > 0) and cycles >= 0, got think "
                    + thinkMaxNanos + ", hold " + holdNanos + ", retry " + retryNanos + ", cycles " + cycles);
        }
        this.client = client;
        this.protocol = protocol;
        this.random = random;
        this.thinkMaxNanos = thinkMaxNanos;
        this.holdNanos = holdNanos;
        this.retryNanos = retryNanos;
        this.cycles = cycles;
    }

    /** Runs when the last cycle's release has completed (never with cycles = 0). */
    public void onFinished(Runnable action) {
        this.onFinished = action;
    }

    public void start() {
        running = true;
        client.sim().schedule(think(), this::attempt);
    }

    /** No new attempts after this; a holder still releases when its hold time ends. */
    public void stop() {
        running = false;
    }

    public int acquired() {
        return acquired;
    }

    public int attempts() {
        return attempts;
    }

    public boolean finished() {
        return cycles > 0 && acquired >= cycles;
    }

    public LockClient client() {
        return client;
    }

    public LockProtocol protocol() {
        return protocol;
    }

    private long think() {
        return thinkMaxNanos == 0 ? 0 : (long) (random.nextDouble() * thinkMaxNanos);
    }

    private void attempt() {
        if (!running || finished()) {
            return;
        }
        attempts++;
        protocol.acquire(client, held -> {
            if (held) {
                acquired++;
                client.sim().schedule(holdNanos, () -> protocol.release(client, () -> {
                    client.releaseCompleted();
                    if (finished()) {
                        running = false;
                        onFinished.run();
                    } else if (running) {
                        client.sim().schedule(think(), this::attempt);
                    }
                }));
            } else {
                long backoff = retryNanos / 2 + (long) (random.nextDouble() * retryNanos);
                client.sim().schedule(backoff, this::attempt);
            }
        });
    }
}
