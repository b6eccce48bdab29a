package org.cortexsim.core;

import java.util.List;

/**
 * A read-only view of the simulation state, as step listeners see it: sample n + 1 of every
 * neuron after step n (sample 0 before the first step), the populations' index ranges, and the
 * spikes of the step just taken (their time is n * dt; none before the first step). Indices are
 * state indices: node id i of population p is index {@code p.offset() + i} (in a partition,
 * {@code p.offset() + i - p.firstNode()}).
 *
 * <p>The view reads the live state: a value read in a later call is the state then. It is valid
 * only during the listener call it was passed to; a listener that needs values later copies
 * them. It cannot change the state.
 */
public interface StateView {
    /** Number of neurons. */
    int size();

    /** The populations, in index order. */
    List<Population> populations();

    /** The population named {@code name}, or {@code null}. */
    Population population(String name);

    /** The population holding state index {@code index}. */
    Population populationOf(int index);

    /** Membrane potential of neuron {@code index}, mV. */
    double v(int index);

    /** Recovery variable of neuron {@code index}, pA. */
    double u(int index);

    /**
     * Input current I_n of the step just taken into neuron {@code index}, pA; defined only for
     * listeners that declare {@link org.cortexsim.core.record.StepListener#readsCurrent()}.
     */
    double current(int index);

    /** Number of spikes of the step just taken. */
    int spikeCount();

    /** State index of the k-th spike of the step, {@code 0 <= k < spikeCount()}, ascending in k. */
    int spike(int k);
}
