package org.cortexsim.network.plasticity;

/**
 * One batch of presynaptic spikes reaching synapses at the same time, as
 * {@link PlasticityKernel#arrive} sees it: for {@code j < count()}, the synapse (storage index
 * k), its presynaptic slot (see {@link PlasticState}) and its target (postsynaptic local node
 * id); {@link #deliver} adds what the synapse delivers now to its target's input, and must be
 * called exactly once for every j, in ascending j (so each target sums its arrivals in a fixed
 * order). All targets of a batch are owned by the calling thread.
 *
 * <p>A batch is a view the engine points at its own arrays, without copying: either a range of
 * one presynaptic neuron's synapses (one delay: {@code k = start + j}, every slot that neuron),
 * or a list of synapses (per-synapse delays: {@code k = list[start + j]}, slot = k). Owned and
 * repositioned by the engine (one per thread); a kernel must not keep it past the call.
 */
public final class Arrivals {
    private int[] list;
    private int start;
    private int count;
    private int rangeSlot;
    private int[] targets;
    private double[] input;

    /**
     * Points the batch at synapses {@code [start, start + count)} of one presynaptic neuron,
     * whose slot is {@code slot} (engine and tests).
     *
     * @param targets the postsynaptic local node id of every synapse, storage order
     * @param input the input to add delivered weights to, by postsynaptic local node id
     */
    public void range(int start, int count, int slot, int[] targets, double[] input) {
        this.list = null;
        this.start = start;
        this.count = count;
        this.rangeSlot = slot;
        this.targets = targets;
        this.input = input;
    }

    /**
     * Points the batch at the synapses {@code list[start .. start + count)}, each its own slot
     * (engine and tests).
     */
    public void list(int[] list, int start, int count, int[] targets, double[] input) {
        this.list = list;
        this.start = start;
        this.count = count;
        this.targets = targets;
        this.input = input;
    }

    /** Number of arrivals in the batch. */
    public int count() {
        return count;
    }

    /** Storage index k of arrival j. */
    public int synapse(int j) {
        return list == null ? start + j : list[start + j];
    }

    /** Presynaptic slot of arrival j. */
    public int slot(int j) {
        return list == null ? rangeSlot : list[start + j];
    }

    /** Postsynaptic local node id of arrival j. */
    public int target(int j) {
        return targets[synapse(j)];
    }

    /** Adds {@code weight} (pA or nS), what synapse j delivers now, to its target's input of this step. */
    public void deliver(int j, double weight) {
        input[targets[synapse(j)]] += weight;
    }
}
