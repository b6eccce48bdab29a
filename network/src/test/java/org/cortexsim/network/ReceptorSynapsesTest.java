package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.cortexsim.network.synapse.SynapseBlock;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receptor models of Izhikevich and Edelman (2008) against their analytic solutions, written
 * here from the README: {@code nmda_conductance} (g = w exp(-t / tau), current g B(v) (E_rev - v)),
 * {@code beta_conductance} and {@code nmda_beta_conductance} (g = w (exp(-t / tau_d) - exp(-t /
 * tau_r)) / (exp(-t_peak / tau_d) - exp(-t_peak / tau_r)), which peaks at w at t_peak = tau_r tau_d /
 * (tau_d - tau_r) ln(tau_d / tau_r), taken at the end of each step: g((k + 1) dt) in the k-th step
 * from the arrival's). The block B(v) is transcribed from CARLsim's code, {@code NMDAtmp = (v + 80)
 * * (v + 80) / 60 / 60; NMDAtmp / (1 + NMDAtmp)}. Each step's conductance and current must match to
 * 1e-12 relative: with the kernel driven directly at clamped membrane potentials (two arrivals, so
 * superposition too), and through one synapse from a spiking neuron into a neuron at rest.
 */
class ReceptorSynapsesTest {
    private static final double DT = 0.1;
    private static final double RELATIVE = 1e-12;

    /** CARLsim's magnesium block, as its updateNeuronState writes it. */
    static double carlsimBlock(double v) {
        double nmdaTmp = (v + 80) * (v + 80) / 60 / 60;
        return nmdaTmp / (1 + nmdaTmp);
    }

    /** The peak time of the difference of exponentials, tau_r tau_d / (tau_d - tau_r) ln(tau_d / tau_r). */
    static double peakTime(double tauRise, double tauDecay) {
        return tauRise * tauDecay / (tauDecay - tauRise) * Math.log(tauDecay / tauRise);
    }

    /** The beta function normalised to peak 1 at {@link #peakTime}; 0 before t = 0. */
    static double beta(double t, double tauRise, double tauDecay) {
        if (t < 0) {
            return 0.0;
        }
        double tp = peakTime(tauRise, tauDecay);
        return (Math.exp(-t / tauDecay) - Math.exp(-t / tauRise))
                / (Math.exp(-tp / tauDecay) - Math.exp(-tp / tauRise));
    }

    /** A receptor model with its parameters, and its conductance k steps after an arrival of weight 1. */
    record Receptor(String model, Map<String, Double> parameters, boolean blocked) {
        double reversal() {
            return parameters.get("E_rev_mV");
        }

        /** The conductance (nS) of the k-th step counted from an arrival of 1 nS (k = 0: the arrival's step). */
        double unitConductance(long k) {
            if (k < 0) {
                return 0.0;
            }
            if (model.equals("nmda_conductance")) {
                return Math.exp(-k * DT / parameters.get("tau_ms"));
            }
            return beta((k + 1) * DT, parameters.get("tau_rise_ms"), parameters.get("tau_decay_ms"));
        }

        double current(double g, double v) {
            return g * (blocked ? carlsimBlock(v) : 1.0) * (reversal() - v);
        }

        @Override
        public String toString() {
            return model + " " + parameters;
        }
    }

    static Stream<Arguments> receptors() {
        return Stream.of(
                Arguments.of(new Receptor("nmda_conductance", Map.of("tau_ms", 150.0, "E_rev_mV", 0.0), true)),
                Arguments.of(new Receptor("nmda_conductance", Map.of("tau_ms", 7.0, "E_rev_mV", 10.0), true)),
                Arguments.of(new Receptor("beta_conductance",
                        Map.of("tau_rise_ms", 1.0, "tau_decay_ms", 5.0, "E_rev_mV", 0.0), false)),
                Arguments.of(new Receptor("beta_conductance",
                        Map.of("tau_rise_ms", 20.0, "tau_decay_ms", 150.0, "E_rev_mV", -90.0), false)),
                Arguments.of(new Receptor("nmda_beta_conductance",
                        Map.of("tau_rise_ms", 10.0, "tau_decay_ms", 150.0, "E_rev_mV", 0.0), true)),
                Arguments.of(new Receptor("nmda_beta_conductance",
                        Map.of("tau_rise_ms", 0.3, "tau_decay_ms", 2.0, "E_rev_mV", 5.0), true)));
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    /** The reference itself: the normalised beta function peaks at exactly 1 at t_peak. */
    @Test
    void theNormalisedBetaFunctionPeaksAtOneAtThePeakTime() {
        double[][] taus = {{1, 5}, {20, 150}, {10, 150}, {0.3, 2}, {100, 150}, {5, 5.001}};
        for (double[] t : taus) {
            double tp = peakTime(t[0], t[1]);
            assertEquals(1.0, beta(tp, t[0], t[1]), 1e-15, "peak of " + t[0] + "/" + t[1]);
            // the derivative -exp(-t/td)/td + exp(-t/tr)/tr vanishes there
            double slope = -Math.exp(-tp / t[1]) / t[1] + Math.exp(-tp / t[0]) / t[0];
            assertEquals(0.0, slope * t[0], 1e-9, "slope at the peak, " + t[0] + "/" + t[1]);
            for (double f : new double[] {0.5, 0.9, 0.999, 1.001, 1.1, 2, 10}) {
                assertTrue(beta(f * tp, t[0], t[1]) < 1.0, "below 1 at " + f + " t_peak");
            }
        }
    }

    /**
     * The kernel alone, for neurons clamped at -90 to +30 mV: arrivals of 0.7 nS in step 0 and 0.3
     * nS in step 1000; each step's conductance and current against the analytic sums.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("receptors")
    void clampedNeuronsGetTheAnalyticConductanceAndCurrentEveryStep(Receptor r) {
        SynapseModel model = SynapseModels.byName(r.model());
        double[] clamped = {-90, -80, -65, -50, -20, 0, 30};
        int n = clamped.length;
        SynapseFields fields = new SynapseFields(model.fields(), n);
        SynapseKernel kernel = model.kernel(SynapseModels.resolveParameters(model, r.parameters()), DT, fields);
        double[] g = fields.get("g");
        SynapseBlock block = new SynapseBlock();
        double[] arrivals = new double[n];
        double[] current = new double[n];
        double peak = 0;
        long peakStep = -1;
        for (long k = 0; k < 3000; k++) {
            java.util.Arrays.fill(arrivals, k == 0 ? 0.7 : k == 1000 ? 0.3 : 0.0);
            java.util.Arrays.fill(current, 0.0);
            block.bind(arrivals, clamped, current, 0, 0, n);
            kernel.step(block);
            double expected = 0.7 * r.unitConductance(k) + 0.3 * r.unitConductance(k - 1000);
            for (int i = 0; i < n; i++) {
                assertRelative(expected, g[i], "g of step " + k + " at " + clamped[i] + " mV");
                assertRelative(r.current(expected, clamped[i]), current[i],
                        "current of step " + k + " at " + clamped[i] + " mV");
            }
            if (k < 1000 && g[0] > peak) {
                peak = g[0];
                peakStep = k;
            }
        }
        if (!r.model().equals("nmda_conductance")) {
            // the sampled peak: at most w, within a step of t_peak (the k-th step samples (k + 1) dt)
            double tp = peakTime(r.parameters().get("tau_rise_ms"), r.parameters().get("tau_decay_ms"));
            assertTrue(peak <= 0.7 * (1 + RELATIVE) && peak > 0.7 * (1 - 1e-3), "peak " + peak);
            assertTrue(Math.abs((peakStep + 1) * DT - tp) <= DT, "peak at step " + peakStep + ", t_peak " + tp);
        }
    }

    /**
     * One spike through one synapse with a delay of 2 steps into an RS neuron at rest: I_n of every
     * step is the analytic conductance times the block (if any) and the driving force at v of the
     * sample the step starts from.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("receptors")
    void oneSpikeIntoANeuronAtRestGivesTheAnalyticCurrent(Receptor r) {
        final double w = 2.5;
        final int steps = 3000;
        SynapseModel model = SynapseModels.byName(r.model());
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        try (Simulation sim = SynapseContractTest.oneTarget(model, r.parameters(), 40, 1, new int[] {0},
                new double[] {w}, 2)) {
            sim.addListener(log);
            sim.run(steps, StopCondition.NEVER);
            int post = sim.neurons().population("post").offset();
            // the source starts at 40 mV, above the peak: it spikes on sample 0, so the arrival step is 0 + 2 - 1
            assertEquals(1, log.spikes.get(0).length);
            int arrival = 1;
            boolean moved = false;
            for (int s = 0; s < steps; s++) {
                double g = w * r.unitConductance(s - arrival);
                double v = log.vBefore.get(s)[post];
                moved |= v != -60.0;
                double expected = r.current(g, v);
                if (s < arrival) {
                    assertEquals(0.0, log.current.get(s)[post], 0.0, "before the arrival, step " + s);
                } else {
                    assertRelative(expected, log.current.get(s)[post], "I_n of step " + s + " (v " + v + ")");
                }
            }
            assertTrue(moved, "the synapse moved v");
            assertRelative(w * r.unitConductance(steps - 1 - arrival), sim.channels().get(0).field("g")[0],
                    "g after the last step");
        }
    }

    @Test
    void aRiseNotBelowTheDecayIsRefusedNamingBothAndTheFix() {
        for (String name : new String[] {"beta_conductance", "nmda_beta_conductance"}) {
            SynapseModel model = SynapseModels.byName(name);
            for (double rise : new double[] {150.0, 200.0}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SynapseModels.resolveParameters(model, Map.of("tau_rise_ms", rise, "tau_decay_ms", 150.0)));
                assertTrue(e.getMessage().startsWith("synapse model '" + name + "': tau_rise_ms (" + rise
                        + " ms) must be below tau_decay_ms (150.0 ms)"), e.getMessage());
                assertTrue(e.getMessage().contains("swap them"), e.getMessage());
            }
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> SynapseModels.resolveParameters(model, Map.of("tau_rise_ms", -1.0)));
            assertTrue(negative.getMessage().contains("tau_rise_ms"), negative.getMessage());
        }
    }
}
