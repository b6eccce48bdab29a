package org.cortexsim.network.plasticity;

import java.util.List;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * A plasticity rule: how a projection's synapses change with the spikes they see. It declares
 * its parameters (name, unit, default, range; plus word-valued choices) and its state: fields
 * per synapse, per presynaptic neuron (as seen at its synapses: see {@link PlasticState}) and
 * per postsynaptic neuron, each with a unit and an initial value. The engine validates the
 * parameters, allocates the state aligned with the projection's synapses, builds a row index
 * of each postsynaptic neuron's incoming synapses once (when {@link #usesPostSpikes()}), and
 * calls the {@link PlasticityKernel} on presynaptic arrivals and postsynaptic spikes. The
 * synapse model of the projection ({@link org.cortexsim.network.synapse.SynapseModel}) still
 * turns the delivered weights into current, so a rule combines with every synapse model.
 *
 * <p>To add a rule: write one class implementing this interface (with a public no-argument
 * constructor) and add one line with its class name to
 * {@code META-INF/services/org.cortexsim.network.plasticity.PlasticityRule} (in cortexsim or in
 * your own jar on the class path, e.g. through {@code CORTEXSIM_CLASSPATH}). See
 * {@link StdpRule} for a worked example.
 */
public interface PlasticityRule {
    /**
     * The unit to declare for a parameter in the projection's weight unit (amplitudes, bounds):
     * the config layer then names the projection's actual unit (pA, nS, a plugin model's) in its
     * messages. Any unit starting with {@code "weight unit"} is read so.
     */
    String WEIGHT_UNIT = "weight unit (pA or nS)";

    /** The name used in configs, e.g. {@code "stdp"}. */
    String name();

    /** One sentence for users. */
    String description();

    /** Numeric parameters in config order, with units, defaults and allowed ranges. */
    List<ParameterSpec> parameters();

    /** Word-valued parameters; none by default. */
    default List<ChoiceSpec> choices() {
        return List.of();
    }

    /** State per synapse (index k); none by default. */
    default List<FieldSpec> synapseState() {
        return List.of();
    }

    /** State per presynaptic neuron as seen at its synapses (index slot); none by default. */
    default List<FieldSpec> preState() {
        return List.of();
    }

    /** State per postsynaptic neuron (index local node id); none by default. */
    default List<FieldSpec> postState() {
        return List.of();
    }

    /**
     * Null when the complete parameters are consistent, else what is wrong (for checks across
     * parameters, e.g. {@code w_min <= w_max}); each parameter alone was already checked
     * against its range.
     */
    default String check(RuleParameters parameters) {
        return null;
    }

    /** Whether the rule changes weights (a short-term rule changes only what is delivered). */
    default boolean changesWeights() {
        return true;
    }

    /** The smallest weight the rule allows (pA or nS); initial weights must not be below. */
    default double minWeight(RuleParameters parameters) {
        return Double.NEGATIVE_INFINITY;
    }

    /** The largest weight the rule allows (pA or nS); initial weights must not be above. */
    default double maxWeight(RuleParameters parameters) {
        return Double.POSITIVE_INFINITY;
    }

    /** Whether the kernel needs {@link PlasticityKernel#postSpike} (and so the row index). */
    default boolean usesPostSpikes() {
        return true;
    }

    /** A kernel for these parameters (complete and checked), time step and state. */
    PlasticityKernel kernel(RuleParameters parameters, double dtMs, PlasticState state);
}
