package org.cortexsim.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a run's results depend on in its config: the effective config (the file with every
 * override applied) as canonical {@code key.path = value} lines, and their SHA-256. A checkpoint
 * records it; a run resumed from that checkpoint must have the same.
 *
 * <p>Canonical: mapping keys in sorted order, list items in their order ({@code populations[0]}),
 * numbers as plain decimals without trailing zeros (so {@code 1000} and {@code 1000.0} are one
 * value), strings quoted. Left out, because they change how a run is executed or written but not
 * its results: {@value #THREADS}, {@value #CHECKPOINT}, {@value #BUDGET} and the {@value #OUTPUT}
 * section. Comments, layout and key order in the file do not count either, nor the order of the
 * indices in an input's {@code neurons} list (they are listed in increasing order).
 */
public record ConfigIdentity(List<String> lines, String sha256) {
    static final String THREADS = "simulation.threads";
    static final String CHECKPOINT = "simulation.checkpoint";
    static final String BUDGET = "record.memory_budget_MB";
    static final String OUTPUT = "output";
    private static final Set<String> LEFT_OUT = Set.of(THREADS, CHECKPOINT, BUDGET, OUTPUT);
    private static final Pattern INPUT_NEURONS = Pattern.compile("inputs\\[\\d+\\]\\.neurons");

    public ConfigIdentity {
        lines = List.copyOf(lines);
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The identity of the effective config tree {@code root}. */
    static ConfigIdentity of(Node root) {
        List<String> lines = new ArrayList<>();
        flatten(root, "", lines);
        return of(lines);
    }

    /** The identity with these canonical lines (as read back from a checkpoint). */
    public static ConfigIdentity of(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return new ConfigIdentity(lines, HexFormat.of().formatHex(md.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void flatten(Node node, String path, List<String> out) {
        if (LEFT_OUT.contains(path)) {
            return;
        }
        if (node instanceof Node.MapNode map) {
            List<String> keys = map.entries().stream().map(Node.MapNode.Entry::key).sorted().toList();
            if (keys.isEmpty()) {
                out.add(path + " = {}");
            }
            for (String key : keys) {
                flatten(map.get(key).value(), path.isEmpty() ? key : path + "." + key, out);
            }
        } else if (node instanceof Node.ListNode list) {
            if (list.elements().isEmpty()) {
                out.add(path + " = []");
            }
            List<Node> elements = INPUT_NEURONS.matcher(path).matches() ? byValue(list.elements()) : list.elements();
            for (int i = 0; i < elements.size(); i++) {
                flatten(elements.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path + " = " + scalar((Node.Scalar) node));
        }
    }

    /**
     * An input's {@code neurons} list in increasing order when it holds only integers: the order
     * of its indices does not change what any neuron receives (a selected neuron gets what it
     * gets when the input drives the whole population), so it does not change the results.
     */
    private static List<Node> byValue(List<Node> elements) {
        for (Node e : elements) {
            if (!(e instanceof Node.Scalar s) || s.kind() != Node.Kind.INTEGER) {
                return elements;
            }
        }
        return elements.stream().sorted(Comparator.comparing(e -> (BigInteger) ((Node.Scalar) e).value())).toList();
    }

    private static String scalar(Node.Scalar s) {
        return switch (s.kind()) {
            case NULL -> "null";
            case BOOLEAN -> String.valueOf(s.value());
            case INTEGER -> ((BigInteger) s.value()).toString();
            case FLOAT -> {
                double d = (Double) s.value();
                yield Double.isFinite(d) ? plain(new BigDecimal(Double.toString(d))) : Double.toString(d);
            }
            case STRING -> '"' + ((String) s.value()).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n") + '"';
        };
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * How {@code earlier} (the identity a checkpoint was written for) differs from this one, one
     * phrase per key that differs ({@code simulation.seed is 2 here, 1 in the checkpoint}), at most
     * {@code max} of them; empty when the lines are equal.
     */
    public List<String> differencesFrom(ConfigIdentity earlier, int max) {
        return differencesFrom(earlier, max, "the checkpoint's config");
    }

    /**
     * As {@link #differencesFrom(ConfigIdentity, int)}, naming the earlier config {@code
     * earlierName} ({@code simulation.seed is 2 here, 1 in EARLIER_NAME}).
     */
    public List<String> differencesFrom(ConfigIdentity earlier, int max, String earlierName) {
        Map<String, String> now = values(lines);
        Map<String, String> then = values(earlier.lines);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = then.get(e.getKey());
            if (before == null) {
                out.add(e.getKey() + " is " + e.getValue() + " here, absent in " + earlierName);
            } else if (!before.equals(e.getValue())) {
                out.add(e.getKey() + " is " + e.getValue() + " here, " + before + " in " + earlierName);
            }
        }
        for (Map.Entry<String, String> e : then.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                out.add(e.getKey() + " is absent here, " + e.getValue() + " in " + earlierName);
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static Map<String, String> values(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf(" = ");
            out.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 3));
        }
        return out;
    }
}
