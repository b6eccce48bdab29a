package org.cortexsim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code plasticity} of a projection: a rule by name (e.g. {@code stdp},
 * {@code tsodyks_markram}) and its parameters, numbers (units in the names, e.g.
 * {@code tau_plus_ms: 20}) and words (e.g. {@code weight_dependence: multiplicative}).
 *
 * <p>The rule name and the parameter names are not checked here: they are validated against the
 * plasticity registry when the network is built (and by {@code validate}), which reports problems
 * at {@link #location()}. Invariants: {@code rule} is non-blank; numbers are finite; both maps
 * keep source order and are unmodifiable.
 */
public record PlasticitySpec(String rule, Map<String, Double> numbers, Map<String, String> words,
        Location location) {

    public PlasticitySpec {
        Objects.requireNonNull(rule, "rule");
        if (rule.isBlank()) {
            throw new IllegalArgumentException("rule must not be blank");
        }
        for (Map.Entry<String, Double> e : numbers.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " must be finite");
            }
        }
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        words = Collections.unmodifiableMap(new LinkedHashMap<>(words));
        Objects.requireNonNull(location, "location");
    }
}
