package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.network.plasticity.Arrivals;
import org.cortexsim.network.plasticity.Incoming;
import org.cortexsim.network.plasticity.PlasticState;
import org.cortexsim.network.plasticity.PlasticityKernel;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.RuleFields;
import org.cortexsim.network.plasticity.RuleParameters;

/**
 * The plastic path of one projection: its rule's state ({@link PlasticState}, aligned with the
 * projection's nonzeros in storage order), the rule's kernel, the row index of each
 * postsynaptic neuron's incoming synapses (built once), and what it takes to handle each
 * presynaptic spike when it reaches the synapse rather than when it is emitted.
 *
 * <p>Arrival times. A spike of sample n reaches synapse k at time {@code (n + D_k) dt}; in step
 * t - 1 (the step that produces sample t) the arrivals at time t deliver the weight the kernel
 * gives into the channel's arrivals row of that step, then update the synapse (the channel's
 * {@link PendingArrivals} are not used: the spikes in flight are kept here). When all synapses share
 * one delay D, the presynaptic spikes of the last D samples are kept ({@link SpikeHistory}) and
 * the arrivals at t are the columns of the spikes of sample t - D; presynaptic state is then
 * held once per presynaptic neuron. With per-synapse delays, each thread queues its synapses
 * by arrival step when the spike is emitted ({@link ArrivalQueue}) and presynaptic state is
 * held per synapse. Either way arrivals at one time are handled in the order: spike sample,
 * then presynaptic neuron, then storage order.
 *
 * <p>Threads: the thread owning a postsynaptic neuron handles every arrival at its synapses, in
 * a fixed order. Its spikes' updates, which touch only its incoming synapses and its
 * postsynaptic state, are shared evenly among the threads in a phase of their own after all
 * threads found the step's spikes ({@link #postSpikes(int, int, long, SpikeBuffer[])}; with
 * one thread, at once), so results do not depend on the number of threads. The presynaptic
 * updates of shared slots run alone, before the parallel phase of the step.
 *
 * <p>Checkpoint state, between steps (before step s): the rule's state ({@code state}: the live
 * weights and every synapse, presynaptic and postsynaptic field, {@link PlasticState}); with one
 * delay, the presynaptic spikes of the last samples ({@code history}, {@link SpikeHistory}); with
 * per-synapse delays, the spikes in flight ({@code arrivals}): for each time (s + 1 + i) dt, the
 * synapses they reach then, in the order a run that never stopped handles them at each target
 * (spike sample, then storage order), gathered from all threads' queues; a restore hands each to
 * the queue of the thread owning its target, so a checkpoint does not depend on the thread count
 * on either side.
 *
 * <p>Memory per plastic synapse, beyond the projection's own (a row and a weight, 12 bytes, plus
 * 2 for a per-synapse delay): 8 per synapse field, 8 per presynaptic field when delays differ,
 * and the row index (4 bytes with per-synapse delays, 8 with one delay: synapse and presynaptic
 * neuron) when the rule uses postsynaptic spikes. With one delay, each thread also holds its part
 * of the column of every presynaptic neuron that may arrive in a step (8 bytes per presynaptic
 * neuron and thread).
 */
public final class PlasticSynapses implements Checkpointable {
    private final Projection projection;
    private final PlasticityRule rule;
    private final RuleParameters parameters;
    private final PlasticState state;
    private final PlasticityKernel kernel;
    private final int[] colIdx;
    private final int[] rows;
    /** The live weights (the projection's, in storage order), read ahead of the arrivals ({@link #touchWeights}). */
    private final double[] weights;
    private final boolean oneDelay;
    private final int delay;
    /** Whether the rule has presynaptic state (asked once: a rule may build its lists on every call). */
    private final boolean hasPreState;
    /** Row index: the incoming synapses of post neuron i are entries [rowPtr[i], rowPtr[i + 1]). */
    private final int[] rowPtr;
    private final int[] rowSynapses;
    private final int[] rowSlots;
    /** With one delay: the presynaptic spikes (local ids) of the last {@code delay} samples. */
    private final SpikeHistory history;
    private Chunk[] chunks;

    PlasticSynapses(Projection projection, PlasticityRule rule, RuleParameters parameters, double dtMs) {
        this.projection = projection;
        this.rule = rule;
        this.parameters = parameters;
        this.colIdx = projection.weights().col_idx;
        this.rows = projection.weights().nz_rows;
        this.weights = projection.weights().nz_values;
        this.oneDelay = projection.hasConstantDelay();
        this.delay = oneDelay ? projection.delaySteps(0) : 0;
        this.hasPreState = !rule.preState().isEmpty();
        final int nnz = projection.synapseCount();
        final Population pre = projection.pre();
        final Population post = projection.post();
        this.state = new PlasticState(rule, projection.weights().nz_values, rows, pre.totalSize(), post.size(),
                !oneDelay);
        try {
            this.kernel = rule.kernel(parameters, dtMs, state);
        } catch (IllegalArgumentException e) {
            // a field the rule did not declare, or a parameter it does not have: name the rule's class
            throw new IllegalArgumentException("plasticity rule '" + rule.name() + "' (" + rule.getClass().getName()
                    + "): " + e.getMessage(), e);
        }
        if (rule.usesPostSpikes()) {
            rowPtr = new int[post.size() + 1];
            for (int k = 0; k < nnz; k++) {
                rowPtr[rows[k] + 1]++;
            }
            for (int i = 0; i < post.size(); i++) {
                rowPtr[i + 1] += rowPtr[i];
            }
            int[] fill = java.util.Arrays.copyOf(rowPtr, post.size());
            rowSynapses = new int[nnz];
            // the slot of a synapse is its presynaptic neuron with one delay, else the synapse itself
            int[] slots = oneDelay ? new int[nnz] : rowSynapses;
            for (int j = 0; j < pre.totalSize(); j++) {
                for (int k = colIdx[j]; k < colIdx[j + 1]; k++) {
                    int e = fill[rows[k]]++;
                    rowSynapses[e] = k;
                    if (slots != rowSynapses) {
                        slots[e] = j;
                    }
                }
            }
            rowSlots = slots;
        } else {
            rowPtr = null;
            rowSynapses = null;
            rowSlots = null;
        }
        this.history = oneDelay ? new SpikeHistory(delay, pre.totalSize()) : null;
    }

    public Projection projection() {
        return projection;
    }

    public PlasticityRule rule() {
        return rule;
    }

    public RuleParameters parameters() {
        return parameters;
    }

    /** The rule's state; its weights are the projection's live weights. */
    public PlasticState state() {
        return state;
    }

    /** The name of the weights among the variables a recording reads at the synapses ({@link #variable}). */
    public static final String WEIGHTS = "w";

    /**
     * Where the value of a recorded variable at each of some synapses lives: element
     * {@code elements[c]} of the live array {@code values} holds the value at the c-th synapse,
     * in {@code units}. The arrays are the engine's own: read them, never write them.
     */
    public record SynapseVariable(String name, String units, double[] values, int[] elements) {
    }

    /**
     * Variable {@code name} at {@code synapses} (ids in storage order, each in {@code [0,
     * synapseCount)}): {@link #WEIGHTS} (the live weights, in the synapse model's weight unit), or a
     * field the rule declares ({@link RuleFields#find}), in the field's unit: a synapse field at
     * the synapse itself, a presynaptic field at the synapse's presynaptic slot (its presynaptic
     * neuron with one delay, the synapse with per-synapse delays), a postsynaptic field at the
     * synapse's target. The values are what the rule's state holds, not recomputed: a trace the
     * rule updates lazily reads as of its last update.
     *
     * @throws IllegalArgumentException when the rule declares no field of that name, naming those it has
     */
    public SynapseVariable variable(String name, int[] synapses) {
        if (WEIGHTS.equals(name)) {
            return new SynapseVariable(name, projection.channel().model().weightUnit(), weights, synapses.clone());
        }
        RuleFields.Field field = RuleFields.find(rule, name);
        if (field == null) {
            throw new IllegalArgumentException("plasticity rule '" + rule.name() + "' of projection '"
                    + projection.name() + "' has no field '" + name + "'; it has: "
                    + String.join(", ", recordableNames(rule)));
        }
        String own = field.spec().name();
        int[] elements = new int[synapses.length];
        final double[] values;
        switch (field.kind()) {
            case SYNAPSE -> {
                values = state.synapse(own);
                System.arraycopy(synapses, 0, elements, 0, synapses.length);
            }
            case PRE -> {
                values = state.pre(own);
                for (int c = 0; c < synapses.length; c++) {
                    elements[c] = oneDelay ? sourceOf(synapses[c]) : synapses[c];
                }
            }
            default -> {
                values = state.post(own);
                for (int c = 0; c < synapses.length; c++) {
                    elements[c] = rows[synapses[c]];
                }
            }
        }
        return new SynapseVariable(name, field.spec().unit(), values, elements);
    }

    /** What {@link #variable} accepts for a projection with {@code rule}: {@link #WEIGHTS}, then the rule's fields. */
    public static java.util.List<String> recordableNames(PlasticityRule rule) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(WEIGHTS);
        names.addAll(RuleFields.names(rule));
        return names;
    }

    /** The presynaptic neuron (column) of synapse {@code k}: the last column starting at or before k. */
    private int sourceOf(int k) {
        int lo = 0;
        int hi = colIdx.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (colIdx[mid] <= k) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Whether the rule updates synapses on postsynaptic spikes (then the row index is built). */
    boolean usesPostSpikes() {
        return rowPtr != null;
    }

    /** Bytes held per synapse beyond the projection's own ({@link Projection#bytesPerSynapse()}): state, row index (averaged). */
    public double bytesPerSynapse() {
        long index = rowSynapses == null ? 0 : 4L + (rowSlots != rowSynapses ? 4L : 0);
        return state.bytesPerSynapse() + index;
    }

    /**
     * Prepares the per-thread state for chunks {@code [bounds[t], bounds[t + 1])} of state
     * indices; called once by the simulation.
     */
    void prepare(int[] bounds) {
        final Population post = projection.post();
        chunks = new Chunk[bounds.length - 1];
        for (int t = 0; t < chunks.length; t++) {
            int lo = Math.max(bounds[t], post.offset()) - post.offset();
            int hi = Math.min(bounds[t + 1], post.end()) - post.offset();
            chunks[t] = new Chunk(Math.max(0, lo), Math.max(lo, hi), oneDelay ? 0 : projection.maxDelaySteps());
        }
    }

    /**
     * Serial, before the parallel phase of a step: with one delay, keeps the presynaptic spikes of
     * sample {@code n} among {@code idx[start .. start + count)} (indices of the whole network,
     * ascending): the step's own spikes, or in a partitioned run each sample of the window the step
     * propagates. Nothing with per-synapse delays.
     */
    void record(long n, int[] idx, int start, int count) {
        if (history != null) {
            final Population pre = projection.pre();
            history.record(n, idx, start, count, pre.globalOffset(), pre.globalOffset() + pre.totalSize());
        }
    }

    /**
     * Serial, before the parallel phase of step {@code n} (after {@link #record}): with one delay,
     * lets the kernel update the presynaptic state of the spikes that arrive at time n + 1, those
     * of sample n + 1 - D.
     */
    void preArrivals(long n) {
        if (history == null) {
            return;
        }
        long emitted = n + 1 - delay;
        if (emitted >= 0 && hasPreState) {
            kernel.preArrival(n + 1, history.spikes(emitted), 0, history.count(emitted));
        }
    }

    /**
     * With per-synapse delays, chunk {@code t} queues the synapses onto its targets of the
     * presynaptic spikes of sample {@code n} among {@code idx[start .. start + count)} (indices of
     * the whole network, ascending) at their arrival times n + D_k; call once per sample, samples
     * in order, before {@link #arrive} of a step that comes before their arrivals. Nothing with one
     * delay.
     */
    void enqueue(int t, long n, int[] idx, int start, int count) {
        final Chunk c = chunks[t];
        if (c.queue != null && c.lo < c.hi) {
            c.queue.enqueue(n, idx, start, count, projection, c.lo, c.hi);
        }
    }

    /**
     * The plastic part of step {@code n} for chunk {@code t}: handles the arrivals at time n + 1
     * at the chunk's targets, delivering into the row of step n. Returns the number of arrivals.
     */
    long arrive(int t, long n) {
        final Chunk c = chunks[t];
        if (c.lo >= c.hi) {
            return 0;
        }
        final double[] row = projection.channel().arrivals();
        final Arrivals batch = c.batch;
        long arrivals = 0;
        if (oneDelay) {
            final long emitted = n + 1 - delay;
            if (emitted < 0) {
                return 0;
            }
            final int[] spiked = history.spikes(emitted);
            final int count = history.count(emitted);
            final boolean all = c.lo == 0 && c.hi == projection.post().size();
            final int[] starts = c.starts;
            final int[] ends = c.ends;
            c.touched += touchRows(spiked, count);
            for (int s = 0; s < count; s++) {
                final int j = spiked[s];
                final int start = all || c.lo == 0 ? colIdx[j]
                        : SortedInts.lowerBound(rows, colIdx[j], colIdx[j + 1], c.lo);
                starts[s] = start;
                ends[s] = all || c.hi == projection.post().size() ? colIdx[j + 1]
                        : SortedInts.lowerBound(rows, start, colIdx[j + 1], c.hi);
            }
            c.touched += touchWeights(starts, ends, count);
            for (int s = 0; s < count; s++) {
                final int start = starts[s];
                final int end = ends[s];
                if (start < end) {
                    batch.range(start, end - start, spiked[s], rows, row);
                    kernel.arrive(n + 1, batch);
                    arrivals += end - start;
                }
            }
        } else {
            final ArrivalQueue.Bucket bucket = c.queue.bucket(n + 1);
            final int count = bucket.count();
            if (count > 0) {
                if (hasPreState) {
                    kernel.preArrival(n + 1, bucket.synapses(), 0, count);
                }
                batch.list(bucket.synapses(), 0, count, rows, row);
                kernel.arrive(n + 1, batch);
                arrivals = count;
            }
            bucket.clear();
        }
        return arrivals;
    }

    /**
     * The postsynaptic spikes of sample {@code m} found by chunk {@code t} ({@code detected},
     * state indices ascending): the kernel updates each one's incoming synapses. With one chunk,
     * and for the spikes of sample 0.
     */
    void postSpikes(int t, long m, SpikeBuffer detected) {
        if (rowPtr == null) {
            return;
        }
        final Chunk c = chunks[t];
        final Population post = projection.post();
        final int count = detected.count();
        final int[] idx = detected.indices();
        final int first = post.offset() + c.lo;
        final int end = post.offset() + c.hi;
        final int lo = SortedInts.lowerBound(idx, 0, count, first);
        updateIncoming(m, idx, lo, SortedInts.lowerBound(idx, lo, count, end), post.offset(), c.incoming);
    }

    /**
     * The kernel updates the incoming synapses of each postsynaptic neuron {@code idx[s] - offset},
     * s in {@code [from, to)}, spiking at sample {@code m}, through {@code incoming}.
     */
    private void updateIncoming(long m, int[] idx, int from, int to, int offset, Incoming incoming) {
        for (int s = from; s < to; s++) {
            final int i = idx[s] - offset;
            incoming.position(rowPtr[i], rowPtr[i + 1]);
            kernel.postSpike(m, i, incoming);
        }
    }

    /**
     * Share {@code t} of {@code shares} (as even as whole spikes allow) of the postsynaptic spikes
     * of sample {@code m} in {@code detected} (the lists of all chunks, in chunk order, each with
     * state indices ascending): the kernel updates each one's incoming synapses. Called by every
     * chunk t at once, after all chunks found their spikes and before the next arrivals.
     */
    void postSpikes(int t, int shares, long m, SpikeBuffer[] detected) {
        if (rowPtr == null) {
            return;
        }
        final Population post = projection.post();
        final int first = post.offset();
        final int end = post.end();
        long total = 0;
        for (SpikeBuffer b : detected) {
            final int lo = SortedInts.lowerBound(b.indices(), 0, b.count(), first);
            total += SortedInts.lowerBound(b.indices(), lo, b.count(), end) - lo;
        }
        final long from = total * t / shares;
        final long to = total * (t + 1) / shares;
        final Incoming incoming = chunks[t].incoming;
        long seen = 0;
        for (SpikeBuffer b : detected) {
            final int[] idx = b.indices();
            final int lo = SortedInts.lowerBound(idx, 0, b.count(), first);
            final int hi = SortedInts.lowerBound(idx, lo, b.count(), end);
            updateIncoming(m, idx, (int) Math.max(lo, lo + from - seen), (int) Math.min(hi, lo + to - seen), first, incoming);
            seen += hi - lo;
        }
    }

    @Override
    public void saveState(StateWriter out, long step) {
        state.saveState(out.scope("state"), step);
        if (history != null) {
            history.saveState(out.scope("history"), step);
        } else {
            saveArrivals(out.scope("arrivals"), step);
        }
    }

    /**
     * The spikes in flight before step {@code step}: {@code synapses[offsets[i] .. offsets[i + 1])}
     * reach their synapses at time (step + 1 + i) dt, i = 0 .. maxDelay - 2, each time's sorted by
     * spike sample (step + 1 + i - D_k), then storage index k: the order in which the queue of the
     * thread owning a target would hold them.
     */
    private void saveArrivals(StateWriter out, long step) {
        final int maxDelay = projection.maxDelaySteps();
        final int nnz = projection.synapseCount();
        final int[] offsets = new int[maxDelay];
        final org.cortexsim.core.IntList synapses = new org.cortexsim.core.IntList(64);
        for (Chunk c : chunks) {
            if (c.queue != null && c.queue.bucket(step).count() > 0) {
                throw new IllegalStateException("plastic arrivals of " + projection.name() + " at step " + step
                        + " were not handled");
            }
        }
        for (int i = 0; i + 1 < maxDelay; i++) {
            final long time = step + 1 + i;
            int total = 0;
            for (Chunk c : chunks) {
                total += c.queue == null ? 0 : c.queue.bucket(time).count();
            }
            final long[] keys = new long[total];
            int at = 0;
            for (Chunk c : chunks) {
                if (c.queue == null) {
                    continue;
                }
                ArrivalQueue.Bucket b = c.queue.bucket(time);
                for (int e = 0; e < b.count(); e++) {
                    final int k = b.synapses()[e];
                    // spike samples ahead of the earliest possible one (time - maxDelay), then k
                    final long sampleRank = maxDelay - projection.delaySteps(k);
                    keys[at++] = sampleRank * nnz + k;
                }
            }
            java.util.Arrays.sort(keys);
            for (long key : keys) {
                synapses.add((int) (key % nnz));
            }
            offsets[i + 1] = synapses.size();
        }
        out.ints("offsets", offsets);
        out.ints("synapses", synapses.toArray());
    }

    /**
     * Restores what {@link #saveState} wrote before step {@code step}, in place (the weights array
     * stays the one the projection, the kernel and any weight recorder hold).
     */
    @Override
    public void restoreState(StateReader in, long step) {
        state.restoreState(in.scope("state"), step);
        if (history != null) {
            history.restoreState(in.scope("history"), step);
        } else {
            restoreArrivals(in.scope("arrivals"), step);
        }
    }

    private void restoreArrivals(StateReader in, long step) {
        final int maxDelay = projection.maxDelaySteps();
        final int nnz = projection.synapseCount();
        final int[] offsets = in.ints("offsets");
        final int[] synapses = in.ints("synapses");
        in.requireLength("offsets", offsets.length, maxDelay);
        if (offsets[0] != 0 || offsets[maxDelay - 1] != synapses.length) {
            throw new StateMismatchException(in.path("offsets") + " does not span " + in.path("synapses"));
        }
        for (Chunk c : chunks) {
            if (c.queue != null) {
                c.queue.clear();
            }
        }
        for (int i = 0; i + 1 < maxDelay; i++) {
            final long time = step + 1 + i;
            if (offsets[i + 1] < offsets[i]) {
                throw new StateMismatchException(in.path("offsets") + " is not ascending");
            }
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                final int k = synapses[e];
                if (k < 0 || k >= nnz) {
                    throw new StateMismatchException(in.path("synapses") + " names synapse " + k + " of "
                            + projection.name() + ", which has " + nnz);
                }
                final long sample = time - projection.delaySteps(k);
                if (sample >= step || sample < 0) {
                    throw new StateMismatchException(in.path("synapses") + ": synapse " + k + " of "
                            + projection.name() + " (delay " + projection.delaySteps(k) + " steps) cannot be"
                            + " reached at step " + time + " by a spike before step " + step);
                }
                chunkOf(rows[k]).queue.bucket(time).add(k);
            }
        }
    }

    /** The chunk whose targets include {@code target} (local id). */
    private Chunk chunkOf(int target) {
        for (Chunk c : chunks) {
            if (target >= c.lo && target < c.hi) {
                return c;
            }
        }
        throw new IllegalStateException("no chunk owns target " + target + " of " + projection.name());
    }

    /**
     * Reads the first lines of the rows of the columns of {@code spiked[0 .. count)}, branch-free,
     * and returns their sum: the misses on these cold columns then overlap instead of each
     * column's walk waiting for its first lines (as {@link Simulation}'s static delivery does).
     */
    private int touchRows(int[] spiked, int count) {
        final int[] r = rows;
        int sum = 0;
        for (int s = 0; s < count; s++) {
            final int j = spiked[s];
            final int start = colIdx[j];
            final int last = colIdx[j + 1] - 1;
            if (last < start) {
                continue;
            }
            for (int line = 0; line < 8; line++) {
                sum += r[Math.min(start + 16 * line, last)];
            }
        }
        return sum;
    }

    /**
     * Reads the first lines of the weights {@code [starts[s], ends[s])}, s < count, branch-free,
     * and returns a sum of what it read: only this chunk's part of each column, so that with
     * several threads no thread reads the lines another one is about to write.
     */
    private int touchWeights(int[] starts, int[] ends, int count) {
        final double[] w = weights;
        int sum = 0;
        for (int s = 0; s < count; s++) {
            final int start = starts[s];
            final int last = ends[s] - 1;
            if (last < start) {
                continue;
            }
            for (int line = 0; line < 16; line++) {
                sum += (int) w[Math.min(start + 8 * line, last)];
            }
        }
        return sum;
    }

    /** One thread's share: its targets {@code [lo, hi)} (local ids), batch, view and queue. */
    private final class Chunk {
        final int lo;
        final int hi;
        final Arrivals batch = new Arrivals();
        final Incoming incoming;
        final ArrivalQueue queue;
        /** With one delay: this chunk's part {@code [starts[s], ends[s])} of the column of each arriving spike s. */
        final int[] starts;
        final int[] ends;
        /** The sum of the values {@link #touchRows} and {@link #touchWeights} read, kept so that the reads are not optimised away. */
        long touched;

        Chunk(int lo, int hi, int maxDelay) {
            this.lo = lo;
            this.hi = hi;
            this.starts = maxDelay == 0 ? new int[projection.pre().totalSize()] : null;
            this.ends = maxDelay == 0 ? new int[projection.pre().totalSize()] : null;
            this.incoming = rowSynapses == null ? null : new Incoming(rowSynapses, rowSlots);
            this.queue = maxDelay > 0 ? new ArrivalQueue(maxDelay) : null;
        }
    }
}
