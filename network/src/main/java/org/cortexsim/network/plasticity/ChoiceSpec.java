package org.cortexsim.network.plasticity;

import java.util.List;

/**
 * A parameter of a plasticity rule whose value is one word out of a fixed list (e.g.
 * {@code weight_dependence: additive | multiplicative}), with its default.
 */
public record ChoiceSpec(String name, List<String> allowed, String defaultValue, String meaning) {
    public ChoiceSpec {
        allowed = List.copyOf(allowed);
        if (!allowed.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of " + name + " is not in " + allowed);
        }
    }
}
