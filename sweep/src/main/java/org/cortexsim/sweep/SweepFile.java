package org.cortexsim.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final Set<String> TOP = Set.of("name", "base", "output_dir", "axes", "runs", "seeds");
    private static final Set<String> RANGE = Set.of("start", "stop", "step");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_RUNS = 1_000_000;

    /** A parsed YAML node with its position. */
    private sealed interface YNode permits YMap, YList, YScalar {
        Location at();
    }

    private record YMap(Location at, LinkedHashMap<String, YNode> entries, Map<String, Location> keyAt)
            implements YNode {
    }

    private record YList(Location at, List<YNode> items) implements YNode {
    }

    /** A scalar: {@code text} as written; {@code string} when it was a YAML string (quoted or plain text). */
    private record YScalar(Location at, String text, boolean string, boolean number) implements YNode {
    }

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

    private Sweep parse(String text, Path file) throws ConfigException {
        YNode root = tree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        check();
        if (!(root instanceof YMap top)) {
            throw new ConfigException(Location.of(source), "a sweep file must be a mapping with at least 'base'"
                    + " and 'axes' or 'runs'");
        }
        for (Map.Entry<String, YNode> e : top.entries().entrySet()) {
            if (!TOP.contains(e.getKey())) {
                error(top.keyAt().get(e.getKey()), "unknown key '" + e.getKey() + "'; known: " + String.join(", ",
                        List.of("name", "base", "output_dir", "axes", "runs", "seeds")));
            }
        }
        Path dir = file.getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String name = string(top, "name", stem);
        if (!NAME.matcher(name).matches()) {
            error(at(top, "name"), "name must use only letters, digits, '_', '.' and '-', got '" + name + "'");
        }
        String baseText = null;
        Path base = null;
        String baseName = string(top, "base", null);
        if (baseName == null && !top.entries().containsKey("base")) {
            error(top.at().withKeyPath("base"), "missing 'base': the path of the config every run starts from");
        } else if (baseName != null) {
            base = dir.resolve(baseName).normalize();
            try {
                baseText = Files.readString(base, StandardCharsets.UTF_8);
            } catch (IOException e) {
                error(at(top, "base"), "cannot read the base config " + base + " (" + e.getClass().getSimpleName()
                        + "); the path is relative to the sweep file");
            }
        }
        Path outputDir = dir.resolve(string(top, "output_dir", name + "_out")).normalize();

        List<Map<String, String>> points = new ArrayList<>();
        List<Location> pointAt = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        YNode axes = top.entries().get("axes");
        YNode runs = top.entries().get("runs");
        if (axes != null && runs != null) {
            error(at(top, "runs"), "give either 'axes' (a cartesian product) or 'runs' (an explicit list), not both");
        } else if (axes == null && runs == null) {
            error(top.at(), "missing 'axes' or 'runs': what to vary");
        } else if (axes != null) {
            product(axes, points, pointAt, keys);
        } else {
            explicit(runs, points, pointAt, keys);
        }
        List<String> seeds = null;
        YNode seedNode = top.entries().get("seeds");
        if (seedNode != null) {
            if (keys.contains("simulation.seed")) {
                error(seedNode.at(), "simulation.seed is already swept; use either it or 'seeds'");
            }
            seeds = values(seedNode, "seeds", true);
        }
        check();
        List<SweepRun> list = new ArrayList<>();
        List<Location> where = new ArrayList<>();
        int width = 4;
        long total = (long) points.size() * (seeds == null ? 1 : seeds.size());
        if (total > MAX_RUNS) {
            throw new ConfigException(top.at(), "the sweep expands to " + total + " runs; at most " + MAX_RUNS
                    + " are supported");
        }
        width = Math.max(width, String.valueOf(total - 1).length());
        for (int p = 0; p < points.size(); p++) {
            for (int s = 0; s < (seeds == null ? 1 : seeds.size()); s++) {
                int index = list.size();
                Map<String, String> params = new LinkedHashMap<>(points.get(p));
                String seedText = params.remove("simulation.seed");
                boolean fromAxis = seeds != null || seedText != null;
                long seed = seeds != null ? Long.parseLong(seeds.get(s)) : seedText != null ? parseSeed(seedText) : 0;
                if (seedText != null && seed < 0) {
                    error(pointAt.get(p), "simulation.seed must be a non-negative integer, got " + seedText);
                    continue;
                }
                Path out = outputDir.resolve(String.format(Locale.ROOT, "run-%0" + width + "d.h5", index));
                list.add(new SweepRun(index, params, seed, fromAxis, out));
                where.add(pointAt.get(p));
            }
        }
        check();
        List<Long> configSeeds = Sweep.validate(file, base, baseText, where, list);
        List<SweepRun> resolved = new ArrayList<>();
        for (SweepRun r : list) {
            resolved.add(r.seedFromAxis() ? r : new SweepRun(r.index(), r.parameters(), configSeeds.get(r.index()),
                    false, r.output()));
        }
        return new Sweep(name, file, base, baseText, outputDir, keys, resolved);
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void product(YNode axes, List<Map<String, String>> points, List<Location> pointAt, List<String> keys) {
        if (!(axes instanceof YMap map) || map.entries().isEmpty()) {
            error(axes.at(), "'axes' must be a non-empty mapping of key path to values, e.g."
                    + " inputs[0].amplitude_pA: [40, 60]");
            return;
        }
        points.add(new LinkedHashMap<>());
        pointAt.add(axes.at());
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            String key = e.getKey();
            keys.add(key);
            List<String> vals = values(e.getValue(), "axes." + key, false);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : vals) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(key, v);
                    next.add(q);
                }
            }
            if ((long) points.size() * Math.max(1, vals.size()) > MAX_RUNS) {
                error(e.getValue().at(), "the product of the axes exceeds " + MAX_RUNS + " runs");
                points.clear();
                return;
            }
            points.clear();
            points.addAll(next);
        }
        pointAt.clear();
        for (int i = 0; i < points.size(); i++) {
            pointAt.add(axes.at());
        }
    }

    private void explicit(YNode runs, List<Map<String, String>> points, List<Location> pointAt, List<String> keys) {
        if (!(runs instanceof YList list) || list.items().isEmpty()) {
            error(runs.at(), "'runs' must be a non-empty list of mappings of key path to value");
            return;
        }
        for (YNode item : list.items()) {
            if (!(item instanceof YMap m)) {
                error(item.at(), "each run must be a mapping of key path to value, e.g. {inputs[0].amplitude_pA: 40}");
                continue;
            }
            Map<String, String> point = new LinkedHashMap<>();
            for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
                if (!keys.contains(e.getKey())) {
                    keys.add(e.getKey());
                }
                point.put(e.getKey(), value(e.getValue()));
            }
            points.add(point);
            pointAt.add(item.at());
        }
    }

    /** The values of an axis: a non-empty list, or a {start, stop, step} range. */
    private List<String> values(YNode node, String path, boolean seeds) {
        List<String> out = new ArrayList<>();
        if (node instanceof YList list) {
            if (list.items().isEmpty()) {
                error(node.at(), "the list of values is empty");
            }
            for (YNode item : list.items()) {
                String v = value(item);
                if (seeds && !(item instanceof YScalar s && s.number() && parseSeed(s.text()) >= 0)) {
                    error(item.at(), "a seed must be a non-negative integer, got " + v);
                }
                out.add(v);
            }
        } else if (node instanceof YMap map) {
            for (String k : map.entries().keySet()) {
                if (!RANGE.contains(k)) {
                    error(map.keyAt().get(k), "unknown key '" + k + "' in a range; use {start, stop, step}");
                }
            }
            BigDecimal start = number(map, "start", path, null);
            BigDecimal stop = number(map, "stop", path, null);
            BigDecimal step = number(map, "step", path, BigDecimal.ONE);
            if (start == null || stop == null || step == null) {
                return out;
            }
            if (step.signum() == 0 || (stop.compareTo(start) - 0) * step.signum() < 0) {
                error(map.at(), "step " + step.toPlainString() + " never gets from " + start.toPlainString()
                        + " to " + stop.toPlainString());
                return out;
            }
            long n = stop.subtract(start).divide(step, java.math.MathContext.DECIMAL64).longValue() + 1;
            if (n > MAX_RUNS) {
                error(map.at(), "the range has " + n + " values; at most " + MAX_RUNS);
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
                        error(map.at(), "seeds must be non-negative integers, got " + s);
                        break;
                    }
                }
            }
        } else {
            error(node.at(), "expected a list of values or a range {start, stop, step}, got "
                    + ((YScalar) node).text() + "; write [" + ((YScalar) node).text() + "] for a single value");
        }
        return out;
    }

    private BigDecimal number(YMap map, String key, String path, BigDecimal dflt) {
        YNode n = map.entries().get(key);
        if (n == null) {
            if (dflt == null) {
                error(map.at(), "the range needs '" + key + "'");
            }
            return dflt;
        }
        if (n instanceof YScalar s && s.number()) {
            try {
                return new BigDecimal(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        error(n.at(), "'" + key + "' must be a decimal number");
        return null;
    }

    /** The YAML text of a value as a {@code --set} override value: scalars as written, collections in flow style. */
    private static String value(YNode node) {
        if (node instanceof YScalar s) {
            return s.string() ? SweepRun.quote(s.text()) : s.text();
        }
        StringBuilder sb = new StringBuilder();
        if (node instanceof YList l) {
            sb.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(value(l.items().get(i)));
            }
            return sb.append(']').toString();
        }
        YMap m = (YMap) node;
        sb.append('{');
        int i = 0;
        for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
            sb.append(i++ > 0 ? ", " : "").append(e.getKey()).append(": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private String string(YMap map, String key, String dflt) {
        YNode n = map.entries().get(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof YScalar s && !s.text().isBlank()) {
            return s.text();
        }
        error(n.at(), "'" + key + "' must be a non-empty string");
        return dflt;
    }

    private static Location at(YMap map, String key) {
        YNode n = map.entries().get(key);
        return n == null ? map.at() : n.at();
    }

    // ------------------------------------------------------------------ YAML to tree

    private YNode tree(String text) throws ConfigException {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigException(Location.of(source), "the sweep file is empty; it needs 'base' and"
                        + " 'axes' or 'runs'");
            }
            YNode root = node(p, t, "");
            if (p.nextToken() != null) {
                error(loc(p, ""), "more than one YAML document ('---'); a sweep file is a single document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 0 : Math.max(0, l.getLineNr());
            int col = l == null ? 0 : Math.max(0, l.getColumnNr());
            String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().split("\n")[0];
            throw new ConfigException(new Location(source, line > 0 && col > 0 ? line : 0,
                    line > 0 && col > 0 ? col : 0, ""), "syntax error: " + msg
                    + "; check indentation (spaces, not tabs), quoting and brackets" + (msg.contains("flow")
                    ? " (inside {...} or [...], quote key paths with an index: {'inputs[0].amplitude_pA': 40})" : ""));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(Location.of(source), "could not parse: " + e.getMessage());
        }
    }

    private YNode node(JsonParser p, JsonToken t, String path) throws IOException {
        Location at = loc(p, path);
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
                Map<String, Location> keyAt = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    Location ka = loc(p, child);
                    YNode v = node(p, p.nextToken(), child);
                    if (entries.containsKey(key)) {
                        error(ka, "duplicate key '" + key + "' (first at line " + keyAt.get(key).line() + "); keep one");
                    } else {
                        entries.put(key, v);
                        keyAt.put(key, ka);
                    }
                }
                return new YMap(at, entries, keyAt);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(node(p, i, path + "[" + items.size() + "]"));
                }
                return new YList(at, items);
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YScalar(at, p.getText(), false, true);
            case VALUE_TRUE:
            case VALUE_FALSE:
            case VALUE_NULL:
                return new YScalar(at, p.getText(), false, false);
            case VALUE_STRING:
                return new YScalar(at, p.getText(), true, false);
            default:
                error(at, "unsupported YAML construct (" + t + ")");
                return new YScalar(at, "", false, false);
        }
    }

    private Location loc(JsonParser p, String path) {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        return line > 0 && col > 0 ? new Location(source, line, col, path) : new Location(source, 0, 0, path);
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
