package org.cortexsim.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A synapse model by its registered name (see {@link org.cortexsim.network.synapse.SynapseModels})
 * with the parameters given for it (by name; those missing take the model's defaults when the
 * network is built). Invariant: the name is non-null and the parameters are an unmodifiable copy in the order given.
 */
public record SynapseType(String model, Map<String, Double> parameters) {
    /** The delta synapse: the weight (pA) is added to the target's input current for one step. */
    public static final SynapseType DELTA = new SynapseType("delta", Map.of());

    public SynapseType {
        Objects.requireNonNull(model, "model");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Model {@code model} with its default parameters. */
    public static SynapseType of(String model) {
        return new SynapseType(model, Map.of());
    }
}
