package org.cortexsim.network;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.EulerIntegrator;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * JMH benchmarks of the neuron pass of one step: {@link EulerIntegrator#integrate} (the Euler pass),
 * {@link Neurons#detectSpikes}, and the per-neuron part of a network step as {@link Simulation}
 * runs it ({@code step...}: I_n formed by a {@link CurrentSum} from a delta channel's arrivals row
 * and the per-neuron DC, then {@link EulerIntegrator#integrateAndDetect(CurrentSum, SpikeBuffer)},
 * block by block; {@code stepExp...}: an exp_current field instead of the delta row, its decay
 * made inside the pass or, {@code stepExpSeparate...}, by a loop of its own first), over all {@code n} neurons, 80% RS then 20% FS, as the C limit
 * of the peers (same drive: DC of 60-120 pA (RS) and 60-100 pA (FS) in {@code current}, initial
 * v = vr + 10 mV * U(0,1), u = 0 pA, dt = 0.1 ms), so neurons fire and resets happen.
 *
 * <p>Every invocation performs {@value #UPDATES} neuron updates ({@code UPDATES / n} successive
 * steps of the whole population), so the score in ns/op is nanoseconds per neuron update.
 * The state keeps evolving across invocations, as in a run.
 *
 * <p>Kernels: the {@code ...Vector} methods fork a JVM with {@code --add-modules
 * jdk.incubator.vector} (vector kernels), the {@code ...Scalar} ones a JVM without the module
 * and with {@code -Dcortexsim.vector=false} (scalar reference); {@link #setUp} checks that the
 * forked JVM is the one the method name promises. Threads: with {@code threads = 2} the neurons
 * are split into two contiguous chunks (inner bound a multiple of 8, as in {@link Simulation})
 * run by the network's {@link StepWorkers}, the team the simulation loop uses (this class sits
 * in the network package for that). Owns its neurons and workers for one trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class NeuronPassBenchmark {
    /** Neuron updates per benchmark invocation. */
    static final int UPDATES = 1_000_000;
    private static final double DT_MS = 0.1;
    private static final int SETTLE_STEPS = 200;

    @Param({"1000", "10000", "100000", "1000000"})
    int n;

    @Param({"1", "2"})
    int threads;

    /**
     * {@code shared}: every population homogeneous (the peers' network). {@code varied}: per-neuron
     * c and d in the RS population and per-neuron a in the FS one (the heterogeneous pass); pass
     * {@code -p parameters=varied} to time it.
     */
    @Param({"shared"})
    String parameters;

    private Neurons neurons;
    private EulerIntegrator euler;
    private StepWorkers workers;
    private int[] bounds;
    private SpikeBuffer[] chunkSpikes;
    private int steps;
    private IntConsumer integrateChunk;
    private IntConsumer detectChunk;
    private IntConsumer stepChunk;
    /** Per-neuron DC (pA) and a delta channel's arrivals row (pA, all 0: cleared as read) for {@code step...}. */
    private double[] dc;
    private double[] arrivals;
    /** An exp_current field (pA, starting at 0 and staying there: no arrivals) and its decay for {@code stepExp...}. */
    private double[] field;
    private final double decay = Math.exp(-0.1 / 5.0);
    private IntConsumer stepExpChunk;
    private IntConsumer stepExpSeparateChunk;
    private CurrentSum[] chunkSums;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        boolean vectorJvm = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equals(System.getProperty("cortexsim.vector"));
        boolean vectorMethod = params.getBenchmark().endsWith("Vector");
        if (vectorJvm != vectorMethod) {
            throw new IllegalStateException(params.getBenchmark() + " runs in a JVM with the vector kernels "
                    + (vectorJvm ? "on" : "off") + ": do not override the forks' jvmArgsAppend");
        }
        if (UPDATES % n != 0) {
            throw new IllegalArgumentException("n must divide " + UPDATES + ", got " + n);
        }
        steps = UPDATES / n;
        if (!parameters.equals("shared") && !parameters.equals("varied")) {
            throw new IllegalArgumentException("parameters must be shared or varied, got " + parameters);
        }
        neurons = network(n, parameters.equals("varied"));
        euler = new EulerIntegrator(neurons, new TimeGrid(DT_MS));
        int chunks = Math.max(1, Math.min(threads, n / 64));
        workers = new StepWorkers(chunks);
        bounds = new int[chunks + 1];
        for (int t = 0; t <= chunks; t++) {
            bounds[t] = t == chunks ? n : (int) ((long) n * t / chunks) & ~7;
        }
        chunkSpikes = new SpikeBuffer[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSpikes[t] = new SpikeBuffer(bounds[t + 1] - bounds[t]);
        }
        integrateChunk = t -> euler.integrate(bounds[t], bounds[t + 1]);
        dc = neurons.current.clone();
        arrivals = new double[n];
        chunkSums = new CurrentSum[chunks];
        for (int t = 0; t < chunks; t++) {
            chunkSums[t] = new CurrentSum();
        }
        stepChunk = this::stepChunk;
        field = new double[n];
        stepExpChunk = t -> stepExpChunk(t, true);
        stepExpSeparateChunk = t -> stepExpChunk(t, false);
        if (params.getBenchmark().contains(".step")) {
            euler.keepCurrent(false);
        }
        detectChunk = t -> {
            chunkSpikes[t].clear();
            neurons.detectSpikes(bounds[t], bounds[t + 1], chunkSpikes[t]);
        };
        long spikes = 0;
        for (int s = 0; s < SETTLE_STEPS; s++) {
            workers.run(integrateChunk);
            workers.run(detectChunk);
            for (SpikeBuffer b : chunkSpikes) {
                spikes += b.count();
            }
        }
        if (spikes == 0) {
            throw new IllegalStateException("no neuron fired in " + SETTLE_STEPS + " steps: resets not exercised");
        }
    }

    /**
     * n neurons, 80% RS ("exc") then FS ("inh"), with the peers' initial state and DC drive (pA);
     * with {@code varied}, RS c uniform in [-55, -45] mV and d in [50, 150] pA, FS a in [0.1, 0.3] /ms,
     * per neuron.
     */
    static Neurons network(int n, boolean varied) {
        int exc = (int) (0.8 * n + 0.5);
        int inh = n - exc;
        SplittableRandom rng = new SplittableRandom(42);
        IzhikevichParameters rs = Preset.RS.parameters();
        IzhikevichParameters fs = Preset.FS.parameters();
        double[] v0Exc = new double[exc];
        double[] v0Inh = new double[inh];
        double[] dc = new double[n];
        for (int i = 0; i < exc; i++) {
            v0Exc[i] = rs.vr() + 10 * rng.nextDouble();
            dc[i] = 60 + 60 * rng.nextDouble();
        }
        for (int i = 0; i < inh; i++) {
            v0Inh[i] = fs.vr() + 10 * rng.nextDouble();
            dc[exc + i] = 60 + 40 * rng.nextDouble();
        }
        double[][] perNeuronExc = new double[Parameter.values().length][];
        double[][] perNeuronInh = new double[Parameter.values().length][];
        if (varied) {
            perNeuronExc[Parameter.RESET_V.ordinal()] = rng.doubles(exc, -55, -45).toArray();
            perNeuronExc[Parameter.RESET_U_INCREMENT.ordinal()] = rng.doubles(exc, 50, 150).toArray();
            perNeuronInh[Parameter.RECOVERY_RATE.ordinal()] = rng.doubles(inh, 0.1, 0.3).toArray();
        }
        Neurons neurons = Neurons.builder()
                .add("exc", Preset.RS.name(), exc, rs, perNeuronExc, v0Exc, null)
                .add("inh", Preset.FS.name(), inh, fs, perNeuronInh, v0Inh, null)
                .build();
        System.arraycopy(dc, 0, neurons.current, 0, n);
        return neurons;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    private void integrateSteps() {
        for (int s = 0; s < steps; s++) {
            workers.run(integrateChunk);
        }
    }

    /** As {@code Simulation.stepChunk} without delivery: blocks of at most 4,096 neurons of one population. */
    private void stepChunk(int t) {
        SpikeBuffer detected = chunkSpikes[t];
        detected.clear();
        CurrentSum sum = chunkSums[t];
        for (Population p : neurons.populations()) {
            int from = Math.max(bounds[t], p.offset());
            int to = Math.min(bounds[t + 1], p.end());
            for (int lo = from; lo < to; lo += 4096) {
                int hi = Math.min(to, lo + 4096);
                sum.begin(neurons.current, lo, hi);
                sum.add(arrivals, lo, true);
                sum.add(dc, lo, false);
                euler.integrateAndDetect(sum, detected);
            }
        }
    }

    /**
     * {@link #stepChunk} with an exp_current channel instead of a delta one: its field updated
     * ({@code field * decay + arrivals}, the row cleared) inside the Euler pass
     * ({@link CurrentSum#addDecaying}) or, {@code fused} false, by a loop of its own over the block
     * first and then added as a plain term (as the network did before).
     */
    private void stepExpChunk(int t, boolean fused) {
        SpikeBuffer detected = chunkSpikes[t];
        detected.clear();
        CurrentSum sum = chunkSums[t];
        for (Population p : neurons.populations()) {
            int from = Math.max(bounds[t], p.offset());
            int to = Math.min(bounds[t + 1], p.end());
            for (int lo = from; lo < to; lo += 4096) {
                int hi = Math.min(to, lo + 4096);
                sum.begin(neurons.current, lo, hi);
                if (fused) {
                    sum.addDecaying(field, arrivals, lo, decay);
                } else {
                    for (int i = lo; i < hi; i++) {
                        field[i] = field[i] * decay + arrivals[i];
                        arrivals[i] = 0.0;
                    }
                    sum.add(field, lo, false);
                }
                sum.add(dc, lo, false);
                euler.integrateAndDetect(sum, detected);
            }
        }
    }

    private int stepSteps(IntConsumer chunk) {
        int count = 0;
        for (int s = 0; s < steps; s++) {
            workers.run(chunk);
            count += chunkSpikes[0].count();
        }
        return count;
    }

    private int stepSteps() {
        return stepSteps(stepChunk);
    }

    private int detectSteps() {
        int count = 0;
        for (int s = 0; s < steps; s++) {
            workers.run(detectChunk);
            count += chunkSpikes[0].count();
        }
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public void integrateVector() {
        integrateSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = "-Dcortexsim.vector=false")
    public void integrateScalar() {
        integrateSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public int detectVector() {
        return detectSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = "-Dcortexsim.vector=false")
    public int detectScalar() {
        return detectSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public int stepVector() {
        return stepSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = "-Dcortexsim.vector=false")
    public int stepScalar() {
        return stepSteps();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public int stepExpVector() {
        return stepSteps(stepExpChunk);
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public int stepExpSeparateVector() {
        return stepSteps(stepExpSeparateChunk);
    }
}
