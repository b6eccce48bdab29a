package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.record.StateRecorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plastic synapses against a scalar reference written here from the rules' equations (issue 13,
 * README "Plasticity"): 40 RS, 12 spike-source and 15 FS neurons with DC drive; STDP (additive,
 * per-synapse delays; multiplicative, one delay of 5 steps), Tsodyks-Markram (one delay;
 * per-synapse delays) and static projections, all delta synapses onto shared channels. The
 * reference keeps dense weight and delay matrices, traces per synapse (x_pre, u, x and their
 * last update) and per postsynaptic neuron (x_post), and loops over every synapse explicitly:
 * static spikes into a queue per future step, then the plastic arrivals at time n + 1 (spike
 * sample, presynaptic neuron, target ascending), then the Euler step, then the postsynaptic
 * spikes of sample n + 1. Spikes of every step, the final v and u and every final weight must
 * be bit-identical to {@link Simulation} for 1, 2 and 4 threads, and with several random seeds.
 *
 * <p>The rules' state as recorded ({@code record.weights} with {@code variables}): every field
 * of every plastic projection (STDP's x_pre, t_pre, x_post, t_post, with per-synapse delays and
 * with one delay; Tsodyks-Markram's u, x, t_last, with one delay and per-synapse delays) and the
 * weights, at every synapse and every sample, through the recorders a run uses ({@link
 * PlasticSynapses#variable} read by a {@link StateRecorder}), equal the reference's traces at
 * that sample bit for bit; the reference's traces are held per synapse whatever the delays, so
 * a presynaptic field shared by a neuron's synapses is checked at each of them.
 */
class PlasticScalarReferenceTest {
    private static final double DT = 0.1;
    private static final int STEPS = 2000;

    private enum Kind { STATIC, STDP_ADD, STDP_MULT, TM }

    private record Plan(String name, String pre, String post, double p, Distribution weight, Distribution delayMs,
            Kind kind, Map<String, Double> params) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("ee", "exc", "exc", 0.2, new Distribution.Uniform(100, 500), new Distribution.Uniform(0.1, 2.0),
                    Kind.STDP_ADD, Map.of("tau_plus_ms", 15.0, "tau_minus_ms", 25.0, "A_plus", 20.0,
                            "A_minus", 22.0, "w_min", 0.0, "w_max", 800.0)),
            new Plan("se", "src", "exc", 0.3, new Distribution.Uniform(200, 700), new Distribution.Constant(0.5),
                    Kind.STDP_MULT, Map.of("tau_plus_ms", 20.0, "tau_minus_ms", 20.0, "A_plus", 30.0,
                            "A_minus", 35.0, "w_min", 0.0, "w_max", 1000.0)),
            new Plan("ie", "inh", "exc", 0.4, new Distribution.Uniform(-600, -100), new Distribution.Uniform(0.1, 1.0),
                    Kind.STATIC, Map.of()),
            new Plan("ei", "exc", "inh", 0.3, new Distribution.Uniform(50, 400), new Distribution.Constant(0.1),
                    Kind.TM, Map.of("U", 0.3, "tau_rec_ms", 100.0, "tau_fac_ms", 50.0)),
            new Plan("ii", "inh", "inh", 0.3, new Distribution.Uniform(-300, -50), new Distribution.Uniform(0.2, 1.5),
                    Kind.TM, Map.of("U", 0.5, "tau_rec_ms", 50.0, "tau_fac_ms", 0.0)),
            new Plan("si", "src", "inh", 0.2, new Distribution.Uniform(20, 200), new Distribution.Constant(1.0),
                    Kind.STATIC, Map.of()));

    /**
     * The production run: spikes per step, final v and u, final weights per projection (storage
     * order), and each plastic projection's recorded variables ({@code recorded.get(p)}: variable
     * name to rows of all synapses, every sample; empty for static projections).
     */
    private record Outcome(List<int[]> spikes, double[] v, double[] u, List<double[]> weights,
            List<double[][]> initialWeights, List<Projection> projections, double[] dc, long[][] sourceSamples,
            List<Map<String, double[]>> recorded) {
    }

    private static long[][] sourceSamples(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] samples = new long[size][];
        for (int i = 0; i < size; i++) {
            List<Long> s = new ArrayList<>();
            long n = r.nextInt(40);
            while (n < STEPS) {
                s.add(n);
                n += 1 + r.nextInt(i % 3 == 0 ? 40 : 400);
            }
            samples[i] = s.stream().mapToLong(Long::longValue).toArray();
        }
        return samples;
    }

    private static Outcome simulate(long seed, int threads) {
        long[][] sourceSamples = sourceSamples(seed, 12);
        Neurons neurons = NetTestSupport.excSrcInh(40, sourceSamples, 15);
        TimeGrid grid = new TimeGrid(DT);
        NetworkBuilder b = new NetworkBuilder(neurons, grid, new RandomStreams(seed));
        for (Plan p : PLANS) {
            b.projection(ProjectionPlan.of(p.name, neurons.population(p.pre), neurons.population(p.post),
                    new ConnectivityRule.FixedProbability(p.p, false), p.weight, p.delayMs, SynapseType.DELTA));
            switch (p.kind) {
                case STDP_ADD -> b.plasticity(p.name, "stdp", p.params, Map.of());
                case STDP_MULT -> b.plasticity(p.name, "stdp", p.params, Map.of("weight_dependence", "multiplicative"));
                case TM -> b.plasticity(p.name, "tsodyks_markram", p.params, Map.of());
                default -> {
                }
            }
        }
        SplittableRandom cfg = new SplittableRandom(seed + 7);
        double[] dc = new double[neurons.size()];
        for (String name : new String[] {"exc", "inh"}) {
            Population pop = neurons.population(name);
            double[] amp = new double[pop.size()];
            for (int i = 0; i < amp.length; i++) {
                amp[i] = (name.equals("exc") ? 60 : 80) + 80 * cfg.nextDouble();
                dc[pop.offset() + i] = amp[i];
            }
            b.input(new DcInput(pop, amp, 0, Long.MAX_VALUE));
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog(false);
        try (Simulation sim = b.build(threads, 8)) {
            assertEquals(threads, sim.threads(), "chunks must really split");
            sim.addListener(log);
            List<Map<String, StateRecorder>> recorders = new ArrayList<>();
            for (Projection pr : sim.projections()) {
                Map<String, StateRecorder> byName = new java.util.LinkedHashMap<>();
                if (pr.plasticity() != null) {
                    int[] all = java.util.stream.IntStream.range(0, pr.synapseCount()).toArray();
                    for (String name : PlasticSynapses.recordableNames(pr.plasticity().rule())) {
                        PlasticSynapses.SynapseVariable v = pr.plasticity().variable(name, all);
                        StateRecorder r = new StateRecorder(pr.name() + "_" + name, pr.name(), pr.synapseCount(),
                                Map.of(), name, new StateRecorder.Source(v.values(), 0, v.units(), false, v.elements()),
                                new StateRecorder.Sampling(all, 1, 0, STEPS + 1));
                        sim.addListener(r);
                        byName.put(name, r);
                    }
                }
                recorders.add(byName);
            }
            List<double[][]> initial = new ArrayList<>();
            for (Projection pr : sim.projections()) {
                var m = pr.weights();
                double[][] d = new double[m.numRows][m.numCols];
                for (int j = 0; j < m.numCols; j++) {
                    for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                        d[m.nz_rows[k]][j] = m.nz_values[k];
                    }
                }
                initial.add(d);
            }
            sim.run(STEPS, StopCondition.NEVER);
            List<double[]> weights = new ArrayList<>();
            for (Projection pr : sim.projections()) {
                weights.add(pr.weights().nz_values.clone());
            }
            List<Map<String, double[]>> recorded = new ArrayList<>();
            for (Map<String, StateRecorder> byName : recorders) {
                Map<String, double[]> rows = new java.util.LinkedHashMap<>();
                byName.forEach((name, r) -> {
                    assertEquals(STEPS + 1, r.rows(), name + ": a row per sample");
                    rows.put(name, r.data());
                });
                recorded.add(rows);
            }
            return new Outcome(log.spikes, neurons.v.clone(), neurons.u.clone(), weights, initial, sim.projections(),
                    dc, sourceSamples, recorded);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void productionMatchesTheScalarReferenceForOneTwoAndFourThreads(long seed) {
        Outcome one = simulate(seed, 1);
        List<Outcome> outcomes = List.of(one, simulate(seed, 2), simulate(seed, 4));
        Reference ref = new Reference(one);
        long[] compared = new long[PLANS.size()];
        ref.run(n -> {
            for (int t = 0; t < outcomes.size(); t++) {
                assertRecordedStateIsTheReferences(ref, outcomes.get(t), n, compared, (1 << t) + " thread(s)");
            }
        });
        for (int p = 0; p < PLANS.size(); p++) {
            int fields = PLANS.get(p).kind == Kind.STATIC ? 0 : PLANS.get(p).kind == Kind.TM ? 4 : 5;
            assertEquals(3L * fields * (STEPS + 1) * one.projections.get(p).synapseCount(), compared[p],
                    PLANS.get(p).name + ": every variable of every synapse at every sample, for each thread count");
        }
        for (int t = 0; t < 3; t++) {
            int threads = 1 << t;
            Outcome o = outcomes.get(t);
            for (int n = 0; n < STEPS; n++) {
                assertArrayEquals(ref.spikes.get(n), o.spikes.get(n), "spikes of step " + n + ", " + threads + " thread(s)");
            }
            for (int i = 0; i < o.v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(ref.v[i]), Double.doubleToRawLongBits(o.v[i]), "v of " + i);
                assertEquals(Double.doubleToRawLongBits(ref.u[i]), Double.doubleToRawLongBits(o.u[i]), "u of " + i);
            }
            for (int p = 0; p < PLANS.size(); p++) {
                Projection pr = one.projections.get(p);
                var m = pr.weights();
                for (int j = 0; j < m.numCols; j++) {
                    for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                        assertEquals(Double.doubleToRawLongBits(ref.w[p][m.nz_rows[k]][j]),
                                Double.doubleToRawLongBits(o.weights.get(p)[k]),
                                PLANS.get(p).name + " weight of " + j + " -> " + m.nz_rows[k] + ", " + threads
                                        + " thread(s)");
                    }
                }
            }
        }
        // the run exercised what it claims to
        assertTrue(ref.spikeCount[0] > 100 && ref.spikeCount[1] > 150 && ref.spikeCount[2] > 100,
                "spikes per population " + Arrays.toString(ref.spikeCount));
        assertTrue(ref.changed[0] > 50 && ref.changed[1] > 20, "plastic weights changed: " + Arrays.toString(ref.changed));
        assertTrue(ref.depressed > 100, "TM deliveries below the weight: " + ref.depressed);
    }

    /**
     * At sample {@code n}: each recorded variable of each plastic projection of {@code o}, at
     * each synapse, equals the reference's value there bit for bit ({@code compared[p]} counts
     * the values).
     */
    private static void assertRecordedStateIsTheReferences(Reference ref, Outcome o, long n, long[] compared,
            String run) {
        for (int p = 0; p < PLANS.size(); p++) {
            Projection pr = o.projections.get(p);
            var m = pr.weights();
            int cols = pr.synapseCount();
            for (Map.Entry<String, double[]> e : o.recorded.get(p).entrySet()) {
                for (int j = 0; j < m.numCols; j++) {
                    for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                        int i = m.nz_rows[k];
                        double expected = ref.trace(p, e.getKey(), i, j);
                        double actual = e.getValue()[(int) (n * cols + k)];
                        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                            assertEquals(expected, actual, PLANS.get(p).name + "." + e.getKey() + " of synapse " + k
                                    + " (" + j + " -> " + i + ") at sample " + n + ", " + run);
                            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                                    PLANS.get(p).name + "." + e.getKey() + " bits at sample " + n);
                        }
                        compared[p]++;
                    }
                }
            }
        }
    }

    /**
     * The scalar reference, written from the equations; shares nothing with production but the
     * initial network. Its traces are held per synapse (i, j) whatever the delays; {@link #trace}
     * reads them as the rules name them, and {@link #run(java.util.function.LongConsumer)} calls
     * back at every sample once its events are done.
     */
    private static final class Reference {
        final List<int[]> spikes = new ArrayList<>();
        final double[] v;
        final double[] u;
        final double[][][] w;
        final int[][][] delay;
        final boolean[][][] mask;
        final int[] off = new int[PLANS.size() * 2];
        final int[] preSize = new int[PLANS.size()];
        final int[] postSize = new int[PLANS.size()];
        final int[] preOff = new int[PLANS.size()];
        final int[] postOff = new int[PLANS.size()];
        final int[] maxDelay = new int[PLANS.size()];
        final double[][][] xPre;
        final long[][][] tPre;
        final double[][][] useU;
        final double[][][] resX;
        final long[][][] tLast;
        final double[][] xPost;
        final long[][] tPost;
        final double[] dc;
        final boolean[][] sourceSpikes;
        final long[] spikeCount = new long[3];
        final int[] changed = new int[PLANS.size()];
        long depressed;
        final double[][][] initial;

        Reference(Outcome o) {
            int n = o.v.length;
            v = new double[n];
            u = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = i < 40 ? -60 : i < 52 ? 0 : -55;
            }
            dc = o.dc;
            sourceSpikes = new boolean[12][STEPS + 1];
            for (int i = 0; i < 12; i++) {
                for (long s : o.sourceSamples[i]) {
                    sourceSpikes[i][(int) s] = true;
                }
            }
            int pc = PLANS.size();
            w = new double[pc][][];
            initial = new double[pc][][];
            delay = new int[pc][][];
            mask = new boolean[pc][][];
            xPre = new double[pc][][];
            tPre = new long[pc][][];
            useU = new double[pc][][];
            resX = new double[pc][][];
            tLast = new long[pc][][];
            xPost = new double[pc][];
            tPost = new long[pc][];
            for (int p = 0; p < pc; p++) {
                Projection pr = o.projections.get(p);
                initial[p] = o.initialWeights.get(p);
                w[p] = new double[initial[p].length][];
                for (int i = 0; i < w[p].length; i++) {
                    w[p][i] = initial[p][i].clone();
                }
                delay[p] = NetTestSupport.denseDelays(pr);
                mask[p] = NetTestSupport.denseMask(pr.weights());
                preSize[p] = pr.pre().size();
                postSize[p] = pr.post().size();
                preOff[p] = pr.pre().offset();
                postOff[p] = pr.post().offset();
                maxDelay[p] = pr.maxDelaySteps();
                xPre[p] = new double[postSize[p]][preSize[p]];
                tPre[p] = new long[postSize[p]][preSize[p]];
                useU[p] = new double[postSize[p]][preSize[p]];
                resX[p] = new double[postSize[p]][preSize[p]];
                tLast[p] = new long[postSize[p]][preSize[p]];
                for (long[] row : tLast[p]) {
                    Arrays.fill(row, -1);
                }
                for (double[] row : resX[p]) {
                    Arrays.fill(row, 1.0); // all resources available before the first arrival
                }
                xPost[p] = new double[postSize[p]];
                tPost[p] = new long[postSize[p]];
            }
        }

        /**
         * The value of field {@code name} of plastic projection p (as its rule declares it, or
         * {@code w}) at synapse j -> i, as the rule's state holds it now: the traces as of their
         * last update, the times of those updates in samples.
         */
        double trace(int p, String name, int i, int j) {
            return switch (name) {
                case "w" -> w[p][i][j];
                case "x_pre" -> xPre[p][i][j];
                case "t_pre" -> tPre[p][i][j];
                case "x_post" -> xPost[p][i];
                case "t_post" -> tPost[p][i];
                case "u" -> useU[p][i][j];
                case "x" -> resX[p][i][j];
                case "t_last" -> tLast[p][i][j];
                default -> throw new IllegalArgumentException("the reference has no field '" + name + "'");
            };
        }

        /** Runs the network, calling {@code atSample} with each sample n (0..STEPS) after its events. */
        void run(java.util.function.LongConsumer atSample) {
            int maxD = Arrays.stream(maxDelay).max().orElse(1);
            double[][] queue = new double[STEPS + maxD + 1][v.length];
            int[] s0 = detect(0);
            postSpikes(0, s0);
            atSample.accept(0);
            int[] current = s0;
            List<int[]> history = new ArrayList<>();
            for (int n = 0; n < STEPS; n++) {
                spikes.add(current);
                history.add(current);
                for (int s : current) {
                    spikeCount[s < 40 ? 0 : s < 52 ? 1 : 2]++;
                }
                // static propagation: spike, projection, target
                for (int s : current) {
                    for (int p = 0; p < PLANS.size(); p++) {
                        if (PLANS.get(p).kind != Kind.STATIC || s < preOff[p] || s >= preOff[p] + preSize[p]) {
                            continue;
                        }
                        int j = s - preOff[p];
                        for (int i = 0; i < postSize[p]; i++) {
                            if (mask[p][i][j]) {
                                queue[n + delay[p][i][j] - 1][postOff[p] + i] += w[p][i][j];
                            }
                        }
                    }
                }
                // plastic arrivals at time n + 1: projection, spike sample, presynaptic neuron, target
                final long t = n + 1;
                for (int p = 0; p < PLANS.size(); p++) {
                    Plan plan = PLANS.get(p);
                    if (plan.kind == Kind.STATIC) {
                        continue;
                    }
                    for (int sample = Math.max(0, n + 1 - maxDelay[p]); sample <= n; sample++) {
                        for (int s : history.get(sample)) {
                            if (s < preOff[p] || s >= preOff[p] + preSize[p]) {
                                continue;
                            }
                            int j = s - preOff[p];
                            for (int i = 0; i < postSize[p]; i++) {
                                if (!mask[p][i][j] || sample + delay[p][i][j] != t) {
                                    continue;
                                }
                                queue[n][postOff[p] + i] += arrive(p, plan, i, j, t);
                            }
                        }
                    }
                }
                // input and Euler step
                for (int i = 0; i < v.length; i++) {
                    double in = 0.0 + queue[n][i] + dc[i];
                    if (i < 40) {
                        if (v[i] >= 35) {
                            v[i] = -50;
                            u[i] = u[i] + 100;
                        } else {
                            double vn = v[i];
                            double un = u[i];
                            v[i] = vn + DT * (0.7 * (vn + 60) * (vn + 40) - un + in) / 100;
                            u[i] = un + DT * 0.03 * (-2 * (vn + 60) - un);
                        }
                    } else if (i >= 52) {
                        if (v[i] >= 25) {
                            v[i] = -45;
                        } else {
                            double vn = v[i];
                            double un = u[i];
                            double target = vn >= -55 ? 0.025 * new BigDecimal(vn + 55).pow(3).doubleValue() : 0.0;
                            v[i] = vn + DT * (1.0 * (vn + 55) * (vn + 40) - un + in) / 20;
                            u[i] = un + DT * 0.2 * (target - un);
                        }
                    }
                }
                current = detect(n + 1);
                postSpikes(n + 1, current);
                atSample.accept(n + 1);
            }
            for (int p = 0; p < PLANS.size(); p++) {
                for (int i = 0; i < postSize[p]; i++) {
                    for (int j = 0; j < preSize[p]; j++) {
                        if (mask[p][i][j] && w[p][i][j] != initial[p][i][j]) {
                            changed[p]++;
                        }
                    }
                }
            }
        }

        int[] detect(int sample) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                boolean spike = i < 40 ? v[i] >= 35 : i < 52 ? sourceSpikes[i - 40][sample] : v[i] >= 25;
                if (spike) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private static double exp(long steps, double tau) {
            return StrictMath.exp(-(steps * DT) / tau);
        }

        /** One arrival at synapse (i, j) of projection p at time t: returns the weight delivered. */
        double arrive(int p, Plan plan, int i, int j, long t) {
            Map<String, Double> q = plan.params;
            if (plan.kind == Kind.TM) {
                double big = q.get("U");
                if (tLast[p][i][j] < 0) {
                    useU[p][i][j] = big;
                    resX[p][i][j] = 1.0;
                } else {
                    long delta = t - tLast[p][i][j];
                    double uOld = useU[p][i][j];
                    double xOld = resX[p][i][j];
                    useU[p][i][j] = big + uOld * (1 - big) * exp(delta, q.get("tau_fac_ms"));
                    resX[p][i][j] = 1 + (xOld - uOld * xOld - 1) * exp(delta, q.get("tau_rec_ms"));
                }
                tLast[p][i][j] = t;
                double delivered = w[p][i][j] * useU[p][i][j] * resX[p][i][j];
                if (Math.abs(delivered) < Math.abs(w[p][i][j]) * 0.99) {
                    depressed++;
                }
                return delivered;
            }
            double delivered = w[p][i][j];
            double xp = xPost[p][i] * exp(t - tPost[p][i], q.get("tau_minus_ms"));
            double lo = q.get("w_min");
            double hi = q.get("w_max");
            double wv = w[p][i][j];
            double dep = plan.kind == Kind.STDP_MULT ? q.get("A_minus") * xp * (wv - lo) / (hi - lo) : q.get("A_minus") * xp;
            w[p][i][j] = Math.min(hi, Math.max(lo, wv - dep));
            xPre[p][i][j] = xPre[p][i][j] * exp(t - tPre[p][i][j], q.get("tau_plus_ms")) + 1;
            tPre[p][i][j] = t;
            return delivered;
        }

        /** The postsynaptic spikes of sample m, projection by projection. */
        void postSpikes(long m, int[] spiking) {
            for (int p = 0; p < PLANS.size(); p++) {
                Plan plan = PLANS.get(p);
                if (plan.kind != Kind.STDP_ADD && plan.kind != Kind.STDP_MULT) {
                    continue;
                }
                Map<String, Double> q = plan.params;
                double lo = q.get("w_min");
                double hi = q.get("w_max");
                for (int s : spiking) {
                    if (s < postOff[p] || s >= postOff[p] + postSize[p]) {
                        continue;
                    }
                    int i = s - postOff[p];
                    for (int j = 0; j < preSize[p]; j++) {
                        if (!mask[p][i][j]) {
                            continue;
                        }
                        double x = xPre[p][i][j] * exp(m - tPre[p][i][j], q.get("tau_plus_ms"));
                        double wv = w[p][i][j];
                        double pot = plan.kind == Kind.STDP_MULT ? q.get("A_plus") * x * (hi - wv) / (hi - lo)
                                : q.get("A_plus") * x;
                        w[p][i][j] = Math.min(hi, Math.max(lo, wv + pot));
                    }
                    xPost[p][i] = xPost[p][i] * exp(m - tPost[p][i], q.get("tau_minus_ms")) + 1;
                    tPost[p][i] = m;
                }
            }
        }
    }
}
