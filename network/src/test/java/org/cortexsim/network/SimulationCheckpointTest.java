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
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A simulation saved between two steps and restored into a freshly built one continues bit for
 * bit as the original, whatever the thread counts on either side: every spike of every step, the
 * final v and u, a recorded synapse field, and the counts of spikes and synaptic events. The
 * network has every kind of state the engine keeps: delta, exp_current and exp_conductance
 * channels, constant and per-synapse delays (arrivals pending up to 40 steps ahead), a Poisson
 * source with a delay of 5 steps, noise, and per-neuron DC.
 */
class SimulationCheckpointTest {
    private static final int STEPS = 1200;

    /** A built network with a spike recorder and a recorder of one exp_current field. */
    record Net(Simulation sim, SpikeRecorder spikes, StateRecorder field) {
    }

    static Net build(int threads, double excDrive) {
        Neurons neurons = Neurons.builder()
                .add("exc", "RS", 480, Preset.RS.parameters())
                .add("inh", "FS", 120, Preset.FS.parameters())
                .build();
        Population exc = neurons.population("exc");
        Population inh = neurons.population("inh");
        TimeGrid grid = new TimeGrid(0.1);
        RandomStreams random = new RandomStreams(17);
        NetworkBuilder b = new NetworkBuilder(neurons, grid, random);
        b.projection("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Normal(3, 1, 0, 8), null, new Distribution.Uniform(0.1, 4.0), null, "exp_current",
                Map.of("tau_ms", 5.0));
        b.projection("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false), new Distribution.Constant(40),
                null, new Distribution.Constant(1.0), null, "delta", Map.of());
        b.projection("ie", inh, exc, new ConnectivityRule.FixedIndegree(15, false),
                new Distribution.Uniform(0.5, 2.0), null, new Distribution.Uniform(0.5, 1.5), null, "exp_conductance",
                Map.of("tau_ms", 8.0, "E_rev_mV", -80.0));
        b.projection("ii", inh, inh, new ConnectivityRule.FixedProbability(0.1, false), new Distribution.Constant(-30),
                null, new Distribution.Constant(0.5), null, "delta", Map.of());
        b.poisson("bg", exc, 600.0, 10.0, 0.5, "exp_current", Map.of("tau_ms", 5.0), 0, Long.MAX_VALUE);
        b.input(new NoiseInput(exc, excDrive, 40.0, random.key("noise/exc"), 0, Long.MAX_VALUE));
        double[] dc = new double[inh.size()];
        for (int i = 0; i < dc.length; i++) {
            dc[i] = 20 + (i % 7) * 5;
        }
        b.input(new DcInput(inh, dc, 100, Long.MAX_VALUE));
        Simulation sim = b.build(threads, 64);
        assertEquals(threads, sim.threads(), "chunks must really split");
        SpikeRecorder spikes = new SpikeRecorder(neurons.populations());
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
