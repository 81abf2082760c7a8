package org.aoelab.scenario.yaml;

import java.util.List;
import java.util.Map;

/**
 * One key of a scenario section: its type, its default (as written in a file) and what it means.
 * The reader and the generated reference (docs/scenarios.md) both come from these declarations,
 * so they cannot drift apart.
 */
public record Field(String key, Type type, String defaultValue, String doc, Schema nested, Map<String, Schema> alternatives,
                    List<String> choices) {

    /** Value types, with the way they are written. */
    public enum Type {
        STRING("text"),
        INT("integer"),
        BOOLEAN("true or false"),
        DURATION("duration (250ms, 1.5s, 100us)"),
        SIZE("size (512, 64K, 16M, 1GiB)"),
        RATE("bit rate (100Mbit, 1Gbps)"),
        PROBABILITY("probability (5% or 0.05)"),
        FRACTION("fraction 0-1 (0.25)"),
        CHOICE("one of the listed words"),
        ADDRESS("shelf.slot (1.0)"),
        SECTION("section"),
        LIST("list of sections"),
        ONE_OF_LIST("list of one-key sections"),
        STRING_LIST("list of text"),
        GROUP_LIST("list of lists of node names");

        private final String written;

        Type(String written) {
            this.written = written;
        }

        public String written() {
            return written;
        }
    }

    public static Field of(String key, Type type, String defaultValue, String doc) {
        return new Field(key, type, defaultValue, doc, null, Map.of(), List.of());
    }

    public static Field choice(String key, String defaultValue, String doc, String... choices) {
        return new Field(key, Type.CHOICE, defaultValue, doc, null, Map.of(), List.of(choices));
    }

    public static Field section(String key, Schema nested, String doc) {
        return new Field(key, Type.SECTION, null, doc, nested, Map.of(), List.of());
    }

    public static Field list(String key, Schema item, String doc) {
        return new Field(key, Type.LIST, "[]", doc, item, Map.of(), List.of());
    }

    /** A list whose items each have exactly one of the alternatives' keys (plus the common keys of {@code common}). */
    public static Field oneOfList(String key, Schema common, Map<String, Schema> alternatives, String doc) {
        return new Field(key, Type.ONE_OF_LIST, "[]", doc, common, alternatives, List.of());
    }
}
