package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 50 RS + 20 FS network with delta synapses, one-step and multi-step delays and DC drive,
 * simulated by a plain scalar loop written here from the specification (the notebook's Euler
 * step with the cube rounded once via BigDecimal, a dense weight matrix, an explicit queue of
 * arrivals per future step), must give the same spikes in every step and the same final v and
 * u, bit for bit, as {@link Simulation}. The queue is filled in the order the specification
 * fixes (step, then spiking neuron, then projection, then target), so even real-valued
 * weights sum identically. The recorded input current I_n must equal the reference's too; and
 * with no listener reading I_n (so the simulation does not keep it), spikes and state are the same.
 * Also with delays drawn per synapse (later arrivals queued) and the
 * neurons split into 2 or 3 chunks.
 */
class ScalarReferenceTest {
    private static final double DT = 0.1;
    private static final int STEPS = 3000;

    @ParameterizedTest(name = "a listener reads I_n: {0}, delays per synapse: {1} (up to {3} ms), {2} thread(s)")
    @CsvSource({"true, false, 1, 0", "false, false, 1, 0", "true, true, 1, 2.5", "false, true, 2, 2.5",
        "true, true, 3, 2.5", "true, false, 2, 0", "true, true, 2, 0.149"})
    void simulationMatchesScalarReferenceLoop(boolean currentRead, boolean delaysPerSynapse, int threads,
            double maxDelayMs) {
        final int nExc = 50;
        final int nInh = 20;
        SplittableRandom cfg = new SplittableRandom(42);
        Neurons neurons = NetTestSupport.excInh(nExc, nInh);
        Population exc = neurons.population("exc");
        Population inh = neurons.population("inh");
        int n = neurons.size();
        TimeGrid grid = new TimeGrid(DT);
        NetworkBuilder b = new NetworkBuilder(neurons, grid, new RandomStreams(2024));
        Object[][] plan = {
            // name, pre, post, p, weight, delay ms
            {"ee", exc, exc, 0.1, new Distribution.Uniform(0.5, 9.0), 0.1},
            {"ei", exc, inh, 0.3, new Distribution.Uniform(1.0, 12.0), 1.5},
            {"ie", inh, exc, 0.4, new Distribution.Uniform(-14.0, -2.0), 0.8},
            {"ii", inh, inh, 0.2, new Distribution.Constant(-3.25), 0.1},
        };
        for (Object[] p : plan) {
            // per synapse: 1 to 25 steps, so columns mix delay 1 (added now) and later (queued); or all of
            // 1 step, stored per synapse (no queues at all)
            Distribution delay = delaysPerSynapse ? new Distribution.Uniform(0.05, maxDelayMs)
                    : new Distribution.Constant((double) p[5]);
            b.projection(ProjectionPlan.of((String) p[0], (Population) p[1], (Population) p[2],
                    new ConnectivityRule.FixedProbability((double) p[3], false), (Distribution) p[4], delay,
                    new SynapseType("delta", NetTestSupport.none())));
        }
        double[] dc = new double[n];
        long dcStart = grid.stepAtOrAfter(10.0);
        for (Population p : neurons.populations()) {
            double[] amp = new double[p.size()];
            for (int i = 0; i < amp.length; i++) {
                amp[i] = (p == exc ? 45 : 70) + 60 * cfg.nextDouble();
                dc[p.offset() + i] = amp[i];
            }
            b.input(new DcInput(p, amp, dcStart, Long.MAX_VALUE));
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog(currentRead);
        List<Projection> projections;
        try (Simulation sim = b.build(threads, 16)) {
            assertEquals(threads, sim.threads());
            sim.addListener(log);
            sim.run(STEPS, StopCondition.NEVER);
            projections = sim.projections();
        }
        // reference
        double[] v = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < nExc ? -60 : -55;
        }
        int maxDelay = 0;
        List<DMatrixRMaj> w = new ArrayList<>();
        List<int[][]> delays = new ArrayList<>();
        List<boolean[][]> masks = new ArrayList<>();
        for (Projection pr : projections) {
            w.add(NetTestSupport.denseOf(pr.weights()));
            delays.add(NetTestSupport.denseDelays(pr));
            masks.add(NetTestSupport.denseMask(pr.weights()));
            maxDelay = Math.max(maxDelay, pr.maxDelaySteps());
        }
        if (delaysPerSynapse) {
            for (Projection pr : projections) {
                assertTrue(!pr.hasConstantDelay() && (maxDelayMs < 0.15 ? pr.maxDelaySteps() == 1
                        : pr.maxDelaySteps() >= 20), pr.name() + ": " + pr.maxDelaySteps());
            }
        } else {
            assertEquals(15, projections.get(1).maxDelaySteps());
            assertEquals(1, projections.get(0).maxDelaySteps());
        }
        double[][] queue = new double[STEPS + maxDelay][n];
        int excSpikes = 0;
        int inhSpikes = 0;
        for (int step = 0; step < STEPS; step++) {
            // detect
            IntListLike spikes = new IntListLike();
            for (int i = 0; i < n; i++) {
                if (v[i] >= (i < nExc ? 35.0 : 25.0)) {
                    spikes.add(i);
                }
            }
            assertArrayEquals(spikes.toArray(), log.spikes.get(step), "spikes of step " + step);
            // propagate
            for (int s = 0; s < spikes.size; s++) {
                int j = spikes.data[s];
                if (j < nExc) {
                    excSpikes++;
                } else {
                    inhSpikes++;
                }
                for (int p = 0; p < projections.size(); p++) {
                    Population pre = (Population) plan[p][1];
                    Population post = (Population) plan[p][2];
                    if (j < pre.offset() || j >= pre.end()) {
                        continue;
                    }
                    int col = j - pre.offset();
                    for (int row = 0; row < post.size(); row++) {
                        if (masks.get(p)[row][col]) {
                            queue[step + delays.get(p)[row][col] - 1][post.offset() + row] += w.get(p).get(row, col);
                        }
                    }
                }
            }
            // input + integrate
            for (int i = 0; i < n; i++) {
                double current = 0.0 + queue[step][i] + (step >= dcStart ? dc[i] : 0.0);
                if (currentRead) {
                    assertEquals(Double.doubleToRawLongBits(current), Double.doubleToRawLongBits(log.current.get(step)[i]),
                            "I_n of neuron " + i + " in step " + step);
                }
                if (i < nExc) {
                    // RS: C=100, k=0.7, vr=-60, vt=-40, vpeak=35, a=0.03, b=-2, c=-50, d=100
                    if (v[i] >= 35) {
                        v[i] = -50;
                        u[i] = u[i] + 100;
                    } else {
                        double vn = v[i];
                        double un = u[i];
                        v[i] = vn + DT * (0.7 * (vn + 60) * (vn + 40) - un + current) / 100;
                        u[i] = un + DT * 0.03 * (-2 * (vn + 60) - un);
                    }
                } else {
                    // FS: C=20, k=1, vr=-55, vt=-40, vpeak=25, a=0.2, b=0.025 (cubic above -55), c=-45, d=0
                    if (v[i] >= 25) {
                        v[i] = -45;
                    } else {
                        double vn = v[i];
                        double un = u[i];
                        double target = vn >= -55 ? 0.025 * new BigDecimal(vn + 55).pow(3).doubleValue() : 0.0;
                        v[i] = vn + DT * (1.0 * (vn + 55) * (vn + 40) - un + current) / 20;
                        u[i] = un + DT * 0.2 * (target - un);
                    }
                }
            }
        }
        assertTrue(excSpikes > 50 && inhSpikes > 50, "spikes: exc " + excSpikes + ", inh " + inhSpikes);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(neurons.v[i]), "final v of " + i);
            assertEquals(Double.doubleToRawLongBits(u[i]), Double.doubleToRawLongBits(neurons.u[i]), "final u of " + i);
        }
        assertTrue(Arrays.stream(neurons.v).allMatch(Double::isFinite));
    }

    /** A tiny int list for the reference (independent of core's IntList). */
    private static final class IntListLike {
        int[] data = new int[16];
        int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = x;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
