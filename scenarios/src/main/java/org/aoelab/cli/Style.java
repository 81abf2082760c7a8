package org.aoelab.cli;

/**
 * Terminal styling: ANSI colours when writing to a terminal (or when asked), plain text otherwise
 * and whenever NO_COLOR is set (no-color.org).
 */
public final class Style {
    public enum Mode { AUTO, ALWAYS, NEVER }

    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    public static Style of(Mode mode) {
        boolean on = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
        return new Style(on);
    }

    public static Style plain() {
        return new Style(false);
    }

    public boolean enabled() {
        return on;
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String blue(String s) {
        return wrap("34", s);
    }

    public String magenta(String s) {
        return wrap("35", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    /** Pads {@code s} (which may hold colour codes) to {@code width} visible characters. */
    public static String pad(String s, int width) {
        int visible = s.replaceAll("\u001b\\[[0-9;]*m", "").length();
        return visible >= width ? s : s + " ".repeat(width - visible);
    }
}
