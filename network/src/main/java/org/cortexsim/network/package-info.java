/**
 * The network: projections stored as CSC columns with delays, synapse channels with their
 * arrivals rows and per-thread queues of later arrivals, the plastic path of plastic projections
 * ({@link org.cortexsim.network.PlasticSynapses}: each spike handled when it reaches the synapse,
 * per-thread queues of plastic arrivals, a row index for postsynaptic spikes; rules in
 * {@link org.cortexsim.network.plasticity}), Poisson sources, and
 * {@link org.cortexsim.network.Simulation}, which owns the step loop and its order (and times it
 * per phase on request: {@link org.cortexsim.network.StepProfile}) and the time grid everything
 * reads after the build. Built with
 * {@link org.cortexsim.network.NetworkBuilder}, for the whole network or for one partition of it
 * (the neurons of one index range and the synapses onto them), partitions exchanging spikes
 * through a {@link org.cortexsim.network.SpikeExchange}. Listeners see the state read-only; a
 * {@link org.cortexsim.network.StopCondition} answers each step with an
 * {@link org.cortexsim.network.StopCondition.Action}.
 */
package org.cortexsim.network;
