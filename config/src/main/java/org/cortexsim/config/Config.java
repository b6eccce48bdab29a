package org.cortexsim.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, validated simulation configuration, as produced by {@link ConfigLoader}.
 *
 * <p>Owns the parsed sections plus provenance: {@code sourceText} is the configuration text
 * exactly as read (before overrides), {@code sourceName} the file name it came from, and
 * {@code overrides} the {@code key.path=value} overrides applied on top, in order; together they
 * reproduce the run's configuration. {@code identity} is what the run's results depend on (the
 * effective config, canonical, without execution settings such as threads and output), which a
 * checkpoint records and a resumed run must match.
 *
 * <p>Invariants: population names are unique and every population reference (inputs,
 * projections, record) names one of them; projection names are unique; lists are unmodifiable.
 */
public record Config(SimulationSpec simulation, List<PopulationSpec> populations, List<InputSpec> inputs,
        List<ProjectionSpec> projections, RecordSpec record, OutputSpec output, String sourceText,
        String sourceName, List<String> overrides, ConfigIdentity identity) {

    public Config {
        Objects.requireNonNull(simulation, "simulation");
        populations = List.copyOf(populations);
        inputs = List.copyOf(inputs);
        projections = List.copyOf(projections);
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(sourceName, "sourceName");
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(identity, "identity");
        if (populations.stream().map(PopulationSpec::name).distinct().count() != populations.size()) {
            throw new IllegalArgumentException("population names must be unique");
        }
    }

    /** The population called {@code name}, if any. */
    public Optional<PopulationSpec> population(String name) {
        return populations.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
