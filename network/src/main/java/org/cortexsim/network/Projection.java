package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The synapses from one population to another, column by column (CSC): one column per
 * presynaptic neuron, one row per postsynaptic neuron (local node ids), rows strictly ascending
 * within each column. In a partition of a network the projection holds the synapses onto the
 * postsynaptic nodes the partition holds: a column for every presynaptic node of the whole
 * population ({@link Population#totalSize()}), rows counted from the postsynaptic slice's first
 * node. Per synapse it stores its row (4 bytes), its weight (8 bytes; nothing when all synapses
 * share one weight, unless the projection is plastic) and, when delays vary per synapse, its
 * delay in whole steps (2 bytes; otherwise one constant). Weights are pA (current synapses) or
 * nS (conductance synapses), signed: a negative current weight inhibits. The structure never
 * changes after construction; the weights change only in a plastic projection
 * ({@link #plasticity()} not null), which always stores one weight per synapse: its
 * {@link PlasticSynapses} owns and updates them during the run and delivers each spike when it
 * reaches the synapse, and {@link #weight}, {@link #weights()} and the edges written after a
 * run read those live weights. The static delivery below never runs for a plastic projection.
 *
 * <p>Delivery walks only the columns of neurons that spiked (cost proportional to spikes times
 * fan-out). A stepping thread delivers only to the targets of its own chunk, a range of rows
 * (found once per column before the run, {@link #splitForChunks}, {@link #partStart}). A synapse of delay 1 adds its weight to its channel's arrivals row;
 * one of delay D >= 2 is queued for step n + D - 1 ({@link PendingArrivals}): its queue is
 * {@code (n + D - 1) & mask}, an add and a mask per synapse, with no branch and no modulo; where
 * every delay is at least 2, a piece of a column takes its places in the queues in one pass and
 * stores its entries in a second, with one capacity check per piece.
 * (Grouping each column by delay at build time, to queue one (column, delay) run at a time, was
 * measured 3 times slower for delays drawn from 191 values: a column of 100 synapses then has
 * about 78 runs of 1.3 synapses, and each run costs two mispredicted branches; docs/performance.md.)
 * Each target receives the synapses of one spike in storage order, and since a target has one
 * synapse per column, its sum takes the spikes in the same order however the rows are split
 * between threads.
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
    /** The one weight of every synapse (pA or nS) when {@link #values} is null, else NaN. */
    private final double sharedWeight;
    /** The one delay of every synapse (steps) when {@link #delays} is null. */
    private final int constantDelay;
    /** Per-synapse delays (steps), or null for {@link #constantDelay}. */
    private final short[] delays;
    /** The longest delay held here, steps. */
    private final int maxDelay;
    /** The shortest delay of the whole projection (in every partition), or a lower bound of it. */
    private final int minDelay;
    /** Whether every synapse held here has a delay of at least 2 steps (then each is queued). */
    private final boolean allQueued;
    /** This projection's code in its channel's narrow queues ({@link PendingArrivals}); 0 if they are wide. */
    private int queueCode;
    /**
     * The weight matrix; made on first use when the weights are shared (delivery does not read
     * it). Where weights are stored per synapse, its values are that array, not a copy.
     */
    private DMatrixSparseCSC matrix;
    /** Start of chunk t's part of column j at {@code j * splits + t - 1} (t >= 1), or null for one chunk. */
    private int[] chunkStarts;
    /** Inner chunk bounds per column in {@link #chunkStarts}: the number of chunks minus 1. */
    private int splits;
    /** The plastic path, or null for a static projection; set once, when the network is built. */
    private PlasticSynapses plasticity;

    /** The static projection {@code name} from {@code pre} to {@code post} through {@code channel}, holding {@code synapses}. */
    Projection(String name, Population pre, Population post, SynapseChannel channel, SynapseTable synapses) {
        this(name, pre, post, channel, synapses, false);
    }

    /**
     * The projection {@code name} from {@code pre} to {@code post} through {@code channel},
     * holding {@code synapses}; {@code weightPerSynapse} keeps one weight per synapse even when
     * all are equal (a plastic projection, whose weights will change), in an array of its own.
     */
    Projection(String name, Population pre, Population post, SynapseChannel channel, SynapseTable synapses,
            boolean weightPerSynapse) {
        final int[] colIdx = synapses.connectivity().colIdx();
        final int[] rows = synapses.connectivity().rows();
        final double constantWeight = synapses.weights().constant();
        final double[] values = synapses.weights().values();
        final int constantDelay = synapses.delays().constant();
        final short[] delays = synapses.delays().steps();
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
        if (weightPerSynapse) {
            if (values != null) {
                this.values = values;
            } else {
                this.values = new double[rows.length];
                java.util.Arrays.fill(this.values, constantWeight);
            }
            this.sharedWeight = Double.NaN;
        } else if (values == null || uniform) {
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
        }
        this.maxDelay = max;
        this.minDelay = Math.max(1, synapses.delays().min());
        int shortest = delays == null ? constantDelay : Integer.MAX_VALUE;
        if (delays != null) {
            for (short d : delays) {
                if (d < minDelay) {
                    throw new IllegalStateException("projection '" + name + "': a delay of " + d
                            + " steps is below the projection's lower bound of " + minDelay);
                }
                shortest = Math.min(shortest, d);
            }
        }
        this.allQueued = shortest >= 2;
        if (this.values != null) {
            this.matrix = matrixOf(this.values);
        }
    }

    private DMatrixSparseCSC matrixOf(double[] weights) {
        DMatrixSparseCSC m = new DMatrixSparseCSC(post.size(), pre.totalSize(), 0);
        m.col_idx = colIdx;
        m.nz_rows = rows;
        m.nz_values = weights;
        m.nz_length = rows.length;
        m.indicesSorted = true;
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
     * The plastic path of this projection (its rule, state and live weights), or null when its
     * weights are static.
     */
    public PlasticSynapses plasticity() {
        return plasticity;
    }

    /** Makes this projection plastic; once, before the simulation is made, on one that stores a weight per synapse. */
    void attach(PlasticSynapses p) {
        if (plasticity != null) {
            throw new IllegalStateException("projection '" + name + "' is already plastic");
        }
        if (values == null) {
            throw new IllegalStateException("projection '" + name + "' shares one weight: it cannot be plastic");
        }
        plasticity = p;
    }

    /**
     * The weight matrix [post x pre] (the storage order); not to be modified by callers. When
     * all synapses share one weight, the values are made on the first call (8 bytes per synapse
     * from then on); delivery never reads them. Where a weight is stored per synapse, the values
     * are that array: a plastic projection's live weights.
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

    /** The column pointers, as delivery reads them; not to be modified. */
    int[] columnPointers() {
        return colIdx;
    }

    /** The row (target) of every synapse in storage order, as delivery reads them; not to be modified. */
    int[] rowIndices() {
        return rows;
    }

    /** Weight of nonzero {@code k} (in storage order): the live weight of a plastic projection. */
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

    /** The longest delay held here, steps. */
    public int maxDelaySteps() {
        return maxDelay;
    }

    /**
     * The shortest delay of the whole projection, steps (the same in every partition; for delays
     * drawn from a distribution, the rounded lower end of the distribution, which no synapse is below).
     */
    public int minDelaySteps() {
        return minDelay;
    }

    /** Bytes stored per synapse: row, weight unless shared, delay unless constant. */
    public int bytesPerSynapse() {
        return 4 + (values == null ? 0 : 8) + (delays == null ? 0 : 2);
    }

    /**
     * Splits every column once for the stepping threads' target ranges: {@code localBounds} are
     * the chunks' bounds in local node ids of the postsynaptic population ({@code chunks + 1}
     * ascending values from 0 to {@code post.size()}; a chunk without targets here has an empty
     * range); without a call, there is one chunk. {@link #partStart} and {@link #partEnd} then find a chunk's part of a column with two loads
     * instead of a binary search over the column, a chain of dependent cache misses on a column
     * that is not in cache. Costs 4 bytes per column and inner bound. Called once, before the run.
     */
    void splitForChunks(int[] localBounds) {
        final int inner = localBounds.length - 2;
        if (inner <= 0) {
            chunkStarts = null;
            splits = 0;
            return;
        }
        int[] starts = new int[Math.multiplyExact(pre.totalSize(), inner)];
        for (int j = 0; j < pre.totalSize(); j++) {
            int from = colIdx[j];
            for (int t = 1; t <= inner; t++) {
                from = SortedInts.lowerBound(rows, from, colIdx[j + 1], localBounds[t]);
                starts[j * inner + t - 1] = from;
            }
        }
        chunkStarts = starts;
        splits = inner;
    }

    /** The weight every synapse has, when {@link #hasSharedWeight()}. */
    double sharedWeight() {
        return sharedWeight;
    }

    /** Sets this projection's weight code in its channel's narrow queues (before the run). */
    void queueCode(int code) {
        this.queueCode = code;
    }

    /** Where chunk {@code chunk}'s part of column {@code node} starts (a synapse index; see {@link #splitForChunks}). */
    int partStart(int node, int chunk) {
        return chunk == 0 ? colIdx[node] : chunkStarts[node * splits + chunk - 1];
    }

    /** Where chunk {@code chunk}'s part of column {@code node} ends. */
    int partEnd(int node, int chunk) {
        return chunk == splits ? colIdx[node + 1] : chunkStarts[node * splits + chunk];
    }

    /**
     * Reads the rows (and per-synapse delays) of synapses {@code [start, end)} at up to
     * {@code lines} cache lines, without a branch, and returns their sum: the lines are then on
     * their way into the cache, the loads of many columns overlapping, before
     * {@link #deliverRange} walks them.
     */
    int touch(int start, int end, int lines) {
        if (start >= end) {
            return 0;
        }
        final int[] r = rows;
        final int last = end - 1;
        int sum = 0;
        for (int j = 0; j < lines; j++) {
            sum += r[Math.min(start + 16 * j, last)];
        }
        final short[] d = delays;
        if (d != null) {
            for (int j = 0; j < lines; j += 2) {
                sum += d[Math.min(start + 16 * j, last)];
            }
        }
        return sum;
    }

    /**
     * Delivers synapses {@code [start, end)} (a part of one column) of a spike of step {@code step}:
     * each synapse of delay 1 adds its weight to {@code arrivals} (its channel's row of this step),
     * each synapse of delay D >= 2 is queued in {@code pending} (the chunk's queues of the channel,
     * null when its delays are all 1) for step {@code step + D - 1}. Returns the number of synapses.
     */
    int deliverRange(int start, int end, long step, double[] arrivals, PendingArrivals pending) {
        if (start == end) {
            return 0;
        }
        if (maxDelay == 1) {
            addRun(start, end, arrivals);
        } else if (delays != null) {
            queueEach(start, end, step, arrivals, pending);
        } else {
            queueRun(start, end, step + constantDelay - 1, pending);
        }
        return end - start;
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

    /** Queues the synapses {@code [start, end)}, all of one delay, for step {@code arrival}. */
    private void queueRun(int start, int end, long arrival, PendingArrivals pending) {
        final int q = pending.queue(arrival);
        final int slot = q * PendingArrivals.COUNT_STRIDE;
        while (pending.counts[slot] + (end - start) > pending.capacity) {
            pending.grow();
        }
        final int[] t = pending.targets;
        final double[] w = pending.weights;
        final int[] r = rows;
        int at = q * pending.capacity + pending.counts[slot];
        if (pending.narrow()) {
            final int bits = pending.codeBits;
            final int code = queueCode;
            for (int k = start; k < end; k++) {
                t[at++] = r[k] << bits | code;
            }
        } else {
            for (int k = start; k < end; k++) {
                t[at] = r[k];
                w[at] = values == null ? sharedWeight : values[k];
                at++;
            }
        }
        pending.counts[slot] += end - start;
    }

    /**
     * Synapses {@code [start, end)} with their own delays: delay 1 added to {@code arrivals}, the
     * others queued, each in the queue {@code (step + D - 1) & mask}. When every delay here is at
     * least 2 (no synapse goes to {@code arrivals}), in two passes per piece of up to
     * {@link PendingArrivals#PIECE} synapses: {@link #takeSlots} finds each synapse's place, then
     * the entries are stored there; each queue receives its entries in synapse order either way.
     */
    private void queueEach(int start, int end, long step, double[] arrivals, PendingArrivals pending) {
        if (!allQueued) {
            queueEachOrAdd(start, end, step, arrivals, pending);
            return;
        }
        final int[] r = rows;
        final int[] at = pending.slots;
        for (int from = start; from < end; from += PendingArrivals.PIECE) {
            final int to = Math.min(end, from + PendingArrivals.PIECE);
            if (!takeSlots(from, to, step, pending)) {
                giveBackSlots(from, to, step, pending);
                pending.reserve(to - from);
                takeSlots(from, to, step, pending);
            }
            final int[] t = pending.targets;
            if (pending.narrow()) {
                final int bits = pending.codeBits;
                final int code = queueCode;
                for (int k = from, j = 0; k < to; k++, j++) {
                    t[at[j]] = r[k] << bits | code;
                }
            } else {
                final double[] w = pending.weights;
                final double[] v = values;
                final double shared = sharedWeight;
                for (int k = from, j = 0; k < to; k++, j++) {
                    t[at[j]] = r[k];
                    w[at[j]] = v == null ? shared : v[k];
                }
            }
        }
    }

    /**
     * The first pass of {@link #queueEach}: takes the next place in its queue for each synapse of
     * {@code [from, to)} (at most {@link PendingArrivals#PIECE}), in order, into
     * {@code pending.slots}, and counts it; returns false if a queue ran out of room (then the
     * places past its end are not to be used, see {@link #giveBackSlots}). The capacity is checked
     * once for the piece, without a branch per synapse.
     */
    private boolean takeSlots(int from, int to, long step, PendingArrivals pending) {
        final short[] d = delays;
        final int[] counts = pending.counts;
        final int[] at = pending.slots;
        final int mask = pending.mask;
        final int capacity = pending.capacity;
        final int base = (int) step - 1;
        int over = 0;
        for (int k = from, j = 0; k < to; k++, j++) {
            final int q = (base + d[k]) & mask;
            final int c = counts[q * PendingArrivals.COUNT_STRIDE];
            counts[q * PendingArrivals.COUNT_STRIDE] = c + 1;
            over |= capacity - 1 - c;
            at[j] = q * capacity + c;
        }
        return over >= 0;
    }

    /** Undoes the counts of {@link #takeSlots} for synapses {@code [from, to)}. */
    private void giveBackSlots(int from, int to, long step, PendingArrivals pending) {
        final short[] d = delays;
        final int base = (int) step - 1;
        for (int k = from; k < to; k++) {
            pending.counts[((base + d[k]) & pending.mask) * PendingArrivals.COUNT_STRIDE]--;
        }
    }

    /** {@link #queueEach} when some synapses have a delay of 1: one pass, a branch per synapse. */
    private void queueEachOrAdd(int start, int end, long step, double[] arrivals, PendingArrivals pending) {
        final int[] r = rows;
        final short[] d = delays;
        final double[] v = values;
        final double shared = sharedWeight;
        final int[] counts = pending.counts;
        final int mask = pending.mask;
        final int base = (int) step - 1;
        final boolean narrow = pending.narrow();
        final int bits = pending.codeBits;
        final int code = queueCode;
        int[] t = pending.targets;
        double[] w = pending.weights;
        int capacity = pending.capacity;
        for (int k = start; k < end; k++) {
            final int delay = d[k];
            final double weight = v == null ? shared : v[k];
            if (delay == 1) {
                arrivals[r[k]] += weight;
                continue;
            }
            final int q = (base + delay) & mask;
            final int c = counts[q * PendingArrivals.COUNT_STRIDE];
            if (c == capacity) {
                pending.grow();
                t = pending.targets;
                w = pending.weights;
                capacity = pending.capacity;
            }
            final int at = q * capacity + c;
            if (narrow) {
                t[at] = r[k] << bits | code;
            } else {
                t[at] = r[k];
                w[at] = weight;
            }
            counts[q * PendingArrivals.COUNT_STRIDE] = c + 1;
        }
    }

    @Override
    public String toString() {
        return name + " (" + pre.name() + " -> " + post.name() + ", " + rows.length + " synapses, "
                + (delays == null ? "delay " + constantDelay + " step(s)" : "delays per synapse") + ")";
    }

}
