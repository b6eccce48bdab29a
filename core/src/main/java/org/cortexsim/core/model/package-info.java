/**
 * Neuron models: the Izhikevich simple model's parameters, its recovery variants and the
 * seed notebook's presets (RS, FS). Units: pF, nS, mV, pA, ms.
 */
package org.cortexsim.core.model;
