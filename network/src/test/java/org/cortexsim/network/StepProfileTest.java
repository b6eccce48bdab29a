package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.Distribution;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A profiled run ({@link Simulation#enableProfile()}) gives the same spikes and state as an
 * unprofiled one, has a row per stepping thread in which every thread's phases add up to the
 * loop's wall time, and times the serial phases on the calling thread only; with plastic
 * projections (one delay and per-synapse delays), the plastic path is timed as its own phase on
 * every thread and the weights are the same as unprofiled.
 */
class StepProfileTest {
    private static Simulation network(int threads) {
        return network(threads, false);
    }

    /** The network; with {@code plastic}, its E->E synapses under STDP (per-synapse delays) and its E->I under Tsodyks-Markram (one delay). */
    private static Simulation network(int threads, boolean plastic) {
        RandomStreams random = new RandomStreams(3);
        NetworkBuilder b = new NetworkBuilder(NetTestSupport.excInh(800, 200), new TimeGrid(0.1), random);
        Population exc = b.neurons().population("exc");
        Population inh = b.neurons().population("inh");
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Constant(60), new Distribution.Uniform(0.05, 2.0),
                new SynapseType("exp_current", java.util.Map.of())));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-400), new Distribution.Constant(0.1),
                new SynapseType("delta", java.util.Map.of())));
        if (plastic) {
            b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false),
                    new Distribution.Constant(150), new Distribution.Constant(1.0),
                    new SynapseType("delta", java.util.Map.of())));
            b.plasticity("ee", "stdp", java.util.Map.of("A_plus", 2.0, "A_minus", 2.2, "w_max", 120.0),
                    java.util.Map.of());
            b.plasticity("ei", "tsodyks_markram", java.util.Map.of("U", 0.3, "tau_rec_ms", 200.0), java.util.Map.of());
        }
        b.input(new DcInput(exc, new Distribution.Uniform(60, 120).sampleAll(random.stream("dc"), 800), 0,
                Long.MAX_VALUE));
        b.input(new DcInput(inh, 80.0, 0, Long.MAX_VALUE));
        return b.build(threads, 64);
    }

    @ParameterizedTest(name = "{0} thread(s), plastic {1}")
    @CsvSource({"1, false", "2, false", "1, true", "2, true"})
    void profilingChangesNothingAndAccountsForTheLoop(int threads, boolean plastic) {
        NetTestSupport.StepLog plain = new NetTestSupport.StepLog(false);
        NetTestSupport.StepLog timed = new NetTestSupport.StepLog(false);
        StepProfile profile;
        double[] vPlain;
        double[] vTimed;
        try (Simulation a = network(threads, plastic); Simulation b = network(threads, plastic)) {
            a.addListener(plain);
            a.run(1000, StopCondition.NEVER);
            vPlain = a.neurons().v.clone();
            b.addListener(timed);
            profile = b.enableProfile();
            RunResult r = b.run(1000, StopCondition.NEVER);
            vTimed = b.neurons().v.clone();
            assertThrows(IllegalStateException.class, b::enableProfile);
            assertTrue(r.completed());
            if (plastic) {
                double[] wPlain = a.projections().get(0).plasticity().state().weights();
                double[] wTimed = b.projections().get(0).plasticity().state().weights();
                assertArrayEquals(wPlain, wTimed, 0.0, "weights");
                assertTrue(java.util.Arrays.stream(wTimed).anyMatch(w -> w != 60.0), "STDP changed weights");
            }
        }
        assertTrue(plain.totalSpikes() > 100, "spikes: " + plain.totalSpikes());
        for (int s = 0; s < 1000; s++) {
            assertArrayEquals(plain.spikes.get(s), timed.spikes.get(s), "spikes of step " + s);
        }
        assertArrayEquals(vPlain, vTimed, 0.0);
        assertEquals(threads, profile.threads());
        assertEquals(1000, profile.steps());
        assertTrue(profile.loopNanos() > 0);
        for (int t = 0; t < threads; t++) {
            long sum = 0;
            for (StepProfile.Phase p : StepProfile.Phase.values()) {
                assertTrue(profile.nanos(t, p) >= 0, p + " of thread " + t);
                sum += profile.nanos(t, p);
            }
            assertTrue(profile.nanos(t, StepProfile.Phase.PROPAGATE) > 0, "thread " + t + " delivered spikes");
            assertTrue(profile.nanos(t, StepProfile.Phase.INTEGRATE) > 0, "thread " + t + " integrated");
            if (plastic) {
                assertTrue(profile.nanos(t, StepProfile.Phase.PLASTICITY) > 0, "thread " + t + " ran the plastic path");
            } else {
                assertEquals(0, profile.nanos(t, StepProfile.Phase.PLASTICITY), "no plastic path, no time");
            }
            // the phases cover the loop: wait is the rest, and a thread is never busy longer than the loop
            assertEquals(profile.loopNanos(), sum, "thread " + t + "'s phases add up to the loop");
            if (t > 0) {
                assertEquals(0, profile.nanos(t, StepProfile.Phase.RECORD), "record runs on the calling thread");
                assertEquals(0, profile.nanos(t, StepProfile.Phase.DETECT), "the spike list is made on the calling thread");
            }
        }
        assertTrue(profile.table().lines().count() == threads + 1, profile.table());
    }
}
