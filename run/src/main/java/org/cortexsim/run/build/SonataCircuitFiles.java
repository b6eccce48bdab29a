package org.cortexsim.run.build;

/**
 * Names shared by the SONATA circuits cortexsim writes ({@code output.circuit}) and reads
 * ({@code network: {sonata: ...}}, {@code from_sonata}): the files of a circuit directory, the
 * node attributes holding the initial state, and the {@code model_template} schema of cortexsim's
 * neuron models. Constants only.
 */
public final class SonataCircuitFiles {
    /** The circuit config in a circuit directory. */
    public static final String CIRCUIT_CONFIG = "circuit_config.json";
    /** The nodes file: one node population per population. */
    public static final String NODES = "nodes.h5";
    /** The node types table. */
    public static final String NODE_TYPES = "node_types.csv";
    /** The edges file: one edge population per projection with synapses. */
    public static final String EDGES = "edges.h5";
    /** The edge types table. */
    public static final String EDGE_TYPES = "edge_types.csv";
    /** Components directory of the node types' {@code dynamics_params} files. */
    public static final String POINT_NEURON_MODELS = "point_neuron_models";
    /** Components directory of the edge types' {@code dynamics_params} files. */
    public static final String SYNAPTIC_MODELS = "synaptic_models";
    /** Node attribute: initial membrane potential, mV. */
    public static final String V_INIT = "v_init";
    /** Node attribute: initial recovery variable, pA. */
    public static final String U_INIT = "u_init";
    /** The {@code model_template} schema of cortexsim's neuron models, as in {@code cortexsim:RS}. */
    public static final String SCHEMA = "cortexsim";
    /** The {@code model_type} of input nodes (bmtk's), whose spikes come from a file: cortexsim's spike sources. */
    public static final String VIRTUAL = "virtual";
    /** The one column (1 for every node) of a spike source's node group in a written circuit. */
    public static final String SPIKE_SOURCE_FLAG = "cortexsim_spike_source";

    private SonataCircuitFiles() {
    }
}
