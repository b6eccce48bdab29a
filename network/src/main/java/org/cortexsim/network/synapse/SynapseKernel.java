package org.cortexsim.network.synapse;

/**
 * The per-step computation of one synapse model with fixed parameters, bound to one channel's
 * state fields (resolved by name when {@link SynapseModel#kernel} built it). The engine calls
 * {@link #step} once per block of postsynaptic neurons in every step, after the spikes of the
 * step were delivered into the arrivals and before the neurons integrate; blocks of one step
 * may run on different threads at once, each with its own {@link SynapseBlock}, and never
 * overlap. A kernel therefore reads and writes its fields only at the block's local ids.
 */
@FunctionalInterface
public interface SynapseKernel {
    /**
     * Turns this step's arrivals at the neurons of {@code block} into current: for each local id
     * {@code i} in {@code [block.from(), block.to())}, update the fields at {@code i} from
     * {@code block.arrival(i)} (and {@code block.v(i)}), and {@code block.addCurrent(i, ...)}.
     */
    void step(SynapseBlock block);

    /**
     * True when {@link #step} does exactly {@code block.addCurrent(i, block.arrival(i))} and
     * nothing else (a model without state whose current is its arrivals, as {@code delta}). The
     * engine may then skip {@code step} and sum the arrivals into I_n in one pass with the step's
     * other array terms; the result is the same. False by default.
     */
    default boolean currentIsArrivals() {
        return false;
    }
}
