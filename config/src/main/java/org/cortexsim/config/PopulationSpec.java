package org.cortexsim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;

/**
 * One entry of {@code populations}: {@code size} Izhikevich neurons built from the {@link Preset}
 * {@code model} with some preset parameters overridden per neuron by value-specs. Parameter keys,
 * units and meanings are core's {@link Parameter} table.
 *
 * <p>Invariants: {@code name} is an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}); {@code model} is
 * the canonical spelling of a known preset; {@code size >= 1}; {@code params} keys are
 * {@link Parameter#key()}s, in source order, unmodifiable.
 */
public record PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
        InitialStateSpec initial, Location location) {

    public PopulationSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        if (!ConfigMapper.isIdentifier(name)) {
            throw new IllegalArgumentException("not an identifier: " + name);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        for (String p : params.keySet()) {
            if (Parameter.byKey(p) == null) {
                throw new IllegalArgumentException("unknown parameter " + p);
            }
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(location, "location");
    }
}
