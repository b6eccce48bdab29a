package org.cortexsim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A synapse model by name (e.g. {@code delta}, {@code exp_current}) and its parameters as a free
 * map of numbers with units in the names (e.g. {@code tau_ms: 5}, {@code E_rev_mV: 0}).
 *
 * <p>The config layer checked the model name, the parameter names and their ranges against the
 * synapse model registry ({@link org.cortexsim.network.synapse.SynapseModels}) when it mapped the
 * file; {@code params} holds the parameters as given (the registry fills in defaults when the
 * network is built). Invariants: {@code model} is non-blank; parameter values are finite;
 * {@code params} keeps source order and is unmodifiable.
 */
public record SynapseSpec(String model, Map<String, Double> params, Location location) {

    /** Name of the default model, used when a config gives no {@code synapse}: the registry's default. */
    public static final String DEFAULT_MODEL = org.cortexsim.network.synapse.SynapseModels.DEFAULT_MODEL;

    public SynapseSpec {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        for (Map.Entry<String, Double> e : params.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " must be finite");
            }
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(location, "location");
    }

    /** The default synapse ({@value #DEFAULT_MODEL}, no parameters) reported at {@code location}. */
    public static SynapseSpec defaultAt(Location location) {
        return new SynapseSpec(DEFAULT_MODEL, Map.of(), location);
    }
}
