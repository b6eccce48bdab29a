/**
 * The neuron side of cortexsim: {@link org.cortexsim.core.Neurons} holds every neuron's state
 * as arrays, grouped into {@link org.cortexsim.core.Population}s;
 * {@link org.cortexsim.core.EulerIntegrator} advances index ranges of it with the seed notebook's
 * forward-Euler pass, bound to one time step; {@link org.cortexsim.core.SpikeBuffer} holds a
 * step's spikes; {@link org.cortexsim.core.TimeGrid} converts ms to steps;
 * {@link org.cortexsim.core.RandomStreams} derives reproducible streams. JDK only. Units: ms, mV,
 * pA, pF, nS.
 */
package org.cortexsim.core;
