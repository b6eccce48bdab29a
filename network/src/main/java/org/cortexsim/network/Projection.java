package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The synapses from one population to another: an EJML {@link DMatrixSparseCSC} of weights with
 * one column per presynaptic neuron and one row per postsynaptic neuron (local node ids), rows
 * strictly ascending within each column (12 bytes per synapse: an int row and a double weight),
 * and the delay of every synapse in whole steps, either one constant or a {@code short[]}
 * aligned with the matrix's nonzeros. Weights are pA (current synapses) or nS (conductance
 * synapses), signed: a negative current weight inhibits. The structure never changes after
 * construction; the weights change only in a plastic projection ({@link #plasticity()} not
 * null), whose {@link PlasticSynapses} owns them during the run and delivers each spike when
 * it reaches the synapse; the static delivery below never runs for it.
 *
 * <p>Delivery walks only the columns of neurons that spiked (cost proportional to spikes times
 * fan-out) and adds each weight to the channel's ring-buffer row of the arrival step, for all
 * targets or only those in a range of rows (one thread's chunk); since rows ascend, a target's
 * sum takes the spikes in the same order however the rows are split between threads.
 */
public final class Projection {
    private final String name;
    private final Population pre;
    private final Population post;
    private final SynapseChannel channel;
    private final DMatrixSparseCSC matrix;
    /** The matrix's column pointers, row indices and weights, for the delivery loops. */
    private final int[] colIdx;
    private final int[] rows;
    private final double[] values;
    /** Whether every synapse has the weight {@link #sharedWeight}: delivery then reads no weight array. */
    private final boolean uniformWeights;
    private final double sharedWeight;
    private final int constantDelay;
    private final short[] delays;
    /** The plastic path, or null for a static projection; set once, when the network is built. */
    private PlasticSynapses plasticity;

    Projection(String name, Population pre, Population post, SynapseChannel channel, int[] colIdx, int[] rows,
            double constantWeight, double[] values, int constantDelay, short[] delays) {
        this.name = name;
        this.pre = pre;
        this.post = post;
        this.channel = channel;
        double[] weights = values;
        if (weights == null) {
            weights = new double[rows.length];
            java.util.Arrays.fill(weights, constantWeight);
        }
        this.matrix = new DMatrixSparseCSC(post.size(), pre.size(), 0);
        matrix.col_idx = colIdx;
        matrix.nz_rows = rows;
        matrix.nz_values = weights;
        matrix.nz_length = rows.length;
        matrix.indicesSorted = true;
        this.colIdx = colIdx;
        this.rows = rows;
        this.values = weights;
        boolean uniform = true;
        for (int k = 1; k < weights.length && uniform; k++) {
            uniform = Double.doubleToRawLongBits(weights[k]) == Double.doubleToRawLongBits(weights[0]);
        }
        this.uniformWeights = uniform && weights.length > 0;
        this.sharedWeight = uniformWeights ? weights[0] : Double.NaN;
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

    /**
     * The plastic path of this projection (its rule, state and live weights), or null when its
     * weights are static.
     */
    public PlasticSynapses plasticity() {
        return plasticity;
    }

    /** Makes this projection plastic; once, before the simulation is made. */
    void attach(PlasticSynapses p) {
        if (plasticity != null) {
            throw new IllegalStateException("projection '" + name + "' is already plastic");
        }
        plasticity = p;
    }

    /**
     * The weight matrix [post x pre], the one delivery reads; not to be modified (a plastic
     * projection's values are its live weights).
     */
    public DMatrixSparseCSC weights() {
        return matrix;
    }

    public int synapseCount() {
        return rows.length;
    }

    /** Weight of nonzero {@code k} (in storage order): the live weight of a plastic projection. */
    public double weight(int k) {
        return values[k];
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
     * Delivers the spike of presynaptic node {@code node} in step {@code step} to every target:
     * each synapse's weight goes to the ring-buffer row of step {@code step + delay - 1}.
     * Returns the number of synapses walked.
     */
    int deliver(int node, long step) {
        final int start = colIdx[node];
        final int end = colIdx[node + 1];
        deliverRange(start, end, step);
        return end - start;
    }

    /**
     * As {@link #deliver(int, long)}, for the targets with local ids in {@code [lo, hi)} only.
     * Returns the number of synapses walked.
     */
    int deliver(int node, long step, int lo, int hi) {
        int start = colIdx[node];
        int end = colIdx[node + 1];
        if (lo > 0) {
            start = lowerBound(rows, start, end, lo);
        }
        if (hi < post.size()) {
            end = lowerBound(rows, start, end, hi);
        }
        deliverRange(start, end, step);
        return end - start;
    }

    private void deliverRange(int start, int end, long step) {
        final int[] r = rows;
        if (delays == null) {
            final double[] arrivals = channel.row(step + constantDelay - 1);
            if (uniformWeights) {
                final double w = sharedWeight;
                for (int k = start; k < end; k++) {
                    arrivals[r[k]] += w;
                }
            } else {
                final double[] v = values;
                for (int k = start; k < end; k++) {
                    arrivals[r[k]] += v[k];
                }
            }
        } else {
            for (int k = start; k < end; k++) {
                channel.row(step + delays[k] - 1)[r[k]] += values[k];
            }
        }
    }

    /** The first index in {@code [from, to)} whose row is {@code >= key} ({@code to} if none). */
    private static int lowerBound(int[] rows, int from, int to, int key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return name + " (" + pre.name() + " -> " + post.name() + ", " + rows.length + " synapses, "
                + (delays == null ? "delay " + constantDelay + " step(s)" : "delays per synapse") + ")";
    }

}
