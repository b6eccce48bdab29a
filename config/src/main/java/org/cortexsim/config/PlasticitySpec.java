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
 * <p>The config layer checks the rule and its parameters against the
 * {@link org.cortexsim.network.plasticity.PlasticityRules} registry when it reads them (unknown
 * rule or parameter with a did-you-mean hint, ranges, allowed words, required parameters, the
 * rule's own consistency check), with positions; the network builder checks them again and
 * checks the initial weights against the rule's bounds. Invariants: {@code rule} is a registered
 * rule's name; numbers are finite; both maps keep source order and are unmodifiable.
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
