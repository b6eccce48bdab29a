/**
 * Synapse models: the {@link org.cortexsim.network.synapse.SynapseModel} extension point, the
 * built-in models (delta, exp_current, exp_conductance) and their registry. Weights are pA for
 * current synapses and nS for conductance synapses.
 */
package org.cortexsim.network.synapse;
