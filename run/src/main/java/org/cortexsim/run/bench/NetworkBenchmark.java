package org.cortexsim.run.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.network.ConnectivityRule;
import org.cortexsim.network.NetworkBuilder;
import org.cortexsim.network.ProjectionPlan;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.Projection;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.StepProfile;
import org.cortexsim.network.StopCondition;
import org.cortexsim.network.SynapseType;

/**
 * Builds and times the peers' benchmark network (shared/peers/README.md, netspec.py) in-process:
 * N neurons, the first 80% RS ("exc"), the rest FS ("inh"); every ordered pair i -> j (i != j)
 * with probability 100 / N; delta synapses of +600 pA (exc) and -1200 pA (inh) with a delay of
 * one step; a DC per neuron uniform in [60, 120] pA (exc) and [60, 100] pA (inh); v0 = vr + 10
 * U(0, 1), u0 = 0; dt 0.1 ms. Nothing is recorded but spike counts per population.
 *
 * <p>{@link Variant}s change only the synapses, as {@code brian2_variants.py} does with the same
 * flags (shared/peers/README.md): {@code exp_current} synapses (+60 / -120 pA, tau 5 ms, so the
 * decay per step is {@code Math.exp(-0.1 / 5.0)}, the correctly rounded exp(-0.02) =
 * 0.9801986733067553) and uniform delays (D integer uniform on {10, ..., 200} steps, one draw
 * per synapse: a uniform delay in (0.95, 20.05) ms rounded to whole steps; cortexsim's own
 * stream, not numpy's draws, so the networks agree in distribution, not synapse for synapse).
 *
 * <p>Per size it builds the network once as a warm-up (build and run), then {@code repeats}
 * times, each a fresh build (a simulation runs once) with the same seed, so every repeat
 * simulates the same network. Timings: setup = building (connectivity, weights, channels, DC,
 * initial state); loop = {@link Simulation#run} only, as wall time and as the CPU time of the
 * calling thread (with one thread: the loop's work without the time other processes took the
 * core; with more, it includes the caller's wait for the other threads). Memory: the heap in use after a full GC
 * just before building and just after building (with the simulation reachable), and the peak of
 * the heap pools during the build. Owns nothing between calls; stateless apart from its options.
 */
public final class NetworkBenchmark {
    /** Expected number of inputs per neuron (p = K / N). */
    public static final double INDEGREE = 100.0;
    public static final double DT_MS = 0.1;
    /** The benchmark's time grid (step {@value #DT_MS} ms), built once. */
    private static final TimeGrid GRID = new TimeGrid(DT_MS);
    public static final double EXC_WEIGHT_PA = 600.0;
    public static final double INH_WEIGHT_PA = -1200.0;
    /** exp_current weights and time constant (brian2_variants.py: W_EXP_E, W_EXP_I, TAU_SYN). */
    public static final double EXP_EXC_WEIGHT_PA = 60.0;
    public static final double EXP_INH_WEIGHT_PA = -120.0;
    public static final double EXP_TAU_MS = 5.0;
    /** Uniform delays: D in {10, ..., 200} steps (brian2_variants.py: DELAY_STEPS). */
    public static final int MIN_DELAY_STEPS = 10;
    public static final int MAX_DELAY_STEPS = 200;

    /**
     * STDP of the E->E projection with {@code --stdp} (brian2_variants.py: STDP for delta, STDP_EXP
     * for exp_current): pair-based, additive, all-to-all, tau_plus = tau_minus = 20 ms, A_plus,
     * A_minus, w_min and w_max in pA (the initial weight is the projection's).
     */
    static Map<String, Double> stdpParameters(String synapse) {
        final double scale = synapse.equals("delta") ? 1.0 : 0.1;
        return Map.of("tau_plus_ms", 20.0, "tau_minus_ms", 20.0, "A_plus", 6.0 * scale, "A_minus", 7.2 * scale,
                "w_min", 0.0, "w_max", 1200.0 * scale);
    }

    /**
     * Which synapses the network has: {@code synapse} "delta" or "exp_current", {@code delays}
     * "one" (every synapse one step) or "uniform" (per synapse, {@link #MIN_DELAY_STEPS} to
     * {@link #MAX_DELAY_STEPS} steps), {@code stdp}: the E->E synapses plastic under the rule of
     * {@link #stdpParameters}. The names are brian2_variants.py's flags.
     */
    public record Variant(String synapse, String delays, boolean stdp) {
        public static final Variant DEFAULT = new Variant("delta", "one", false);

        /** A static variant. */
        public Variant(String synapse, String delays) {
            this(synapse, delays, false);
        }

        public Variant {
            if (!synapse.equals("delta") && !synapse.equals("exp_current")) {
                throw new IllegalArgumentException("synapse must be delta or exp_current, got '" + synapse + "'");
            }
            if (!delays.equals("one") && !delays.equals("uniform")) {
                throw new IllegalArgumentException("delays must be one or uniform, got '" + delays + "'");
            }
        }

        double excWeight() {
            return synapse.equals("delta") ? EXC_WEIGHT_PA : EXP_EXC_WEIGHT_PA;
        }

        double inhWeight() {
            return synapse.equals("delta") ? INH_WEIGHT_PA : EXP_INH_WEIGHT_PA;
        }

        Map<String, Double> parameters() {
            return synapse.equals("delta") ? Map.of() : Map.of("tau_ms", EXP_TAU_MS);
        }

        /**
         * The delay distribution in ms: one step, or uniform on (0.95, 20.05) ms, which rounds
         * (to the nearest step of 0.1 ms) to each of 10, ..., 200 steps with probability 1/191;
         * the ends are pulled in by 1e-9 ms so that 0.95 / 0.1 = 9.4999... and 20.05 / 0.1 =
         * 200.5 cannot occur.
         */
        Distribution delay() {
            return delays.equals("one") ? new Distribution.Constant(DT_MS)
                    : new Distribution.Uniform((MIN_DELAY_STEPS - 0.5) * DT_MS + 1e-9,
                            (MAX_DELAY_STEPS + 0.5) * DT_MS - 1e-9);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double durationMs;
    private final int threads;
    private final int repeats;
    private final long seed;
    private final int minNeuronsPerThread;
    private final Variant variant;

    /**
     * @param durationMs model time per run, ms
     * @param threads stepping threads (the network may use fewer: one per
     *     {@link NetworkBuilder#MIN_NEURONS_PER_THREAD} neurons)
     * @param repeats timed runs per size, after one warm-up run
     * @param minNeuronsPerThread fewest neurons per stepping thread
     *     ({@link NetworkBuilder#MIN_NEURONS_PER_THREAD} by default)
     */
    public NetworkBenchmark(double durationMs, int threads, int repeats, long seed, int minNeuronsPerThread) {
        this(durationMs, threads, repeats, seed, minNeuronsPerThread, Variant.DEFAULT);
    }

    /** As {@link #NetworkBenchmark(double, int, int, long, int)}, with the synapses of {@code variant}. */
    public NetworkBenchmark(double durationMs, int threads, int repeats, long seed, int minNeuronsPerThread,
            Variant variant) {
        this.variant = variant;
        if (!(durationMs > 0) || threads < 1 || repeats < 1 || minNeuronsPerThread < 1) {
            throw new IllegalArgumentException("duration must be > 0 ms; threads, repeats, neurons per thread >= 1");
        }
        this.minNeuronsPerThread = minNeuronsPerThread;
        this.durationMs = durationMs;
        this.threads = threads;
        this.repeats = repeats;
        this.seed = seed;
    }

    public Variant variant() {
        return variant;
    }

    /** The measurements of one size (times in seconds, medians over the repeats). */
    public record Result(Variant variant, int neurons, long synapses, int threadsUsed, long steps, double setupSeconds,
            double loopSeconds, double[] loopRuns, double loopCpuSeconds, long spikes, double excRateHz, double inhRateHz,
            long synapticEvents, long heapBeforeBytes, long heapAfterBuildBytes, long peakHeapBytes,
            WeightStats excExcWeights) {
        public double modelSeconds() {
            return GRID.timeOf(steps) / 1000.0;
        }

        /** Model time per wall time of the loop (above 1: faster than real time). */
        public double realTimeFactor() {
            return modelSeconds() / loopSeconds;
        }

        public double nsPerNeuronUpdate() {
            return loopSeconds * 1e9 / ((double) neurons * steps);
        }

        public double nsPerSynapticEvent() {
            return synapticEvents == 0 ? Double.NaN : loopSeconds * 1e9 / synapticEvents;
        }

        public double synapticEventsPerSecond() {
            return synapticEvents / loopSeconds;
        }

        public long buildHeapBytes() {
            return heapAfterBuildBytes - heapBeforeBytes;
        }

        public double bytesPerSynapse() {
            return (double) buildHeapBytes() / synapses;
        }

        public double bytesPerNeuron() {
            return (double) buildHeapBytes() / neurons;
        }
    }

    /**
     * The E->E weights after a run (pA): mean, standard deviation (of the population of synapses)
     * and the fractions at or beyond the plastic rule's bounds (NaN without {@code --stdp}).
     */
    public record WeightStats(double mean, double sd, double fractionAtMin, double fractionAtMax) {
        static WeightStats of(Projection ee, Variant variant) {
            final int n = ee.synapseCount();
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += ee.weight(k);
            }
            final double mean = sum / n;
            double squares = 0;
            int atMin = 0;
            int atMax = 0;
            final Map<String, Double> rule = stdpParameters(variant.synapse());
            for (int k = 0; k < n; k++) {
                final double w = ee.weight(k);
                squares += (w - mean) * (w - mean);
                atMin += w <= rule.get("w_min") ? 1 : 0;
                atMax += w >= rule.get("w_max") ? 1 : 0;
            }
            return variant.stdp() ? new WeightStats(mean, Math.sqrt(squares / n), (double) atMin / n, (double) atMax / n)
                    : new WeightStats(mean, Math.sqrt(squares / n), Double.NaN, Double.NaN);
        }
    }

    /** Measures one size: a warm-up build and run, then the timed repeats. */
    public Result measure(int n) {
        try (Simulation warm = build(n)) {
            warm.run(steps(), StopCondition.NEVER);
        }
        double[] setups = new double[repeats];
        double[] loops = new double[repeats];
        double[] cpus = new double[repeats];
        long heapBefore = 0;
        long heapAfter = 0;
        long peak = 0;
        RunResult last = null;
        long[] perPop = null;
        long synapses = 0;
        int used = 0;
        WeightStats weights = null;
        for (int r = 0; r < repeats; r++) {
            long before = usedHeapAfterGc();
            resetPeaks();
            long t0 = System.nanoTime();
            Simulation sim = build(n);
            setups[r] = (System.nanoTime() - t0) / 1e9;
            long p = peakHeap();
            long after = usedHeapAfterGc();
            try (sim) {
                if (r == 0) {
                    heapBefore = before;
                    heapAfter = after;
                    peak = p;
                }
                SpikeCounter counter = new SpikeCounter(sim.neurons());
                sim.addListener(counter);
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                last = sim.run(steps(), StopCondition.NEVER);
                cpus[r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
                loops[r] = last.loopSeconds();
                perPop = counter.counts;
                synapses = sim.projections().stream().mapToLong(pr -> pr.synapseCount()).sum();
                weights = WeightStats.of(sim.projections().get(0), variant);
                used = sim.threads();
            }
        }
        double modelS = GRID.timeOf(steps()) / 1000.0;
        int nExc = excSize(n);
        return new Result(variant, n, synapses, used, steps(), median(setups), median(loops), loops, median(cpus), last.spikes(),
                perPop[0] / (nExc * modelS), perPop[1] / ((n - nExc) * modelS), last.synapticEvents(), heapBefore,
                heapAfter, peak, weights);
    }

    /**
     * One more fresh build and run of size {@code n}, with its phases timed per thread
     * ({@link Simulation#enableProfile()}); call after {@link #measure} (which warms up). The
     * timed repeats of {@link #measure} are never profiled.
     */
    public StepProfile profile(int n) {
        try (Simulation sim = build(n)) {
            sim.addListener(new SpikeCounter(sim.neurons()));
            StepProfile profile = sim.enableProfile();
            sim.run(steps(), StopCondition.NEVER);
            return profile;
        }
    }

    private long steps() {
        return GRID.stepAtOrAfter(durationMs);
    }

    static int excSize(int n) {
        return (int) Math.round(0.8 * n);
    }

    /** Builds the benchmark network of {@code n} neurons (at least 2). */
    public Simulation build(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("the benchmark network needs at least 2 neurons, got " + n);
        }
        RandomStreams random = new RandomStreams(seed);
        int nExc = excSize(n);
        int nInh = n - nExc;
        Preset rs = Preset.RS;
        Preset fs = Preset.FS;
        Neurons neurons = Neurons.builder()
                .add("exc", rs.name(), nExc, rs.parameters(), new double[Parameter.values().length][],
                        initialV(random, "exc", nExc, rs.parameters().vr()), null)
                .add("inh", fs.name(), nInh, fs.parameters(), new double[Parameter.values().length][],
                        initialV(random, "inh", nInh, fs.parameters().vr()), null)
                .build();
        Population exc = neurons.population("exc");
        Population inh = neurons.population("inh");
        NetworkBuilder b = new NetworkBuilder(neurons, GRID, random);
        ConnectivityRule rule = new ConnectivityRule.FixedProbability(Math.min(1.0, INDEGREE / n), false);
        Distribution delay = variant.delay();
        for (Population pre : List.of(exc, inh)) {
            Distribution w = new Distribution.Constant(pre == exc ? variant.excWeight() : variant.inhWeight());
            for (Population post : List.of(exc, inh)) {
                b.projection(ProjectionPlan.of(pre.name() + "_" + post.name(), pre, post, rule, w, delay,
                        new SynapseType(variant.synapse(), variant.parameters())));
            }
        }
        if (variant.stdp()) {
            b.plasticity(exc.name() + "_" + exc.name(), "stdp", stdpParameters(variant.synapse()), Map.of());
        }
        long steps = steps();
        b.input(new DcInput(exc, new Distribution.Uniform(60, 120).sampleAll(random.stream("dc/exc"), nExc), 0, steps));
        b.input(new DcInput(inh, new Distribution.Uniform(60, 100).sampleAll(random.stream("dc/inh"), nInh), 0, steps));
        return b.build(threads, minNeuronsPerThread);
    }

    private static double[] initialV(RandomStreams random, String pop, int size, double vr) {
        SplittableRandom rng = random.stream("initial/" + pop + "/v");
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = vr + 10.0 * rng.nextDouble();
        }
        return v;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                pools.add(p);
            }
        }
        return pools;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : heapPools()) {
            p.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools()) {
            sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Counts spikes per population (exc, inh); allocates nothing per step. */
    private static final class SpikeCounter implements StepListener {
        final long[] counts = new long[2];
        private final int excEnd;

        SpikeCounter(Neurons neurons) {
            excEnd = neurons.population("exc").end();
        }

        @Override
        public boolean readsCurrent() {
            return false;
        }

        @Override
        public long nextStateRead(long step) {
            return Long.MAX_VALUE;
        }

        @Override
        public void afterStep(long step, StateView state) {
            int c = state.spikeCount();
            int exc = 0;
            for (int s = 0; s < c; s++) {
                if (state.spike(s) < excEnd) {
                    exc++;
                }
            }
            counts[0] += exc;
            counts[1] += c - exc;
        }
    }
}
