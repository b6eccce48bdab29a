package org.cortexsim.network.plasticity;

import java.util.Map;

/**
 * The complete, validated parameters of one plasticity rule on one projection: numbers by
 * name (with units in the names, e.g. {@code tau_plus_ms}) and choices by name. Built by
 * {@link PlasticityRules#resolve}; immutable.
 */
public record RuleParameters(Map<String, Double> values, Map<String, String> choices) {
    public RuleParameters {
        values = Map.copyOf(values);
        choices = Map.copyOf(choices);
    }

    /** The number {@code name}. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; have " + values.keySet());
        }
        return v;
    }

    /** The choice {@code name}. */
    public String choice(String name) {
        String c = choices.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no choice '" + name + "'; have " + choices.keySet());
        }
        return c;
    }
}
