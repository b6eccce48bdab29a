package org.cortexsim.network.plasticity;

/**
 * The incoming synapses of one postsynaptic neuron, as {@link PlasticityKernel#postSpike} sees
 * them: for {@code j < count()}, the synapse (storage index k, ascending) and its presynaptic
 * slot (see {@link PlasticState}). A view into the projection's row index, built once; owned
 * by the engine (one per thread), repositioned before every call.
 */
public final class Incoming {
    private final int[] synapses;
    private final int[] slots;
    private int base;
    private int count;

    /**
     * A view over a row index (engine and tests): entries {@code [base, base + count)} of
     * {@code synapses} and {@code slots} (which may be the same array).
     */
    public Incoming(int[] synapses, int[] slots) {
        this.synapses = synapses;
        this.slots = slots;
    }

    /** Positions the view on entries {@code [from, to)} of the index. */
    public void position(int from, int to) {
        this.base = from;
        this.count = to - from;
    }

    /** Number of incoming synapses. */
    public int count() {
        return count;
    }

    /** Storage index k of incoming synapse j. */
    public int synapse(int j) {
        return synapses[base + j];
    }

    /** Presynaptic slot of incoming synapse j. */
    public int slot(int j) {
        return slots[base + j];
    }
}
