package org.cortexsim.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.cortexsim.config.JsonFiles;
import org.cortexsim.config.ProjectionSpec;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.network.Projection;
import org.cortexsim.results.EdgeData;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.TargetExistsException;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.SonataCircuitFiles;

/**
 * Writes a built network, before it runs, as a SONATA circuit directory ({@code output.circuit}),
 * in the layout bmtk's {@code NetworkBuilder} produces and libsonata's {@code CircuitConfig}
 * reads:
 *
 * <ul>
 *   <li>{@value SonataCircuitFiles#CIRCUIT_CONFIG}: the circuit config, with {@code manifest},
 *       {@code components} and {@code networks} (one nodes entry, one edges entry, each listing its
 *       populations in config order);
 *   <li>{@value SonataCircuitFiles#NODES} and {@value SonataCircuitFiles#NODE_TYPES}: one node
 *       population per population, of one node type ({@code 100 + index}) with {@code model_type
 *       point_neuron}, {@code model_template cortexsim:<model>} and {@code dynamics_params
 *       <population>.json} (the population's shared parameters, in the components directory
 *       {@code point_neuron_models}); group {@code 0} holds {@code v_init} (mV) and {@code u_init}
 *       (pA) of every node and each parameter that varies per node; a spike source is a node
 *       population of {@code model_type virtual} (bmtk's input nodes) without parameters, whose
 *       spikes the config that runs the circuit gives; its group {@code 0} holds only {@value
 *       SonataCircuitFiles#SPIKE_SOURCE_FLAG} (1 for every node), since libsonata opens the group
 *       and jHDF cannot write an empty one;
 *   <li>{@value SonataCircuitFiles#EDGES} and {@value SonataCircuitFiles#EDGE_TYPES}: one edge
 *       population per projection with at least one synapse, of one edge type ({@code 100 +
 *       index}) whose {@code model_template} is the synapse model and whose {@code dynamics_params}
 *       ({@code <projection>.json} in {@code synaptic_models}, or {@code NULL}) holds the synapse
 *       parameters exactly as the config gave them; group {@code 0} holds {@code syn_weight} (in
 *       the model's weight unit) and {@code delay} (ms, whole steps times dt) of every synapse, in
 *       the engine's storage order, with the afferent/efferent indices.
 * </ul>
 *
 * <p>Read back with {@code network: {sonata: <dir>/circuit_config.json}} the circuit reproduces
 * the network exactly (same parameters, initial state, synapses, weights, delay steps, synapse
 * parameters and order of projections), so a run with the same inputs gives identical spikes.
 *
 * <p>The directory is written as a temporary directory beside it and renamed when complete; an
 * existing directory is only replaced with overwrite. Stateless.
 */
final class CircuitWriter {
    /** First node and edge type id, as in bmtk's builder. */
    static final int FIRST_TYPE_ID = 100;

    private CircuitWriter() {
    }

    /** Refuses an existing circuit directory unless overwriting (before anything is built). */
    static void refuseExisting(Path dir, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new TargetExistsException(dir.toAbsolutePath().normalize());
        }
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(parent), null,
                    "the directory for output.circuit does not exist (create it first)");
        }
    }

    /**
     * Writes the circuit of {@code built} (which must not have run yet: the initial v and u are
     * read from its state arrays) to the directory {@code dir}.
     *
     * @return the circuit config file
     */
    static Path write(BuiltSimulation built, Path dir, boolean overwrite) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        refuseExisting(target, overwrite);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + random() + ".tmp");
        Files.createDirectory(tmp);
        try {
            writeInto(built, tmp);
            publish(tmp, target, overwrite);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        return target.resolve(SonataCircuitFiles.CIRCUIT_CONFIG);
    }

    private static void writeInto(BuiltSimulation built, Path dir) throws IOException {
        Neurons neurons = built.simulation().neurons();
        TimeGrid grid = built.simulation().grid();
        Path neuronModels = dir.resolve(SonataCircuitFiles.POINT_NEURON_MODELS);
        Path synapseModels = dir.resolve(SonataCircuitFiles.SYNAPTIC_MODELS);
        Files.createDirectories(neuronModels);
        Files.createDirectories(synapseModels);

        StringBuilder nodeTypes = new StringBuilder("node_type_id population model_type model_template"
                + " dynamics_params pop_name\n");
        Map<String, Object> nodePopulations = new LinkedHashMap<>();
        try (SonataWriter w = SonataWriter.create(dir.resolve(SonataCircuitFiles.NODES), false)) {
            w.rootAttribute("simulator", "cortexsim");
            w.rootAttribute("simulator_version", Version.get());
            List<Population> populations = neurons.populations();
            for (int k = 0; k < populations.size(); k++) {
                Population p = populations.get(k);
                int typeId = FIRST_TYPE_ID + k;
                if (p.isSpikeSource()) {
                    // bmtk's input nodes: no dynamics, spikes given by whoever runs the circuit; group 0 holds
                    // one flag column, as libsonata needs the group and jHDF cannot write it empty
                    double[] flag = new double[p.size()];
                    java.util.Arrays.fill(flag, 1.0);
                    w.nodes(p.name(), p.size(), typeId, Map.of(SonataCircuitFiles.SPIKE_SOURCE_FLAG, flag), Map.of());
                    nodeTypes.append(typeId).append(' ').append(p.name()).append(' ')
                            .append(SonataCircuitFiles.VIRTUAL).append(" NULL NULL ").append(p.name()).append('\n');
                    nodePopulations.put(p.name(), Map.of("type", SonataCircuitFiles.VIRTUAL));
                    continue;
                }
                Map<String, Object> shared = new LinkedHashMap<>();
                Map<String, double[]> perNode = new LinkedHashMap<>();
                Map<String, String> units = new LinkedHashMap<>();
                perNode.put(SonataCircuitFiles.V_INIT, java.util.Arrays.copyOfRange(neurons.v, p.offset(), p.end()));
                units.put(SonataCircuitFiles.V_INIT, "mV");
                perNode.put(SonataCircuitFiles.U_INIT, java.util.Arrays.copyOfRange(neurons.u, p.offset(), p.end()));
                units.put(SonataCircuitFiles.U_INIT, "pA");
                for (Parameter param : Parameter.values()) {
                    shared.put(param.key(), p.parameters().get(param));
                    if (p.isHeterogeneous()) {
                        double[] column = new double[p.size()];
                        boolean varies = false;
                        for (int i = 0; i < column.length; i++) {
                            column[i] = p.parameter(param, i);
                            varies |= Double.doubleToLongBits(column[i])
                                    != Double.doubleToLongBits(p.parameters().get(param));
                        }
                        if (varies) {
                            perNode.put(param.key(), column);
                            units.put(param.key(), param.unit());
                        }
                    }
                }
                w.nodes(p.name(), p.size(), typeId, perNode, units);
                String params = p.name() + ".json";
                JsonFiles.write(neuronModels.resolve(params), shared);
                nodeTypes.append(typeId).append(' ').append(p.name()).append(" point_neuron cortexsim:")
                        .append(p.model()).append(' ').append(params).append(' ').append(p.name()).append('\n');
                nodePopulations.put(p.name(), Map.of("type", "point_neuron"));
            }
            w.commit();
        }
        Files.writeString(dir.resolve(SonataCircuitFiles.NODE_TYPES), nodeTypes, StandardCharsets.US_ASCII);

        StringBuilder edgeTypes = new StringBuilder("edge_type_id population model_template dynamics_params\n");
        Map<String, Object> edgePopulations = new LinkedHashMap<>();
        List<Projection> projections = built.simulation().projections();
        boolean anyEdges = false;
        try (SonataWriter w = SonataWriter.create(dir.resolve(SonataCircuitFiles.EDGES), false)) {
            w.rootAttribute("simulator", "cortexsim");
            w.rootAttribute("simulator_version", Version.get());
            for (int k = 0; k < projections.size(); k++) {
                Projection pr = projections.get(k);
                if (pr.synapseCount() == 0) {
                    continue;
                }
                anyEdges = true;
                int typeId = FIRST_TYPE_ID + k;
                EdgeTable e = EdgeTable.of(pr, grid);
                w.edges(new EdgeData(pr.name(), pr.pre().name(), pr.post().name(), e.source(), e.target(), e.weight(),
                        e.delayMs()), pr.pre().size(), pr.post().size(), typeId);
                w.attribute("/edges/" + pr.name() + "/0/syn_weight", "units", pr.channel().model().weightUnit());
                Map<String, Double> params = synapseParameters(built, pr);
                String paramsFile = "NULL";
                if (!params.isEmpty()) {
                    paramsFile = pr.name() + ".json";
                    JsonFiles.write(synapseModels.resolve(paramsFile), params);
                }
                edgeTypes.append(typeId).append(' ').append(pr.name()).append(' ')
                        .append(pr.channel().model().name()).append(' ').append(paramsFile).append('\n');
                edgePopulations.put(pr.name(), Map.of("type", "chemical"));
            }
            if (anyEdges) {
                w.commit();
            }
        }
        if (anyEdges) {
            Files.writeString(dir.resolve(SonataCircuitFiles.EDGE_TYPES), edgeTypes, StandardCharsets.US_ASCII);
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("manifest", Map.of("$BASE_DIR", "."));
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("point_neuron_models_dir", "$BASE_DIR/" + SonataCircuitFiles.POINT_NEURON_MODELS);
        components.put("synaptic_models_dir", "$BASE_DIR/" + SonataCircuitFiles.SYNAPTIC_MODELS);
        config.put("components", components);
        Map<String, Object> nodesEntry = new LinkedHashMap<>();
        nodesEntry.put("nodes_file", "$BASE_DIR/" + SonataCircuitFiles.NODES);
        nodesEntry.put("node_types_file", "$BASE_DIR/" + SonataCircuitFiles.NODE_TYPES);
        nodesEntry.put("populations", nodePopulations);
        Map<String, Object> networks = new LinkedHashMap<>();
        networks.put("nodes", List.of(nodesEntry));
        if (anyEdges) {
            Map<String, Object> edgesEntry = new LinkedHashMap<>();
            edgesEntry.put("edges_file", "$BASE_DIR/" + SonataCircuitFiles.EDGES);
            edgesEntry.put("edge_types_file", "$BASE_DIR/" + SonataCircuitFiles.EDGE_TYPES);
            edgesEntry.put("populations", edgePopulations);
            networks.put("edges", List.of(edgesEntry));
        } else {
            networks.put("edges", List.of());
        }
        config.put("networks", networks);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("simulator_version", Version.get());
        provenance.put("config_source", built.config().sourceName());
        provenance.put("dt_ms", grid.dtMs());
        config.put("cortexsim", provenance);
        JsonFiles.write(dir.resolve(SonataCircuitFiles.CIRCUIT_CONFIG), config);
    }

    /** The synapse parameters of a projection exactly as its config entry gave them. */
    private static Map<String, Double> synapseParameters(BuiltSimulation built, Projection pr) {
        for (ProjectionSpec spec : built.config().projections()) {
            if (spec.name().equals(pr.name())) {
                return spec.synapse().params();
            }
        }
        return pr.channel().parameters();
    }

    /**
     * One projection's synapses as SONATA edge columns, in the engine's storage order (by
     * source): the weights as they stand, and for a plastic projection whose initial weights were
     * kept, those too ({@code weightInitial}, else null).
     */
    record EdgeTable(long[] source, long[] target, double[] weight, double[] delayMs, double[] weightInitial) {
        static EdgeTable of(Projection pr, TimeGrid grid) {
            return of(pr, grid, null);
        }

        static EdgeTable of(Projection pr, TimeGrid grid, double[] weightInitial) {
            int n = pr.synapseCount();
            long[] src = new long[n];
            long[] tgt = new long[n];
            double[] weight = new double[n];
            double[] delay = new double[n];
            var m = pr.weights();
            for (int j = 0; j < m.numCols; j++) {
                for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                    src[k] = j;
                    tgt[k] = m.nz_rows[k];
                    weight[k] = m.nz_values[k];
                    delay[k] = grid.timeOf(pr.delaySteps(k));
                }
            }
            if (weightInitial != null && weightInitial.length != n) {
                throw new IllegalArgumentException(weightInitial.length + " initial weights for " + n + " synapses");
            }
            return new EdgeTable(src, tgt, weight, delay, weightInitial);
        }
    }

    private static void publish(Path tmp, Path target, boolean overwrite) throws IOException {
        Path old = null;
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) {
                throw new TargetExistsException(target);
            }
            old = target.resolveSibling("." + target.getFileName() + "." + random() + ".old");
            Files.move(target, old);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new TargetExistsException(target);
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static String random() {
        byte[] r = new byte[8];
        ThreadLocalRandom.current().nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
