package org.cortexsim.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a sweep: its position in the expanded sweep ({@code index}, 0-based, stable for a
 * given sweep file), the parameter values it sets (key path as in {@code --set} to the value's
 * YAML text, in axis order), its seed and the main output file it writes.
 *
 * <p>Invariants: {@code index >= 0}; the parameter map is unmodifiable and never contains
 * {@code simulation.seed} (the seed is its own component); {@code output} is absolute.
 */
public record SweepRun(int index, Map<String, String> parameters, long seed, boolean seedFromAxis, Path output) {

    public SweepRun {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(output, "output");
        if (!output.isAbsolute()) {
            throw new IllegalArgumentException("output must be absolute, got " + output);
        }
        if (parameters.containsKey("simulation.seed")) {
            throw new IllegalArgumentException("the seed is not a parameter");
        }
    }

    /**
     * The {@code key.path=value} overrides that turn the base config into this run's config,
     * without output and threads (which depend on where the run executes).
     */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        if (seedFromAxis) {
            out.add("simulation.seed=" + seed);
        }
        return out;
    }

    /** The overrides for running here: {@link #overrides()} plus threads, output path and overwrite. */
    public List<String> overrides(int threads, Path outputFile) {
        List<String> out = overrides();
        out.add("simulation.threads=" + threads);
        out.add("output.path=" + quote(outputFile.toString()));
        out.add("output.overwrite=true");
        return out;
    }

    /** A YAML single-quoted scalar. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code key=value} pairs and the seed, for listings and progress lines. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append(' ');
        }
        return sb.append("seed=").append(seed).toString();
    }

    /** {@code key=value} pairs, with the seed only when it is swept. */
    String describeParameters() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sb.length() > 0 ? " " : "").append(e.getKey()).append('=').append(e.getValue());
        }
        if (seedFromAxis) {
            sb.append(sb.length() > 0 ? " " : "").append("seed=").append(seed);
        }
        return sb.toString();
    }
}
