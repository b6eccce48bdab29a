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
        List<Object> steps = steps(keyPath);
        if (steps == null) {
            fail(source, "", "invalid key path '" + keyPath + "'; use keys separated by dots with optional"
                    + " [index], e.g. populations[0].size or populations.exc.size");
            return;
        }
        Node value = value(source, keyPath, override.substring(eq + 1).trim());
        if (value != null) {
            place(root, source, steps, value);
        }
    }

    /** The value of an override, parsed as YAML; null when it is missing or malformed (reported). */
    private Node value(String source, String keyPath, String valueText) {
        if (valueText.isEmpty()) {
            fail(source, keyPath, "missing value after '='");
            return null;
        }
        int before = errors.size();
        Node value = new TreeReader(source, false, errors).read(valueText, false);
        if (errors.size() != before) {
            return null;
        }
        if (value == null) {
            fail(source, keyPath, "missing value after '='");
        }
        return value;
    }

    /**
     * Walks {@code steps} from {@code root}, creating missing mappings and lists on the way, and
     * puts {@code value} at the end; a step that does not fit the tree is reported.
     */
    private void place(Node.MapNode root, String source, List<Object> steps, Node value) {
        Node.Mark mark = new Node.Mark(source, 0, 0);
        Node current = root;
        String path = "";
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Node put = last ? value : null;
            if (current instanceof Node.MapNode map && step instanceof String key) {
                path = path.isEmpty() ? key : path + "." + key;
                current = enterKey(map, key, last ? null : steps.get(i + 1), mark, put);
            } else if (current instanceof Node.ListNode list && step instanceof Integer index) {
                path = path + "[" + index + "]";
                current = enterIndex(list, index, put, source, path);
            } else if (current instanceof Node.ListNode list && step instanceof String name) {
                int found = elementNamed(list, name, source, path);
                if (found < 0) {
                    return;
                }
                path = path + "[" + found + "]";
                current = enterIndex(list, found, put, source, path);
            } else {
                String what = current instanceof Node.MapNode ? "a mapping; use '." + "key' instead of an index"
                        : current instanceof Node.ListNode ? "a list" : current.describe() + ", which has no keys";
                fail(source, path, "cannot apply " + (step instanceof Integer n ? "[" + n + "]" : "'" + step + "'")
                        + " here: the value is " + what + " (at " + current.mark().at("") + ")");
                return;
            }
            if (current == null) {
                return;
            }
        }
    }

    /**
     * Puts {@code value} under {@code key} of {@code map} and returns null, or, without a value,
     * returns the node under {@code key}, created (a list when {@code nextStep} is an index, else
     * a mapping) where it is missing.
     */
    private static Node enterKey(Node.MapNode map, String key, Object nextStep, Node.Mark mark, Node value) {
        Node.MapNode.Entry e = map.get(key);
        if (value != null) {
            map.put(key, e == null ? mark : e.keyMark(), value);
            return null;
        }
        if (e == null || (e.value() instanceof Node.Scalar s && s.isNull())) {
            Node created = nextStep instanceof Integer ? new Node.ListNode(mark) : new Node.MapNode(mark);
            map.put(key, mark, created);
            return created;
        }
        return e.value();
    }

    /**
     * Puts {@code value} at {@code index} of {@code list} (the list's length appends) and returns
     * null, or, without a value, returns the element there; null when the index is out of range
     * (reported).
     */
    private Node enterIndex(Node.ListNode list, int index, Node value, String source, String path) {
        int size = list.items().size();
        if (index > size || (index == size && value == null)) {
            fail(source, path, "index " + index + " is out of range; the list has " + size + " element(s)"
                    + (index == size ? "" : ", and index " + size + " appends a new one"));
            return null;
        }
        if (value == null) {
            return list.items().get(index);
        }
        if (index == size) {
            list.items().add(value);
        } else {
            list.items().set(index, value);
        }
        return null;
    }

    /** Index of the first element of {@code list} whose {@code name} is {@code name}; -1 (reported) if none. */
    private int elementNamed(Node.ListNode list, String name, String source, String path) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < list.items().size(); j++) {
            if (list.items().get(j) instanceof Node.MapNode m && m.get("name") != null
                    && m.get("name").value() instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
                if (name.equals(s.value())) {
                    return j;
                }
                names.add((String) s.value());
            }
        }
        fail(source, path, "no element named '" + name + "' in the list at " + list.mark().at("")
                + Suggestions.hint(name, names, "names"));
        return -1;
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
