package org.example.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.network.ConnectivityRule;
import org.cortexsim.network.NetworkBuilder;
import org.cortexsim.network.ProjectionPlan;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.StopCondition;
import org.cortexsim.network.SynapseType;
import org.junit.jupiter.api.Test;

/**
 * The user's model in cortexsim's engine against its own formula: one spike through one synapse
 * gives, in the k-th step counted from its arrival's (k = 0), the current
 * {@code w ((k + 1) dt / tau) exp(1 - (k + 1) dt / tau)} (the class Javadoc), which peaks at w
 * after tau. A template for testing a model of one's own; SynapseContractTest in cortexsim checks
 * what every model must do besides (README, "Writing a synapse model").
 */
class AlphaCurrentSynapseTest {
    private static final double DT = 0.1;
    private static final double TAU = 2.0;
    private static final double WEIGHT = 40.0;
    private static final int STEPS = 300;

    @Test
    void oneArrivalGivesTheAlphaFunctionInEachStep() {
        // "src" starts above its peak (35 mV), so it spikes at sample 0 and, at rest after its reset, never again
        Neurons neurons = Neurons.builder()
                .add("src", "RS", 1, Preset.RS.parameters(), new double[Parameter.values().length][],
                        new double[] {40.0}, null)
                .add("post", "RS", 1, Preset.RS.parameters())
                .build();
        NetworkBuilder builder = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        builder.projection(ProjectionPlan.of("syn", neurons.population("src"), neurons.population("post"),
                new ConnectivityRule.Explicit(new int[] {0}, new int[] {0}, "one synapse"), null,
                new Distribution.Constant(DT), new SynapseType("alpha_current", Map.of("tau_ms", TAU)))
                .withWeights(new double[] {WEIGHT}));
        List<Double> current = new ArrayList<>();
        try (Simulation sim = builder.build(1)) {
            double[] synaptic = sim.channels().get(0).field("I_syn");
            sim.addListener(new StepListener() {
                @Override
                public void afterStep(long step, StateView state) {
                    current.add(synaptic[0]);
                }
            });
            sim.run(STEPS, StopCondition.NEVER);
        }
        assertEquals(STEPS, current.size());
        double peak = 0;
        for (int k = 0; k < STEPS; k++) {
            double t = (k + 1) * DT;
            double expected = WEIGHT * (t / TAU) * Math.exp(1 - t / TAU);
            assertEquals(expected, current.get(k), 1e-12 * WEIGHT, "step " + k + " after the arrival");
            peak = Math.max(peak, current.get(k));
        }
        // the peak, w at t = tau, falls on step k = tau/dt - 1
        assertEquals(WEIGHT, current.get((int) Math.round(TAU / DT) - 1), 1e-12 * WEIGHT);
        assertTrue(peak <= WEIGHT * (1 + 1e-12), "never above the weight: " + peak);
    }
}
