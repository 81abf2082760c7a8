package org.aoelab.scenario.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declared keys of one kind of scenario section, in the order the reference lists them. */
public final class Schema {
    private final String name;
    private final String doc;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    public Schema(String name, String doc) {
        this.name = name;
        this.doc = doc;
    }

    public Schema add(Field f) {
        if (fields.put(f.key(), f) != null) throw new IllegalStateException("duplicate key " + f.key() + " in " + name);
        return this;
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public List<Field> fields() {
        return new ArrayList<>(fields.values());
    }

    public Field field(String key) {
        Field f = fields.get(key);
        if (f == null) throw new IllegalStateException("schema " + name + " declares no key '" + key + "'");
        return f;
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }
}
