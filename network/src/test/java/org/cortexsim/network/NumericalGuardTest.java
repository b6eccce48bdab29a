package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.Neurons;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The stop-condition contract: {@link StopCondition.Action} is either CONTINUE or a stop with a
 * reason, and {@link NumericalGuard} stops a run whose state blew up, naming the population,
 * neuron and model time on the simulation's grid.
 */
class NumericalGuardTest {
    private static Simulation oneRsNeuron(double amplitudePA, double dtMs) {
        Neurons neurons = Neurons.builder().add("exc", "RS", 3, Preset.RS.parameters()).build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(dtMs), new RandomStreams(1));
        b.input(new DcInput(neurons.population("exc"), amplitudePA, 0, Long.MAX_VALUE));
        return b.build(1);
    }

    @Test
    void aBlownUpStateStopsTheRunWithWhereAndWhen() {
        // 1e9 pA into C = 100 pF: v of sample 1 is about 1e6 mV, beyond the 1e4 mV limit
        try (Simulation sim = oneRsNeuron(1e9, 0.25)) {
            RunResult r = sim.run(100, new NumericalGuard(sim, 1));
            assertFalse(r.completed());
            assertEquals(1, r.stepsDone());
            assertTrue(r.stopReason().startsWith("numerical fault: population 'exc', neuron 0 has v = "),
                    r.stopReason());
            assertTrue(r.stopReason().contains("at t = 0.250 ms (checked every 1 steps)"), r.stopReason());
            assertTrue(r.stopReason().contains("dt = 0.25 ms"), r.stopReason());
            assertFalse(r.stopReason().contains("returned NaN"), "a finite blow-up is no NaN: " + r.stopReason());
        }
    }

    @Test
    void aNaNAlsoNamesModelsAndRulesThatReturnNaN() {
        try (Simulation sim = oneRsNeuron(70, 0.1)) {
            sim.neurons().v[1] = Double.NaN; // as a user's kernel adding NaN to I would leave it
            RunResult r = sim.run(100, new NumericalGuard(sim, 1));
            assertEquals(1, r.stepsDone());
            assertTrue(r.stopReason().startsWith("numerical fault: population 'exc', neuron 1 has v = NaN mV"),
                    r.stopReason());
            assertTrue(r.stopReason().contains("a synapse model or plasticity rule that returned NaN"), r.stopReason());
        }
    }

    @Test
    void aHealthyRunContinuesToTheEnd() {
        try (Simulation sim = oneRsNeuron(70, 0.1)) {
            NumericalGuard guard = new NumericalGuard(sim, 10);
            RunResult r = sim.run(2000, guard);
            assertTrue(r.completed());
            assertEquals(2000, r.stepsDone());
            assertEquals(null, r.stopReason());
            assertTrue(r.spikes() > 0, "the neuron fired, so resets were checked too");
            assertSame(StopCondition.Action.CONTINUE, guard.check(1999));
        }
    }

    @Test
    void aStopNeedsAReasonAndContinueIsNoStop() {
        assertFalse(StopCondition.Action.CONTINUE.stops());
        StopCondition.Action stop = StopCondition.Action.stop("interrupted at t = 1.0 ms");
        assertTrue(stop.stops());
        assertEquals("interrupted at t = 1.0 ms", ((StopCondition.Action.Stop) stop).reason());
        assertThrows(NullPointerException.class, () -> StopCondition.Action.stop(null));
        assertThrows(IllegalArgumentException.class, () -> StopCondition.Action.stop(" "));
    }
}
