package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * A synapse model: how weights arriving at a postsynaptic neuron become input current.
 * Implementations declare their parameters and per-neuron fields; the engine validates
 * parameters, allocates the fields, builds one kernel per channel and calls it per block of
 * neurons each step. How weights change over time (plasticity) is not the model's business:
 * see {@link org.cortexsim.network.plasticity.PlasticityRule}.
 *
 * <p>To add a model: write one class implementing this interface (with a public no-argument
 * constructor) and add one line with its class name to
 * {@code META-INF/services/org.cortexsim.network.synapse.SynapseModel} (in cortexsim or in
 * your own jar on the class path). See {@link ExpCurrentSynapse} for a worked example.
 */
public interface SynapseModel {
    /** The name used in configs, e.g. {@code "exp_current"}. */
    String name();

    /** One sentence for users. */
    String description();

    /** The unit of weights: {@code "pA"} (current synapses) or {@code "nS"} (conductance synapses). */
    String weightUnit();

    /** Parameters in config order, with defaults and allowed ranges. */
    List<ParameterSpec> parameters();

    /** Per-neuron state fields the engine allocates for this model. */
    List<FieldSpec> fields();

    /**
     * Whether the model is linear in its arrivals (two arrivals of w act as one of 2w); true
     * for current- and conductance-based exponential synapses alike.
     */
    default boolean linear() {
        return true;
    }

    /**
     * Null when the complete parameters (defaults filled in, each already within its declared
     * range) are consistent, else what is wrong and how to fix it: for checks across parameters,
     * e.g. {@code tau_rise_ms < tau_decay_ms}. Name the parameter to change first: a config error
     * points at the line of the first parameter the message names that the config gives (else at
     * the {@code synapse:}). No check across parameters by default.
     */
    default String check(Map<String, Double> parameters) {
        return null;
    }

    /**
     * A kernel for the given parameter values (complete and validated against
     * {@link #parameters()} and {@link #check}: defaults filled in) and time step, bound to one channel's
     * {@code fields} (resolve them by name here, once: {@code fields.get("I_syn")}).
     */
    SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields);
}
