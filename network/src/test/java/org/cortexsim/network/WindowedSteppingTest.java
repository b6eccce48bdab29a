package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.core.state.StateSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Windowed stepping (several threads, every delay at least W = 3 steps, listeners of spikes only:
 * the chunks take up to W steps per hand-off) gives what one step at a time on one thread gives,
 * bit for bit: every spike of every step, the final v and u, the counts of spikes and synaptic
 * events; the stop condition is asked after the steps it names, and a run saved between two
 * windows continues bit for bit in either mode. The network has delta, exp_current,
 * exp_conductance, nmda_conductance, nmda_beta_conductance and beta_conductance channels, constant and per-synapse delays of 3 to 20 steps, a Poisson source
 * with a delay, noise and per-neuron DC.
 */
class WindowedSteppingTest {
    private static final int STEPS = 900;
    /** The shortest delay of the network below, steps. */
    private static final int WINDOW = 3;

    record Net(Simulation sim, SpikeRecorder spikes) {
    }

    record Outcome(int[][] steps, long[][] nodes, double[] v, double[] u, RunResult result, long handOffs) {
    }

    static Net build(int threads) {
        return build(threads, 64);
    }

    static Net build(int threads, int minNeuronsPerThread) {
        NetworkBuilder b = NetTestSupport.allChannelKinds(23, new Distribution.Uniform(0.3, 2.0), 0.4,
                new Distribution.Uniform(0.3, 1.5), 0.3, 110.0, 60);
        Simulation sim = b.build(threads, minNeuronsPerThread);
        assertEquals(threads, sim.threads(), "chunks must really split");
        assertEquals(WINDOW, sim.windowSteps());
        SpikeRecorder spikes = new SpikeRecorder(b.neurons().populations());
        sim.addListener(spikes);
        return new Net(sim, spikes);
    }

    static Outcome outcome(Net net, RunResult r) {
        int[][] steps = new int[2][];
        long[][] nodes = new long[2][];
        for (int k = 0; k < 2; k++) {
            steps[k] = net.spikes().steps(k);
            nodes[k] = net.spikes().nodeIds(k);
        }
        return new Outcome(steps, nodes, net.sim().neurons().v.clone(), net.sim().neurons().u.clone(), r,
                net.sim().handOffs());
    }

    static Outcome run(int threads, StopCondition stop, StepListener extra) {
        Net net = build(threads);
        if (extra != null) {
            net.sim().addListener(extra);
        }
        try (Simulation sim = net.sim()) {
            return outcome(net, sim.run(STEPS, stop));
        }
    }

    static void assertSame(Outcome expected, Outcome actual, String what) {
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(expected.steps()[k], actual.steps()[k], what + ": spike steps " + k);
            assertArrayEquals(expected.nodes()[k], actual.nodes()[k], what + ": spike ids " + k);
        }
        assertArrayEquals(expected.v(), actual.v(), 0.0, what + ": v");
        assertArrayEquals(expected.u(), actual.u(), 0.0, what + ": u");
        assertEquals(expected.result().spikes(), actual.result().spikes(), what + ": spike count");
        assertEquals(expected.result().synapticEvents(), actual.result().synapticEvents(), what + ": synaptic events");
        assertEquals(expected.result().stepsDone(), actual.result().stepsDone(), what + ": steps done");
    }

    /** A listener that reads v: windowed stepping must not be used while it listens. */
    static final class VoltageReader implements StepListener {
        final List<Double> seen = new ArrayList<>();

        @Override
        public void afterStep(long step, StateView state) {
            seen.add(state.v(5));
        }
    }

    @Test
    void windowsOfStepsGiveWhatOneStepAtATimeGives() {
        Outcome reference = run(1, StopCondition.NEVER, null);
        assertTrue(reference.result().spikes() > 300, "the network must be active: " + reference.result().spikes());
        assertTrue(reference.result().synapticEvents() > 10_000);
        for (int threads : new int[] {2, 3}) {
            Outcome windowed = run(threads, StopCondition.NEVER, null);
            assertSame(reference, windowed, threads + " threads, windowed");
            // the initial detection, then one hand-off per window of WINDOW steps
            assertEquals(1 + STEPS / WINDOW, windowed.handOffs(), threads + " threads: hand-offs");
        }
        VoltageReader reader = new VoltageReader();
        Outcome stepwise = run(2, StopCondition.NEVER, reader);
        assertSame(reference, stepwise, "2 threads, a listener of v");
        assertEquals(1 + STEPS, stepwise.handOffs(), "a listener of the state gets one step at a time");
        assertEquals(STEPS, reader.seen.size());
        Outcome everyStep = run(2, step -> StopCondition.Action.CONTINUE, null);
        assertSame(reference, everyStep, "2 threads, a stop condition asked after every step");
        assertEquals(1 + STEPS, everyStep.handOffs());
    }

    @Test
    void aNetworkThatStepsInWindowsGetsThreadsForFewerNeuronsAndOtherwiseTheCallerStepsItsChunks() {
        Outcome reference = run(1, StopCondition.NEVER, null);
        // 600 neurons in 2 chunks of 300: windows of 3 steps are work enough for 400 neurons per
        // thread asked, one step at a time is not (the caller takes both chunks); for 200 it is
        record Case(int minNeuronsPerThread, boolean readsV, boolean onCaller, String what) {
        }
        for (Case c : List.of(new Case(400, false, false, "two chunks in windows"),
                new Case(400, true, true, "two chunks on the calling thread"),
                new Case(200, true, false, "two threads one step at a time"))) {
            Net net = build(2, c.minNeuronsPerThread());
            assertEquals(2, net.sim().threads());
            if (c.readsV()) {
                net.sim().addListener(new VoltageReader());
            }
            try (Simulation sim = net.sim()) {
                Outcome o = outcome(net, sim.run(STEPS, StopCondition.NEVER));
                assertEquals(c.onCaller(), sim.chunksOnCaller(), c.what());
                assertSame(reference, o, c.what());
                assertEquals(1 + (c.readsV() ? STEPS : STEPS / WINDOW), o.handOffs(), c.what());
            }
        }
    }

    @Test
    void aRecorderOfVEveryFewStepsEndsTheWindowsWhereItReads() {
        double[][] recorded = new double[2][];
        Outcome[] outcomes = new Outcome[2];
        int k = 0;
        for (int threads : new int[] {1, 2}) {
            Net net = build(threads);
            Population exc = net.sim().neurons().population("exc");
            StateRecorder v = new StateRecorder("exc_v", exc, "v",
                    new StateRecorder.Source(net.sim().neurons().v, exc.offset(), "mV", false),
                    new StateRecorder.Sampling(new int[] {0, 13, 200, 479}, 5, 2, 700));
            assertEquals(1, v.nextStateRead(-1), "sample 2 is read after step 1");
            assertEquals(6, v.nextStateRead(1));
            assertEquals(6, v.nextStateRead(5));
            assertEquals(11, v.nextStateRead(6));
            assertEquals(Long.MAX_VALUE, v.nextStateRead(697), "no sample at or after 700");
            net.sim().addListener(v);
            try (Simulation sim = net.sim()) {
                outcomes[k] = outcome(net, sim.run(STEPS, StopCondition.NEVER));
            }
            assertEquals(140, v.rows());
            recorded[k++] = v.data();
        }
        assertSame(outcomes[0], outcomes[1], "a recorder of v every 5 steps");
        assertArrayEquals(recorded[0], recorded[1], 0.0, "v recorded every 5 steps");
        // windows end after steps 1, 6, 11, ..., 696 (3 + 2 steps each 5 after the first), then every 3 steps
        assertEquals(1 + 1 + 2 * 139 + (STEPS - 697 + 2) / 3, outcomes[1].handOffs());
    }

    /** Asked after every 7th step (steps 6, 13, ...); stops when asked after step 503 or later. */
    static final class EverySeventh implements StopCondition {
        final List<Long> asked = new ArrayList<>();

        @Override
        public Action check(long step) {
            asked.add(step);
            return (step + 1) % 7 == 0 && step >= 500 ? Action.stop("asked after step " + step) : Action.CONTINUE;
        }

        @Override
        public long nextCheck(long step) {
            return ((step + 1) / 7 + 1) * 7 - 1;
        }
    }

    @Test
    void theStopConditionIsAskedAfterTheStepsItNamesAndStopsTheRunThere() {
        EverySeventh stepwise = new EverySeventh();
        Outcome reference = run(1, stepwise, null);
        EverySeventh named = new EverySeventh();
        Outcome windowed = run(2, named, null);
        assertSame(reference, windowed, "stopped run");
        assertEquals(504, windowed.result().stepsDone());
        assertFalse(windowed.result().completed());
        assertEquals("asked after step 503", windowed.result().stopReason());
        List<Long> expected = new ArrayList<>();
        for (long s = 6; s <= 503; s += 7) {
            expected.add(s);
        }
        assertEquals(expected, named.asked, "asked after the named steps only");
        assertEquals(504, stepwise.asked.size(), "one step at a time asks after every step");
        // windows end at the named steps: 7 steps per name, in windows of 3, 3 and 1
        assertEquals(1 + 3 * 72, windowed.handOffs());
    }

    @Test
    void aRunSavedBetweenWindowsContinuesBitForBitInEitherMode() {
        Outcome reference = run(1, StopCondition.NEVER, null);
        // save after a window of 3 steps whose first two samples hold spikes (not yet propagated when
        // the window ends), after one whose do not, and after a window shortened by the save
        java.util.Set<Integer> spiking = new java.util.HashSet<>();
        for (int[] steps : reference.steps()) {
            for (int n : steps) {
                spiking.add(n);
            }
        }
        List<Long> points = new ArrayList<>();
        for (int at = 201; at < STEPS && points.size() < 2; at += 3) {
            if (spiking.contains(at - 1) && spiking.contains(at - 2) && points.isEmpty()
                    || !spiking.contains(at - 1) && !spiking.contains(at - 2) && points.size() == 1) {
                points.add((long) at);
            }
        }
        points.add(458L);
        assertEquals(3, points.size(), "save points " + points);
        for (long at : points) {
            Net first = build(2);
            StateSnapshot[] saved = new StateSnapshot[1];
            StopCondition saveAt = new StopCondition() {
                @Override
                public Action check(long step) {
                    if (step + 1 == at) {
                        StateSnapshot s = new StateSnapshot();
                        first.sim().saveState(s.writer().scope("simulation"), at);
                        first.spikes().saveState(s.writer().scope("spikes"), at);
                        saved[0] = s;
                    }
                    return Action.CONTINUE;
                }

                @Override
                public long nextCheck(long step) {
                    return step < at - 1 ? at - 1 : Long.MAX_VALUE;
                }
            };
            Outcome whole;
            try (Simulation sim = first.sim()) {
                whole = outcome(first, sim.run(STEPS, saveAt));
            }
            assertSame(reference, whole, "saved at " + at + ", run on");
            // saved again after the run, with the threads closed: the same state
            StateSnapshot after = new StateSnapshot();
            first.sim().saveState(after.writer().scope("simulation"), STEPS);
            Net closedSave = build(1);
            closedSave.sim().restoreState(after.reader().scope("simulation"), STEPS);
            assertArrayEquals(whole.v(), closedSave.sim().neurons().v, 0.0, "saved after close: v");
            for (int threads : new int[] {1, 2}) {
                Net resumed = build(threads);
                resumed.sim().restoreState(saved[0].reader().scope("simulation"), at);
                resumed.spikes().restoreState(saved[0].reader().scope("spikes"), at);
                try (Simulation sim = resumed.sim()) {
                    RunResult rest = sim.run(STEPS, StopCondition.NEVER);
                    assertSame(reference, outcome(resumed, rest), "saved at " + at + ", resumed on " + threads);
                }
            }
        }
    }
}
