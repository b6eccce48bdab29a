package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The synapses from one population to another: an EJML {@link DMatrixSparseCSC} of weights
 * with one column per presynaptic neuron and one row per postsynaptic neuron (local node
 * ids), rows sorted within each column, and the delay of every synapse in whole steps, either
 * one constant or an array aligned with the matrix's nonzeros. Weights are pA (current
 * synapses) or nS (conductance synapses), signed: a negative current weight inhibits.
 *
 * <p>Delivery walks only the columns of neurons that spiked (cost proportional to spikes times
 * fan-out) and adds each weight to the channel's ring-buffer row of the arrival step.
 */
public final class Projection {
    private final String name;
    private final Population pre;
    private final Population post;
    private final SynapseChannel channel;
    private final DMatrixSparseCSC weights;
    private final int constantDelay;
    private final short[] delays;

    Projection(String name, Population pre, Population post, SynapseChannel channel, DMatrixSparseCSC weights,
            int constantDelay, short[] delays) {
        this.name = name;
        this.pre = pre;
        this.post = post;
        this.channel = channel;
        this.weights = weights;
        this.constantDelay = constantDelay;
        this.delays = delays;
    }

    public String name() {
        return name;
    }

    public Population pre() {
        return pre;
    }

    public Population post() {
        return post;
    }

    public SynapseChannel channel() {
        return channel;
    }

    /** The weight matrix [post x pre]; not to be modified. */
    public DMatrixSparseCSC weights() {
        return weights;
    }

    public int synapseCount() {
        return weights.nz_length;
    }

    /** Delay of nonzero {@code k} (in the matrix's storage order), steps. */
    public int delaySteps(int k) {
        return delays == null ? constantDelay : delays[k];
    }

    /** Whether all synapses share one delay. */
    public boolean hasConstantDelay() {
        return delays == null;
    }

    /** The longest delay, steps. */
    public int maxDelaySteps() {
        if (delays == null) {
            return constantDelay;
        }
        int max = 1;
        for (short d : delays) {
            max = Math.max(max, d);
        }
        return max;
    }

    /**
     * Delivers the spike of presynaptic node {@code node} in step {@code step}: each synapse's
     * weight goes to the ring-buffer row of step {@code step + delay - 1}. Returns the number of
     * synapses walked.
     */
    int deliver(int node, long step) {
        final int start = weights.col_idx[node];
        final int end = weights.col_idx[node + 1];
        final int[] rows = weights.nz_rows;
        final double[] values = weights.nz_values;
        if (delays == null) {
            final double[] arrivals = channel.row(step + constantDelay - 1);
            for (int k = start; k < end; k++) {
                arrivals[rows[k]] += values[k];
            }
        } else {
            for (int k = start; k < end; k++) {
                channel.row(step + delays[k] - 1)[rows[k]] += values[k];
            }
        }
        return end - start;
    }
}
