package org.cortexsim.network;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
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

/**
 * The two costs besides the Euler pass that make up the floor of a network step
 * (docs/performance.md): a synaptic event as delivery performs it, and a hand-off.
 *
 * <p>{@code scatterAdd}: {@code arrivals[rows[k]] += w} over columns of 100 ascending random
 * rows (as a {@code fixed_probability} column of the benchmark network) into a row of
 * {@code targets} doubles: with 10,000 or 50,000 targets (80 or 400 KB) the row stays in the
 * L2 cache, so this is the cost of a cache-resident scattered add; the score is ns per add.
 * {@code handOff}: one {@link StepWorkers#run} of an empty task on {@code threads} threads (the
 * caller and the workers, as each step of {@link Simulation} does once); ns per hand-off.
 * Owns its arrays and workers for one trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@Fork(1)
public class DeliveryBenchmark {
    static final int ADDS = 1 << 20;
    static final int FAN_OUT = 100;

    @Param({"10000", "50000"})
    int targets;

    @Param({"2"})
    int threads;

    private double[] arrivals;
    private int[] rows;
    private StepWorkers workers;
    private final IntConsumer nothing = t -> { };

    @Setup(Level.Trial)
    public void setUp() {
        arrivals = new double[targets];
        rows = new int[ADDS];
        SplittableRandom rng = new SplittableRandom(7);
        for (int c = 0; c < ADDS / FAN_OUT; c++) {
            int[] column = rng.ints(FAN_OUT, 0, targets).sorted().toArray();
            System.arraycopy(column, 0, rows, c * FAN_OUT, FAN_OUT);
        }
        workers = new StepWorkers(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    @OperationsPerInvocation(ADDS / FAN_OUT * FAN_OUT)
    public double scatterAdd() {
        final double[] a = arrivals;
        final int[] r = rows;
        for (int k = 0; k < r.length - r.length % FAN_OUT; k++) {
            a[r[k]] += 600.0;
        }
        return a[0];
    }

    @Benchmark
    public void handOff() {
        workers.run(nothing);
    }
}
