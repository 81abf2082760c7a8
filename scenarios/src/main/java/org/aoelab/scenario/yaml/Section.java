package org.aoelab.scenario.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.aoelab.scenario.Units;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML mapping read against its {@link Schema}: every getter names a declared key, converts
 * the value, and on a mistake throws a {@link ScenarioError} pointing at the value's line and
 * column. {@link #finish()} refuses keys the schema does not declare, suggesting the nearest one.
 */
public final class Section {
    private final String file;
    private final Schema schema;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private Section(String file, Schema schema, MappingNode node) {
        this.file = file;
        this.schema = schema;
        this.node = node;
        for (NodeTuple t : node.getValue()) {
            String key = scalarText(t.getKeyNode(), "a key");
            if (entries.put(key, t) != null) throw error(t.getKeyNode(), "key '" + key + "' appears twice");
        }
    }

    /** Parses a whole file whose top level is a mapping of {@code schema}. */
    public static Section read(Path path, Schema schema) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ScenarioError(path.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return parse(text, path.getFileName().toString(), schema);
    }

    public static Section parse(String text, String file, Schema schema) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
        Node root;
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            Optional<Node> single = composer.getSingleNode();
            if (single.isEmpty()) throw new ScenarioError(file, 1, 1, "the file is empty (expected a scenario: name, targets, initiators ...)");
            root = single.get();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ScenarioError(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, "not valid YAML: " + what);
        } catch (YamlEngineException e) {
            throw new ScenarioError(file, 1, 1, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode map)) {
            throw new ScenarioError(file, line(root), column(root), "expected a mapping of keys (name:, targets:, ...), found " + kind(root));
        }
        return new Section(file, schema, map);
    }

    public String file() {
        return file;
    }

    public Schema schema() {
        return schema;
    }

    public boolean has(String key) {
        schema.field(key);
        return entries.containsKey(key);
    }

    /** Keys present in the file, in file order. */
    public Set<String> keys() {
        return new LinkedHashSet<>(entries.keySet());
    }

    /** Refuses keys the schema does not declare, with a suggestion for a misspelt one. */
    public Section finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!schema.has(e.getKey())) {
                String near = Suggest.nearest(e.getKey(), schema.fields().stream().map(Field::key).toList());
                throw error(e.getValue().getKeyNode(), "unknown key '" + e.getKey() + "' in " + schema.name()
                        + (near != null ? ": did you mean '" + near + "'?" : "")
                        + " (expected one of: " + String.join(", ", schema.fields().stream().map(Field::key).toList()) + ")");
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- typed getters

    public String string(String key) {
        return value(key, n -> scalarText(n, "text"));
    }

    public int integer(String key, int min, int max) {
        return value(key, n -> {
            String t = scalarText(n, "an integer");
            try {
                long v = Long.parseLong(t.replace("_", ""));
                if (v < min || v > max) throw error(n, key + " is " + v + ", expected " + min + "-" + max);
                return (int) v;
            } catch (NumberFormatException e) {
                throw error(n, key + ": '" + t + "' is not an integer");
            }
        });
    }

    public long longValue(String key, long min, long max) {
        return value(key, n -> {
            String t = scalarText(n, "an integer");
            try {
                long v = Long.parseLong(t.replace("_", ""));
                if (v < min || v > max) throw error(n, key + " is " + v + ", expected " + min + "-" + max);
                return v;
            } catch (NumberFormatException e) {
                throw error(n, key + ": '" + t + "' is not an integer");
            }
        });
    }

    public boolean bool(String key) {
        return value(key, n -> {
            String t = scalarText(n, "true or false");
            return switch (t) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error(n, key + ": '" + t + "' is not true or false");
            };
        });
    }

    public long duration(String key) {
        return value(key, n -> converted(n, key, Units::duration));
    }

    public long size(String key) {
        return value(key, n -> converted(n, key, Units::size));
    }

    public long bitRate(String key) {
        return value(key, n -> converted(n, key, Units::bitRate));
    }

    public double probability(String key) {
        return value(key, n -> converted(n, key, Units::probability));
    }

    public double fraction(String key) {
        return value(key, n -> converted(n, key, s -> {
            double v = Double.parseDouble(s);
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(s + " is out of range (expected 0 to 1)");
            return v;
        }));
    }

    public String choice(String key) {
        Field f = schema.field(key);
        return value(key, n -> {
            String t = scalarText(n, "one of " + f.choices());
            if (!f.choices().contains(t)) {
                String near = Suggest.nearest(t, f.choices());
                throw error(n, key + ": '" + t + "' is not one of " + String.join(", ", f.choices())
                        + (near != null ? " (did you mean '" + near + "'?)" : ""));
            }
            return t;
        });
    }

    /** "1.0" as {shelf, slot}. */
    public int[] address(String key) {
        return value(key, n -> {
            String t = scalarText(n, "shelf.slot");
            try {
                return parseAddress(t);
            } catch (IllegalArgumentException e) {
                throw error(n, key + ": " + e.getMessage());
            }
        });
    }

    public static int[] parseAddress(String t) {
        String s = t.startsWith("e") ? t.substring(1) : t;
        int dot = s.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("'" + t + "' is not shelf.slot (expected such as 1.0 or e1.0)");
        try {
            int shelf = Integer.parseInt(s.substring(0, dot));
            int slot = Integer.parseInt(s.substring(dot + 1));
            if (shelf < 0 || shelf > 0xFFFE || shelf == 0x0FFF) throw new IllegalArgumentException("shelf " + shelf + " is not allowed (expected 0-65534, not 4095)");
            if (slot < 0 || slot > 0xFE) throw new IllegalArgumentException("slot " + slot + " is not allowed (expected 0-254)");
            return new int[] {shelf, slot};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not shelf.slot (expected such as 1.0 or e1.0)");
        }
    }

    public Section section(String key) {
        Field f = schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) return null;
        if (!(t.getValueNode() instanceof MappingNode m)) throw error(t.getValueNode(), key + ": expected a section of keys, found " + kind(t.getValueNode()));
        return new Section(file, f.nested(), m);
    }

    public List<Section> list(String key) {
        Field f = schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) return List.of();
        if (!(t.getValueNode() instanceof SequenceNode seq)) throw error(t.getValueNode(), key + ": expected a list (items starting with '- '), found " + kind(t.getValueNode()));
        List<Section> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) throw error(item, key + ": each item must be a section of keys, found " + kind(item));
            out.add(new Section(file, f.nested(), m));
        }
        return out;
    }

    /** An item of a one-of list: the common keys and the one alternative present. */
    public record Choice(String kind, Section common, Section body) {
    }

    public List<Choice> oneOfList(String key) {
        Field f = schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) return List.of();
        if (!(t.getValueNode() instanceof SequenceNode seq)) throw error(t.getValueNode(), key + ": expected a list, found " + kind(t.getValueNode()));
        List<Choice> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && f.alternatives().containsKey(s.getValue())) {
                // a bare word: an alternative without settings ("- discover")
                out.add(new Choice(s.getValue(), null, null));
                continue;
            }
            if (!(item instanceof MappingNode m)) throw error(item, key + ": each item must be one of " + f.alternatives().keySet() + ", found " + kind(item));
            String found = null;
            Node bodyNode = null;
            List<NodeTuple> common = new ArrayList<>();
            for (NodeTuple e : m.getValue()) {
                String k = scalarText(e.getKeyNode(), "a key");
                if (f.alternatives().containsKey(k)) {
                    if (found != null) throw error(e.getKeyNode(), key + ": an item has both '" + found + "' and '" + k + "' (one each)");
                    found = k;
                    bodyNode = e.getValueNode();
                } else if (f.nested() != null && f.nested().has(k)) {
                    common.add(e);
                } else {
                    List<String> all = new ArrayList<>(f.alternatives().keySet());
                    if (f.nested() != null) f.nested().fields().forEach(x -> all.add(x.key()));
                    String near = Suggest.nearest(k, all);
                    throw error(e.getKeyNode(), "unknown key '" + k + "' in " + key + (near != null ? ": did you mean '" + near + "'?" : "")
                            + " (expected one of: " + String.join(", ", all) + ")");
                }
            }
            if (found == null) throw error(item, key + ": the item names none of " + String.join(", ", f.alternatives().keySet()));
            Schema alt = f.alternatives().get(found);
            Section body;
            if (bodyNode instanceof MappingNode bm) body = new Section(file, alt, bm);
            else if (bodyNode instanceof ScalarNode sn && (sn.getValue().isEmpty() || sn.getValue().equals("~") || sn.getValue().equals("null")))
                body = new Section(file, alt, new MappingNode(sn.getTag(), List.of(), org.snakeyaml.engine.v2.common.FlowStyle.FLOW));
            else if (bodyNode instanceof ScalarNode sn && alt.has("value")) {
                // shorthand: "vanish: t1" for "vanish: {value: t1}"
                body = new Section(file, alt, new MappingNode(sn.getTag(),
                        List.of(new NodeTuple(new ScalarNode(org.snakeyaml.engine.v2.nodes.Tag.STR, "value", org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN), sn)),
                        org.snakeyaml.engine.v2.common.FlowStyle.FLOW));
            } else throw error(bodyNode, found + ": expected a section of keys, found " + kind(bodyNode));
            MappingNode commonNode = new MappingNode(m.getTag(), true, common, m.getFlowStyle(), m.getStartMark(), m.getEndMark());
            out.add(new Choice(found, f.nested() == null ? null : new Section(file, f.nested(), commonNode), body));
        }
        return out;
    }

    public List<String> strings(String key) {
        schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) return List.of();
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s) return List.of(s.getValue());
        if (!(v instanceof SequenceNode seq)) throw error(v, key + ": expected a list of words, found " + kind(v));
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) out.add(scalarText(n, "a word"));
        return out;
    }

    public List<List<String>> groups(String key) {
        schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) return List.of();
        if (!(t.getValueNode() instanceof SequenceNode seq)) throw error(t.getValueNode(), key + ": expected a list of groups such as [[h1], [h2, t1]]");
        List<List<String>> out = new ArrayList<>();
        for (Node g : seq.getValue()) {
            if (!(g instanceof SequenceNode gs)) throw error(g, key + ": each group must be a list of node names, such as [h2, t1]");
            List<String> names = new ArrayList<>();
            for (Node n : gs.getValue()) names.add(scalarText(n, "a node name"));
            out.add(names);
        }
        return out;
    }

    /** Throws a located error about {@code key}'s value (for checks that need more than one field). */
    public ScenarioError errorAt(String key, String problem) {
        NodeTuple t = entries.get(key);
        return error(t != null ? t.getValueNode() : node, problem);
    }

    /** Throws a located error about this section. */
    public ScenarioError errorHere(String problem) {
        return error(node, problem);
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T value(String key, Function<Node, T> read) {
        schema.field(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            Field f = schema.field(key);
            if (f.defaultValue() == null) throw error(node, "missing key '" + key + "' in " + schema.name() + " (" + f.doc() + ")");
            return read.apply(new ScalarNode(org.snakeyaml.engine.v2.nodes.Tag.STR, f.defaultValue(), org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN));
        }
        return read.apply(t.getValueNode());
    }

    private <T> T converted(Node n, String key, Function<String, T> conv) {
        String t = scalarText(n, key);
        try {
            return conv.apply(t);
        } catch (IllegalArgumentException e) {
            throw error(n, key + ": " + e.getMessage());
        }
    }

    private String scalarText(Node n, String expected) {
        if (n instanceof ScalarNode s) return s.getValue();
        throw error(n, "expected " + expected + ", found " + kind(n));
    }

    private ScenarioError error(Node n, String problem) {
        return new ScenarioError(file, line(n), column(n), problem);
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static int column(Node n) {
        return n.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) return "a section of keys";
        if (n instanceof SequenceNode) return "a list";
        if (n instanceof ScalarNode s) return s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
        return "something else";
    }
}
