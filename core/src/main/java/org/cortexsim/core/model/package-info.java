/**
 * Neuron models: the Izhikevich simple model's parameters, its recovery variants and the
 * presets: the seed notebook's RS and FS and the book's IB and CH. Units: pF, nS, mV, pA, ms.
 */
package org.cortexsim.core.model;
