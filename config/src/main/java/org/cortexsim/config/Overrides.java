package org.cortexsim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies command-line overrides ({@code --set key.path=value}) to a {@link Node} tree before it
 * is mapped, so overridden values get exactly the same validation as values in the file.
 *
 * <p>Key path grammar: keys separated by dots, each optionally followed by list indices
 * ({@code populations[0].size}); a key that meets a list selects the element whose {@code name}
 * equals it ({@code populations.exc.size}). Missing mappings along the path are created, and an
 * index equal to a list's length appends. The value is parsed as a YAML scalar or flow collection
 * ({@code 0.05}, {@code [1, 2]}, {@code {type: uniform, low: 1, high: 2}}). Every node created from
 * an override carries the source {@code --set key.path=value}, so later errors name the override.
 */
final class Overrides {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[[0-9]+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)]");

    private final List<ConfigError> errors;

    Overrides(List<ConfigError> errors) {
        this.errors = errors;
    }

    /** Applies each override in order to {@code root}; problems are added to the error list. */
    void apply(Node.MapNode root, List<String> overrides) {
        for (String override : overrides) {
            apply(root, override);
        }
    }

    private void apply(Node.MapNode root, String override) {
        String source = "--set " + override;
        int eq = override.indexOf('=');
        if (eq < 0) {
            fail(source, "", "expected key.path=value, e.g. simulation.dt_ms=0.05");
            return;
        }
        String keyPath = override.substring(0, eq).trim();
        String valueText = override.substring(eq + 1).trim();
        List<Object> steps = steps(keyPath);
        if (steps == null) {
            fail(source, "", "invalid key path '" + keyPath + "'; use keys separated by dots with optional"
                    + " [index], e.g. populations[0].size or populations.exc.size");
            return;
        }
        if (valueText.isEmpty()) {
            fail(source, keyPath, "missing value after '='");
            return;
        }
        int before = errors.size();
        Node value = new TreeReader(source, false, errors).read(valueText, false);
        if (errors.size() != before) {
            return;
        }
        if (value == null) {
            fail(source, keyPath, "missing value after '='");
            return;
        }
        Node.Mark mark = new Node.Mark(source, 0, 0);
        Node current = root;
        String path = "";
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Object nextStep = last ? null : steps.get(i + 1);
            if (current instanceof Node.MapNode map && step instanceof String key) {
                path = path.isEmpty() ? key : path + "." + key;
                Node.MapNode.Entry e = map.get(key);
                if (last) {
                    map.put(key, e == null ? mark : e.keyMark(), value);
                    return;
                }
                if (e == null || (e.value() instanceof Node.Scalar s && s.isNull())) {
                    Node created = nextStep instanceof Integer ? new Node.ListNode(mark) : new Node.MapNode(mark);
                    map.put(key, mark, created);
                    current = created;
                } else {
                    current = e.value();
                }
            } else if (current instanceof Node.ListNode list && step instanceof Integer index) {
                path = path + "[" + index + "]";
                if (index > list.items().size() || (index == list.items().size() && !last)) {
                    fail(source, path, "index " + index + " is out of range; the list has " + list.items().size()
                            + " element(s)" + (index == list.items().size() ? "" : ", and index "
                            + list.items().size() + " appends a new one"));
                    return;
                }
                if (last) {
                    if (index == list.items().size()) {
                        list.items().add(value);
                    } else {
                        list.items().set(index, value);
                    }
                    return;
                }
                current = list.items().get(index);
            } else if (current instanceof Node.ListNode list && step instanceof String name) {
                int found = -1;
                List<String> names = new ArrayList<>();
                for (int j = 0; j < list.items().size(); j++) {
                    if (list.items().get(j) instanceof Node.MapNode m && m.get("name") != null
                            && m.get("name").value() instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
                        names.add((String) s.value());
                        if (name.equals(s.value()) && found < 0) {
                            found = j;
                        }
                    }
                }
                if (found < 0) {
                    fail(source, path, "no element named '" + name + "' in the list at " + list.mark().at("")
                            + Suggestions.hint(name, names, "names"));
                    return;
                }
                path = path + "[" + found + "]";
                if (last) {
                    list.items().set(found, value);
                    return;
                }
                current = list.items().get(found);
            } else {
                String what = current instanceof Node.MapNode ? "a mapping; use '." + "key' instead of an index"
                        : current instanceof Node.ListNode ? "a list" : current.describe() + ", which has no keys";
                fail(source, path, "cannot apply " + (step instanceof Integer n ? "[" + n + "]" : "'" + step + "'")
                        + " here: the value is " + what + " (at " + current.mark().at("") + ")");
                return;
            }
        }
    }

    /** Keys (String) and indices (Integer) of a key path, or {@code null} when malformed. */
    private static List<Object> steps(String keyPath) {
        List<Object> steps = new ArrayList<>();
        if (keyPath.isEmpty()) {
            return null;
        }
        for (String segment : keyPath.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return null;
            }
            steps.add(m.group(1));
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                try {
                    steps.add(Integer.parseInt(idx.group(1)));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return steps;
    }

    private void fail(String source, String path, String message) {
        errors.add(new ConfigError(new Location(source, 0, 0, path), message));
    }
}
