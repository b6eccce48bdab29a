package org.cortexsim.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a SONATA circuit ({@code circuit_config.json} with its nodes, edges and types files) into
 * the populations and projections of a config: the service behind {@code network: {sonata: ...}}
 * and {@code from_sonata}. The config layer has no HDF5 reader, so an implementation is found with
 * {@link java.util.ServiceLoader} (the run module provides one); without one, configs using SONATA
 * circuits are rejected with a message saying so.
 *
 * <p>An implementation returns populations with their sizes, models, parameters and initial state
 * ({@link ValueSpec.Constant} where all nodes agree, {@link ValueSpec.Given} where they differ) and
 * {@link PopulationSpec#sonata()} set, and projections whose rule is {@link
 * RuleSpec.SonataCircuitEdges}, without weight or delay specs (they come from the files), and the
 * virtual node populations the projections may start from. Errors
 * are {@link ConfigException}s at {@code location}, naming the file and what to fix.
 */
public interface SonataCircuitReader {

    /**
     * The populations and projections of a circuit, in circuit order, and its virtual node
     * populations: nodes of {@code model_type virtual} (bmtk's inputs, such as an LGN population
     * whose spikes come from a spike file), which the circuit's edges may start from and which the
     * config must define as {@code spike_source} populations of the same name and size.
     */
    record Network(List<PopulationSpec> populations, List<ProjectionSpec> projections,
            List<VirtualPopulation> virtualPopulations) {
        public Network {
            populations = List.copyOf(populations);
            projections = List.copyOf(projections);
            virtualPopulations = List.copyOf(virtualPopulations);
        }

        /** A circuit without virtual nodes. */
        public Network(List<PopulationSpec> populations, List<ProjectionSpec> projections) {
            this(populations, projections, List.of());
        }
    }

    /**
     * A virtual node population of a circuit: its cortexsim name, its name and file in the circuit,
     * its number of nodes (node ids 0..size-1), its place among the circuit's populations (virtual
     * ones included: the config's spike source takes that place, so a written circuit keeps the
     * network's order of populations) and where the config reads the circuit.
     */
    record VirtualPopulation(String name, String sonataPopulation, Path nodesFile, int size, int position,
            Location location) {
    }

    /**
     * Reads the circuit whose circuit config is {@code circuitConfig} (absolute).
     *
     * @throws ConfigException if a file is missing or unreadable, or the circuit uses something
     *     cortexsim cannot simulate
     */
    Network read(Path circuitConfig, Location location) throws ConfigException;

    /** The implementation on the class path, or null. */
    static SonataCircuitReader find() {
        for (SonataCircuitReader r : java.util.ServiceLoader.load(SonataCircuitReader.class,
                Objects.requireNonNullElse(SonataCircuitReader.class.getClassLoader(),
                        ClassLoader.getSystemClassLoader()))) {
            return r;
        }
        return null;
    }
}
