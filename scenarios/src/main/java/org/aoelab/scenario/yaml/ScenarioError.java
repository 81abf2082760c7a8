package org.aoelab.scenario.yaml;

/**
 * A mistake in a scenario file: where it is (file, line, column, both from 1), what was found
 * and what was expected. The message reads {@code basics.yaml:12:9: ...} like a compiler's.
 */
public final class ScenarioError extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public ScenarioError(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position. */
    public String problem() {
        return problem;
    }
}
