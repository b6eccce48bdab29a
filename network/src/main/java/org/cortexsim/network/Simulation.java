package org.cortexsim.network;

import java.util.ArrayList;
import java.util.List;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.Input;
import org.cortexsim.core.model.Recovery;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.network.synapse.SynapseBlock;

/**
 * Runs the step loop of a built network: neurons, projections (static and plastic), synapse
 * channels, Poisson sources, current inputs and step listeners. This class is the one place the
 * order of a step is written.
 *
 * <p>Sample n is the state at time n * dt (sample 0 is the initial state); step n turns sample
 * n into sample n + 1:
 * <ol>
 * <li><b>Detect.</b> Every neuron with {@code v_n >= vpeak} spikes at time n * dt (the seed
 * notebook's check on the stored sample); a spike source's neurons spike on their given
 * samples.</li>
 * <li><b>Propagate.</b> Each spike walks its static projections' CSC columns once; a synapse
 * with a delay of D steps (D >= 1) adds its weight to the ring-buffer row that step n + D - 1
 * reads (with D = 1: this very step). Poisson sources emit into the same rows.</li>
 * <li><b>Arrive (plastic projections, in creation order).</b> A spike of sample n' reaches a
 * plastic synapse with delay D at time (n' + D) dt. The arrivals at time (n + 1) dt, in the order
 * spike sample, presynaptic neuron, storage order, first update the presynaptic state of the
 * rule, then each synapse delivers the weight its rule gives (its weight as it stands, for
 * STDP) into the row of step n and is updated (STDP: depression with x_post((n + 1) dt)).</li>
 * <li><b>Input.</b> The input current starts at 0; each synapse channel, in creation order,
 * turns the row of step n into current (delta: the weight, for this step only); then each
 * current input (DC, noise), in order, adds its current: I_n, one number per neuron, formed
 * before it enters the neuron equation. Terms that are whole arrays (a delta channel's row,
 * per-neuron DC) are held by a {@link CurrentSum} and summed inside the Euler pass, with the
 * same additions in the same order.</li>
 * <li><b>Integrate.</b> Spiking neurons reset ({@code v = c, u = u + d}); the others take the
 * notebook's Euler step with I_n; the spikes of sample n + 1 are detected on the new samples.
 * Spike sources skip the Euler step.</li>
 * <li><b>Postsynaptic plasticity.</b> Each neuron that spikes at sample n + 1 (after the
 * arrivals at that time) updates its incoming plastic synapses through the rule (STDP:
 * potentiation with x_pre((n + 1) dt)), plastic projections in creation order; the spikes of
 * sample 0 do so before the first step.</li>
 * <li><b>Record.</b> Listeners see sample n + 1, the weights after all events up to time
 * (n + 1) dt, and the spikes of step n (sample 0 is shown to them before the first step).</li>
 * </ol>
 *
 * <p>Threads: neurons are split into one contiguous chunk per thread, of about equal cost
 * ({@link #chunkBounds}). Propagation, arrivals, input, integration, the detection of the next
 * step's spikes and the postsynaptic plasticity run on the chunks in parallel; each chunk
 * propagates every spike of the step, in spike order, but only into its own targets (the rows
 * of its index range), and handles the plastic arrivals and spikes of its own targets only, so
 * no two threads write one element and every neuron's input and every synapse's state are
 * updated in the same order whatever the thread count: results are bit-identical for any
 * number of threads. The presynaptic state a plastic projection shares between a neuron's
 * synapses (one delay) is updated alone, before the parallel phase. Recording and stop checks
 * run on the calling thread. A thread is only used per
 * {@link NetworkBuilder#MIN_NEURONS_PER_THREAD} neurons (by default): a hand-off between threads
 * costs microseconds, as much as a whole step of a small network. Within a chunk, the per-neuron
 * phases run block by block (up to 4,096 neurons of one population). This class allocates
 * nothing inside the loop (the queues of plastic arrivals grow only when a step needs more room
 * than any step before).
 */
public final class Simulation implements AutoCloseable {
    private static final int EVENT_STRIDE = 16;
    /**
     * Neurons per block of the per-neuron phases (input, integration, detection): a block's
     * state, current, input and arrival arrays (a few times 32 KB) stay in the L2 cache from one
     * phase to the next instead of streaming each array through memory once per phase (a few per
     * cent at 100k neurons; docs/performance.md).
     */
    private static final int BLOCK = 4096;
    private final Neurons neurons;
    private final TimeGrid grid;
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
    private final java.util.function.IntConsumer stepTask = this::stepChunk;
    private final java.util.function.IntConsumer detectTask = this::detectChunk;
    /** Outgoing static projections of population k (by index in neurons.populations()). */
    private final Projection[][] outgoing;
    /** The plastic paths of the plastic projections, in creation order. */
    private final PlasticSynapses[] plastic;
    private final StepWorkers workers;
    /** Chunk t covers state indices [bounds[t], bounds[t + 1]). */
    private final int[] bounds;
    private final SpikeBuffer[] chunkSpikes;
    /** Forms I_n for chunk t's blocks. */
    private final CurrentSum[] chunkSums;
    /** Chunk t's context for the synapse kernels. */
    private final SynapseBlock[] chunkBlocks;
    /** Synapses walked by chunk t at {@code t * EVENT_STRIDE} (spread over cache lines). */
    private final long[] chunkEvents;
    private final Population[] populations;
    private SpikeBuffer spikes;
    private SpikeBuffer nextSpikes;
    private long step;
    private boolean started;
    private long spikeCount;

    Simulation(Neurons neurons, TimeGrid grid, List<Projection> projections, List<SynapseChannel> channels,
            List<PoissonSource> poissonSources, List<Input> inputs, int threads, int minNeuronsPerThread) {
        this.neurons = neurons;
        this.grid = grid;
        this.projections = List.copyOf(projections);
        this.channels = List.copyOf(channels);
        this.poissonSources = List.copyOf(poissonSources);
        this.inputs = List.copyOf(inputs);
        this.listeners = new ArrayList<>();
        this.channelArray = this.channels.toArray(new SynapseChannel[0]);
        this.poissonArray = this.poissonSources.toArray(new PoissonSource[0]);
        this.inputArray = this.inputs.toArray(new Input[0]);
        List<Population> pops = neurons.populations();
        this.outgoing = new Projection[pops.size()][];
        for (int k = 0; k < pops.size(); k++) {
            Population p = pops.get(k);
            this.outgoing[k] = projections.stream().filter(pr -> pr.pre() == p && pr.plasticity() == null)
                    .toArray(Projection[]::new);
        }
        this.plastic = projections.stream().map(Projection::plasticity).filter(java.util.Objects::nonNull)
                .toArray(PlasticSynapses[]::new);
        int n = neurons.size();
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minNeuronsPerThread)));
        this.workers = new StepWorkers(chunks);
        this.bounds = chunkBounds(pops, n, chunks, plasticCosts(pops, this.projections));
        this.chunkSpikes = new SpikeBuffer[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSpikes[t] = new SpikeBuffer(bounds[t + 1] - bounds[t]);
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
        this.populations = pops.toArray(new Population[0]);
        for (PlasticSynapses p : plastic) {
            p.prepare(bounds);
        }
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

    public Neurons neurons() {
        return neurons;
    }

    public TimeGrid grid() {
        return grid;
    }

    public List<Projection> projections() {
        return projections;
    }

    public List<SynapseChannel> channels() {
        return channels;
    }

    /** Number of threads stepping the neurons. */
    public int threads() {
        return workers.threads();
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
     * Takes {@code steps} steps (or fewer, if {@code stop} says so), then tells the listeners the
     * run has finished. A simulation runs once.
     */
    public RunResult run(long steps, StopCondition stop) {
        if (started) {
            throw new IllegalStateException("a simulation runs once");
        }
        started = true;
        listenerArray = listeners.toArray(new StepListener[0]);
        final long begin = System.nanoTime();
        boolean currentRead = false;
        for (StepListener l : listeners) {
            l.start(neurons, grid, steps);
            currentRead |= l.readsCurrent(neurons);
        }
        neurons.keepCurrent(currentRead);
        String reason = null;
        try {
            workers.run(detectTask);
            mergeChunkSpikes(spikes);
            while (step < steps) {
                takeStep();
                reason = stop.check(step - 1);
                if (reason != null) {
                    break;
                }
            }
        } finally {
            for (StepListener l : listeners) {
                l.finish(step);
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long synapticEvents = 0;
        for (int t = 0; t < workers.threads(); t++) {
            synapticEvents += chunkEvents[t * EVENT_STRIDE];
        }
        return new RunResult(step, steps, step == steps && reason == null, reason, seconds, spikeCount,
                synapticEvents);
    }

    private void takeStep() {
        final long n = step;
        for (PlasticSynapses p : plastic) {
            p.beforeStep(n, spikes);
        }
        // 2. propagate, 3. input, 4. integrate (and 1. detect for step n + 1), chunk-parallel
        workers.run(stepTask);
        spikeCount += spikes.count();
        step = n + 1;
        // 5. record
        for (StepListener l : listenerArray) {
            l.afterStep(n, neurons, spikes);
        }
        SpikeBuffer done = spikes;
        spikes = nextSpikes;
        nextSpikes = done;
        mergeChunkSpikes(spikes);
    }

    private void stepChunk(int t) {
        final int from = bounds[t];
        final int to = bounds[t + 1];
        final long n = step;
        deliverChunk(t, from, to, n);
        if (plastic.length > 0) {
            long arrivals = 0;
            for (PlasticSynapses p : plastic) {
                arrivals += p.arrive(t, n, spikes);
            }
            chunkEvents[t * EVENT_STRIDE] += arrivals;
        }
        final SpikeBuffer detected = chunkSpikes[t];
        detected.clear();
        final CurrentSum sum = chunkSums[t];
        final SynapseBlock block = chunkBlocks[t];
        final double[] v = neurons.v;
        // every phase below is per neuron: run them block by block so each block's arrays stay in
        // cache; a block never spans two populations, so each channel and input covers all of it or none
        for (Population p : populations) {
            final int popFrom = Math.max(from, p.offset());
            final int popTo = Math.min(to, p.end());
            for (int lo = popFrom; lo < popTo; lo += BLOCK) {
                final int hi = Math.min(popTo, lo + BLOCK);
                for (PoissonSource ps : poissonArray) {
                    ps.emit(n, lo, hi);
                }
                sum.begin(neurons.current, lo, hi);
                for (SynapseChannel c : channelArray) {
                    c.contribute(n, v, sum, block);
                }
                for (Input in : inputArray) {
                    in.contribute(n, sum);
                }
                neurons.integrateAndDetect(sum, grid.dtMs(), detected);
                if (p.isSpikeSource()) {
                    // no dynamics (the pass above only formed I_n): the spikes of sample n + 1 are given
                    p.spikeSchedule().emit(n + 1, lo - p.offset(), hi - p.offset(), p.offset(), detected);
                }
            }
        }
        for (PlasticSynapses p : plastic) {
            p.postSpikes(t, n + 1, detected);
        }
    }

    /**
     * Delivers the spikes of step {@code n} (detected on sample n) to the targets in the state
     * index range {@code [from, to)} of chunk {@code t}, in spike order: each target's arrivals
     * are summed in the same order for any number of chunks.
     */
    private void deliverChunk(int t, int from, int to, long n) {
        final int count = spikes.count();
        final int[] idx = spikes.indices();
        final Population[] pops = populations;
        final boolean whole = from == 0 && to == neurons.size();
        long events = 0;
        int k = 0;
        for (int s = 0; s < count; s++) {
            final int i = idx[s];
            while (i >= pops[k].end()) {
                k++;
            }
            final int node = i - pops[k].offset();
            for (Projection pr : outgoing[k]) {
                if (whole) {
                    events += pr.deliver(node, n);
                } else {
                    final Population post = pr.post();
                    final int lo = Math.max(from, post.offset()) - post.offset();
                    final int hi = Math.min(to, post.end()) - post.offset();
                    if (lo < hi) {
                        events += pr.deliver(node, n, lo, hi);
                    }
                }
            }
        }
        chunkEvents[t * EVENT_STRIDE] += events;
    }

    /** Detects the spikes of sample 0 in chunk t, in ascending index order (spike sources: their sample-0 spikes). */
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
                p.spikeSchedule().emit(0, lo - p.offset(), hi - p.offset(), p.offset(), b);
            } else {
                neurons.detectSpikes(lo, hi, b);
            }
        }
        for (PlasticSynapses p : plastic) {
            p.postSpikes(t, 0, b);
        }
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
}
