package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.input.NoiseInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused exp_current path (field updated and arrivals cleared in one pass, the field handed
 * to the Euler pass as a term of I_n) against the generic kernel call ({@link UnfusedExpCurrent}:
 * the same kernel, added in place): spikes, I_n of every step, v, u and the synaptic currents
 * bit for bit, on a network with a delta channel, two exp_current channels, real weights,
 * per-synapse delays, a delayed Poisson source, DC and noise, on 1 and 2 chunks.
 */
class FusedKernelTest {
    private static final int STEPS = 1200;

    record Outcome(List<int[]> spikes, List<double[]> current, double[] v, double[] u, List<double[]> fields) {
    }

    static Outcome run(String expModel, int threads) {
        RandomStreams random = new RandomStreams(5);
        NetworkBuilder b = new NetworkBuilder(NetTestSupport.excInh(400, 100), new TimeGrid(0.1), random);
        Population exc = b.neurons().population("exc");
        Population inh = b.neurons().population("inh");
        Distribution excW = new Distribution.Uniform(5, 40);
        Distribution inhW = new Distribution.Uniform(-80, -10);
        Distribution delay = new Distribution.Uniform(0.05, 3.0);
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false), excW, delay,
                new SynapseType(expModel, Map.of("tau_ms", 5.0))));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false), excW, delay,
                SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedProbability(0.1, false), inhW,
                new Distribution.Constant(0.1), new SynapseType(expModel, Map.of("tau_ms", 8.0))));
        b.poisson(PoissonPlan.of("bg", exc, 600.0, 7.5, 0.4, new SynapseType(expModel, Map.of("tau_ms", 5.0))));
        b.input(new DcInput(exc, new Distribution.Uniform(55, 110).sampleAll(random.stream("dc"), 400), 0,
                Long.MAX_VALUE));
        b.input(new NoiseInput(inh, 70.0, 30.0, random.key("noise/inh"), 0, Long.MAX_VALUE));
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        try (Simulation sim = b.build(threads, 64)) {
            assertEquals(threads, sim.threads());
            sim.addListener(log);
            sim.run(STEPS, StopCondition.NEVER);
            List<double[]> fields = new ArrayList<>();
            for (SynapseChannel c : sim.channels()) {
                double[] f = c.field("I_syn");
                if (f != null) {
                    fields.add(f.clone());
                }
            }
            return new Outcome(log.spikes, log.current, b.neurons().v.clone(), b.neurons().u.clone(), fields);
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @CsvSource({"1", "2"})
    void fusedExpCurrentEqualsTheGenericKernelCall(int threads) {
        Outcome fused = run("exp_current", threads);
        Outcome generic = run("exp_current_unfused", threads);
        long spikes = fused.spikes.stream().mapToLong(s -> s.length).sum();
        assertTrue(spikes > 400, "spikes: " + spikes);
        assertEquals(2, fused.fields.size());
        for (int s = 0; s < STEPS; s++) {
            assertArrayEquals(generic.spikes.get(s), fused.spikes.get(s), "spikes of step " + s);
            assertBits(generic.current.get(s), fused.current.get(s), "I_n of step " + s);
        }
        assertBits(generic.v, fused.v, "v");
        assertBits(generic.u, fused.u, "u");
        for (int f = 0; f < 2; f++) {
            assertBits(generic.fields.get(f), fused.fields.get(f), "I_syn of channel " + f);
            assertTrue(java.util.Arrays.stream(fused.fields.get(f)).anyMatch(x -> x != 0), "channel " + f + " active");
        }
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], 0.0, what + ", element " + i);
                throw new AssertionError(what + ", element " + i + ": " + expected[i] + " vs " + actual[i] + " (bits)");
            }
        }
    }
}
