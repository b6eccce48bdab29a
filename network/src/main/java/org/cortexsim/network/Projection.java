package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The synapses from one population to another, column by column (CSC): one column per
 * presynaptic neuron, one row per postsynaptic neuron (local node ids). Per synapse it stores
 * its row (4 bytes), its weight (8 bytes; nothing when all synapses share one weight) and, when
 * delays vary per synapse, its delay in whole steps (2 bytes; otherwise one constant). Weights
 * are pA (current synapses) or nS (conductance synapses), signed: a negative current weight
 * inhibits. Never modified after construction.
 *
 * <p>Storage order (the order of k in {@link #weight(int)}, {@link #delaySteps(int)} and
 * {@link #weights()}): within a column, synapses by ascending delay, and within one delay by
 * ascending row. With one delay for all synapses that is rows ascending; with delays per
 * synapse the constructor groups each column by delay (a stable sort: the synapses and their
 * weights are the ones given, only stored in another order), so delivery takes each (column,
 * delay) run in one loop with one destination instead of looking up a destination per synapse.
 *
 * <p>Delivery walks only the columns of neurons that spiked (cost proportional to spikes times
 * fan-out): a run of delay 1 is added to its channel's arrivals row, a run of delay D >= 2 is
 * queued for step n + D - 1 ({@link PendingArrivals}). A stepping thread delivers only to the
 * targets of its own chunk (a range of rows: found by binary search in a column of ascending
 * rows, or by a test per synapse in a column grouped by delay). Each target receives the
 * synapses of one spike in storage order, and since a target has at most one synapse per run,
 * its sum takes the spikes in the same order however the rows are split between threads.
 */
public final class Projection {
    private final String name;
    private final Population pre;
    private final Population post;
    private final SynapseChannel channel;
    /** Column pointers: column j is {@code [colIdx[j], colIdx[j + 1])} of the arrays below. */
    private final int[] colIdx;
    private final int[] rows;
    /** Per-synapse weights, or null when every synapse has {@link #sharedWeight}. */
    private final double[] values;
    private final double sharedWeight;
    private final int constantDelay;
    /** Per-synapse delays (steps, ascending within each column), or null for {@link #constantDelay}. */
    private final short[] delays;
    private final int maxDelay;
    /** The weight matrix; made on first use when the weights are shared (delivery does not read it). */
    private DMatrixSparseCSC matrix;

    Projection(String name, Population pre, Population post, SynapseChannel channel, int[] colIdx, int[] rows,
            double constantWeight, double[] values, int constantDelay, short[] delays) {
        this.name = name;
        this.pre = pre;
        this.post = post;
        this.channel = channel;
        this.colIdx = colIdx;
        this.rows = rows;
        boolean uniform = true;
        if (values != null) {
            for (int k = 1; k < values.length && uniform; k++) {
                uniform = Double.doubleToRawLongBits(values[k]) == Double.doubleToRawLongBits(values[0]);
            }
        }
        if (values == null || uniform) {
            this.values = null;
            this.sharedWeight = values == null || values.length == 0 ? constantWeight : values[0];
        } else {
            this.values = values;
            this.sharedWeight = Double.NaN;
        }
        this.constantDelay = constantDelay;
        this.delays = delays;
        int max = delays == null ? constantDelay : 1;
        if (delays != null) {
            for (short d : delays) {
                max = Math.max(max, d);
            }
            groupByDelay(colIdx, rows, this.values, delays);
        }
        this.maxDelay = max;
        if (this.values != null) {
            this.matrix = matrixOf(this.values);
        }
    }

    /**
     * Reorders each column by ascending delay, keeping the given (ascending) row order within a
     * delay, and the weights along.
     */
    private static void groupByDelay(int[] colIdx, int[] rows, double[] values, short[] delays) {
        long[] keys = new long[16];
        int[] rowCopy = new int[16];
        double[] valueCopy = values == null ? null : new double[16];
        for (int j = 0; j + 1 < colIdx.length; j++) {
            final int start = colIdx[j];
            final int count = colIdx[j + 1] - start;
            boolean sorted = true;
            for (int k = start + 1; k < start + count && sorted; k++) {
                sorted = delays[k - 1] <= delays[k];
            }
            if (sorted) {
                continue;
            }
            if (keys.length < count) {
                keys = new long[count];
                rowCopy = new int[count];
                valueCopy = values == null ? null : new double[count];
            }
            for (int i = 0; i < count; i++) {
                keys[i] = ((long) delays[start + i] << 32) | i;
                rowCopy[i] = rows[start + i];
                if (values != null) {
                    valueCopy[i] = values[start + i];
                }
            }
            java.util.Arrays.sort(keys, 0, count);
            for (int i = 0; i < count; i++) {
                int from = (int) keys[i];
                delays[start + i] = (short) (keys[i] >>> 32);
                rows[start + i] = rowCopy[from];
                if (values != null) {
                    values[start + i] = valueCopy[from];
                }
            }
        }
    }

    private DMatrixSparseCSC matrixOf(double[] weights) {
        DMatrixSparseCSC m = new DMatrixSparseCSC(post.size(), pre.size(), 0);
        m.col_idx = colIdx;
        m.nz_rows = rows;
        m.nz_values = weights;
        m.nz_length = rows.length;
        m.indicesSorted = delays == null;
        return m;
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
     * The weight matrix [post x pre] in storage order (rows ascending within a column only when
     * the delay is one constant: {@code indicesSorted} says which); not to be modified. When all
     * synapses share one weight, the values are made on the first call (8 bytes per synapse from
     * then on); delivery never reads them.
     */
    public synchronized DMatrixSparseCSC weights() {
        if (matrix == null) {
            double[] w = new double[rows.length];
            java.util.Arrays.fill(w, sharedWeight);
            matrix = matrixOf(w);
        }
        return matrix;
    }

    public int synapseCount() {
        return rows.length;
    }

    /** Weight of nonzero {@code k} (in storage order). */
    public double weight(int k) {
        java.util.Objects.checkIndex(k, rows.length);
        return values == null ? sharedWeight : values[k];
    }

    /** Delay of nonzero {@code k} (in storage order), steps. */
    public int delaySteps(int k) {
        return delays == null ? constantDelay : delays[k];
    }

    /** Whether all synapses share one delay. */
    public boolean hasConstantDelay() {
        return delays == null;
    }

    /** Whether all synapses share one weight (then no weight is stored per synapse). */
    public boolean hasSharedWeight() {
        return values == null;
    }

    /** The longest delay, steps. */
    public int maxDelaySteps() {
        return maxDelay;
    }

    /** Bytes stored per synapse: row, weight unless shared, delay unless constant. */
    public int bytesPerSynapse() {
        return 4 + (values == null ? 0 : 8) + (delays == null ? 0 : 2);
    }

    /**
     * Delivers the spike of presynaptic node {@code node} in step {@code step} to the targets
     * with local ids in {@code [lo, hi)}: each synapse of delay 1 adds its weight to
     * {@code arrivals} (its channel's row of this step), each synapse of delay D >= 2 is queued
     * in {@code pending} (this thread's queues of the channel) for step {@code step + D - 1}.
     * Returns the number of synapses delivered.
     */
    int deliver(int node, long step, int lo, int hi, double[] arrivals, PendingArrivals pending) {
        int start = colIdx[node];
        int end = colIdx[node + 1];
        if (delays != null) {
            return deliverGrouped(start, end, step, lo, hi, arrivals, pending);
        }
        if (lo > 0) {
            start = lowerBound(rows, start, end, lo);
        }
        if (hi < post.size()) {
            end = lowerBound(rows, start, end, hi);
        }
        if (start == end) {
            return 0;
        }
        if (constantDelay == 1) {
            addRun(start, end, arrivals);
        } else {
            queueRun(start, end, pending, pending.queue(step + constantDelay - 1), 0, post.size());
        }
        return end - start;
    }

    /** A column grouped by delay: one loop per run of equal delay, keeping the targets in {@code [lo, hi)}. */
    private int deliverGrouped(int start, int end, long step, int lo, int hi, double[] arrivals,
            PendingArrivals pending) {
        final short[] d = delays;
        final boolean whole = lo == 0 && hi == post.size();
        int delivered = 0;
        int k = start;
        while (k < end) {
            final int delay = d[k];
            int runEnd = k + 1;
            while (runEnd < end && d[runEnd] == delay) {
                runEnd++;
            }
            if (delay == 1) {
                if (whole) {
                    addRun(k, runEnd, arrivals);
                    delivered += runEnd - k;
                } else {
                    delivered += addRunInRange(k, runEnd, arrivals, lo, hi);
                }
            } else {
                delivered += queueRun(k, runEnd, pending, pending.queue(step + delay - 1), lo, hi);
            }
            k = runEnd;
        }
        return delivered;
    }

    /** {@code arrivals[rows[k]] += w_k} for k in {@code [start, end)}. */
    private void addRun(int start, int end, double[] arrivals) {
        final int[] r = rows;
        if (values == null) {
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
    }

    private int addRunInRange(int start, int end, double[] arrivals, int lo, int hi) {
        final int[] r = rows;
        int added = 0;
        for (int k = start; k < end; k++) {
            final int row = r[k];
            if (row >= lo && row < hi) {
                arrivals[row] += values == null ? sharedWeight : values[k];
                added++;
            }
        }
        return added;
    }

    /**
     * Appends (row, weight) of the synapses {@code [start, end)} with rows in {@code [lo, hi)} to
     * queue {@code q} of {@code pending}, in storage order; returns how many.
     */
    private int queueRun(int start, int end, PendingArrivals pending, int q, int lo, int hi) {
        int c = pending.reserve(q, end - start);
        final int first = c;
        final int[] t = pending.targets[q];
        final double[] w = pending.weights[q];
        final int[] r = rows;
        final int span = hi - lo;
        if (values == null) {
            final double shared = sharedWeight;
            for (int k = start; k < end; k++) {
                final int row = r[k];
                t[c] = row;
                w[c] = shared;
                // branch-free: keep the pair only if lo <= row < hi (unsigned compare)
                c += (row - lo) + Integer.MIN_VALUE < span + Integer.MIN_VALUE ? 1 : 0;
            }
        } else {
            final double[] v = values;
            for (int k = start; k < end; k++) {
                final int row = r[k];
                t[c] = row;
                w[c] = v[k];
                c += (row - lo) + Integer.MIN_VALUE < span + Integer.MIN_VALUE ? 1 : 0;
            }
        }
        pending.counts[q] = c;
        return c - first;
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
