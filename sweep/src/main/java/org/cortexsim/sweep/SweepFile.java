package org.cortexsim.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cortexsim.config.ConfigError;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.config.Node;
import org.cortexsim.config.TreeReader;

/**
 * Reads a sweep file (YAML) into a {@link Sweep}. Owns the sweep file grammar:
 *
 * <pre>
 * name: dc_grid                    # optional; default: the file name without extension
 * base: network.yaml               # the base config, relative to the sweep file
 * output_dir: dc_grid_out          # optional; relative to the sweep file; default NAME_out
 * axes:                            # cartesian product, first axis varies slowest ...
 *   inputs[0].amplitude_pA: [40, 60, 80]
 *   projections.ee.weight: {start: 200, stop: 400, step: 100}   # stop is inclusive
 * runs:                            # ... or an explicit list of runs (not both)
 *   - {inputs[0].amplitude_pA: 40, projections.ee.weight: 200}
 * seeds: [1, 2]                    # optional; crossed with every point (innermost)
 * </pre>
 *
 * <p>Strict like the config layer: unknown keys, duplicate keys, empty lists, zero or wrong-sign
 * steps and non-scalar range bounds are errors with file:line:column; all problems are reported
 * at once. Range values are computed exactly in decimal ({@code start + i*step}), so
 * {@code {start: 0.1, stop: 0.3, step: 0.1}} gives 0.1, 0.2, 0.3. Every expanded run is then loaded
 * through the config layer, so a bad key path or value fails before anything runs.
 */
final class SweepFile {
    private static final Set<String> TOP = Set.of("name", "base", "output_dir", "axes", "runs", "seeds");
    private static final Set<String> RANGE = Set.of("start", "stop", "step");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_RUNS = 1_000_000;

    private final String source;
    private final List<ConfigError> errors = new ArrayList<>();

    private SweepFile(String source) {
        this.source = source;
    }

    static Sweep read(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(Location.of(name), "sweep file not found (looked for "
                    + file.toAbsolutePath().normalize() + ")");
        } catch (CharacterCodingException e) {
            throw new ConfigException(Location.of(name), "not UTF-8 text; a sweep file must be YAML saved as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(Location.of(name), "cannot read the sweep file: " + e.getMessage());
        }
        return new SweepFile(name).parse(text, file.toAbsolutePath().normalize());
    }

    /** The base config: its resolved path and text, {@code null} when missing or unreadable (an error says why). */
    private record Base(Path path, String text) {
    }

    /** The points to run (values of the swept keys, seeds aside), where each was written, and the keys in order. */
    private record Points(List<Map<String, String>> values, List<Location> at, List<String> keys) {
    }

    /** The runs expanded from the points and seeds, each with the location of its point. */
    private record Expanded(List<SweepRun> runs, List<Location> at) {
    }

    /**
     * Reads the sweep, one phase at a time: the top-level mapping, its name, base config and output
     * directory, the points (axes or runs) and seeds, their expansion into runs, and the check of
     * every run through the config layer. Problems of one phase are reported together.
     */
    private Sweep parse(String text, Path file) throws ConfigException {
        Node.MapNode top = topMapping(text.startsWith("\uFEFF") ? text.substring(1) : text);
        String name = name(top, file);
        Base base = base(top, file.getParent());
        Path outputDir = file.getParent().resolve(string(top, "output_dir", name + "_out")).normalize();
        Points points = points(top);
        List<String> seeds = seeds(top, points.keys());
        check();
        Expanded expanded = expand(top, points, seeds, outputDir);
        check();
        List<Long> configSeeds = Sweep.validate(file, base.path(), base.text(), expanded.at(), expanded.runs());
        return new Sweep(name, file, base.path(), base.text(), outputDir, points.keys(),
                withConfigSeeds(expanded.runs(), configSeeds));
    }

    /** The document's top-level mapping; its unknown keys are errors. */
    private Node.MapNode topMapping(String text) throws ConfigException {
        Node root = tree(text);
        if (!(root instanceof Node.MapNode top)) {
            throw new ConfigException(Location.of(source), "a sweep file must be a mapping with at least 'base'"
                    + " and 'axes' or 'runs'");
        }
        for (Node.MapNode.Entry e : top.entries()) {
            if (!TOP.contains(e.key())) {
                error(e.keyMark().at(e.key()), "unknown key '" + e.key() + "'; known: " + String.join(", ",
                        List.of("name", "base", "output_dir", "axes", "runs", "seeds")));
            }
        }
        return top;
    }

    /** {@code name}, by default the sweep file's name without its extension. */
    private String name(Node.MapNode top, Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String name = string(top, "name", stem);
        if (!NAME.matcher(name).matches()) {
            error(valueAt(top, "name"), "name must use only letters, digits, '_', '.' and '-', got '" + name + "'");
        }
        return name;
    }

    /** The base config, relative to the sweep file's directory {@code dir}, read as text. */
    private Base base(Node.MapNode top, Path dir) {
        String baseName = string(top, "base", null);
        if (baseName == null) {
            if (top.get("base") == null) {
                error(valueAt(top, "base"), "missing 'base': the path of the config every run starts from");
            }
            return new Base(null, null);
        }
        Path base = dir.resolve(baseName).normalize();
        try {
            return new Base(base, Files.readString(base, StandardCharsets.UTF_8));
        } catch (IOException e) {
            error(valueAt(top, "base"), "cannot read the base config " + base + " (" + e.getClass().getSimpleName()
                    + "); the path is relative to the sweep file");
            return new Base(base, null);
        }
    }

    /** The points of {@code axes} (their cartesian product) or of {@code runs} (as listed); exactly one is given. */
    private Points points(Node.MapNode top) {
        Points points = new Points(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Node axes = value(top, "axes");
        Node runs = value(top, "runs");
        if (axes != null && runs != null) {
            error(valueAt(top, "runs"), "give either 'axes' (a cartesian product) or 'runs' (an explicit list),"
                    + " not both");
        } else if (axes == null && runs == null) {
            error(at(top, ""), "missing 'axes' or 'runs': what to vary");
        } else if (axes != null) {
            product(axes, points.values(), points.at(), points.keys());
        } else {
            explicit(runs, points.values(), points.at(), points.keys());
        }
        return points;
    }

    /** The {@code seeds} crossed with every point, or {@code null} when not given. */
    private List<String> seeds(Node.MapNode top, List<String> keys) {
        Node seedNode = value(top, "seeds");
        if (seedNode == null) {
            return null;
        }
        if (keys.contains("simulation.seed")) {
            error(at(seedNode, "seeds"), "simulation.seed is already swept; use either it or 'seeds'");
        }
        return values(seedNode, "seeds", true);
    }

    /**
     * One run per point and seed (seeds innermost), numbered in that order, each writing {@code
     * run-NNNN.h5} in {@code outputDir} (at least four digits). A seed swept as {@code
     * simulation.seed} becomes the run's seed; without any, the seed is 0 until the config's is known.
     */
    private Expanded expand(Node.MapNode top, Points points, List<String> seeds, Path outputDir)
            throws ConfigException {
        int seedCount = seeds == null ? 1 : seeds.size();
        long total = (long) points.values().size() * seedCount;
        if (total > MAX_RUNS) {
            throw new ConfigException(at(top, ""), "the sweep expands to " + total + " runs; at most " + MAX_RUNS
                    + " are supported");
        }
        int width = Math.max(4, String.valueOf(total - 1).length());
        Expanded out = new Expanded(new ArrayList<>(), new ArrayList<>());
        for (int p = 0; p < points.values().size(); p++) {
            for (int s = 0; s < seedCount; s++) {
                int index = out.runs().size();
                Map<String, String> params = new LinkedHashMap<>(points.values().get(p));
                String seedText = params.remove("simulation.seed");
                boolean fromAxis = seeds != null || seedText != null;
                long seed = seeds != null ? Long.parseLong(seeds.get(s)) : seedText != null ? parseSeed(seedText) : 0;
                if (seedText != null && seed < 0) {
                    error(points.at().get(p), "simulation.seed must be a non-negative integer, got " + seedText);
                    continue;
                }
                Path output = outputDir.resolve(String.format(Locale.ROOT, "run-%0" + width + "d.h5", index));
                out.runs().add(new SweepRun(index, params, seed, fromAxis, output));
                out.at().add(points.at().get(p));
            }
        }
        return out;
    }

    /** The runs, those whose seed is not swept taking their config's seed ({@code configSeeds}, by index). */
    private static List<SweepRun> withConfigSeeds(List<SweepRun> runs, List<Long> configSeeds) {
        List<SweepRun> resolved = new ArrayList<>();
        for (SweepRun r : runs) {
            resolved.add(r.seedFromAxis() ? r : new SweepRun(r.index(), r.parameters(), configSeeds.get(r.index()),
                    false, r.output()));
        }
        return resolved;
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void product(Node axes, List<Map<String, String>> points, List<Location> pointAt, List<String> keys) {
        if (!(axes instanceof Node.MapNode map) || map.entries().isEmpty()) {
            error(at(axes, "axes"), "'axes' must be a non-empty mapping of key path to values, e.g."
                    + " inputs[0].amplitude_pA: [40, 60]");
            return;
        }
        points.add(new LinkedHashMap<>());
        pointAt.add(at(axes, "axes"));
        for (Node.MapNode.Entry e : map.entries()) {
            String key = e.key();
            keys.add(key);
            List<String> vals = values(e.value(), "axes." + key, false);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : vals) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(key, v);
                    next.add(q);
                }
            }
            if ((long) points.size() * Math.max(1, vals.size()) > MAX_RUNS) {
                error(at(e.value(), "axes." + key), "the product of the axes exceeds " + MAX_RUNS + " runs");
                points.clear();
                return;
            }
            points.clear();
            points.addAll(next);
        }
        pointAt.clear();
        for (int i = 0; i < points.size(); i++) {
            pointAt.add(at(axes, "axes"));
        }
    }

    private void explicit(Node runs, List<Map<String, String>> points, List<Location> pointAt, List<String> keys) {
        if (!(runs instanceof Node.ListNode list) || list.elements().isEmpty()) {
            error(at(runs, "runs"), "'runs' must be a non-empty list of mappings of key path to value");
            return;
        }
        for (int i = 0; i < list.elements().size(); i++) {
            Node item = list.elements().get(i);
            String path = "runs[" + i + "]";
            if (!(item instanceof Node.MapNode m)) {
                error(at(item, path), "each run must be a mapping of key path to value, e.g."
                        + " {inputs[0].amplitude_pA: 40}");
                continue;
            }
            Map<String, String> point = new LinkedHashMap<>();
            for (Node.MapNode.Entry e : m.entries()) {
                if (!keys.contains(e.key())) {
                    keys.add(e.key());
                }
                point.put(e.key(), value(e.value()));
            }
            points.add(point);
            pointAt.add(at(item, path));
        }
    }

    /** The values of an axis (or of {@code seeds}): a non-empty list, or a {start, stop, step} range. */
    private List<String> values(Node node, String path, boolean seeds) {
        if (node instanceof Node.ListNode list) {
            return listed(list, path, seeds);
        } else if (node instanceof Node.MapNode map) {
            return range(map, path, seeds);
        }
        String text = ((Node.Scalar) node).text();
        error(at(node, path), "expected a list of values or a range {start, stop, step}, got " + text
                + "; write [" + text + "] for a single value");
        return List.of();
    }

    /** The values of a list, as override values; seeds must be non-negative integers. */
    private List<String> listed(Node.ListNode list, String path, boolean seeds) {
        List<String> out = new ArrayList<>();
        if (list.elements().isEmpty()) {
            error(at(list, path), "the list of values is empty");
        }
        for (int i = 0; i < list.elements().size(); i++) {
            Node item = list.elements().get(i);
            String v = value(item);
            if (seeds && !(isNumber(item) && parseSeed(((Node.Scalar) item).text()) >= 0)) {
                error(at(item, path + "[" + i + "]"), "a seed must be a non-negative integer, got " + v);
            }
            out.add(v);
        }
        return out;
    }

    /** The values {@code start + i*step} up to {@code stop} inclusive, computed exactly in decimal. */
    private List<String> range(Node.MapNode map, String path, boolean seeds) {
        List<String> out = new ArrayList<>();
        for (Node.MapNode.Entry e : map.entries()) {
            if (!RANGE.contains(e.key())) {
                error(e.keyMark().at(path + "." + e.key()), "unknown key '" + e.key()
                        + "' in a range; use {start, stop, step}");
            }
        }
        BigDecimal start = number(map, "start", path, null);
        BigDecimal stop = number(map, "stop", path, null);
        BigDecimal step = number(map, "step", path, BigDecimal.ONE);
        if (start == null || stop == null || step == null) {
            return out;
        }
        if (step.signum() == 0 || (stop.compareTo(start) - 0) * step.signum() < 0) {
            error(at(map, path), "step " + step.toPlainString() + " never gets from " + start.toPlainString()
                    + " to " + stop.toPlainString());
            return out;
        }
        long n = stop.subtract(start).divide(step, java.math.MathContext.DECIMAL64).longValue() + 1;
        if (n > MAX_RUNS) {
            error(at(map, path), "the range has " + n + " values; at most " + MAX_RUNS);
            return out;
        }
        for (long i = 0; i < n; i++) {
            BigDecimal v = start.add(step.multiply(BigDecimal.valueOf(i)));
            out.add(v.stripTrailingZeros().scale() <= 0 ? v.toBigInteger().toString()
                    : v.stripTrailingZeros().toPlainString());
        }
        if (seeds) {
            for (String s : out) {
                if (s.contains(".") || s.startsWith("-")) {
                    error(at(map, path), "seeds must be non-negative integers, got " + s);
                    break;
                }
            }
        }
        return out;
    }

    private BigDecimal number(Node.MapNode map, String key, String path, BigDecimal dflt) {
        Node n = value(map, key);
        if (n == null) {
            if (dflt == null) {
                error(at(map, path), "the range needs '" + key + "'");
            }
            return dflt;
        }
        if (isNumber(n) && n instanceof Node.Scalar s) {
            try {
                return new BigDecimal(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        error(at(n, path + "." + key), "'" + key + "' must be a decimal number");
        return null;
    }

    /** The YAML text of a value as a {@code --set} override value: scalars as written, collections in flow style. */
    private static String value(Node node) {
        if (node instanceof Node.Scalar s) {
            return s.kind() == Node.Kind.STRING ? SweepRun.quote(s.text()) : s.text();
        }
        StringBuilder sb = new StringBuilder();
        if (node instanceof Node.ListNode l) {
            sb.append('[');
            for (int i = 0; i < l.elements().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(value(l.elements().get(i)));
            }
            return sb.append(']').toString();
        }
        Node.MapNode m = (Node.MapNode) node;
        sb.append('{');
        int i = 0;
        for (Node.MapNode.Entry e : m.entries()) {
            sb.append(i++ > 0 ? ", " : "").append(e.key()).append(": ").append(value(e.value()));
        }
        return sb.append('}').toString();
    }

    private String string(Node.MapNode map, String key, String dflt) {
        Node n = value(map, key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof Node.Scalar s && !s.text().isBlank()) {
            return s.text();
        }
        error(at(n, key), "'" + key + "' must be a non-empty string");
        return dflt;
    }

    /** Where the value of top-level {@code key} is, or the mapping itself when the key is absent. */
    private static Location valueAt(Node.MapNode map, String key) {
        Node n = value(map, key);
        return n == null ? map.mark().at(key) : n.mark().at(key);
    }

    // ------------------------------------------------------------------ YAML to tree

    /** The document tree of the sweep file, through the config layer's reader (positions, duplicate keys). */
    private Node tree(String text) throws ConfigException {
        Node root = TreeReader.parse(source, text, false, "a sweep file", errors);
        for (int i = 0; i < errors.size(); i++) {
            ConfigError e = errors.get(i);
            if (e.message().startsWith("syntax error") && e.message().contains("flow")) {
                errors.set(i, new ConfigError(e.location(), e.message() + " (inside {...} or [...], quote key paths"
                        + " with an index: {'inputs[0].amplitude_pA': 40})"));
            }
        }
        check();
        if (root == null) {
            throw new ConfigException(Location.of(source), "the sweep file is empty; it needs 'base' and"
                    + " 'axes' or 'runs'");
        }
        return root;
    }

    /** The value of {@code key} in {@code map}, or {@code null}. */
    private static Node value(Node.MapNode map, String key) {
        Node.MapNode.Entry e = map.get(key);
        return e == null ? null : e.value();
    }

    private static Location at(Node node, String path) {
        return node.mark().at(path);
    }

    private static boolean isNumber(Node node) {
        return node instanceof Node.Scalar s && (s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.FLOAT);
    }

    private void error(Location at, String message) {
        errors.add(new ConfigError(at, message));
    }

    private void check() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
