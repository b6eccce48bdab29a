package org.cortexsim.network.synapse;

/**
 * The per-step computation of one synapse model with fixed parameters, over a range of the
 * postsynaptic population. Called once per step, after the spikes of the step were delivered
 * and before the neurons integrate.
 */
@FunctionalInterface
public interface SynapseKernel {
    /**
     * Turns this step's arrivals into current.
     *
     * @param arrivals summed weight arriving this step per postsynaptic neuron (pA or nS,
     *     {@link SynapseModel#weightUnit()}), local index {@code i}
     * @param fields the model's state fields in {@link SynapseModel#fields()} order, local index
     * @param v membrane potentials (mV), global index {@code offset + i}
     * @param current input current of the step (pA), global index {@code offset + i}: add to it
     * @param offset global index of local neuron 0
     * @param from first local index to process
     * @param to one past the last local index
     */
    void step(double[] arrivals, double[][] fields, double[] v, double[] current, int offset, int from, int to);

    /**
     * True when {@link #step} does exactly {@code current[offset + i] += arrivals[i]} and nothing
     * else (a model without state whose current is its arrivals, as {@code delta}). The engine
     * may then skip {@code step} and sum the arrivals into I_n in one pass with the step's other
     * array terms; the result is the same. False by default.
     */
    default boolean currentIsArrivals() {
        return false;
    }
}
