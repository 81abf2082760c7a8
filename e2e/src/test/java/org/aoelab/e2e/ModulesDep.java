package org.aoelab.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kernel's {@code modules.dep} (as {@code depmod} writes it): for each module file, the
 * module files it needs. {@link #loadOrder} turns a few wanted module names into every file
 * to {@code insmod}, dependencies first.
 *
 * <pre>{@code
 * ModulesDep dep = ModulesDep.parse(Files.readString(modulesDir.resolve("modules.dep")));
 * List<String> files = dep.loadOrder(List.of("virtio_net", "virtio_pci", "aoe"));
 * }</pre>
 */
final class ModulesDep {
    /** Relative module path to the relative paths it depends on, in file order. */
    private final Map<String, List<String>> deps;
    /** Module name ("virtio_net", dashes as underscores) to its relative path. */
    private final Map<String, String> byName;

    private ModulesDep(Map<String, List<String>> deps) {
        this.deps = deps;
        this.byName = new LinkedHashMap<>();
        for (String path : deps.keySet()) byName.putIfAbsent(nameOf(path), path);
    }

    /**
     * Parses the text of {@code modules.dep}: lines {@code path: dep dep ...}; blank lines and
     * {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException for a line without a colon, naming its number and text
     */
    static ModulesDep parse(String text) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("modules.dep line " + (i + 1) + " is '" + line
                        + "', expected 'path.ko: dependency.ko ...'");
            }
            String rest = line.substring(colon + 1).strip();
            List<String> list = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            deps.put(line.substring(0, colon).strip(), list);
        }
        return new ModulesDep(deps);
    }

    /** The module name of a file path: base name without {@code .ko[.xz|.zst|.gz]}, dashes as underscores. */
    static String nameOf(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int ko = base.indexOf(".ko");
        if (ko >= 0) base = base.substring(0, ko);
        return base.replace('-', '_');
    }

    /**
     * Every module file the named modules need, each once, every file after all files it
     * depends on (the order {@code insmod} needs), the wanted modules in the order given.
     *
     * @throws IllegalArgumentException when a name is not in the file, or a dependency is
     *         missing or circular, naming the module
     */
    List<String> loadOrder(List<String> names) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : names) {
            String path = byName.get(name.replace('-', '_'));
            if (path == null) {
                throw new IllegalArgumentException("module '" + name + "' is not in modules.dep (" + byName.size()
                        + " modules listed; is it built in, or is this the wrong kernel?)");
            }
            visit(path, done, new LinkedHashSet<>(), order);
        }
        return Collections.unmodifiableList(order);
    }

    private void visit(String path, Set<String> done, LinkedHashSet<String> onStack, List<String> order) {
        if (done.contains(path)) return;
        if (!onStack.add(path)) {
            throw new IllegalArgumentException("modules.dep has a dependency cycle: " + String.join(" -> ", onStack)
                    + " -> " + path);
        }
        List<String> needs = deps.get(path);
        if (needs == null) {
            throw new IllegalArgumentException("module file '" + path + "' is needed by " + onStack
                    + " but has no line of its own in modules.dep");
        }
        for (String dep : needs) visit(dep, done, onStack, order);
        onStack.remove(path);
        done.add(path);
        order.add(path);
    }
}
