package org.cortexsim.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.DoubleList;
import org.cortexsim.core.EulerIntegrator;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.Input;
import org.cortexsim.core.model.Recovery;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.network.synapse.SynapseBlock;

/**
 * Runs the step loop of a built network: neurons (model neurons and spike sources), projections
 * (static and plastic), synapse channels, Poisson sources, current inputs and step listeners. This class is the one place the order of a step
 * is written, here as the code runs it ({@link #run}, {@link #takeStep}, {@link #stepChunk}).
 *
 * <p>Sample n is the state at time n * dt (sample 0 is the initial state); step n turns sample
 * n into sample n + 1. S_n, the spikes of step n (at time n * dt), are the neurons whose stored
 * sample is at or above the peak, {@code v_n >= vpeak} (the seed notebook's check). The code
 * detects S_n while it computes sample n: fused into the Euler pass of step n - 1, the new v
 * compared while still in a register (S_0 by a detection pass before the first step). A spike
 * source's neurons are in S_n when their {@link org.cortexsim.core.SpikeSchedule} says so; they
 * have no dynamics and the Euler pass skips them.
 * <ol start="0">
 * <li><b>Start.</b> Listeners see sample 0; S_0 is detected on it; each neuron of S_0 updates
 * its incoming plastic synapses (as in phase 3).</li>
 * </ol>
 * Then, for each step n (phase 1a on the calling thread, 1b to 3 chunk-parallel, 4 to 7 on the
 * calling thread):
 * <ol>
 * <li><b>Propagate S_n.</b> (a) Serially, each plastic projection whose synapses share one
 * delay D keeps the presynaptic spikes of S_n (in a partitioned run: of the window this step
 * propagates, if any, below) and updates the presynaptic state of the rule (shared by a
 * neuron's synapses) for the spikes that reach the synapses at time (n + 1) dt, those of
 * S_{n+1-D}. (b) Then, chunk-parallel, the arrivals queued for step n by earlier steps are added
 * to the channels' arrivals rows, in the order they were delivered. Then each spike of S_n, in
 * ascending index order, walks its static projections' CSC columns once (projections in
 * creation order); a synapse with a delay of D steps adds its weight to the row of this step
 * (D = 1) or is queued for step n + D - 1 (D >= 2, {@link PendingArrivals}). (c) Plastic
 * projections, in creation order, handle the spikes that reach their synapses at time (n + 1) dt
 * ({@link PlasticSynapses}: a spike of S_m reaches a synapse of delay D at (m + D) dt; with
 * per-synapse delays each spike's synapses are queued by arrival time when the spike is
 * propagated), in the order spike sample, presynaptic neuron, storage order: with per-synapse
 * delays the presynaptic state of each synapse is updated first; then each synapse adds the
 * weight its rule gives (its weight as it stands, for STDP) to the row of this step and is
 * updated (STDP: depression with x_post((n + 1) dt)).</li>
 * <li><b>Form I_n</b>, block by block: each Poisson source adds the spikes it emitted in step
 * n - D + 1 (D its delay) to the row, after every spike arrival; the input current starts at 0;
 * each synapse channel, in creation order, turns the row of step n into current (delta: the
 * weight, for this step only); then each current input, in the order added (a config's inputs
 * of type dc, noise, step_current and sinusoidal, in config order), adds its current to the
 * neurons it selects:
 * I_n, one number per neuron, formed before it enters the neuron equation. Terms that are whole
 * arrays (a delta channel's row, per-neuron DC) are held by a {@link CurrentSum} and summed
 * inside the Euler pass, with the same additions in the same order.</li>
 * <li><b>Integrate and detect S_{n+1}</b>, in the same block: neurons in S_n reset
 * ({@code v = c, u = u + d}); the others take the notebook's Euler step with I_n; each new sample
 * at or above the peak joins S_{n+1} (a spike source's neurons: as scheduled for sample n + 1).
 * Then each neuron of S_{n+1} updates its incoming plastic synapses through the rule (STDP:
 * potentiation with x_pre((n + 1) dt)), plastic projections in creation order, after the
 * arrivals at that time; with several chunks this is a chunk-parallel phase of its own, after
 * all chunks found S_{n+1}, each chunk taking an equal share of S_{n+1}'s neurons.</li>
 * <li><b>Record.</b> Listeners see sample n + 1, the weights after all events up to time
 * (n + 1) dt, and S_n.</li>
 * <li><b>Hand over.</b> S_{n+1}, merged from the chunks in index order, becomes the spikes of
 * step n + 1.</li>
 * <li><b>Exchange</b> (partitioned runs only, once per window, below).</li>
 * <li><b>Stop?</b> The stop condition is asked after step n (in a partitioned run: after the
 * steps that end a window).</li>
 * </ol>
 * So the arrivals of every target in step n are summed in one order: through static projections
 * the spikes of earlier steps by step, then those of S_n (each step's by presynaptic index, then
 * projection, then synapse); then through plastic projections (by projection, then spike sample,
 * presynaptic index, synapse); then the Poisson sources.
 *
 * <p>Threads: neurons are split into one contiguous chunk per thread, of about equal cost
 * ({@link #chunkBounds}). Each chunk propagates every spike of the step, in spike order, but only
 * into its own targets (the rows of its index range, as split once by
 * {@link Projection#splitForChunks}) and its own queues of later arrivals, and handles the
 * plastic arrivals of its own targets only; the updates of a postsynaptic spike touch that
 * neuron's incoming synapses and state only, in a phase of their own, so no two threads write one
 * element and every neuron's input and every synapse's state are updated in the same order
 * whatever the thread count: results are bit-identical for any number of threads. A thread is only used per
 * {@link NetworkBuilder#MIN_NEURONS_PER_THREAD} neurons (by default): a hand-off between threads
 * costs microseconds, as much as a whole step of a small network. Within a chunk, phases 2 and 3
 * run block by block (up to 4,096 neurons of one population). This class allocates nothing
 * inside the loop, except when a queue of later arrivals outgrows every size it had before
 * ({@link PendingArrivals}, and the queues and spike lists of plastic projections: in the first
 * steps of a run) or an exchange window holds more spikes than any before. {@link
 * #enableProfile()} times the phases per thread ({@link StepProfile}); an unprofiled run reads no
 * clock inside the loop.
 *
 * <p>Windowed stepping: with several threads in one process, no plastic projection and every
 * delay at least W = {@link #windowSteps()} >= 2 steps, the chunks take up to min(W, {@value
 * #MAX_THREAD_WINDOW_STEPS}) steps per hand-off instead of one ({@link #takeWindow}). A spike of
 * S_m reaches no target before step m + W - 1, so inside a window of steps s .. s + L - 1 (L <=
 * W) no chunk needs the spikes another finds there. Step s propagates as the first step after a
 * partitioned run's exchange does (below): the earlier samples of the last window, in order,
 * then the queue of step s, then S_s; the window's other steps only drain their queues. After the
 * window the chunks' spikes are merged sample by sample in index order, and the listeners are
 * told of each step in order. A window ends, at the latest, after the step where a listener next
 * reads the state ({@link StepListener#nextStateRead}: a recorder of spikes never does, a
 * recorder of v every K steps after every K-th) or the stop condition asks to be asked ({@link
 * StopCondition#nextCheck}); {@link #saveState} propagates the window's earlier samples first,
 * so a checkpoint holds what one step at a time holds. Every target's arrivals are summed in the
 * order above: results are those of one step at a time, bit for bit. A network that may step in
 * windows is given a thread per 1/min(W, {@value #MAX_THREAD_WINDOW_STEPS}) of the builder's
 * neurons per thread, as its hand-offs are that much rarer; a window too short for that (its
 * length times a chunk's neurons under the builder's figure: a listener reading v after every
 * step) runs all the chunks on the calling thread, in order.
 *
 * <p>Partitions: a simulation may hold one partition of a network ({@link Neurons#isPartition()}:
 * the neurons of one contiguous index range, and the synapses onto them), the others running
 * elsewhere, joined by a {@link SpikeExchange} ({@link #exchangeSpikes}). A spike of S_m is first
 * needed by step m + D - 1, so with W = {@link #windowSteps()}, the shortest delay of any
 * projection (at most {@value #MAX_WINDOW_STEPS}), the partitions exchange their spikes once per
 * W steps: in phase 6 after sample s whenever {@code (s + 1) % W == 0}, each sends its spikes of
 * samples s - W + 1 .. s (with its stop request) and receives everyone's, S_m of the whole network.
 * Step s then propagates them all in phase 1: first S_m for m &lt; s, in order, each into the
 * queues (their arrivals are all in step s or later), then the arrivals queued for step s are
 * added to the rows, then S_s, as above. That is the order above, so a partitioned run's spikes
 * are bit-identical to one process's for any number of partitions and threads. A run stops only
 * after a window's exchange, all partitions together, with the lowest partition's reason. Plastic
 * projections are local to the partition holding their targets (weights, rule state, the row
 * index, postsynaptic traces); their presynaptic spikes come with the window: with one delay D
 * (at least W) the window's samples join the spike history in phase 1a of step s, before any is
 * needed (sample n + 1 - D &lt;= s for the steps n &lt; s + W of the window); with per-synapse
 * delays each sample's synapses are queued in phase 1c of step s, in sample order, at times after
 * s, so every synapse sees its arrivals in the order of one process.
 *
 * <p>Checkpoints: between steps (before {@link #run}, from its stop condition, or after it) the
 * state of the loop is {@link #saveState saved}: the step, S_step (detected, not yet propagated),
 * the counts of spikes and synaptic events, the neurons, every channel's fields (by id) and its
 * arrivals queued for later steps, by steps ahead, each target's summed in the order they were
 * delivered ({@link #savePending}), and every plastic projection's weights, rule state and
 * spikes in flight (by projection name, {@link PlasticSynapses}); none of it depends on the
 * number of threads. A spike source needs nothing saved: its spikes of a sample are looked up
 * by the sample.
 * A simulation built from the same config and {@link #restoreState restored} (on any number of
 * threads: each queued arrival goes to the queue of the chunk owning its target) runs on from
 * that step instead of from sample 0: S_step is not detected again and listeners are {@link
 * StepListener#resume resumed} instead of started.
 */
public final class Simulation implements AutoCloseable, Checkpointable {
    private static final int EVENT_STRIDE = 16;
    /**
     * Longest exchange window, steps: even a network without short delays exchanges (and so can
     * stop, all partitions together) at least this often.
     */
    public static final int MAX_WINDOW_STEPS = 1000;
    /**
     * Neurons per block of the per-neuron phases (input, integration, detection): a block's
     * state, current, input and arrival arrays (a few times 32 KB) stay in the L2 cache from one
     * phase to the next instead of streaming each array through memory once per phase (a few per
     * cent at 100k neurons; docs/performance.md).
     */
    private static final int BLOCK = 4096;
    /**
     * Column parts gathered per batch of delivery: their cache lines are read first, all of them,
     * so the misses on the columns (cold: the synapses of 100k neurons are 40 MB) overlap, then
     * the parts are walked in order (docs/performance.md).
     */
    private static final int BATCH = 64;
    /** Cache lines read ahead per column part (the rest of a longer part comes by the hardware's prefetch). */
    private static final int TOUCH_LINES = 8;
    /**
     * Most steps the chunks take per hand-off in windowed stepping ({@link #windowed}); with W the
     * shortest delay, at most W.
     */
    static final int MAX_THREAD_WINDOW_STEPS = 64;
    private final Neurons neurons;
    private final TimeGrid grid;
    /** The neurons' Euler pass, bound to the grid's dt once. */
    private final EulerIntegrator euler;
    private final List<Projection> projections;
    private final List<SynapseChannel> channels;
    private final List<PoissonSource> poissonSources;
    private final List<Input> inputs;
    private final List<StepListener> listeners;
    /** The lists above as arrays, for the step loop (no iterators). */
    private final SynapseChannel[] channelArray;
    private final PoissonSource[] poissonArray;
    private final Input[] inputArray;
    private StepListener[] listenerArray;
    /** The per-chunk tasks, made once (a method reference would be a new object per step). */
    private final IntConsumer stepTask = t -> stepChunk(t, null);
    /** As {@link #stepTask}, timing the phases into {@link #profile}. */
    private final IntConsumer profiledStepTask = t -> stepChunk(t, this.profile);
    /** The phase timings of a profiled run, or null (then no time is read inside the loop). */
    private StepProfile profile;
    private final IntConsumer detectTask = this::detectChunk;
    /** Windowed stepping: each chunk takes the steps of the window ({@link #stepWindowChunk}). */
    private final IntConsumer windowTask = t -> stepWindowChunk(t, null);
    private final IntConsumer profiledWindowTask = t -> stepWindowChunk(t, this.profile);
    /** Windowed stepping: each chunk propagates the window's samples not yet propagated ({@link #flushWindow}). */
    private final IntConsumer flushTask = this::flushChunk;
    /** With several chunks: each takes an equal share of the step's postsynaptic spikes' plastic updates ({@link #sharePostSpikes}). */
    private final IntConsumer postSpikesTask = t -> sharePostSpikes(t, null);
    private final IntConsumer profiledPostSpikesTask = t -> sharePostSpikes(t, this.profile);
    /** Whether the plastic updates of postsynaptic spikes are a phase of their own, shared evenly (several chunks). */
    private final boolean sharedPostSpikes;
    /** Outgoing static projections of population k (by index in neurons.populations()). */
    private final Projection[][] outgoing;
    /** The plastic paths of the plastic projections, in creation order. */
    private final PlasticSynapses[] plastic;
    /** Index in {@link #channelArray} of the channel of each projection of {@link #outgoing}. */
    private final int[][] outgoingChannel;
    /** Index in {@link #projectionArray} of each projection of {@link #outgoing}. */
    private final int[][] outgoingIndex;
    /** Index in {@link #channelArray} of the channel of each Poisson source. */
    private final int[] poissonChannel;
    /** Chunk t's queues of later arrivals, by channel index (null for a channel whose delays are all 1). */
    private final PendingArrivals[][] chunkPending;
    /** Chunk t's batch of column parts being delivered: first and end synapse, projection, channel index. */
    private final int[][] batchStart;
    private final int[][] batchEnd;
    private final int[][] batchChannel;
    private final int[][] batchProjection;
    /** The projections as an array, indexed by {@link #batchProjection}. */
    private final Projection[] projectionArray;
    private final StepWorkers workers;
    /** Chunk t covers state indices [bounds[t], bounds[t + 1]). */
    private final int[] bounds;
    private final SpikeBuffer[] chunkSpikes;
    /** Windowed stepping: chunk t's spikes of each step of the window being taken, by sample. */
    private final WindowSpikes[] chunkWindows;
    /**
     * The builder's fewest neurons per thread for one hand-off per step: a window of L steps
     * whose chunks hold fewer than this over L neurons each runs them all on the calling thread.
     */
    private final int minNeuronsPerThread;
    /** Windowed stepping: steps in the window being taken. */
    private int windowLength;
    /**
     * Whether the chunks take several steps per hand-off (decided when the run starts, {@link
     * #windowedStepping}); then {@link #received} holds the samples not yet propagated, the last
     * one S_{@link #step}.
     */
    private boolean windowed;
    /** Forms I_n for chunk t's blocks. */
    private final CurrentSum[] chunkSums;
    /** Chunk t's context for the synapse kernels. */
    private final SynapseBlock[] chunkBlocks;
    /**
     * Synapses walked by chunk t at {@code t * EVENT_STRIDE} (spread over cache lines); at
     * {@code t * EVENT_STRIDE + 1} the sum of the rows read ahead, kept so that the reads are not
     * optimised away.
     */
    private final long[] chunkEvents;
    private final Population[] populations;
    /**
     * Where the spikes delivered come from, by population k: indices {@code [deliverOffset[k],
     * deliverEnd[k])} of the whole network (the state indices, unless this is a partition).
     */
    private final int[] deliverOffset;
    private final int[] deliverEnd;
    /** Steps per exchange window of a partitioned run: the shortest delay (capped). */
    private final int window;
    /** The exchange of a partitioned run, or null (one process holds the whole network). */
    private SpikeExchange exchange;
    /** This partition's spikes of the open window, as indices of the whole network. */
    private final WindowSpikes ownWindow = new WindowSpikes();
    /** Every partition's spikes of the last window, propagated by the step after it. */
    private final WindowSpikes received = new WindowSpikes();
    /** Whether {@link #received} holds a window not yet propagated. */
    private boolean receivedPending;
    private long exchanges;
    private long exchangeNanos;
    private long exchangedSpikes;
    private SpikeBuffer spikes;
    private SpikeBuffer nextSpikes;
    /** What listeners see: the state and the spikes of the step just taken. */
    private final View view;
    private long step;
    private boolean started;
    /** True once a checkpoint was restored: the run continues from {@link #step}. */
    private boolean restored;
    private long spikeCount;

    Simulation(Neurons neurons, TimeGrid grid, List<Projection> projections, List<SynapseChannel> channels,
            List<PoissonSource> poissonSources, List<Input> inputs, int threads, int minNeuronsPerThread) {
        this.neurons = neurons;
        this.grid = grid;
        this.euler = new EulerIntegrator(neurons, grid);
        this.projections = List.copyOf(projections);
        this.channels = List.copyOf(channels);
        this.poissonSources = List.copyOf(poissonSources);
        this.inputs = List.copyOf(inputs);
        this.listeners = new ArrayList<>();
        this.channelArray = this.channels.toArray(new SynapseChannel[0]);
        this.poissonArray = this.poissonSources.toArray(new PoissonSource[0]);
        this.inputArray = this.inputs.toArray(new Input[0]);
        this.projectionArray = this.projections.toArray(new Projection[0]);
        List<Population> pops = neurons.populations();
        this.outgoing = new Projection[pops.size()][];
        this.outgoingChannel = new int[pops.size()][];
        this.outgoingIndex = new int[pops.size()][];
        for (int k = 0; k < pops.size(); k++) {
            Population p = pops.get(k);
            this.outgoing[k] = projections.stream().filter(pr -> pr.pre() == p && pr.plasticity() == null)
                    .toArray(Projection[]::new);
            this.outgoingChannel[k] = new int[outgoing[k].length];
            this.outgoingIndex[k] = new int[outgoing[k].length];
            for (int q = 0; q < outgoing[k].length; q++) {
                outgoingChannel[k][q] = channelIndex(outgoing[k][q].channel());
                outgoingIndex[k][q] = this.projections.indexOf(outgoing[k][q]);
            }
        }
        this.poissonChannel = new int[poissonArray.length];
        for (int q = 0; q < poissonArray.length; q++) {
            poissonChannel[q] = channelIndex(poissonArray[q].channel());
        }
        this.plastic = projections.stream().map(Projection::plasticity).filter(Objects::nonNull)
                .toArray(PlasticSynapses[]::new);
        int n = neurons.size();
        int w = MAX_WINDOW_STEPS;
        for (Projection pr : this.projections) {
            w = Math.min(w, pr.minDelaySteps());
        }
        this.window = Math.max(1, w);
        // a thread pays for its hand-offs: windowed stepping hands off once per window, so fewer
        // neurons per thread carry it
        int perThread = Math.max(1, minNeuronsPerThread);
        if (window >= 2 && plastic.length == 0) {
            perThread = Math.max(1, perThread / Math.min(window, MAX_THREAD_WINDOW_STEPS));
        }
        int chunks = Math.max(1, Math.min(threads, n / perThread));
        this.minNeuronsPerThread = Math.max(1, minNeuronsPerThread);
        this.workers = new StepWorkers(chunks);
        this.sharedPostSpikes = chunks > 1
                && Arrays.stream(plastic).anyMatch(PlasticSynapses::usesPostSpikes);
        this.bounds = chunkBounds(pops, n, chunks, plasticCosts(pops, this.projections));
        this.chunkSpikes = new SpikeBuffer[chunks];
        this.chunkWindows = new WindowSpikes[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSpikes[t] = new SpikeBuffer(bounds[t + 1] - bounds[t]);
            chunkWindows[t] = new WindowSpikes();
        }
        this.chunkSums = new CurrentSum[chunks];
        this.chunkBlocks = new SynapseBlock[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSums[t] = new CurrentSum();
            chunkBlocks[t] = new SynapseBlock();
        }
        this.spikes = new SpikeBuffer(n);
        this.nextSpikes = new SpikeBuffer(n);
        this.chunkEvents = new long[chunks * EVENT_STRIDE];
        for (Projection pr : this.projections) {
            if (pr.plasticity() != null) {
                continue;
            }
            Population post = pr.post();
            int[] local = new int[chunks + 1];
            for (int t = 0; t <= chunks; t++) {
                local[t] = Math.min(Math.max(bounds[t], post.offset()), post.end()) - post.offset();
            }
            pr.splitForChunks(local);
        }
        int maxOut = 1;
        for (Projection[] out : outgoing) {
            maxOut = Math.max(maxOut, out.length);
        }
        final int batch = Math.max(BATCH, maxOut);
        this.batchStart = new int[chunks][batch];
        this.batchEnd = new int[chunks][batch];
        this.batchChannel = new int[chunks][batch];
        this.batchProjection = new int[chunks][batch];
        final double[][] tables = new double[channelArray.length][];
        for (int c = 0; c < channelArray.length; c++) {
            tables[c] = queueTable(c);
        }
        this.chunkPending = new PendingArrivals[chunks][channelArray.length];
        for (int t = 0; t < chunks; t++) {
            for (int c = 0; c < channelArray.length; c++) {
                chunkPending[t][c] = channelArray[c].newPendingArrivals(tables[c]);
            }
        }
        this.populations = pops.toArray(new Population[0]);
        this.deliverOffset = new int[populations.length];
        this.deliverEnd = new int[populations.length];
        for (int k = 0; k < populations.length; k++) {
            deliverOffset[k] = populations[k].globalOffset();
            deliverEnd[k] = populations[k].globalOffset() + populations[k].totalSize();
        }
        this.view = new View(neurons);
        for (PlasticSynapses p : plastic) {
            p.prepare(bounds);
        }
    }

    /**
     * The weights of channel {@code c}'s narrow queues ({@link PendingArrivals}): the distinct
     * shared weights of the projections onto it, each projection given its code; null (wide
     * queues) if a projection onto it has weights per synapse or the entries would not fit an int.
     */
    private double[] queueTable(int c) {
        final SynapseChannel channel = channelArray[c];
        final List<Long> distinct = new ArrayList<>();
        for (Projection pr : projections) {
            if (pr.channel() != channel || pr.plasticity() != null) {
                continue; // a plastic projection keeps its spikes in flight itself (PlasticSynapses)
            }
            if (!pr.hasSharedWeight()) {
                return null;
            }
            final long bits = Double.doubleToRawLongBits(pr.sharedWeight());
            if (!distinct.contains(bits)) {
                distinct.add(bits);
            }
        }
        if (distinct.isEmpty() || PendingArrivals.codeBits(distinct.size(), channel.post().size()) < 0) {
            return null;
        }
        for (Projection pr : projections) {
            if (pr.channel() == channel && pr.plasticity() == null) {
                pr.queueCode(distinct.indexOf(Double.doubleToRawLongBits(pr.sharedWeight())));
            }
        }
        final double[] table = new double[distinct.size()];
        for (int k = 0; k < table.length; k++) {
            table[k] = Double.longBitsToDouble(distinct.get(k));
        }
        return table;
    }

    private int channelIndex(SynapseChannel c) {
        for (int i = 0; i < channelArray.length; i++) {
            if (channelArray[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("channel " + c.id() + " is not among the simulation's channels");
    }

    /**
     * Relative step cost of one neuron of {@code p}: a cubic recovery (FS) costs about 1.5 times a
     * linear one (measured on the benchmark network: the chunk holding the FS neurons was busy 1.2
     * times as long as the all-RS one), and per-neuron parameters about double it (JMH
     * {@code NeuronPassBenchmark}, {@code parameters=varied}: 1.28 against 0.72 ns per update).
     */
    static int stepCost(Population p) {
        if (p.isSpikeSource()) {
            return 1;
        }
        int cost = p.parameters().recovery() == Recovery.CUBIC_ABOVE_VB ? 3 : 2;
        return p.isHeterogeneous() ? 2 * cost : cost;
    }

    /**
     * Chunk bounds {@code [bounds[t], bounds[t + 1])} over {@code n} neurons that split the
     * summed {@link #stepCost} evenly, inner bounds rounded down to a multiple of 8 (whole
     * vectors). Which neuron a chunk steps never changes a result, only the balance.
     */
    static int[] chunkBounds(List<Population> populations, int n, int chunks) {
        return chunkBounds(populations, n, chunks, new int[populations.size()]);
    }

    /**
     * Plastic synapses onto a neuron that cost as much per step as one unit of {@link #stepCost}:
     * the thread that owns a neuron handles all its plastic arrivals and spikes (on the benchmark
     * network with plastic E->E synapses, about 80 per neuron at 5 Hz, their work per step is
     * about that of an RS neuron's update, 2 units).
     */
    static final int PLASTIC_SYNAPSES_PER_COST_UNIT = 40;

    /**
     * Extra step cost per neuron of each population (by index) for the plastic synapses onto it:
     * {@code synapses / size / }{@value #PLASTIC_SYNAPSES_PER_COST_UNIT}, rounded.
     */
    static int[] plasticCosts(List<Population> populations, List<Projection> projections) {
        int[] extra = new int[populations.size()];
        for (Projection pr : projections) {
            if (pr.plasticity() != null) {
                int k = populations.indexOf(pr.post());
                extra[k] += (int) Math.round((double) pr.synapseCount() / pr.post().size()
                        / PLASTIC_SYNAPSES_PER_COST_UNIT);
            }
        }
        return extra;
    }

    /** As {@link #chunkBounds(List, int, int)}, with {@code extra[k]} added to the step cost of population k. */
    static int[] chunkBounds(List<Population> populations, int n, int chunks, int[] extra) {
        long total = 0;
        for (int k = 0; k < populations.size(); k++) {
            total += (long) (stepCost(populations.get(k)) + extra[k]) * populations.get(k).size();
        }
        int[] bounds = new int[chunks + 1];
        bounds[chunks] = n;
        int k = 0;
        long before = 0;
        for (int t = 1; t < chunks; t++) {
            long target = total * t / chunks;
            while (before + (long) (stepCost(populations.get(k)) + extra[k]) * populations.get(k).size() < target) {
                before += (long) (stepCost(populations.get(k)) + extra[k]) * populations.get(k).size();
                k++;
            }
            Population p = populations.get(k);
            int index = p.offset() + (int) ((target - before) / (stepCost(p) + extra[k]));
            bounds[t] = Math.max(bounds[t - 1], index & ~7);
        }
        return bounds;
    }

    /**
     * The first index of each of {@code partitions} contiguous ranges of about equal step cost
     * ({@link #chunkBounds}) of the whole network with {@code populations}, and its size last:
     * partition p holds indices {@code [bounds[p], bounds[p + 1])}.
     */
    public static int[] partitionBounds(List<Population> populations, int partitions) {
        int n = 0;
        for (Population p : populations) {
            n += p.totalSize();
        }
        if (partitions < 1 || partitions > n) {
            throw new IllegalArgumentException("cannot split " + n + " neurons into " + partitions + " partitions");
        }
        return chunkBounds(populations, n, partitions);
    }

    /** The neurons it steps (in a partitioned run: this partition's). */
    public Neurons neurons() {
        return neurons;
    }

    /** The time grid (dt, ms) the Euler pass and the synapse kernels are bound to. */
    public TimeGrid grid() {
        return grid;
    }

    /** The projections, static and plastic, in creation order. */
    public List<Projection> projections() {
        return projections;
    }

    /** The synapse channels, in creation order (the order of phase 2). */
    public List<SynapseChannel> channels() {
        return channels;
    }

    /**
     * Steps per spike exchange of a partitioned run: the shortest delay of any projection (the
     * same in every partition), at most {@value #MAX_WINDOW_STEPS}.
     */
    public int windowSteps() {
        return window;
    }

    /**
     * Makes this simulation one partition of a network, its spikes exchanged with the others
     * through {@code exchange} once per {@link #windowSteps()} steps; only before the run.
     */
    public void exchangeSpikes(SpikeExchange exchange) {
        if (started) {
            throw new IllegalStateException("the exchange must be set before the run starts");
        }
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** Exchanges made so far (partitioned runs). */
    public long exchanges() {
        return exchanges;
    }

    /** Wall time spent in exchanges (sending, waiting, receiving), s. */
    public double exchangeSeconds() {
        return exchangeNanos / 1e9;
    }

    /** Spikes of the whole network received in exchanges so far. */
    public long exchangedSpikes() {
        return exchangedSpikes;
    }

    /** Number of threads stepping the neurons. */
    public int threads() {
        return workers.threads();
    }

    /**
     * Times the chunks were set to work so far (the initial detection, each step or window, and
     * each extra phase): with several threads, the hand-offs between them, each a wait for all.
     */
    public long handOffs() {
        return workers.runs();
    }

    /** Whether the calling thread ran every chunk itself in the last window (see windowed stepping above). */
    boolean chunksOnCaller() {
        return workers.inline();
    }

    /** Steps taken so far: the state holds sample {@link #step()}. */
    public long step() {
        return step;
    }

    /** Adds a listener; only before the first step. */
    public void addListener(StepListener listener) {
        if (started) {
            throw new IllegalStateException("listeners must be added before the run starts");
        }
        listeners.add(listener);
    }

    /**
     * Makes the run time its phases, per thread, into the returned profile (see
     * {@link StepProfile}); only before the run. An unprofiled run reads no clock inside the loop.
     */
    public StepProfile enableProfile() {
        if (started) {
            throw new IllegalStateException("profiling must be enabled before the run starts");
        }
        profile = new StepProfile(workers.threads());
        return profile;
    }

    /**
     * Takes {@code steps} steps (or fewer, if {@code stop} says so), then tells the listeners the
     * run has finished. A simulation runs once.
     */
    public RunResult run(long steps, StopCondition stop) {
        if (started) {
            throw new IllegalStateException("a simulation runs once");
        }
        started = true;
        final long begin = System.nanoTime();
        String reason = null;
        if (restored) {
            resumeListeners(steps);
        } else {
            startListeners(steps);
        }
        try {
            if (!restored) {
                detectInitialSpikes();
            }
            final long loopBegin = System.nanoTime();
            final long handOffsBefore = workers.runs();
            if (exchange != null && !restored) {
                ownWindow.reset(0);
                reason = collectAndExchange(0, steps, stop, -1);
            } else if (exchange != null && ownWindow.samples() > 0
                    && ownWindow.first() + ownWindow.samples() - 1 == step && step < steps) {
                // restored from a checkpoint taken before this window's exchange: exchange it now
                reason = exchangeWindow(step, null);
            }
            windowed = windowedStepping();
            if (windowed) {
                receiveOnlyCurrentSpikes();
                long ask = stop.nextCheck(step - 1);
                while (reason == null && step < steps) {
                    // the window's last step: at most the asked or read one (at least this step)
                    final long until = Math.min(ask, nextStateRead(step - 1));
                    final long length = Math.min(Math.min(window, MAX_THREAD_WINDOW_STEPS), steps - step);
                    final long upTo = until - step;
                    takeWindow((int) (upTo < length ? Math.max(1, upTo + 1) : length));
                    if (step - 1 >= ask) {
                        // 7. stop? (after the step the condition asked to be asked after)
                        if (stop.check(step - 1) instanceof StopCondition.Action.Stop s) {
                            reason = s.reason();
                        }
                        ask = stop.nextCheck(step - 1);
                    }
                }
            }
            while (reason == null && step < steps) {
                if (profile == null) {
                    takeStep();
                } else {
                    takeProfiledStep();
                }
                if (exchange != null) {
                    // 6. exchange, then 7. stop? (after a window only)
                    reason = collectAndExchange(step, steps, stop, step - 1);
                } else if (stop.check(step - 1) instanceof StopCondition.Action.Stop s) {
                    // 7. stop?
                    reason = s.reason();
                }
            }
            if (profile != null) {
                profile.finish(System.nanoTime() - loopBegin, step, workers.runs() - handOffsBefore);
            }
        } finally {
            for (StepListener l : listeners) {
                l.finish(step);
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new RunResult(step, steps, step == steps && reason == null, reason, seconds, spikeCount,
                synapticEvents());
    }

    /** Synapses walked (static deliveries and plastic arrivals) so far, summed over the chunks. */
    private long synapticEvents() {
        long events = 0;
        for (int t = 0; t < workers.threads(); t++) {
            events += chunkEvents[t * EVENT_STRIDE];
        }
        return events;
    }

    /**
     * 6. Exchange (partitioned runs): adds S_s (the spikes just handed over, sample {@code s})
     * to the window; when sample s closes a window and a step still needs it, asks the stop
     * condition (after step {@code lastStep}; none before the first step), exchanges the window
     * and returns the agreed stop reason, or null to go on.
     */
    private String collectAndExchange(long s, long steps, StopCondition stop, long lastStep) {
        ownWindow.append(spikes.indices(), 0, spikes.count(), neurons.firstIndex());
        ownWindow.endSample();
        if ((s + 1) % window != 0 || s >= steps) {
            return null;
        }
        String request = null;
        if (lastStep >= 0 && stop.check(lastStep) instanceof StopCondition.Action.Stop st) {
            request = st.reason();
        }
        return exchangeWindow(s, request);
    }

    /** Exchanges the window ending with sample {@code s} with {@code request}; returns the agreed stop reason or null. */
    private String exchangeWindow(long s, String request) {
        final long t0 = System.nanoTime();
        String agreed;
        try {
            agreed = exchange.exchange(ownWindow, request, received);
        } catch (SpikeExchange.PartitionLostException e) {
            return e.getMessage();
        }
        exchangeNanos += System.nanoTime() - t0;
        exchanges++;
        exchangedSpikes += received.size();
        if (received.first() != ownWindow.first() || received.samples() != ownWindow.samples()) {
            throw new IllegalStateException("exchange returned samples [" + received.first() + ", "
                    + (received.first() + received.samples()) + ") for [" + ownWindow.first() + ", " + (s + 1) + ")");
        }
        receivedPending = true;
        ownWindow.reset(s + 1);
        return agreed;
    }

    /** 0. Start: the listeners see sample 0 and say whether they read I_n. */
    private void startListeners(long steps) {
        listenerArray = listeners.toArray(new StepListener[0]);
        boolean currentRead = false;
        for (StepListener l : listenerArray) {
            l.start(view, grid, steps);
            currentRead |= l.readsCurrent();
        }
        euler.keepCurrent(currentRead);
    }

    /** 0. Resume: the listeners see the restored sample {@link #step} and say whether they read I_n. */
    private void resumeListeners(long steps) {
        listenerArray = listeners.toArray(new StepListener[0]);
        boolean currentRead = false;
        for (StepListener l : listenerArray) {
            l.resume(view, grid, steps, step);
            currentRead |= l.readsCurrent();
        }
        euler.keepCurrent(currentRead);
    }

    @Override
    public void saveState(StateWriter out, long atStep) {
        if (atStep != step) {
            throw new IllegalArgumentException("the simulation is at step " + step + ", not " + atStep);
        }
        flushWindow();
        out.scalar("step", step);
        out.ints("spikes", spikes.indices(), 0, spikes.count());
        out.scalar("spike_count", spikeCount);
        out.scalar("synaptic_events", synapticEvents());
        neurons.saveState(out.scope("neurons"), step);
        if (exchange != null) {
            // a partition: its spikes not yet sent, and the window received but not yet propagated
            StateWriter x = out.scope("exchange");
            saveWindow(x.scope("own"), ownWindow);
            x.scalar("received_pending", receivedPending ? 1 : 0);
            saveWindow(x.scope("received"), received);
        }
        StateWriter c = out.scope("channels");
        for (int k = 0; k < channelArray.length; k++) {
            channelArray[k].saveState(c.scope(channelArray[k].id()), step);
            savePending(c.scope(channelArray[k].id()).scope("pending"), k);
        }
        StateWriter p = out.scope("plastic");
        for (PlasticSynapses ps : plastic) {
            ps.saveState(p.scope(ps.projection().name()), step);
        }
    }

    /**
     * The arrivals of channel {@code c} queued for later steps, by steps ahead of {@link #step}:
     * for {@code j = 0 .. slots - 1}, each target's queued weights summed in the order they were
     * delivered (from 0, as the step that drains them will add them), where the sum is not zero
     * (raw bits), targets ascending, as {@code steps_ahead_offsets} (where step {@code step + j}'s
     * pairs start), {@code targets} (local node ids) and {@code weights}. Queuing one such sum gives
     * the drain the same result as queuing the weights it sums, so this form, which does not depend
     * on how the targets are split between threads, restores every step bit for bit.
     */
    private void savePending(StateWriter out, int c) {
        final SynapseChannel channel = channelArray[c];
        final int slots = channel.slots();
        final double[] sum = new double[channel.post().size()];
        final int[] mark = new int[channel.post().size()];
        final IntList touched = new IntList(64);
        final IntList targets = new IntList(64);
        final DoubleList weights = new DoubleList(64);
        final int[] offsets = new int[slots + 1];
        for (int j = 0; j < slots; j++) {
            touched.clear();
            for (PendingArrivals[] chunk : chunkPending) {
                PendingArrivals queue = chunk[c];
                if (queue == null) {
                    continue;
                }
                int count = queue.count(step + j);
                int[] t = new int[count];
                double[] w = new double[count];
                queue.copy(step + j, t, w, 0);
                for (int e = 0; e < count; e++) {
                    if (mark[t[e]] != j + 1) {
                        mark[t[e]] = j + 1;
                        sum[t[e]] = 0.0;
                        touched.add(t[e]);
                    }
                    sum[t[e]] += w[e];
                }
            }
            int[] order = touched.toArray();
            Arrays.sort(order);
            for (int target : order) {
                if (Double.doubleToRawLongBits(sum[target]) != 0) {
                    targets.add(target);
                    weights.add(sum[target]);
                }
            }
            offsets[j + 1] = targets.size();
        }
        out.ints("steps_ahead_offsets", offsets);
        out.ints("targets", targets.toArray());
        out.doubles("weights", weights.toArray());
    }

    /** Puts the queued arrivals {@link #savePending} wrote for channel {@code c} into the queues of the chunks owning their targets. */
    private void restorePending(StateReader in, int c, long atStep) {
        SynapseChannel channel = channelArray[c];
        int[] offsets = in.ints("steps_ahead_offsets");
        int[] targets = in.ints("targets");
        double[] weights = in.doubles("weights");
        in.requireLength("weights", weights.length, targets.length);
        if (offsets.length > channel.slots() + 1 || offsets.length == 0 || offsets[offsets.length - 1] != targets.length) {
            throw new StateMismatchException(in.path("steps_ahead_offsets") + " holds arrivals up to "
                    + (offsets.length - 1) + " steps ahead for " + targets.length + " pairs; the longest delay onto "
                    + channel.id() + " is " + channel.slots() + " steps");
        }
        for (PendingArrivals[] chunk : chunkPending) {
            if (chunk[c] != null) {
                chunk[c].clear();
            }
        }
        int offset = channel.post().offset();
        for (int j = 0; j + 1 < offsets.length; j++) {
            if (offsets[j] > offsets[j + 1]) {
                throw new StateMismatchException(in.path("steps_ahead_offsets") + " is not ascending");
            }
            for (int e = offsets[j]; e < offsets[j + 1]; e++) {
                if (targets[e] < 0 || targets[e] >= channel.post().size()) {
                    throw new StateMismatchException(in.path("targets") + " names neuron " + targets[e] + " of "
                            + channel.post().name() + ", which has " + channel.post().size());
                }
                PendingArrivals queue = chunkPending[chunkOf(offset + targets[e])][c];
                if (queue == null) {
                    throw new StateMismatchException(in.path("targets") + " holds arrivals for later steps; "
                            + channel.id() + " has only delays of one step here");
                }
                queue.add(atStep + j, targets[e], weights[e]);
            }
        }
    }

    private static void saveWindow(StateWriter out, WindowSpikes w) {
        out.scalar("first", w.first());
        int[] counts = new int[w.samples()];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = w.count(k);
        }
        out.ints("counts", counts);
        out.ints("indices", w.indices(), 0, w.size());
    }

    private static void restoreWindow(StateReader in, WindowSpikes w) {
        int[] counts = in.ints("counts");
        int[] indices = in.ints("indices");
        w.reset(in.scalar("first"));
        int at = 0;
        for (int count : counts) {
            if (count < 0 || at + count > indices.length) {
                throw new StateMismatchException(in.path("counts") + " does not match " + in.path("indices"));
            }
            w.append(indices, at, count, 0);
            w.endSample();
            at += count;
        }
        in.requireLength("indices", indices.length, at);
    }

    /** The chunk whose state index range holds {@code index}. */
    private int chunkOf(int index) {
        int t = 0;
        while (index >= bounds[t + 1]) {
            t++;
        }
        return t;
    }

    /**
     * Restores the state {@link #saveState} wrote after {@code atStep} steps, before {@link #run};
     * the run then continues from step {@code atStep}.
     */
    @Override
    public void restoreState(StateReader in, long atStep) {
        if (started) {
            throw new IllegalStateException("a checkpoint is restored before the run starts");
        }
        if (in.scalar("step") != atStep) {
            throw new StateMismatchException(in.path("step") + " is " + in.scalar("step") + ", expected " + atStep);
        }
        int[] s = in.ints("spikes");
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0 || s[i] >= neurons.size() || (i > 0 && s[i] <= s[i - 1])) {
                throw new StateMismatchException(in.path("spikes") + " is not an ascending list of neurons of "
                        + neurons.size());
            }
        }
        neurons.restoreState(in.scope("neurons"), atStep);
        StateReader c = in.scope("channels");
        for (int k = 0; k < channelArray.length; k++) {
            channelArray[k].restoreState(c.scope(channelArray[k].id()), atStep);
            restorePending(c.scope(channelArray[k].id()).scope("pending"), k, atStep);
        }
        if (exchange != null) {
            if (!in.scope("exchange").has("received_pending")) {
                throw new StateMismatchException(in.path("exchange") + " is missing: the checkpoint is not one of a"
                        + " partition");
            }
            StateReader x = in.scope("exchange");
            restoreWindow(x.scope("own"), ownWindow);
            receivedPending = x.scalar("received_pending") != 0;
            restoreWindow(x.scope("received"), received);
        } else if (in.scope("exchange").has("received_pending")) {
            throw new StateMismatchException(in.path("exchange") + ": the checkpoint is one of a partition of a"
                    + " partitioned run; resume it on the cluster");
        }
        StateReader p = in.scope("plastic");
        for (PlasticSynapses ps : plastic) {
            ps.restoreState(p.scope(ps.projection().name()), atStep);
        }
        spikes.setAll(s);
        spikeCount = in.scalar("spike_count");
        Arrays.fill(chunkEvents, 0);
        chunkEvents[0] = in.scalar("synaptic_events");
        step = atStep;
        restored = true;
    }

    /** 0. Start: S_0 is detected on sample 0, chunk-parallel. */
    private void detectInitialSpikes() {
        workers.run(detectTask);
        mergeChunkSpikes(spikes);
    }

    /** Step n: phase 1a, phases 1 to 3 on the chunks in parallel ({@link #stepChunk}), then 4 and 5. */
    private void takeStep() {
        final long n = step;
        prepareArrivals(n);
        workers.run(stepTask);
        if (sharedPostSpikes) {
            workers.run(postSpikesTask);
        }
        receivedPending = false;
        step = n + 1;
        spikeCount += spikes.count();
        record(n);
        handOverSpikes();
    }

    /** {@link #takeStep}, timing the serial phases on this thread (the chunks time themselves). */
    private void takeProfiledStep() {
        final long n = step;
        if (plastic.length > 0) {
            final long p0 = System.nanoTime();
            prepareArrivals(n);
            profile.nanos[StepProfile.slot(0, StepProfile.Phase.PLASTICITY)] += System.nanoTime() - p0;
        }
        workers.run(profiledStepTask);
        if (sharedPostSpikes) {
            workers.run(profiledPostSpikesTask);
        }
        receivedPending = false;
        step = n + 1;
        spikeCount += spikes.count();
        final long t0 = System.nanoTime();
        record(n);
        final long t1 = System.nanoTime();
        handOverSpikes();
        final long t2 = System.nanoTime();
        final long[] ns = profile.nanos;
        ns[StepProfile.slot(0, StepProfile.Phase.RECORD)] += t1 - t0;
        ns[StepProfile.slot(0, StepProfile.Phase.DETECT)] += t2 - t1;
    }

    /**
     * Whether this run steps in windows: several threads, one process (no exchange), no plastic
     * projection, and a shortest delay of at least 2 steps.
     */
    private boolean windowedStepping() {
        return exchange == null && workers.threads() >= 2 && plastic.length == 0 && window >= 2;
    }

    /**
     * The first step after which a listener reads the state, the listeners having been told of
     * step {@code step} ({@link StepListener#nextStateRead}): a window ends there at the latest.
     */
    private long nextStateRead(long step) {
        long next = Long.MAX_VALUE;
        for (StepListener l : listenerArray) {
            next = Math.min(next, l.nextStateRead(step));
        }
        return next;
    }

    /**
     * Windowed stepping: steps {@link #step} to {@link #step} + {@code length} - 1, each chunk taking
     * them all before the next hand-off ({@link #stepWindowChunk}), then phases 4 and 5 of each
     * step in order. No spike of the window is needed inside it: a spike of S_m reaches no target
     * before step m + W - 1 (W the shortest delay, {@code length <= W}), so the window's spikes are
     * propagated by the first step of the next window (or by {@link #flushWindow}), before the
     * queue of any step that needs them is drained, in the order of one step at a time.
     */
    private void takeWindow(int length) {
        final long first = step;
        windowLength = length;
        receivedPending = true;
        // too little work per chunk for a hand-off (a window cut short by a listener or the stop
        // condition, in a network given threads for its windows): the caller takes every chunk
        workers.inline((long) length * (neurons.size() / workers.threads()) < minNeuronsPerThread);
        workers.run(profile == null ? windowTask : profiledWindowTask);
        final long t1 = profile != null ? System.nanoTime() : 0;
        receivedPending = false;
        received.reset(first + 1);
        for (int j = 0; j < length; j++) {
            for (WindowSpikes w : chunkWindows) {
                received.append(w.indices(), w.start(j), w.count(j), 0);
            }
            received.endSample();
        }
        long recordNanos = 0;
        for (int j = 0; j < length; j++) {
            final long n = first + j;
            if (j > 0) {
                loadSample(j - 1);
            }
            step = n + 1;
            spikeCount += spikes.count();
            final long r0 = profile != null ? System.nanoTime() : 0;
            record(n);
            if (profile != null) {
                recordNanos += System.nanoTime() - r0;
            }
        }
        loadSample(length - 1);
        if (profile != null) {
            final long[] ns = profile.nanos;
            final long t2 = System.nanoTime();
            ns[StepProfile.slot(0, StepProfile.Phase.RECORD)] += recordNanos;
            ns[StepProfile.slot(0, StepProfile.Phase.DETECT)] += t2 - t1 - recordNanos;
        }
    }

    /** Windowed stepping: the spikes of sample {@code received.first() + s} become {@link #spikes}. */
    private void loadSample(int s) {
        final SpikeBuffer into = spikes;
        into.clear();
        final int[] idx = received.indices();
        final int end = received.start(s) + received.count(s);
        for (int k = received.start(s); k < end; k++) {
            into.add(idx[k]);
        }
    }

    /**
     * Windowed stepping, chunk {@code t}: steps {@link #step} to {@link #step} + {@link
     * #windowLength} - 1 for its neurons, phases 1 to 3 of each: the first step propagates the
     * samples in {@link #received} (the earlier ones, then the queue of the step is drained,
     * then S_{@link #step}), the others drain their queues only; the spikes each step finds are
     * kept by sample in the chunk's {@link #chunkWindows window}.
     */
    private void stepWindowChunk(int t, StepProfile timing) {
        final long first = step;
        final PendingArrivals[] pending = chunkPending[t];
        final WindowSpikes own = chunkWindows[t];
        final SpikeBuffer detected = chunkSpikes[t];
        own.reset(first + 1);
        for (int j = 0; j < windowLength; j++) {
            final long n = first + j;
            final long mark = timing != null ? System.nanoTime() : 0;
            if (j == 0) {
                propagateReceived(t, n, pending);
            } else {
                drainPending(pending, n);
            }
            integrateChunk(t, n, timing, mark);
            own.append(detected.indices(), 0, detected.count(), 0);
            own.endSample();
        }
    }

    /**
     * Windowed stepping: propagates the samples of {@link #received} before its last into the
     * queues (their arrivals are all at step {@link #step} or later), leaving S_{@link #step},
     * not yet propagated, alone in it: the state one step at a time would hold here.
     */
    private void flushWindow() {
        if (!windowed || received.samples() < 2) {
            return;
        }
        workers.run(flushTask);
        receiveOnlyCurrentSpikes();
    }

    /** Windowed stepping: {@link #received} holds S_{@link #step} alone (every earlier sample propagated). */
    private void receiveOnlyCurrentSpikes() {
        received.reset(step);
        received.append(spikes.indices(), 0, spikes.count(), 0);
        received.endSample();
    }

    /** {@link #flushWindow} for chunk {@code t}'s targets. */
    private void flushChunk(int t) {
        final WindowSpikes w = received;
        for (int s = 0; s + 1 < w.samples(); s++) {
            deliverChunk(t, w.first() + s, w.indices(), w.start(s), w.count(s));
        }
    }

    /**
     * 1a. The serial part of the plastic projections' step {@code n}: with one delay, each keeps
     * the presynaptic spikes of S_n (in a partitioned run: of every sample of the window this step
     * propagates, if any) and updates the presynaptic state of the spikes that arrive at time
     * (n + 1) dt ({@link PlasticSynapses#record}, {@link PlasticSynapses#preArrivals}).
     */
    private void prepareArrivals(long n) {
        final WindowSpikes w = received;
        for (PlasticSynapses p : plastic) {
            if (exchange == null) {
                p.record(n, spikes.indices(), 0, spikes.count());
            } else if (receivedPending) {
                for (int s = 0; s < w.samples(); s++) {
                    p.record(w.first() + s, w.indices(), w.start(s), w.count(s));
                }
            }
            p.preArrivals(n);
        }
    }

    /**
     * Phases 1 to 3 of step {@link #step} for the neurons of chunk {@code t}; with a profile, adds
     * the time of each phase to the chunk's slots (two clock readings per block).
     */
    private void stepChunk(int t, StepProfile timing) {
        final long n = step;
        final long mark = timing != null ? System.nanoTime() : 0;
        final PendingArrivals[] pending = chunkPending[t];
        // 1. propagate
        if (exchange == null) {
            drainPending(pending, n);
            deliverChunk(t, n, spikes.indices(), 0, spikes.count());
        } else {
            propagateReceived(t, n, pending);
        }
        integrateChunk(t, n, timing, mark);
    }

    /**
     * Phases 1c to 3 of step {@code n} for the neurons of chunk {@code t}, once its static
     * propagation is done (started at {@code startMark}, with a profile): the plastic arrivals,
     * then input and integration block by block; the spikes found go to the chunk's buffer.
     */
    private void integrateChunk(int t, long n, StepProfile timing, long startMark) {
        final int from = bounds[t];
        final int to = bounds[t + 1];
        long mark = startMark;
        long input = 0;
        long integrate = 0;
        if (timing != null) {
            final long now = System.nanoTime();
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.PROPAGATE)] += now - mark;
            mark = now;
        }
        arrivePlastic(t, n);
        if (timing != null && plastic.length > 0) {
            final long now = System.nanoTime();
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.PLASTICITY)] += now - mark;
            mark = now;
        }
        final SpikeBuffer detected = chunkSpikes[t];
        detected.clear();
        final CurrentSum sum = chunkSums[t];
        final SynapseBlock block = chunkBlocks[t];
        // phases 2 and 3 are per neuron: run them block by block so each block's arrays stay in
        // cache; a block never spans two populations, so each channel and input covers all of it or none
        for (Population p : populations) {
            final int popFrom = Math.max(from, p.offset());
            final int popTo = Math.min(to, p.end());
            for (int lo = popFrom; lo < popTo; lo += BLOCK) {
                final int hi = Math.min(popTo, lo + BLOCK);
                formInput(n, lo, hi, sum, block);
                if (timing != null) {
                    final long now = System.nanoTime();
                    input += now - mark;
                    mark = now;
                }
                euler.integrateAndDetect(sum, detected);
                if (p.isSpikeSource()) {
                    // no dynamics (the pass above only formed I_n): the spikes of sample n + 1 are given
                    // (node ids of the whole population: a partition holds a slice from its first node)
                    p.spikeSchedule().emit(n + 1, lo - p.offset() + p.firstNode(), hi - p.offset() + p.firstNode(),
                            p.offset() - p.firstNode(), detected);
                }
                if (timing != null) {
                    final long now = System.nanoTime();
                    integrate += now - mark;
                    mark = now;
                }
            }
        }
        if (timing != null) {
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.INPUT)] += input;
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.INTEGRATE)] += integrate;
        }
        if (!sharedPostSpikes) {
            postSpikesPlastic(t, n + 1, detected);
        }
        if (timing != null && plastic.length > 0) {
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.PLASTICITY)] += System.nanoTime() - mark;
        }
    }

    /**
     * 1c. The plastic projections' arrivals at time (n + 1) dt at the targets of chunk {@code t},
     * delivered into this step's rows ({@link PlasticSynapses#arrive}), after queuing (per-synapse
     * delays) the synapses reached by S_n, or in a partitioned run by every sample of the window
     * this step propagates ({@link PlasticSynapses#enqueue}).
     */
    private void arrivePlastic(int t, long n) {
        if (plastic.length == 0) {
            return;
        }
        final WindowSpikes w = received;
        long arrivals = 0;
        for (PlasticSynapses p : plastic) {
            if (exchange == null) {
                p.enqueue(t, n, spikes.indices(), 0, spikes.count());
            } else if (receivedPending) {
                for (int s = 0; s < w.samples(); s++) {
                    p.enqueue(t, w.first() + s, w.indices(), w.start(s), w.count(s));
                }
            }
            arrivals += p.arrive(t, n);
        }
        chunkEvents[t * EVENT_STRIDE] += arrivals;
    }

    /**
     * The end of phase 3 (and of phase 0 with m = 0): the spikes of sample {@code m} that chunk
     * {@code t} found update their incoming plastic synapses ({@link PlasticSynapses#postSpikes}).
     */
    private void postSpikesPlastic(int t, long m, SpikeBuffer detected) {
        for (PlasticSynapses p : plastic) {
            p.postSpikes(t, m, detected);
        }
    }

    /**
     * The end of phase 3 with several chunks, after all chunks found their spikes: chunk {@code t}
     * takes share t of the spikes of sample {@link #step} + 1 (of all chunks, in index order)
     * onto each plastic projection and updates their incoming plastic synapses ({@link
     * PlasticSynapses#postSpikes(int, int, long, SpikeBuffer[])}). A neuron's updates touch only
     * its own incoming synapses and postsynaptic state, so any chunk may make them; sharing them
     * evenly spares the step the wait for the chunk whose neurons spiked most.
     */
    private void sharePostSpikes(int t, StepProfile timing) {
        final long mark = timing != null ? System.nanoTime() : 0;
        for (PlasticSynapses p : plastic) {
            p.postSpikes(t, chunkSpikes.length, step + 1, chunkSpikes);
        }
        if (timing != null) {
            timing.nanos[StepProfile.slot(t, StepProfile.Phase.PLASTICITY)] += System.nanoTime() - mark;
        }
    }

    /**
     * 1. Propagate in a partitioned run: the window received before this step (if any) holds
     * samples up to n; its earlier samples go first, in order, then the queue of step n is
     * drained, then S_n.
     */
    private void propagateReceived(int t, long n, PendingArrivals[] pending) {
        final WindowSpikes w = received;
        final boolean pendingWindow = receivedPending;
        if (pendingWindow) {
            for (int s = 0; s + 1 < w.samples(); s++) {
                deliverChunk(t, w.first() + s, w.indices(), w.start(s), w.count(s));
            }
        }
        drainPending(pending, n);
        if (pendingWindow) {
            final int last = w.samples() - 1;
            deliverChunk(t, w.first() + last, w.indices(), w.start(last), w.count(last));
        }
    }

    /** Adds the arrivals queued for step {@code n} at this chunk's targets (its queues hold no others) to the rows. */
    private void drainPending(PendingArrivals[] pending, long n) {
        for (int c = 0; c < pending.length; c++) {
            if (pending[c] != null) {
                pending[c].drainInto(n, channelArray[c].arrivals());
            }
        }
    }

    /**
     * 2. Forms I_n of neurons {@code [lo, hi)} (one population) in {@code sum}: Poisson arrivals
     * into the rows, then each channel's current, then each current input's.
     */
    private void formInput(long n, int lo, int hi, CurrentSum sum, SynapseBlock block) {
        for (int q = 0; q < poissonArray.length; q++) {
            poissonArray[q].arrive(n, lo, hi, channelArray[poissonChannel[q]].arrivals());
        }
        sum.begin(neurons.current, lo, hi);
        final double[] v = neurons.v;
        for (SynapseChannel c : channelArray) {
            c.contribute(n, v, sum, block);
        }
        for (Input in : inputArray) {
            in.contribute(n, sum);
        }
    }

    /** 4. Record: the listeners see sample n + 1 (and the weights as they stand) and S_n. */
    private void record(long n) {
        view.spikes = spikes;
        for (StepListener l : listenerArray) {
            l.afterStep(n, view);
        }
    }

    /** 5. Hand over: S_{n+1}, merged from the chunks in index order, becomes the spikes of the next step. */
    private void handOverSpikes() {
        SpikeBuffer done = spikes;
        spikes = nextSpikes;
        nextSpikes = done;
        mergeChunkSpikes(spikes);
    }

    /**
     * 1. Propagates the spikes of step {@code n} ({@code count} indices of the whole network in
     * {@code idx} from {@code start}, ascending) to the targets of chunk {@code t} (its state index
     * range, as split by {@link Projection#splitForChunks}), in spike order: each target's
     * arrivals are summed in the same order for any number of chunks and partitions. The spikes'
     * column parts are taken in batches of {@link #BATCH}: each part's first lines are read
     * ({@link Projection#touch}), then the batch is delivered in order (a 100k network, 1 thread:
     * 0.60 to 0.28 s of propagation per second of model time).
     */
    private void deliverChunk(int t, long n, int[] idx, int start, int count) {
        final int[] ends = deliverEnd;
        final int[] offsets = deliverOffset;
        final PendingArrivals[] pending = chunkPending[t];
        final int[] partStart = batchStart[t];
        final int[] partEnd = batchEnd[t];
        final int[] partProjection = batchProjection[t];
        final Projection[] projectionOf = projectionArray;
        final int[] partChannel = batchChannel[t];
        final int lines = TOUCH_LINES;
        long events = 0;
        int touched = 0;
        int k = 0;
        int s = start;
        final int stop = start + count;
        while (s < stop) {
            // gather a batch of column parts, touch their lines (the misses overlap), then walk them in order
            int m = 0;
            while (s < stop) {
                final int i = idx[s];
                while (i >= ends[k]) {
                    k++;
                }
                if (m + outgoing[k].length > partStart.length) {
                    break;
                }
                final int node = i - offsets[k];
                final Projection[] out = outgoing[k];
                final int[] outChannel = outgoingChannel[k];
                final int[] outProjection = outgoingIndex[k];
                for (int q = 0; q < out.length; q++) {
                    partStart[m] = out[q].partStart(node, t);
                    partEnd[m] = out[q].partEnd(node, t);
                    partProjection[m] = outProjection[q];
                    partChannel[m] = outChannel[q];
                    m++;
                }
                s++;
            }
            for (int e = 0; e < m; e++) {
                touched += projectionOf[partProjection[e]].touch(partStart[e], partEnd[e], lines);
            }
            for (int e = 0; e < m; e++) {
                final int c = partChannel[e];
                events += projectionOf[partProjection[e]].deliverRange(partStart[e], partEnd[e], n, channelArray[c].arrivals(), pending[c]);
            }
        }
        chunkEvents[t * EVENT_STRIDE] += events;
        chunkEvents[t * EVENT_STRIDE + 1] += touched;
    }

    /**
     * 0. S_0 in chunk t, in ascending index order (a spike source's: its sample-0 spikes), and
     * their updates of incoming plastic synapses.
     */
    private void detectChunk(int t) {
        SpikeBuffer b = chunkSpikes[t];
        b.clear();
        for (Population p : populations) {
            final int lo = Math.max(bounds[t], p.offset());
            final int hi = Math.min(bounds[t + 1], p.end());
            if (lo >= hi) {
                continue;
            }
            if (p.isSpikeSource()) {
                p.spikeSchedule().emit(0, lo - p.offset() + p.firstNode(), hi - p.offset() + p.firstNode(),
                        p.offset() - p.firstNode(), b);
            } else {
                neurons.detectSpikes(lo, hi, b);
            }
        }
        postSpikesPlastic(t, 0, b);
    }

    private void mergeChunkSpikes(SpikeBuffer into) {
        into.clear();
        for (SpikeBuffer b : chunkSpikes) {
            into.addAll(b);
        }
    }

    @Override
    public void close() {
        workers.close();
    }

    /**
     * The read-only view listeners get: reads of the neurons' arrays and of the spike buffer the
     * loop last finished (none before the first step). One per simulation; nothing allocated per step.
     */
    private static final class View implements StateView {
        private final Neurons neurons;
        private SpikeBuffer spikes = new SpikeBuffer(0);

        View(Neurons neurons) {
            this.neurons = neurons;
        }

        @Override
        public int size() {
            return neurons.size();
        }

        @Override
        public List<Population> populations() {
            return neurons.populations();
        }

        @Override
        public Population population(String name) {
            return neurons.population(name);
        }

        @Override
        public Population populationOf(int index) {
            return neurons.populationOf(index);
        }

        @Override
        public double v(int index) {
            return neurons.v[index];
        }

        @Override
        public double u(int index) {
            return neurons.u[index];
        }

        @Override
        public double current(int index) {
            return neurons.current[index];
        }

        @Override
        public int spikeCount() {
            return spikes.count();
        }

        @Override
        public int spike(int k) {
            if (k >= spikes.count()) {
                throw new IndexOutOfBoundsException("spike " + k + " of " + spikes.count());
            }
            return spikes.get(k);
        }
    }
}
