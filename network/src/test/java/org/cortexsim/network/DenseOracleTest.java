package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Event-driven delivery (CSC columns walked per spike, ring buffers) against a dense oracle:
 * from the recorded spikes of every step, the dense products W_d s_n of each projection's
 * weights restricted to delay d give the weight arriving in step n + d - 1; the recorded input
 * current of every neuron in every step must be that sum plus its DC.
 */
class DenseOracleTest {
    private static final double DT = 0.5;
    private static final int STEPS = 300;

    record Net(Simulation sim, long seed, List<Spec> specs, double[] dc) {
    }

    /** What the test asked for, to regenerate pairs independently of the builder. */
    record Spec(String name, Population pre, Population post, ConnectivityRule rule) {
    }

    static Stream<Arguments> configurations() {
        List<Arguments> a = new ArrayList<>();
        int[] threads = {1, 2, 3, 1, 2, 3};
        for (int c = 0; c < 6; c++) {
            a.add(Arguments.of(1000L + c, c % 2 == 0, threads[c]));
        }
        return a.stream();
    }

    /**
     * A random network of three populations (RS exc, FS inh, RS aux of inh's size) with five
     * delta projections, one per rule, random weights (integer-valued when {@code integerWeights})
     * and constant or distributed delays; every neuron gets an integer DC and a random initial v.
     */
    static Net build(long seed, boolean integerWeights, int threads) {
        SplittableRandom cfg = new SplittableRandom(seed);
        int nExc = 90 + cfg.nextInt(80);
        int nInh = 30 + cfg.nextInt(40);
        Neurons.Builder nb = Neurons.builder();
        nb.add("exc", "RS", nExc, Preset.RS.parameters(), new double[Parameter.values().length][],
                randomV(cfg, nExc), null);
        nb.add("inh", "FS", nInh, Preset.FS.parameters(), new double[Parameter.values().length][],
                randomV(cfg, nInh), null);
        nb.add("aux", "RS", nInh, Preset.RS.parameters(), new double[Parameter.values().length][],
                randomV(cfg, nInh), null);
        Neurons neurons = nb.build();
        Population exc = neurons.population("exc");
        Population inh = neurons.population("inh");
        Population aux = neurons.population("aux");
        TimeGrid grid = new TimeGrid(DT);
        NetworkBuilder b = new NetworkBuilder(neurons, grid, new RandomStreams(seed));
        List<Spec> specs = new ArrayList<>();
        Object[][] plan = {
            {"ee", exc, exc, new ConnectivityRule.FixedProbability(0.05 + 0.1 * cfg.nextDouble(), cfg.nextBoolean()), +1},
            {"ei", exc, inh, new ConnectivityRule.FixedIndegree(5 + cfg.nextInt(15), false), +1},
            {"ie", inh, exc, new ConnectivityRule.AllToAll(false), -1},
            {"ia", inh, aux, new ConnectivityRule.OneToOne(), +1},
            {"ae", aux, exc, new ConnectivityRule.FixedProbability(0.2, false), +1},
            {"ii", inh, inh, new ConnectivityRule.FixedIndegree(4, false), -1},
        };
        for (Object[] p : plan) {
            String name = (String) p[0];
            int sign = (int) p[4];
            Distribution weight;
            if (integerWeights) {
                if (sign > 0) {
                    double[] w = new double[200_000];
                    for (int k = 0; k < w.length; k++) {
                        w[k] = 1 + cfg.nextInt(25);
                    }
                    weight = new Distribution.Values(w, "test weights");
                } else {
                    weight = new Distribution.Constant(-(1 + cfg.nextInt(10)));
                }
            } else {
                weight = sign > 0 ? new Distribution.Uniform(0.3, 20.0) : new Distribution.Normal(-6, 3, -20, 0);
            }
            Distribution delay = cfg.nextBoolean() ? new Distribution.Constant(0.5 * (1 + cfg.nextInt(4)))
                    : new Distribution.Uniform(0.1, 4.0);
            b.projection(ProjectionPlan.of(name, (Population) p[1], (Population) p[2], (ConnectivityRule) p[3], weight,
                    delay, new SynapseType("delta", NetTestSupport.none())));
            specs.add(new Spec(name, (Population) p[1], (Population) p[2], (ConnectivityRule) p[3]));
        }
        double[] dc = new double[neurons.size()];
        for (Population p : neurons.populations()) {
            double[] amp = new double[p.size()];
            for (int i = 0; i < amp.length; i++) {
                amp[i] = 40 + cfg.nextInt(90);
                dc[p.offset() + i] = amp[i];
            }
            b.input(new DcInput(p, amp, 0, Long.MAX_VALUE));
        }
        return new Net(b.build(threads, 64), seed, specs, dc);
    }

    private static double[] randomV(SplittableRandom cfg, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = -70 + 110 * cfg.nextDouble();
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}, integer weights {1}, {2} threads")
    @MethodSource("configurations")
    void eventDrivenDeliveryEqualsDenseProducts(long seed, boolean integerWeights, int threads) {
        Net net = build(seed, integerWeights, threads);
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        Neurons neurons = net.sim.neurons();
        int n = neurons.size();
        try (Simulation sim = net.sim) {
            sim.addListener(log);
            RunResult r = sim.run(STEPS, StopCondition.NEVER);
            assertTrue(r.completed());
            assertEquals(Math.min(threads, n / 64), sim.threads());
        }
        assertTrue(log.totalSpikes() > 200, "too few spikes for a meaningful test: " + log.totalSpikes());

        // expected[m] = DC + sum over projections and delays d of W_d s_{m-d+1}; also sum of |terms|
        double[][] expected = new double[STEPS][n];
        double[][] magnitude = new double[STEPS][n];
        for (int m = 0; m < STEPS; m++) {
            for (int i = 0; i < n; i++) {
                expected[m][i] = net.dc[i];
                magnitude[m][i] = Math.abs(net.dc[i]);
            }
        }
        int arrivalsSeen = 0;
        for (Projection pr : net.sim.projections()) {
            DMatrixRMaj w = NetTestSupport.denseOf(pr.weights());
            int[][] delays = NetTestSupport.denseDelays(pr);
            int maxD = pr.maxDelaySteps();
            DMatrixRMaj[] wd = new DMatrixRMaj[maxD + 1];
            DMatrixRMaj[] absWd = new DMatrixRMaj[maxD + 1];
            for (int d = 1; d <= maxD; d++) {
                wd[d] = new DMatrixRMaj(w.numRows, w.numCols);
                absWd[d] = new DMatrixRMaj(w.numRows, w.numCols);
            }
            for (int i = 0; i < w.numRows; i++) {
                for (int j = 0; j < w.numCols; j++) {
                    if (delays[i][j] > 0) {
                        wd[delays[i][j]].set(i, j, w.get(i, j));
                        absWd[delays[i][j]].set(i, j, Math.abs(w.get(i, j)));
                    }
                }
            }
            Population pre = pr.pre();
            Population post = pr.post();
            DMatrixRMaj s = new DMatrixRMaj(pre.size(), 1);
            DMatrixRMaj y = new DMatrixRMaj(post.size(), 1);
            DMatrixRMaj ya = new DMatrixRMaj(post.size(), 1);
            for (int step = 0; step < STEPS; step++) {
                s.zero();
                boolean any = false;
                for (int idx : log.spikes.get(step)) {
                    if (idx >= pre.offset() && idx < pre.end()) {
                        s.set(idx - pre.offset(), 0, 1.0);
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                for (int d = 1; d <= maxD; d++) {
                    int arrival = step + d - 1;
                    if (arrival >= STEPS) {
                        continue;
                    }
                    CommonOps_DDRM.mult(wd[d], s, y);
                    CommonOps_DDRM.mult(absWd[d], s, ya);
                    for (int i = 0; i < post.size(); i++) {
                        expected[arrival][post.offset() + i] += y.get(i);
                        magnitude[arrival][post.offset() + i] += ya.get(i);
                        if (ya.get(i) != 0) {
                            arrivalsSeen++;
                        }
                    }
                }
            }
        }
        assertTrue(arrivalsSeen > 1000, "too few synaptic arrivals: " + arrivalsSeen);
        for (int m = 0; m < STEPS; m++) {
            double[] got = log.current.get(m);
            for (int i = 0; i < n; i++) {
                double tol = integerWeights ? 0.0 : 1e-12 * magnitude[m][i];
                if (Math.abs(got[i] - expected[m][i]) > tol) {
                    assertEquals(expected[m][i], got[i], tol, "input current of neuron " + i + " ("
                            + neurons.populationOf(i).name() + ") in step " + m);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("configurations")
    void cscHoldsExactlyTheGeneratedSynapses(long seed, boolean integerWeights, int threads) {
        Net net = build(seed, integerWeights, threads);
        try (Simulation sim = net.sim) {
            RandomStreams streams = new RandomStreams(seed);
            for (int p = 0; p < net.specs.size(); p++) {
                Spec spec = net.specs.get(p);
                Projection pr = sim.projections().get(p);
                assertEquals(spec.name, pr.name());
                assertEquals(spec.post.size(), pr.weights().numRows);
                assertEquals(spec.pre.size(), pr.weights().numCols);
                NetTestSupport.checkStructure(pr.weights());
                // the rule's own pairs, drawn again block by block of targets, each from its own stream
                IntList pre = new IntList(16);
                IntList post = new IntList(16);
                for (int b = 0; b * NetworkBuilder.TARGET_BLOCK < spec.post.size(); b++) {
                    spec.rule.generate(spec.pre.size(), spec.post.size(), spec.pre == spec.post,
                            b * NetworkBuilder.TARGET_BLOCK,
                            Math.min(spec.post.size(), (b + 1) * NetworkBuilder.TARGET_BLOCK),
                            streams.stream("connectivity/" + spec.name, b), pre, post);
                }
                Set<Long> pairs = new HashSet<>();
                for (int s = 0; s < pre.size(); s++) {
                    assertTrue(pairs.add(((long) post.get(s) << 32) | pre.get(s)),
                            spec.name + ": generated pair twice");
                }
                assertEquals(pairs.size(), pr.synapseCount(), spec.name + ": synapse count");
                boolean[][] mask = NetTestSupport.denseMask(pr.weights());
                int set = 0;
                for (int i = 0; i < mask.length; i++) {
                    for (int j = 0; j < mask[i].length; j++) {
                        if (mask[i][j]) {
                            set++;
                            assertTrue(pairs.contains(((long) i << 32) | j), spec.name + ": stray synapse");
                        }
                    }
                }
                assertEquals(pairs.size(), set, spec.name + ": duplicate entries in the CSC");
                // EJML's own conversion agrees with the hand-made dense matrix
                DMatrixRMaj mine = NetTestSupport.denseOf(pr.weights());
                DMatrixRMaj theirs = DConvertMatrixStruct.convert(pr.weights(), (DMatrixRMaj) null);
                for (int i = 0; i < mine.numRows; i++) {
                    for (int j = 0; j < mine.numCols; j++) {
                        assertEquals(mine.get(i, j), theirs.get(i, j), 0.0);
                    }
                }
                // delays are in range and weights have the sign of their projection
                for (int k = 0; k < pr.synapseCount(); k++) {
                    int d = pr.delaySteps(k);
                    assertTrue(d >= 1 && d <= pr.channel().slots(), spec.name + ": delay " + d);
                }
            }
        }
    }
}
