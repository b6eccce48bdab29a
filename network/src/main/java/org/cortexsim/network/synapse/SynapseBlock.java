package org.cortexsim.network.synapse;

/**
 * What a {@link SynapseKernel} sees in one call: one block of postsynaptic neurons of one step.
 * The block is a range {@code [from(), to())} of local node ids of the channel's population
 * (at most a few thousand neurons, one thread's share); for each of them the summed weight
 * arriving in this step ({@link #arrival}), the membrane potential of the sample the step starts
 * from ({@link #v}, read-only), and the input current of the step, to which the kernel adds its
 * current ({@link #addCurrent}).
 *
 * <p>Owned by the engine: one instance per thread, rebound before every call, so a kernel must
 * not keep it past the call. The accessors are plain array reads and writes, inlined by the JIT.
 */
public final class SynapseBlock {
    private double[] arrivals;
    private double[] v;
    private double[] current;
    private int offset;
    private int from;
    private int to;

    /**
     * Binds the block (engine use; tests may call it to drive a kernel directly).
     *
     * @param arrivals summed weight arriving this step per local node id (pA or nS)
     * @param v membrane potentials, mV, indexed by state index ({@code offset + i})
     * @param current input current of the step, pA, indexed by state index
     * @param offset state index of local node 0
     * @param from first local node id of the block
     * @param to one past the last local node id of the block
     */
    public void bind(double[] arrivals, double[] v, double[] current, int offset, int from, int to) {
        this.arrivals = arrivals;
        this.v = v;
        this.current = current;
        this.offset = offset;
        this.from = from;
        this.to = to;
    }

    /** First local node id of the block. */
    public int from() {
        return from;
    }

    /** One past the last local node id of the block. */
    public int to() {
        return to;
    }

    /** Summed weight (pA or nS: {@link SynapseModel#weightUnit()}) arriving at local node {@code i} this step. */
    public double arrival(int i) {
        return arrivals[i];
    }

    /** Membrane potential of local node {@code i} at the sample the step starts from, mV. */
    public double v(int i) {
        return v[offset + i];
    }

    /** Adds {@code pA} to the input current of local node {@code i} in this step. */
    public void addCurrent(int i, double pA) {
        current[offset + i] += pA;
    }
}
