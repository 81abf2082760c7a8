package org.aoelab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aoelab.scenario.yaml.ScenarioError;
import org.aoelab.scenario.yaml.Section;

/**
 * Reads scenario files into {@link Scenario} values. Every mistake is a {@link ScenarioError}
 * naming the file, line and column, what was found and what was expected.
 */
public final class ScenarioReader {

    /** Names of the built-in scenarios, shipped as resources under {@code /scenarios/}. */
    public static final List<String> BUILT_IN = List.of("basics", "lossy-copy", "lock-race-naive", "lock-lost-reply",
            "lock-stale-release", "lock-reserve", "multipath", "discovery-storm", "target-vanishes");

    private ScenarioReader() {
    }

    /** A built-in scenario's name, or a path to a file. */
    public static Scenario load(String nameOrPath) {
        String text = builtInText(nameOrPath);
        if (text != null) {
            return parse(text, nameOrPath + ".yaml");
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            String near = org.aoelab.scenario.yaml.Suggest.nearest(nameOrPath, BUILT_IN);
            throw new ScenarioError(nameOrPath, 1, 1, "no such scenario file or built-in scenario"
                    + (near != null ? " (did you mean '" + near + "'?)" : "") + "; built-in: " + String.join(", ", BUILT_IN));
        }
        try {
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new ScenarioError(p.toString(), 1, 1, "cannot read: " + e.getMessage());
        }
    }

    /** The text of a built-in scenario, or null. */
    public static String builtInText(String name) {
        if (!BUILT_IN.contains(name)) {
            return null;
        }
        try (InputStream in = ScenarioReader.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in scenario " + name, e);
        }
    }

    public static Scenario parse(String text, String file) {
        Section root = Section.parse(text, file, ScenarioSchema.ROOT).finish();
        Scenario.Impairment defaults = root.has("links") ? impairment(root.section("links").finish())
                : Scenario.Impairment.NONE;
        int mtu = root.integer("mtu", 60, 65535);
        List<Scenario.Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section t : root.list("targets")) {
            t.finish();
            String base = t.string("name");
            int count = t.integer("count", 1, 100_000);
            int[] first = t.address("address");
            String disk = t.string("disk");
            Scenario.Faults faults = Scenario.Faults.NONE;
            if (t.has("faults")) {
                Section f = t.section("faults").finish();
                faults = new Scenario.Faults(f.duration("latency"), f.choice("latency-distribution"),
                        f.longValue("media-errors-from", -1, Long.MAX_VALUE), f.longValue("media-errors-count", 0, 1L << 40));
            }
            Scenario.Impairment link = t.has("link") ? impairment(t.section("link").finish()) : defaults;
            int shelf = first[0];
            int slot = first[1];
            for (int k = 1; k <= count; k++) {
                String name = count == 1 ? base : base + k;
                if (!names.add(name)) {
                    throw t.errorAt("name", "a node called '" + name + "' already exists (node names must differ)");
                }
                targets.add(new Scenario.Target(name, shelf, slot, disk, t.choice("profile"),
                        t.integer("bufcnt", 0, 0xFFFF), t.bool("enforce-bufcnt"), t.integer("mtu", 60, 9000),
                        t.string("config"), link, faults));
                if (++slot > 254) {
                    slot = 0;
                    shelf++;
                    if (shelf == 0x0FFF || shelf > 0xFFFE) {
                        throw t.errorAt("count", count + " targets from " + first[0] + "." + first[1]
                                + " run past the last usable shelf");
                    }
                }
            }
        }
        Set<String> targetNames = new HashSet<>();
        targets.forEach(t -> targetNames.add(t.name()));
        List<Scenario.Initiator> initiators = new ArrayList<>();
        for (Section i : root.list("initiators")) {
            i.finish();
            String base = i.string("name");
            int count = i.integer("count", 1, 100_000);
            List<Scenario.Step> steps = new ArrayList<>();
            for (Section.Choice c : i.oneOfList("workload")) {
                steps.add(step(c, i, targetNames));
            }
            Scenario.Impairment link = i.has("link") ? impairment(i.section("link").finish()) : defaults;
            for (int k = 1; k <= count; k++) {
                String name = count == 1 ? base : base + k;
                if (!names.add(name)) {
                    throw i.errorAt("name", "a node called '" + name + "' already exists (node names must differ)");
                }
                initiators.add(new Scenario.Initiator(name, i.integer("mtu", 60, 9000), link, i.duration("start"),
                        List.copyOf(steps)));
            }
        }
        List<Scenario.Event> timeline = new ArrayList<>();
        for (Section.Choice c : root.oneOfList("timeline")) {
            timeline.add(event(c, root, names, targetNames));
        }
        Scenario.Properties props;
        Section p = root.has("properties") ? root.section("properties").finish()
                : Section.parse("{}", file, ScenarioSchema.PROPERTIES);
        props = new Scenario.Properties(p.bool("mutual-exclusion"), p.bool("no-orphan"), p.bool("progress"),
                p.bool("data-integrity"), p.duration("orphan-bound"), p.duration("progress-bound"));
        long duration = root.duration("duration");
        if (duration <= 0) {
            throw root.errorAt("duration", "duration must be more than 0");
        }
        return new Scenario(root.string("name"), root.string("description"), root.longValue("seed", 0, Long.MAX_VALUE),
                duration, mtu, defaults, targets, initiators, timeline, props, file);
    }

    static Scenario.Impairment impairment(Section s) {
        return new Scenario.Impairment(s.probability("loss"), s.probability("gilbert-p"), s.probability("gilbert-r"),
                s.probability("gilbert-1-h"), s.probability("gilbert-1-k"), s.duration("delay"), s.duration("jitter"),
                s.choice("jitter-distribution"), s.fraction("correlation"), s.probability("duplicate"),
                s.probability("reorder"), s.integer("reorder-gap", 0, 1_000_000), s.probability("corrupt"),
                s.bitRate("rate"), s.integer("queue", 1, 10_000_000));
    }

    private static String targetRef(Section s, String key, Set<String> targets) {
        String t = s.string(key);
        if (!targets.contains(t)) {
            String near = org.aoelab.scenario.yaml.Suggest.nearest(t, new ArrayList<>(targets));
            throw s.errorAt(key, "no target called '" + t + "'" + (near != null ? " (did you mean '" + near + "'?)" : "")
                    + "; targets: " + String.join(", ", new java.util.TreeSet<>(targets)));
        }
        return t;
    }

    private static Scenario.Step step(Section.Choice c, Section initiator, Set<String> targets) {
        Section b = c.body() == null ? null : c.body().finish();
        return switch (c.kind()) {
            case "discover" -> {
                List<String> want = b == null ? List.of() : b.strings("targets");
                for (String t : want) {
                    if (!targets.contains(t)) {
                        throw b.errorAt("targets", "no target called '" + t + "'");
                    }
                }
                yield new Scenario.Discover(want);
            }
            case "pause" -> new Scenario.Pause(required(b, c, initiator).duration("value"));
            case "write" -> {
                Section w = required(b, c, initiator);
                yield new Scenario.Write(targetRef(w, "target", targets), w.size("offset"), w.size("size"),
                        positive(w, "chunk"));
            }
            case "read" -> {
                Section r = required(b, c, initiator);
                yield new Scenario.Read(targetRef(r, "target", targets), r.size("offset"), r.size("size"),
                        positive(r, "chunk"), r.bool("verify"));
            }
            case "lock" -> {
                Section l = required(b, c, initiator);
                yield new Scenario.Lock(targetRef(l, "target", targets), l.choice("protocol"), l.choice("release"),
                        l.duration("think"), l.duration("hold"), l.duration("retry"), l.integer("cycles", 0, 1_000_000),
                        l.duration("lease"), l.duration("test-timeout"));
            }
            case "config" -> {
                Section g = required(b, c, initiator);
                yield new Scenario.Config(targetRef(g, "target", targets), g.choice("command"), g.string("string"));
            }
            default -> throw initiator.errorHere("unknown workload step " + c.kind());
        };
    }

    private static long positive(Section s, String key) {
        long v = s.size(key);
        if (v <= 0) {
            throw s.errorAt(key, key + " must be more than 0");
        }
        return v;
    }

    private static Section required(Section b, Section.Choice c, Section where) {
        if (b == null) {
            throw where.errorHere("'" + c.kind() + "' needs its settings, such as '- " + c.kind() + ": {...}'");
        }
        return b;
    }

    private static Scenario.Event event(Section.Choice c, Section root, Set<String> nodes, Set<String> targets) {
        long at = c.common() == null ? 0 : c.common().duration("at");
        Section b = c.body() == null ? null : c.body().finish();
        return switch (c.kind()) {
            case "impair" -> {
                Section s = required(b, c, root);
                yield new Scenario.Impair(at, nodeRef(s, "node", nodes), impairment(s));
            }
            case "partition" -> {
                Section s = required(b, c, root);
                List<List<String>> groups = s.groups("groups");
                for (List<String> g : groups) {
                    for (String n : g) {
                        if (!nodes.contains(n)) {
                            throw s.errorAt("groups", "no node called '" + n + "'");
                        }
                    }
                }
                yield new Scenario.Partition(at, groups);
            }
            case "heal" -> new Scenario.Heal(at);
            case "link-down" -> new Scenario.LinkDown(at, nodeRef(required(b, c, root), "value", nodes));
            case "link-up" -> new Scenario.LinkUp(at, nodeRef(required(b, c, root), "value", nodes));
            case "vanish" -> new Scenario.Vanish(at, targetRef(required(b, c, root), "value", targets));
            case "return" -> new Scenario.Return(at, targetRef(required(b, c, root), "value", targets));
            case "media-errors" -> {
                Section s = required(b, c, root);
                yield new Scenario.MediaErrors(at, targetRef(s, "target", targets), s.longValue("from", 0, Long.MAX_VALUE),
                        s.longValue("count", 1, 1L << 40));
            }
            default -> throw root.errorHere("unknown timeline event " + c.kind());
        };
    }

    private static String nodeRef(Section s, String key, Set<String> nodes) {
        String n = s.string(key);
        if (!nodes.contains(n)) {
            String near = org.aoelab.scenario.yaml.Suggest.nearest(n, new ArrayList<>(nodes));
            throw s.errorAt(key, "no node called '" + n + "'" + (near != null ? " (did you mean '" + near + "'?)" : ""));
        }
        return n;
    }
}
