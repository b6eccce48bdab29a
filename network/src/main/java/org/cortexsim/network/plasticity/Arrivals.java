package org.cortexsim.network.plasticity;

/**
 * One batch of presynaptic spikes reaching synapses at the same time, as
 * {@link PlasticityKernel#arrive} sees it: for {@code j < count()}, the synapse (storage index
 * k), its presynaptic slot (see {@link PlasticState}) and its target (postsynaptic local node
 * id), and the weight the synapse delivers now, which the kernel must set with
 * {@link #deliver} for every j. All synapses of a batch have targets owned by the calling
 * thread. Owned and refilled by the engine; a kernel must not keep it past the call.
 */
public final class Arrivals {
    final int[] synapses;
    final int[] slots;
    final int[] targets;
    final double[] delivered;
    int count;

    /** An empty batch of capacity {@code capacity} (engine and tests). */
    public Arrivals(int capacity) {
        synapses = new int[capacity];
        slots = new int[capacity];
        targets = new int[capacity];
        delivered = new double[capacity];
    }

    /** Number of arrivals in the batch. */
    public int count() {
        return count;
    }

    /** Storage index k of arrival j. */
    public int synapse(int j) {
        return synapses[j];
    }

    /** Presynaptic slot of arrival j. */
    public int slot(int j) {
        return slots[j];
    }

    /** Postsynaptic local node id of arrival j. */
    public int target(int j) {
        return targets[j];
    }

    /** Sets the weight synapse j delivers to its target now (pA or nS). */
    public void deliver(int j, double weight) {
        delivered[j] = weight;
    }

    /** The slots of the batch as an array (entries {@code [0, count())}), for {@link PlasticityKernel#preArrival}. */
    public int[] slots() {
        return slots;
    }

    /** The weight set for arrival j. */
    public double delivered(int j) {
        return delivered[j];
    }

    /** Whether the batch is full. */
    public boolean full() {
        return count == synapses.length;
    }

    /** Empties the batch. */
    public void clear() {
        count = 0;
    }

    /** Appends an arrival (engine and tests). */
    public void add(int synapse, int slot, int target) {
        synapses[count] = synapse;
        slots[count] = slot;
        targets[count] = target;
        count++;
    }
}
