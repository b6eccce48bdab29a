/**
 * Plasticity: the {@link org.cortexsim.network.plasticity.PlasticityRule} extension point for
 * synapses with a memory (weights and state that change with the spikes they see), the
 * built-in rules ({@code stdp}, {@code tsodyks_markram}) and their registry. A rule declares
 * its parameters and its state (per synapse, per presynaptic neuron as seen at its synapses,
 * per postsynaptic neuron); the engine allocates the state and calls the rule's kernel when
 * spikes arrive at synapses and when postsynaptic neurons spike. Weights are in the
 * projection's weight unit (pA or nS). {@link org.cortexsim.network.plasticity.RuleFields}
 * names a rule's declared fields for recordings.
 */
package org.cortexsim.network.plasticity;
