/**
 * Synapse models: the {@link org.cortexsim.network.synapse.SynapseModel} extension point, the
 * built-in models (delta, exp_current, exp_conductance; the receptors of Izhikevich and Edelman's
 * 2008 cortical model: nmda_conductance with its magnesium block, beta_conductance and
 * nmda_beta_conductance that rise and decay) and their registry. Weights are pA for
 * current synapses and nS for conductance synapses.
 */
package org.cortexsim.network.synapse;
