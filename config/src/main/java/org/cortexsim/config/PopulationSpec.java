package org.cortexsim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code populations}: {@code size} Izhikevich neurons built from the preset
 * {@code model} (e.g. RS, FS) with some preset parameters overridden per neuron by value-specs;
 * or, with {@code model: spike_source} ({@link #SPIKE_SOURCE}), {@code size} neurons without
 * dynamics that spike at the given {@code spikeTimes}.
 *
 * <p>Parameter names and units (the 2007 Izhikevich form): {@code C} pF, {@code k} pA/mV^2 (nS/mV),
 * {@code vr}, {@code vt}, {@code vpeak}, {@code c}, {@code vb} mV, {@code a} 1/ms, {@code b} nS (or
 * nS/mV^2 for the cubic FS form), {@code d} pA.
 *
 * <p>Invariants: {@code name} is an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}); {@code model} is
 * the canonical spelling of a known preset, or {@link #SPIKE_SOURCE} exactly when
 * {@code spikeTimes} is present (a spike source has no params and default initial state);
 * {@code size >= 1}; {@code params} keys are in {@link #PARAMETER_NAMES}, in source order,
 * unmodifiable.
 */
public record PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
        InitialStateSpec initial, Location location, Optional<SpikeTimesSpec> spikeTimes) {

    /** The model name of a spike source population. */
    public static final String SPIKE_SOURCE = "spike_source";

    /** A population of model neurons (no given spike times). */
    public PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
            InitialStateSpec initial, Location location) {
        this(name, model, size, params, initial, location, Optional.empty());
    }

    /** Names of the neuron parameters a config may override. */
    public static final Set<String> PARAMETER_NAMES = Set.of("C", "k", "vr", "vt", "vpeak", "a", "b", "c", "d", "vb");

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
            if (!PARAMETER_NAMES.contains(p)) {
                throw new IllegalArgumentException("unknown parameter " + p);
            }
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(spikeTimes, "spikeTimes");
        if (spikeTimes.isPresent() != SPIKE_SOURCE.equals(model)) {
            throw new IllegalArgumentException("spike times go with model " + SPIKE_SOURCE + " and only with it");
        }
    }

    /** Whether this is a spike source population. */
    public boolean isSpikeSource() {
        return spikeTimes.isPresent();
    }
}
