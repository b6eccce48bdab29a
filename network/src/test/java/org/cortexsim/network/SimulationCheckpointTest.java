package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A simulation saved between two steps and restored into a freshly built one continues bit for
 * bit as the original, whatever the thread counts on either side: every spike of every step, the
 * final v and u, a recorded synapse field, and the counts of spikes and synaptic events. The
 * network has every kind of state the engine keeps: delta, exp_current, exp_conductance,
 * nmda_conductance, nmda_beta_conductance and beta_conductance channels, constant and per-synapse delays (arrivals pending up to 40 steps ahead), a Poisson
 * source with a delay of 5 steps, noise, and per-neuron DC. A plastic network adds what the plastic
 * path keeps: STDP with per-synapse delays of 1-20 ms (spikes in flight up to 200 steps ahead, a
 * presynaptic trace per synapse), multiplicative STDP with one delay from a spike source (the
 * spike history, a trace per presynaptic neuron), Tsodyks-Markram with one delay and with
 * per-synapse delays, and a recorder of plastic weights.
 */
class SimulationCheckpointTest {
    private static final int STEPS = 1200;

    /** A built network with a spike recorder and a recorder of one exp_current field. */
    record Net(Simulation sim, SpikeRecorder spikes, StateRecorder field) {
    }

    static Net build(int threads, double excDrive) {
        NetworkBuilder b = NetTestSupport.allChannelKinds(17, new Distribution.Uniform(0.1, 4.0), 1.0,
                new Distribution.Uniform(0.5, 1.5), 0.5, excDrive, 20);
        Population exc = b.neurons().population("exc");
        Simulation sim = b.build(threads, 64);
        assertEquals(threads, sim.threads(), "chunks must really split");
        SpikeRecorder spikes = new SpikeRecorder(b.neurons().populations());
        sim.addListener(spikes);
        SynapseChannel excCurrent = sim.channels().stream().filter(c -> c.id().equals("exc.exp_current")).findFirst()
                .orElseThrow();
        StateRecorder field = new StateRecorder("exc_I_syn", exc, "I_syn",
                new StateRecorder.Source(excCurrent.field("I_syn"), 0, "pA", false),
                new StateRecorder.Sampling(new int[] {0, 7, 100, 479}, 3, 0, STEPS + 1));
        sim.addListener(field);
        return new Net(sim, spikes, field);
    }

    /** Saves simulation and recorders after {@code step} steps. */
    static StateSnapshot save(Net net, long step) {
        StateSnapshot s = new StateSnapshot();
        net.sim().saveState(s.writer().scope("simulation"), step);
        net.spikes().saveState(s.writer().scope("spikes"), step);
        net.field().saveState(s.writer().scope("field"), step);
        return s;
    }

    static void restore(Net net, StateSnapshot s, long step) {
        net.sim().restoreState(s.reader().scope("simulation"), step);
        net.spikes().restoreState(s.reader().scope("spikes"), step);
        net.field().restoreState(s.reader().scope("field"), step);
    }

    /** Runs {@code net} to the end, saving a snapshot after each step in {@code at}. */
    static RunResult runSaving(Net net, Map<Long, StateSnapshot> into, long... at) {
        return net.sim().run(STEPS, step -> {
            for (long a : at) {
                if (step + 1 == a) {
                    into.put(a, save(net, a));
                }
            }
            return StopCondition.Action.CONTINUE;
        });
    }

    static void assertSameRun(Net expected, RunResult re, Net actual, RunResult ra, String what) {
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(expected.spikes().steps(k), actual.spikes().steps(k), what + ": spike steps " + k);
            assertArrayEquals(expected.spikes().nodeIds(k), actual.spikes().nodeIds(k), what + ": spike ids " + k);
        }
        assertArrayEquals(expected.sim().neurons().v, actual.sim().neurons().v, 0.0, what + ": v");
        assertArrayEquals(expected.sim().neurons().u, actual.sim().neurons().u, 0.0, what + ": u");
        assertEquals(expected.field().rows(), actual.field().rows(), what + ": field rows");
        assertArrayEquals(expected.field().data(), actual.field().data(), 0.0, what + ": recorded I_syn");
        assertEquals(re.spikes(), ra.spikes(), what + ": spike count");
        assertEquals(re.synapticEvents(), ra.synapticEvents(), what + ": synaptic events");
        assertEquals(re.stepsDone(), ra.stepsDone(), what);
    }

    @Test
    void aRestoredSimulationContinuesBitForBitForAnyThreadCountOnEitherSide() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        Net reference = build(1, 60);
        RunResult full = runSaving(reference, saved, 301, 777);
        assertTrue(full.spikes() > 500, "the network fires: " + full.spikes());
        reference.sim().close();
        int[][] pairs = {{1, 2}, {2, 4}, {4, 1}, {3, 3}};
        for (int[] pair : pairs) {
            Map<Long, StateSnapshot> again = new HashMap<>();
            Net before = build(pair[0], 60);
            runSaving(before, again, 301, 777);
            before.sim().close();
            for (long at : new long[] {301, 777}) {
                assertEquals(saved.get(at).sha256(), again.get(at).sha256(),
                        "the state after " + at + " steps is the same on " + pair[0] + " thread(s) as on 1");
                Net resumed = build(pair[1], 60);
                restore(resumed, again.get(at), at);
                RunResult rest = resumed.sim().run(STEPS, StopCondition.NEVER);
                resumed.sim().close();
                assertSameRun(reference, full, resumed, rest, "saved on " + pair[0] + " thread(s) after " + at
                        + " steps, resumed on " + pair[1]);
            }
        }
    }

    /**
     * The plastic network: 400 RS, 100 FS and a spike source of 40 neurons (given trains of about
     * 25 Hz); E->E under additive STDP with delays uniform in 1-20 ms; source->E under
     * multiplicative STDP with one delay of 2 ms; E->I under Tsodyks-Markram (facilitating and
     * depressing) with one delay; I->E under Tsodyks-Markram with per-synapse delays of 0.5-3 ms.
     * Recorders: every spike, the E->E weights of 50 synapses every 10 steps, v of 4 neurons.
     */
    record PlasticNet(Simulation sim, SpikeRecorder spikes, StateRecorder weights, StateRecorder v) {
        StateSnapshot save(long step) {
            StateSnapshot s = new StateSnapshot();
            sim.saveState(s.writer().scope("simulation"), step);
            spikes.saveState(s.writer().scope("spikes"), step);
            weights.saveState(s.writer().scope("weights"), step);
            v.saveState(s.writer().scope("v"), step);
            return s;
        }

        void restore(StateSnapshot s, long step) {
            sim.restoreState(s.reader().scope("simulation"), step);
            spikes.restoreState(s.reader().scope("spikes"), step);
            weights.restoreState(s.reader().scope("weights"), step);
            v.restoreState(s.reader().scope("v"), step);
        }

        /** Runs to the end, saving after each step in {@code at}; returns the state at the end. */
        StateSnapshot run(Map<Long, StateSnapshot> into, long... at) {
            RunResult r = sim.run(STEPS, step -> {
                for (long a : at) {
                    if (step + 1 == a) {
                        into.put(a, save(a));
                    }
                }
                return StopCondition.Action.CONTINUE;
            });
            assertTrue(r.completed());
            return save(STEPS);
        }

        double[] weightsOf(String projection) {
            return sim.projections().stream().filter(p -> p.name().equals(projection)).findFirst().orElseThrow()
                    .plasticity().state().weights();
        }
    }

    static PlasticNet buildPlastic(int threads, boolean eeOneDelay) {
        long[][] trains = NetTestSupport.randomTrains(new java.util.SplittableRandom(5), 40, 200, 1, 800, STEPS);
        Neurons neurons = NetTestSupport.excSrcInh(400, trains, 100);
        Population exc = neurons.population("exc");
        Population src = neurons.population("src");
        Population inh = neurons.population("inh");
        RandomStreams random = new RandomStreams(23);
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(0.1), random);
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Uniform(20, 80),
                eeOneDelay ? new Distribution.Constant(20.0) : new Distribution.Uniform(1.0, 20.0),
                new SynapseType("exp_current", Map.of("tau_ms", 5.0))));
        b.projection(ProjectionPlan.of("se", src, exc, new ConnectivityRule.FixedProbability(0.2, false),
                new Distribution.Constant(80), new Distribution.Constant(2.0), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(150), new Distribution.Constant(1.0), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-300), new Distribution.Uniform(0.5, 3.0), SynapseType.DELTA));
        b.plasticity("ee", "stdp", Map.of("A_plus", 2.0, "A_minus", 2.2, "w_max", 120.0), Map.of());
        b.plasticity("se", "stdp", Map.of("A_plus", 3.0, "A_minus", 3.0, "w_max", 150.0, "tau_minus_ms", 30.0),
                Map.of("weight_dependence", "multiplicative"));
        b.plasticity("ei", "tsodyks_markram", Map.of("U", 0.3, "tau_rec_ms", 200.0, "tau_fac_ms", 50.0), Map.of());
        b.plasticity("ie", "tsodyks_markram", Map.of("U", 0.5, "tau_rec_ms", 100.0), Map.of());
        b.input(new DcInput(exc, new Distribution.Uniform(60, 120).sampleAll(random.stream("dc"), exc.size()), 0,
                Long.MAX_VALUE));
        b.input(new DcInput(inh, 70.0, 0, Long.MAX_VALUE));
        Simulation sim = b.build(threads, 64);
        assertEquals(threads, sim.threads(), "chunks must really split");
        SpikeRecorder spikes = new SpikeRecorder(neurons.populations());
        sim.addListener(spikes);
        double[] w = sim.projections().get(0).plasticity().state().weights();
        int[] edges = new int[50];
        for (int c = 0; c < edges.length; c++) {
            edges[c] = (int) ((long) c * (w.length - 1) / (edges.length - 1));
        }
        StateRecorder weights = new StateRecorder("ee_weights", "ee", w.length, Map.of(), "syn_weight",
                new StateRecorder.Source(w, 0, "pA", false), new StateRecorder.Sampling(edges, 10, 0, STEPS + 1));
        sim.addListener(weights);
        StateRecorder v = new StateRecorder("exc_v", exc, "v",
                new StateRecorder.Source(neurons.v, exc.offset(), "mV", false),
                new StateRecorder.Sampling(new int[] {0, 13, 200, 399}, 1, 0, STEPS + 1));
        sim.addListener(v);
        return new PlasticNet(sim, spikes, weights, v);
    }

    @Test
    void aRestoredPlasticSimulationContinuesBitForBitOnOneOrTwoThreads() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        PlasticNet reference = buildPlastic(1, false);
        double[] initial = reference.weightsOf("ee").clone();
        StateSnapshot end = reference.run(saved, 333, 850);
        assertTrue(reference.spikes().count(0) > 300 && reference.spikes().count(1) > 20
                && reference.spikes().count(2) > 50, "every population spikes");
        assertTrue(!java.util.Arrays.equals(initial, reference.weightsOf("ee")), "STDP changed the E->E weights");
        reference.sim().close();
        int[][] pairs = {{1, 2}, {2, 1}, {2, 2}, {2, 3}};
        for (int[] pair : pairs) {
            Map<Long, StateSnapshot> again = new HashMap<>();
            PlasticNet before = buildPlastic(pair[0], false);
            before.run(again, 333, 850);
            before.sim().close();
            for (long at : new long[] {333, 850}) {
                String what = "saved on " + pair[0] + " thread(s) after " + at + " steps, resumed on " + pair[1];
                assertEquals(saved.get(at).sha256(), again.get(at).sha256(),
                        "the state after " + at + " steps is the same on " + pair[0] + " thread(s) as on 1");
                PlasticNet resumed = buildPlastic(pair[1], false);
                resumed.restore(again.get(at), at);
                StateSnapshot resumedEnd = resumed.run(new HashMap<>());
                for (int k = 0; k < 3; k++) {
                    assertArrayEquals(reference.spikes().steps(k), resumed.spikes().steps(k), what + ": spikes " + k);
                    assertArrayEquals(reference.spikes().nodeIds(k), resumed.spikes().nodeIds(k), what + ": ids " + k);
                }
                assertArrayEquals(reference.v().data(), resumed.v().data(), 0.0, what + ": recorded v");
                assertArrayEquals(reference.weights().data(), resumed.weights().data(), 0.0,
                        what + ": recorded weights");
                for (String projection : new String[] {"ee", "se", "ei", "ie"}) {
                    assertArrayEquals(reference.weightsOf(projection), resumed.weightsOf(projection), 0.0,
                            what + ": final weights of " + projection);
                }
                assertEquals(end.sha256(), resumedEnd.sha256(), what + ": the whole state at the end (traces,"
                        + " Tsodyks-Markram u and x, spikes in flight)");
                resumed.sim().close();
            }
        }
    }

    @Test
    void plasticSpikesInFlightAreSavedByArrivalTimeAndAHistoryByLastSamples() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        PlasticNet net = buildPlastic(2, false);
        net.run(saved, 500);
        net.sim().close();
        var plastic = saved.get(500L).reader().scope("simulation").scope("plastic");
        int[] offsets = plastic.scope("ee").scope("arrivals").ints("offsets");
        assertEquals(200, offsets.length, "one time per step ahead up to the longest delay (20 ms = 200 steps)");
        assertTrue(offsets[offsets.length - 1] > offsets[150], "spikes reach synapses more than 150 steps later");
        assertTrue(offsets[5] > 0, "and in the next steps");
        var history = plastic.scope("se").scope("history");
        assertEquals(500 - 20, history.scalar("first_sample"), "the source's spikes of the last 20 samples");
        assertEquals(21, history.ints("offsets").length);
        assertEquals(400, plastic.scope("ei").scope("state").scope("pre").doubles("x").length,
                "with one delay, Tsodyks-Markram keeps u and x per presynaptic neuron... ");
        assertEquals(net.sim().projections().get(3).synapseCount(),
                plastic.scope("ie").scope("state").scope("pre").doubles("x").length, "... else per synapse");
    }

    @Test
    void aPlasticSnapshotOfAnotherLayoutIsRefusedNamingTheField() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        PlasticNet net = buildPlastic(1, false);
        net.run(saved, 300);
        net.sim().close();
        PlasticNet oneDelay = buildPlastic(1, true);
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> oneDelay.sim().restoreState(saved.get(300L).reader().scope("simulation"), 300));
        assertTrue(e.getMessage().contains("simulation/plastic/ee/"), e.getMessage());
        oneDelay.sim().close();
    }

    @Test
    void pendingArrivalsAreSavedByStepsAheadIndependentlyOfTheRingsPhase() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        Net net = build(2, 60);
        runSaving(net, saved, 500);
        net.sim().close();
        StateSnapshot s = saved.get(500L);
        int[] offsets = s.reader().scope("simulation").scope("channels").scope("exc.exp_current").scope("pending")
                .ints("steps_ahead_offsets");
        assertEquals(41, offsets.length, "one entry per step ahead up to the longest delay (4 ms = 40 steps)");
        assertTrue(offsets[offsets.length - 1] > 0, "arrivals are pending");
        assertTrue(offsets[30] > offsets[0], "some arrive more than a step later");
    }

    @Test
    void aSnapshotOfAnotherNetworkIsRefusedNamingWhatDoesNotFit() {
        Map<Long, StateSnapshot> saved = new HashMap<>();
        Net net = build(1, 60);
        runSaving(net, saved, 200);
        net.sim().close();
        StateSnapshot s = saved.get(200L);
        Net other = build(1, 60);
        assertThrows(StateMismatchException.class, () -> other.sim().restoreState(s.reader().scope("simulation"), 300),
                "the step must match");
        StateSnapshot truncated = new StateSnapshot();
        s.entries().forEach((path, value) -> {
            if (!path.equals("simulation/neurons/u")) {
                truncated.put(path, value);
            }
        });
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> other.sim().restoreState(truncated.reader().scope("simulation"), 200));
        assertTrue(e.getMessage().contains("simulation/neurons/u"), e.getMessage());
        other.sim().close();
    }

    @Test
    void aDifferentRunHasADifferentSnapshot() {
        Map<Long, StateSnapshot> a = new HashMap<>();
        Map<Long, StateSnapshot> b = new HashMap<>();
        Net x = build(1, 60);
        runSaving(x, a, 400);
        x.sim().close();
        Net y = build(1, 61);
        runSaving(y, b, 400);
        y.sim().close();
        assertNotEquals(a.get(400L).sha256(), b.get(400L).sha256());
    }
}
