package org.cortexsim.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;

/**
 * One entry of {@code populations}: {@code size} Izhikevich neurons built from the {@link Preset}
 * {@code model} with some preset parameters overridden per neuron by value-specs; or, with
 * {@code model: spike_source} ({@link #SPIKE_SOURCE}), {@code size} neurons without dynamics that
 * spike at the given {@code spikeTimes}. Parameter keys, units and meanings are core's
 * {@link Parameter} table.
 *
 * <p>Invariants: {@code name} is an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}); {@code model} is
 * the canonical spelling of a known preset, or {@link #SPIKE_SOURCE} exactly when
 * {@code spikeTimes} is present (a spike source has no params and default initial state);
 * {@code size >= 1}; {@code params} keys are {@link Parameter#key()}s, in source order,
 * unmodifiable; {@code sonata} is present for a population read from a SONATA circuit (never a
 * spike source).
 */
public record PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
        InitialStateSpec initial, Location location, Optional<SonataNodes> sonata,
        Optional<SpikeTimesSpec> spikeTimes) {

    /** The model name of a spike source population (core's {@link org.cortexsim.core.Population#SPIKE_SOURCE}). */
    public static final String SPIKE_SOURCE = org.cortexsim.core.Population.SPIKE_SOURCE;

    /**
     * Where a population read from a SONATA circuit comes from: node population {@code
     * population} of {@code nodesFile}, local node {@code i} being SONATA node {@code nodeIds[i]}
     * (increasing). Arrays are copied in and out.
     */
    public record SonataNodes(Path nodesFile, String population, long[] nodeIds) {
        public SonataNodes {
            Objects.requireNonNull(nodesFile, "nodesFile");
            Objects.requireNonNull(population, "population");
            nodeIds = nodeIds.clone();
        }

        @Override
        public long[] nodeIds() {
            return nodeIds.clone();
        }

        /** Whether local ids equal SONATA node ids ({@code nodeIds} is {@code 0..n-1}). */
        public boolean identity() {
            for (int i = 0; i < nodeIds.length; i++) {
                if (nodeIds[i] != i) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SonataNodes s && nodesFile.equals(s.nodesFile) && population.equals(s.population)
                    && java.util.Arrays.equals(nodeIds, s.nodeIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(nodesFile, population, java.util.Arrays.hashCode(nodeIds));
        }
    }

    /** A population of model neurons defined in the config itself. */
    public PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
            InitialStateSpec initial, Location location) {
        this(name, model, size, params, initial, location, Optional.empty(), Optional.empty());
    }

    /** A population of model neurons read from a SONATA circuit ({@code sonata}), or defined in the config (empty). */
    public PopulationSpec(String name, String model, int size, Map<String, ValueSpec> params,
            InitialStateSpec initial, Location location, Optional<SonataNodes> sonata) {
        this(name, model, size, params, initial, location, sonata, Optional.empty());
    }

    /** A spike source population of {@code size} neurons that spike at {@code spikeTimes}. */
    public static PopulationSpec spikeSource(String name, int size, SpikeTimesSpec spikeTimes, Location location) {
        return new PopulationSpec(name, SPIKE_SOURCE, size, Map.of(), InitialStateSpec.DEFAULTS, location,
                Optional.empty(), Optional.of(spikeTimes));
    }

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
        Objects.requireNonNull(sonata, "sonata");
        Objects.requireNonNull(spikeTimes, "spikeTimes");
        if (spikeTimes.isPresent() != SPIKE_SOURCE.equals(model)) {
            throw new IllegalArgumentException("spike times go with model " + SPIKE_SOURCE + " and only with it");
        }
        if (spikeTimes.isPresent() && sonata.isPresent()) {
            throw new IllegalArgumentException("a spike source is not read from a SONATA circuit");
        }
    }

    /** Whether this is a spike source population. */
    public boolean isSpikeSource() {
        return spikeTimes.isPresent();
    }
}
