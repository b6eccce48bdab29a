package org.cortexsim.network;

import java.util.ArrayList;
import java.util.List;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.EulerIntegrator;
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

/**
 * Runs the step loop of a built network: neurons, projections, synapse channels, Poisson
 * sources, current inputs and step listeners. This class is the one place the order of a step
 * is written, here as the code runs it ({@link #run}, {@link #takeStep}, {@link #stepChunk}).
 *
 * <p>Sample n is the state at time n * dt (sample 0 is the initial state); step n turns sample
 * n into sample n + 1. S_n, the spikes of step n (at time n * dt), are the neurons whose stored
 * sample is at or above the peak, {@code v_n >= vpeak} (the seed notebook's check). The code
 * detects S_n while it computes sample n: fused into the Euler pass of step n - 1, the new v
 * compared while still in a register (S_0 by a detection pass before the first step).
 * <ol start="0">
 * <li><b>Start.</b> Listeners see sample 0; S_0 is detected on it.</li>
 * </ol>
 * Then, for each step n (phases 1 to 3 chunk-parallel, 4 to 6 on the calling thread):
 * <ol>
 * <li><b>Propagate S_n.</b> Each spike walks its projections' CSC columns once; a synapse with a
 * delay of D steps (D >= 1) adds its weight to the ring-buffer row that step n + D - 1 reads
 * (with D = 1: this very step).</li>
 * <li><b>Form I_n</b>, block by block: each Poisson source emits its step-n spikes into the same
 * rows; the input current starts at 0; each synapse channel, in creation order, turns the row of
 * step n into current (delta: the weight, for this step only); then each current input (DC,
 * noise), in order, adds its current: I_n, one number per neuron, formed before it enters the
 * neuron equation. Terms that are whole arrays (a delta channel's row, per-neuron DC) are held by
 * a {@link CurrentSum} and summed inside the Euler pass, with the same additions in the same
 * order.</li>
 * <li><b>Integrate and detect S_{n+1}</b>, in the same block: neurons in S_n reset
 * ({@code v = c, u = u + d}); the others take the notebook's Euler step with I_n; each new sample
 * at or above the peak joins S_{n+1}.</li>
 * <li><b>Record.</b> Listeners see sample n + 1 and S_n.</li>
 * <li><b>Hand over.</b> S_{n+1}, merged from the chunks in index order, becomes the spikes of
 * step n + 1.</li>
 * <li><b>Stop?</b> The stop condition is asked after step n.</li>
 * </ol>
 *
 * <p>Threads: neurons are split into one contiguous chunk per thread, of about equal cost
 * ({@link #chunkBounds}). Each chunk propagates every spike of the step, in spike order, but only
 * into its own targets (the rows of its index range), so no two threads write one element and
 * every neuron's input is summed in the same order whatever the thread count: results are
 * bit-identical for any number of threads. A thread is only used per
 * {@link NetworkBuilder#MIN_NEURONS_PER_THREAD} neurons (by default): a hand-off between threads
 * costs microseconds, as much as a whole step of a small network. Within a chunk, phases 2 and 3
 * run block by block (up to 4,096 neurons of one population). This class allocates nothing
 * inside the loop.
 *
 * <p>Checkpoints: between steps (before {@link #run}, from its stop condition, or after it) the
 * state of the loop is {@link #saveState saved}: the step, S_step (detected, not yet propagated),
 * the counts of spikes and synaptic events, the neurons and every channel (by id); none of it
 * depends on the number of threads. A simulation built from the same config and {@link
 * #restoreState restored} runs on from that step instead of from sample 0: S_step is not
 * detected again and listeners are {@link StepListener#resume resumed} instead of started.
 */
public final class Simulation implements AutoCloseable, Checkpointable {
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
    private final java.util.function.IntConsumer stepTask = this::stepChunk;
    private final java.util.function.IntConsumer detectTask = this::detectChunk;
    /** Outgoing projections of population k (by index in neurons.populations()). */
    private final Projection[][] outgoing;
    private final StepWorkers workers;
    /** Chunk t covers state indices [bounds[t], bounds[t + 1]). */
    private final int[] bounds;
    private final SpikeBuffer[] chunkSpikes;
    /** Forms I_n for chunk t's blocks. */
    private final CurrentSum[] chunkSums;
    /** Synapses walked by chunk t at {@code t * EVENT_STRIDE} (spread over cache lines). */
    private final long[] chunkEvents;
    private final Population[] populations;
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
        List<Population> pops = neurons.populations();
        this.outgoing = new Projection[pops.size()][];
        for (int k = 0; k < pops.size(); k++) {
            Population p = pops.get(k);
            this.outgoing[k] = projections.stream().filter(pr -> pr.pre() == p).toArray(Projection[]::new);
        }
        int n = neurons.size();
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minNeuronsPerThread)));
        this.workers = new StepWorkers(chunks);
        this.bounds = chunkBounds(pops, n, chunks);
        this.chunkSpikes = new SpikeBuffer[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSpikes[t] = new SpikeBuffer(bounds[t + 1] - bounds[t]);
        }
        this.chunkSums = new CurrentSum[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSums[t] = new CurrentSum();
        }
        this.spikes = new SpikeBuffer(n);
        this.nextSpikes = new SpikeBuffer(n);
        this.chunkEvents = new long[chunks * EVENT_STRIDE];
        this.populations = pops.toArray(new Population[0]);
        this.view = new View(neurons);
    }

    /**
     * Relative step cost of one neuron of {@code p}: a cubic recovery (FS) costs about 1.5 times a
     * linear one (measured on the benchmark network: the chunk holding the FS neurons was busy 1.2
     * times as long as the all-RS one), and per-neuron parameters about double it (JMH
     * {@code NeuronPassBenchmark}, {@code parameters=varied}: 1.28 against 0.72 ns per update).
     */
    static int stepCost(Population p) {
        int cost = p.parameters().recovery() == Recovery.CUBIC_ABOVE_VB ? 3 : 2;
        return p.isHeterogeneous() ? 2 * cost : cost;
    }

    /**
     * Chunk bounds {@code [bounds[t], bounds[t + 1])} over {@code n} neurons that split the
     * summed {@link #stepCost} evenly, inner bounds rounded down to a multiple of 8 (whole
     * vectors). Which neuron a chunk steps never changes a result, only the balance.
     */
    static int[] chunkBounds(List<Population> populations, int n, int chunks) {
        long total = 0;
        for (Population p : populations) {
            total += (long) stepCost(p) * p.size();
        }
        int[] bounds = new int[chunks + 1];
        bounds[chunks] = n;
        int k = 0;
        long before = 0;
        for (int t = 1; t < chunks; t++) {
            long target = total * t / chunks;
            while (before + (long) stepCost(populations.get(k)) * populations.get(k).size() < target) {
                before += (long) stepCost(populations.get(k)) * populations.get(k).size();
                k++;
            }
            Population p = populations.get(k);
            int index = p.offset() + (int) ((target - before) / stepCost(p));
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
            while (step < steps) {
                takeStep();
                // 6. stop?
                if (stop.check(step - 1) instanceof StopCondition.Action.Stop s) {
                    reason = s.reason();
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
        out.scalar("step", step);
        out.ints("spikes", spikes.indices(), 0, spikes.count());
        out.scalar("spike_count", spikeCount);
        long synapticEvents = 0;
        for (int t = 0; t < workers.threads(); t++) {
            synapticEvents += chunkEvents[t * EVENT_STRIDE];
        }
        out.scalar("synaptic_events", synapticEvents);
        neurons.saveState(out.scope("neurons"), step);
        StateWriter c = out.scope("channels");
        for (SynapseChannel channel : channels) {
            channel.saveState(c.scope(channel.id()), step);
        }
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
        for (SynapseChannel channel : channels) {
            channel.restoreState(c.scope(channel.id()), atStep);
        }
        spikes.setAll(s);
        spikeCount = in.scalar("spike_count");
        java.util.Arrays.fill(chunkEvents, 0);
        chunkEvents[0] = in.scalar("synaptic_events");
        step = atStep;
        restored = true;
    }

    /** 0. Start: S_0 is detected on sample 0, chunk-parallel. */
    private void detectInitialSpikes() {
        workers.run(detectTask);
        mergeChunkSpikes(spikes);
    }

    /** Step n: phases 1 to 3 on the chunks in parallel ({@link #stepChunk}), then 4 and 5. */
    private void takeStep() {
        final long n = step;
        workers.run(stepTask);
        step = n + 1;
        spikeCount += spikes.count();
        record(n);
        handOverSpikes();
    }

    /** Phases 1 to 3 of step {@link #step} for the neurons of chunk {@code t}. */
    private void stepChunk(int t) {
        final int from = bounds[t];
        final int to = bounds[t + 1];
        final long n = step;
        propagate(t, from, to, n);
        final SpikeBuffer detected = chunkSpikes[t];
        detected.clear();
        final CurrentSum sum = chunkSums[t];
        // phases 2 and 3 are per neuron: run them block by block so each block's arrays stay in
        // cache; a block never spans two populations, so each channel and input covers all of it or none
        for (Population p : populations) {
            final int popFrom = Math.max(from, p.offset());
            final int popTo = Math.min(to, p.end());
            for (int lo = popFrom; lo < popTo; lo += BLOCK) {
                final int hi = Math.min(popTo, lo + BLOCK);
                formInput(n, lo, hi, sum);
                euler.integrateAndDetect(sum, detected);
            }
        }
    }

    /**
     * 2. Forms I_n of neurons {@code [lo, hi)} (one population) in {@code sum}: Poisson arrivals
     * into the rows, then each channel's current, then each current input's.
     */
    private void formInput(long n, int lo, int hi, CurrentSum sum) {
        for (PoissonSource ps : poissonArray) {
            ps.emit(n, lo, hi);
        }
        sum.begin(neurons.current, lo, hi);
        final double[] v = neurons.v;
        for (SynapseChannel c : channelArray) {
            c.contribute(n, v, sum);
        }
        for (Input in : inputArray) {
            in.contribute(n, sum);
        }
    }

    /** 4. Record: the listeners see sample n + 1 and S_n. */
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
     * 1. Propagates S_n (the spikes of step {@code n}, detected on sample n) to the targets in the
     * state index range {@code [from, to)} of chunk {@code t}, in spike order: each target's
     * arrivals are summed in the same order for any number of chunks.
     */
    private void propagate(int t, int from, int to, long n) {
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

    private void detectChunk(int t) {
        SpikeBuffer b = chunkSpikes[t];
        b.clear();
        neurons.detectSpikes(bounds[t], bounds[t + 1], b);
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
