package org.aoelab.initiator;

/**
 * Tunables of an {@link AoeInitiator}, with the Linux driver's defaults.
 *
 * @param maxOut            cap on the window per target MAC ({@code aoe_maxout}, 64 in mainline kernels)
 * @param deadNanos         a request waiting longer than this, across retransmissions, declares the
 *                          device dead ({@code aoe_deadsecs}, 180 s; 0 = never)
 * @param rediscoverNanos   period of the broadcast Query Config (60 s; 0 = only at start and on demand)
 * @param tickNanos         period of the retransmission check (100 ms)
 * @param minRtoNanos       lower bound of the retransmit timeout
 * @param maxRtoNanos       upper bound of the retransmit timeout
 * @param commandTimeoutNanos how long a config, mask or reserve command waits in all before it times out
 */
public record InitiatorConfig(int maxOut, long deadNanos, long rediscoverNanos, long tickNanos,
                              long minRtoNanos, long maxRtoNanos, long commandTimeoutNanos) {

    public static final InitiatorConfig LINUX = new InitiatorConfig(64, 180_000_000_000L, 60_000_000_000L,
            100_000_000L, 1_000_000L, 30_000_000_000L, 30_000_000_000L);

    public InitiatorConfig {
        if (maxOut < 1 || maxOut > 0xFFFF) {
            throw new IllegalArgumentException("maxOut must be in 1..65535, got " + maxOut);
        }
        nonNegative("deadNanos", deadNanos);
        nonNegative("rediscoverNanos", rediscoverNanos);
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tickNanos must be > 0, got " + tickNanos);
        }
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos) {
            throw new IllegalArgumentException("RTO bounds must satisfy 0 < minRtoNanos <= maxRtoNanos, got "
                    + minRtoNanos + " and " + maxRtoNanos);
        }
        if (commandTimeoutNanos <= 0) {
            throw new IllegalArgumentException("commandTimeoutNanos must be > 0, got " + commandTimeoutNanos);
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    public InitiatorConfig withMaxOut(int v) {
        return new InitiatorConfig(v, deadNanos, rediscoverNanos, tickNanos, minRtoNanos, maxRtoNanos, commandTimeoutNanos);
    }

    public InitiatorConfig withDeadNanos(long v) {
        return new InitiatorConfig(maxOut, v, rediscoverNanos, tickNanos, minRtoNanos, maxRtoNanos, commandTimeoutNanos);
    }

    public InitiatorConfig withRediscoverNanos(long v) {
        return new InitiatorConfig(maxOut, deadNanos, v, tickNanos, minRtoNanos, maxRtoNanos, commandTimeoutNanos);
    }

    public InitiatorConfig withCommandTimeoutNanos(long v) {
        return new InitiatorConfig(maxOut, deadNanos, rediscoverNanos, tickNanos, minRtoNanos, maxRtoNanos, v);
    }

    public InitiatorConfig withRto(long min, long max) {
        return new InitiatorConfig(maxOut, deadNanos, rediscoverNanos, tickNanos, min, max, commandTimeoutNanos);
    }
}
