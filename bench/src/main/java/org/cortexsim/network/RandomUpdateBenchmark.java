package org.cortexsim.network;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory cost that bounds a plastic network's postsynaptic updates (docs/performance.md,
 * "Plastic synapses: the memory floor"): a clipped read-modify-write of one double at a random
 * index, {@code w[k] = min(1200, max(0, w[k] + 1e-9))}, as STDP's potentiation makes one per
 * incoming synapse of a spiking neuron (whose incoming synapses lie in as many presynaptic
 * columns). {@code synapses} sets the array: 200,000 and 800,000 doubles (1.6 and 6.4 MB) stay
 * within the caches and the TLB's reach; 1.6 M and 6.4 M (12.8 and 51 MB, the E->E weights of
 * the 100k benchmark network) do not. The indices are precomputed, independent of each other
 * (as the synapses of one postsynaptic neuron are), and drawn once per trial. Score: ns per
 * update per thread. Each thread owns its arrays for one trial (run with {@code -t 2} for two
 * threads updating at once).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
@Fork(1)
public class RandomUpdateBenchmark {
    static final int UPDATES = 1 << 20;

    @Param({"200000", "800000", "1600000", "6400000"})
    int synapses;

    private double[] weights;
    private int[] indices;

    @Setup(Level.Trial)
    public void setUp() {
        weights = new double[synapses];
        java.util.Arrays.fill(weights, 600.0);
        indices = new SplittableRandom(11).ints(UPDATES, 0, synapses).toArray();
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public double clippedUpdate() {
        final double[] w = weights;
        final int[] idx = indices;
        for (int j = 0; j < idx.length; j++) {
            final int k = idx[j];
            w[k] = Math.min(1200.0, Math.max(0.0, w[k] + 1e-9));
        }
        return w[idx[0]];
    }
}
