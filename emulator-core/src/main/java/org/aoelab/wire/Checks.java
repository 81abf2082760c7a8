package org.aoelab.wire;

/** Argument checks whose messages name the parameter and the allowed range. */
public final class Checks {
    private Checks() {
    }

    public static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + ", expected " + min + "-" + max);
        }
        return value;
    }

    public static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + ", expected " + min + "-" + max);
        }
        return value;
    }

    public static double range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " is " + value + ", expected " + min + " to " + max);
        }
        return value;
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " is missing");
        return value;
    }
}
