package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The receptors of Izhikevich and Edelman (2008) in a network, bit for bit against a scalar loop
 * written here from the README: 60 RS and 20 FS neurons with AMPA ({@code exp_conductance}, 5 ms,
 * 0 mV) and NMDA ({@code nmda_conductance}, 150 ms, 0 mV) onto both, the NMDA onto FS with a rise
 * ({@code nmda_beta_conductance}, 5/150 ms), GABA_A ({@code exp_conductance}, 6 ms, -70 mV) from FS
 * onto both and GABA_B with a rise ({@code beta_conductance}, 20/150 ms, -90 mV) onto RS; delays
 * of one step, constant and drawn per synapse; DC drive. The loop keeps, per channel (one per
 * post-population, model and parameters, in the order projections first name them), a queue of
 * arrivals per future step (filled in the order step, spiking neuron, projection, target) and its
 * state per neuron (g, or g_decay and g_rise), and forms I_n as ((0 + channel currents in order) +
 * DC) with each model's formula in the README's order of operations; the spikes of every step, I_n
 * of every neuron and step and the final v and u must be those of {@link Simulation}, bit for bit,
 * on 1, 2 and 3 threads.
 */
class ReceptorScalarReferenceTest {
    private static final double DT = 0.1;
    private static final int STEPS = 3000;

    /** A projection of the test network: its receptor model and parameters, weight range and delays. */
    record Plan(String name, String pre, String post, double p, double wLow, double wHigh, Distribution delayMs,
            String model, Map<String, Double> parameters) {
    }

    static List<Plan> plans() {
        Map<String, Double> ampa = Map.of("tau_ms", 5.0, "E_rev_mV", 0.0);
        Map<String, Double> gabaA = Map.of("tau_ms", 6.0, "E_rev_mV", -70.0);
        return List.of(
                new Plan("ee_ampa", "exc", "exc", 0.1, 0.05, 0.6, new Distribution.Uniform(0.5, 3.0),
                        "exp_conductance", ampa),
                new Plan("ee_nmda", "exc", "exc", 0.1, 0.01, 0.08, new Distribution.Uniform(0.5, 3.0),
                        "nmda_conductance", Map.of("tau_ms", 150.0, "E_rev_mV", 0.0)),
                new Plan("ei_ampa", "exc", "inh", 0.2, 0.05, 0.5, new Distribution.Constant(1.0),
                        "exp_conductance", ampa),
                new Plan("ei_nmda", "exc", "inh", 0.2, 0.01, 0.08, new Distribution.Uniform(0.05, 2.0),
                        "nmda_beta_conductance", Map.of("tau_rise_ms", 5.0, "tau_decay_ms", 150.0, "E_rev_mV", 0.0)),
                new Plan("ie_gabaa", "inh", "exc", 0.3, 0.05, 0.4, new Distribution.Constant(0.5),
                        "exp_conductance", gabaA),
                new Plan("ie_gabab", "inh", "exc", 0.3, 0.005, 0.03, new Distribution.Uniform(0.5, 2.0),
                        "beta_conductance", Map.of("tau_rise_ms", 20.0, "tau_decay_ms", 150.0, "E_rev_mV", -90.0)),
                new Plan("ii_gabaa", "inh", "inh", 0.3, 0.1, 0.6, new Distribution.Constant(0.1),
                        "exp_conductance", gabaA));
    }

    /** One receptor channel of the reference: its model's formula and its state per neuron of its population. */
    static final class Channel {
        final String model;
        final Population post;
        final double reversal;
        final double decay;
        final double riseDecay;
        final double scale;
        final double[] g;
        final double[] rise;
        final double[][] queue;
        /** The largest |current| this channel gave, pA: every receptor must take part. */
        double largest;

        Channel(String model, Map<String, Double> p, Population post, int queueSteps) {
            this.model = model;
            this.post = post;
            this.reversal = p.get("E_rev_mV");
            boolean beta = model.endsWith("beta_conductance");
            double tauDecay = beta ? p.get("tau_decay_ms") : p.get("tau_ms");
            this.decay = Math.exp(-DT / tauDecay);
            if (beta) {
                double tauRise = p.get("tau_rise_ms");
                this.riseDecay = Math.exp(-DT / tauRise);
                // t_peak = tau_rise tau_decay ln(tau_decay / tau_rise) / (tau_decay - tau_rise); s = 1 / g(t_peak)
                double tPeak = tauRise * tauDecay * Math.log(tauDecay / tauRise) / (tauDecay - tauRise);
                this.scale = 1.0 / (Math.exp(-tPeak / tauDecay) - Math.exp(-tPeak / tauRise));
            } else {
                this.riseDecay = Double.NaN;
                this.scale = Double.NaN;
            }
            this.g = new double[post.size()];
            this.rise = new double[post.size()];
            this.queue = new double[queueSteps][post.size()];
        }

        /** The README's update of neuron {@code i} (local) in step {@code step} at potential v; its current, pA. */
        double current(int step, int i, double v) {
            double arrived = queue[step][i];
            double conductance;
            if (Double.isNaN(scale)) {
                conductance = g[i] * decay + arrived;
                g[i] = conductance;
            } else {
                double jump = arrived * scale;
                g[i] = (g[i] + jump) * decay;
                rise[i] = (rise[i] + jump) * riseDecay;
                conductance = g[i] - rise[i];
            }
            double current;
            if (model.startsWith("nmda")) {
                double x = (v + 80.0) / 60.0;
                double block = x * x / (1.0 + x * x);
                current = conductance * block * (reversal - v);
            } else {
                current = conductance * (reversal - v);
            }
            largest = Math.max(largest, Math.abs(current));
            return current;
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @CsvSource({"1", "2", "3"})
    void receptorNetworkMatchesTheScalarLoopBitForBit(int threads) {
        Neurons neurons = NetTestSupport.excInh(60, 20);
        int n = neurons.size();
        TimeGrid grid = new TimeGrid(DT);
        NetworkBuilder b = new NetworkBuilder(neurons, grid, new RandomStreams(2008));
        for (Plan p : plans()) {
            b.projection(ProjectionPlan.of(p.name(), neurons.population(p.pre()), neurons.population(p.post()),
                    new ConnectivityRule.FixedProbability(p.p(), false), new Distribution.Uniform(p.wLow(), p.wHigh()),
                    p.delayMs(), new SynapseType(p.model(), p.parameters())));
        }
        SplittableRandom cfg = new SplittableRandom(8);
        double[] dc = new double[n];
        long dcStart = grid.stepAtOrAfter(10.0);
        for (Population pop : neurons.populations()) {
            double[] amp = new double[pop.size()];
            for (int i = 0; i < amp.length; i++) {
                amp[i] = (pop.name().equals("exc") ? 60 : 60) + 80 * cfg.nextDouble();
                dc[pop.offset() + i] = amp[i];
            }
            b.input(new DcInput(pop, amp, dcStart, Long.MAX_VALUE));
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        List<Projection> projections;
        try (Simulation sim = b.build(threads, 16)) {
            assertEquals(threads, sim.threads());
            assertEquals(7, sim.channels().size(), "one channel per population, model and parameters");
            sim.addListener(log);
            sim.run(STEPS, StopCondition.NEVER);
            projections = sim.projections();
        }

        // the reference's channels, keyed as the README says channels are shared
        int maxDelay = projections.stream().mapToInt(Projection::maxDelaySteps).max().orElseThrow();
        Map<String, Channel> channels = new LinkedHashMap<>();
        List<Channel> channelOf = new ArrayList<>();
        for (Plan p : plans()) {
            String key = p.post() + "/" + p.model() + "/" + new java.util.TreeMap<>(p.parameters());
            channelOf.add(channels.computeIfAbsent(key,
                    k -> new Channel(p.model(), p.parameters(), neurons.population(p.post()), STEPS + maxDelay)));
        }
        List<DMatrixRMaj> w = new ArrayList<>();
        List<int[][]> delays = new ArrayList<>();
        List<boolean[][]> masks = new ArrayList<>();
        for (Projection pr : projections) {
            w.add(NetTestSupport.denseOf(pr.weights()));
            delays.add(NetTestSupport.denseDelays(pr));
            masks.add(NetTestSupport.denseMask(pr.weights()));
        }
        assertEquals(1, projections.get(3).minDelaySteps(), "ei_nmda has one-step delays");
        assertTrue(projections.get(1).maxDelaySteps() >= 25, "ee_nmda has delays up to 3 ms");

        double[] v = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < 60 ? -60 : -55;
        }
        int[] spikeCount = new int[2];
        for (int step = 0; step < STEPS; step++) {
            List<Integer> spiking = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (v[i] >= (i < 60 ? 35.0 : 25.0)) {
                    spiking.add(i);
                    spikeCount[i < 60 ? 0 : 1]++;
                }
            }
            assertArrayEquals(spiking.stream().mapToInt(Integer::intValue).toArray(), log.spikes.get(step),
                    "spikes of step " + step);
            for (int j : spiking) {
                for (int p = 0; p < projections.size(); p++) {
                    Population pre = projections.get(p).pre();
                    if (j < pre.offset() || j >= pre.end()) {
                        continue;
                    }
                    int col = j - pre.offset();
                    Channel c = channelOf.get(p);
                    for (int row = 0; row < c.post.size(); row++) {
                        if (masks.get(p)[row][col]) {
                            c.queue[step + delays.get(p)[row][col] - 1][row] += w.get(p).get(row, col);
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                double current = 0.0;
                for (Channel c : channels.values()) {
                    if (i >= c.post.offset() && i < c.post.end()) {
                        current += c.current(step, i - c.post.offset(), v[i]);
                    }
                }
                current += step >= dcStart ? dc[i] : 0.0;
                assertEquals(Double.doubleToRawLongBits(current), Double.doubleToRawLongBits(log.current.get(step)[i]),
                        "I_n of neuron " + i + " in step " + step);
                double vn = v[i];
                double un = u[i];
                if (i < 60) {
                    // RS: C=100, k=0.7, vr=-60, vt=-40, vpeak=35, a=0.03, b=-2, c=-50, d=100
                    if (vn >= 35) {
                        v[i] = -50;
                        u[i] = un + 100;
                    } else {
                        v[i] = vn + DT * (0.7 * (vn + 60) * (vn + 40) - un + current) / 100;
                        u[i] = un + DT * 0.03 * (-2 * (vn + 60) - un);
                    }
                } else {
                    // FS: C=20, k=1, vr=-55, vt=-40, vpeak=25, a=0.2, b=0.025 (cubic above -55), c=-45, d=0
                    if (vn >= 25) {
                        v[i] = -45;
                    } else {
                        double target = vn >= -55 ? 0.025 * new BigDecimal(vn + 55).pow(3).doubleValue() : 0.0;
                        v[i] = vn + DT * (1.0 * (vn + 55) * (vn + 40) - un + current) / 20;
                        u[i] = un + DT * 0.2 * (target - un);
                    }
                }
            }
        }
        assertTrue(spikeCount[0] > 100 && spikeCount[1] > 100,
                "spikes: exc " + spikeCount[0] + ", inh " + spikeCount[1]);
        for (Map.Entry<String, Channel> c : channels.entrySet()) {
            assertTrue(c.getValue().largest > 5, c.getKey() + " gave at most " + c.getValue().largest + " pA");
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(neurons.v[i]), "final v of " + i);
            assertEquals(Double.doubleToRawLongBits(u[i]), Double.doubleToRawLongBits(neurons.u[i]), "final u of " + i);
        }
    }
}
