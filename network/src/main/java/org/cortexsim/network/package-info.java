/**
 * The network: projections stored as EJML sparse CSC matrices with delays, synapse channels
 * with ring buffers, the plastic path of plastic projections
 * ({@link org.cortexsim.network.PlasticSynapses}), Poisson sources, and
 * {@link org.cortexsim.network.Simulation}, which owns the step loop and its order. Built with
 * {@link org.cortexsim.network.NetworkBuilder}.
 */
package org.cortexsim.network;
