package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.record.SpikeRecorder;
import org.junit.jupiter.api.Test;

/**
 * Spike output (every neuron, every step) and the final state are bit-identical for 1, 2 and
 * 4 threads and across repeated runs, on a 2000-neuron network with noise, a Poisson source,
 * two exp_current channels, random weights and random delays.
 */
class DeterminismTest {
    private static final int STEPS = 1500;

    record Outcome(int[][] steps, long[][] nodes, double[] v, double[] u, long spikes, int threads) {
    }

    static Outcome run(int threads) {
        RandomStreams random = new RandomStreams(99);
        NetworkBuilder b = new NetworkBuilder(NetTestSupport.excInh(1600, 400), new TimeGrid(0.1), random);
        Population exc = b.neurons().population("exc");
        Population inh = b.neurons().population("inh");
        Map<String, Double> fast = Map.of("tau_ms", 5.0);
        Map<String, Double> slow = Map.of("tau_ms", 8.0);
        Distribution excW = new Distribution.Normal(4, 2, 0, 12);
        Distribution inhW = new Distribution.Normal(-10, 4, -30, 0);
        Distribution delay = new Distribution.Uniform(0.5, 3.0);
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.02, false), excW, delay,
                new SynapseType("exp_current", fast)));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.05, false), excW, delay,
                new SynapseType("exp_current", fast)));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedIndegree(20, false), inhW,
                new Distribution.Constant(1.0), new SynapseType("exp_current", slow)));
        b.projection(ProjectionPlan.of("ii", inh, inh, new ConnectivityRule.FixedProbability(0.05, false), inhW, delay,
                new SynapseType("exp_current", slow)));
        b.poisson(PoissonPlan.of("bg", exc, 800.0, 12.0, 0.5, new SynapseType("exp_current", fast)));
        b.input(new NoiseInput(exc, 60.0, 60.0, random.key("noise/exc"), 0, Long.MAX_VALUE));
        b.input(new NoiseInput(inh, 60.0, 40.0, random.key("noise/inh"), 0, Long.MAX_VALUE));
        SpikeRecorder rec = new SpikeRecorder(b.neurons().populations());
        try (Simulation sim = b.build(threads, 64)) {
            sim.addListener(rec);
            RunResult r = sim.run(STEPS, StopCondition.NEVER);
            assertTrue(r.completed());
            int[][] steps = new int[2][];
            long[][] nodes = new long[2][];
            for (int k = 0; k < 2; k++) {
                steps[k] = rec.steps(k);
                nodes[k] = rec.nodeIds(k);
            }
            return new Outcome(steps, nodes, b.neurons().v.clone(), b.neurons().u.clone(), r.spikes(), sim.threads());
        }
    }

    @Test
    void spikesAndStateAreBitIdenticalForAnyThreadCountAndRepeatedRuns() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int threads : new int[] {1, 2, 4, 1, 4}) {
            Outcome o = run(threads);
            assertEquals(threads, o.threads(), "chunks must really split");
            outcomes.add(o);
        }
        Outcome ref = outcomes.get(0);
        assertTrue(ref.steps[0].length > 2000 && ref.steps[1].length > 300,
                "spikes: exc " + ref.steps[0].length + ", inh " + ref.steps[1].length);
        // spikes spread over the run and over the thread chunks (not only an initial transient)
        assertTrue(Arrays.stream(ref.steps[0]).filter(s -> s > STEPS / 2).count() > 500);
        assertTrue(Arrays.stream(ref.nodes[0]).filter(i -> i >= 1000).count() > 500);
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(ref.steps[k], o.steps[k], "spike steps, " + o.threads + " threads, population " + k);
                assertArrayEquals(ref.nodes[k], o.nodes[k], "spike nodes, " + o.threads + " threads, population " + k);
            }
            assertEquals(ref.spikes, o.spikes);
            for (int i = 0; i < ref.v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(ref.v[i]), Double.doubleToRawLongBits(o.v[i]), "v " + i);
                assertEquals(Double.doubleToRawLongBits(ref.u[i]), Double.doubleToRawLongBits(o.u[i]), "u " + i);
            }
        }
    }
}
