package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Plastic synapses count in the thread split: a population with about 80 plastic synapses per
 * neuron costs 2 units more per neuron, so on the benchmark network with plastic E->E the first
 * of two chunks holds fewer excitatory neurons than without plasticity.
 */
class PlasticChunkCostTest {
    @Test
    void plasticInDegreeAddsToTheStepCost() {
        Neurons neurons = NetTestSupport.excInh(80_000, 20_000);
        // 80k x 4 + 20k x 3 = 380k units; half is 190k = 47,500 excitatory neurons (rounded down to 8)
        assertArrayEquals(new int[] {0, 47_496, 100_000},
                Simulation.chunkBounds(neurons.populations(), 100_000, 2, new int[] {2, 0}));
        assertArrayEquals(new int[] {0, 55_000, 100_000},
                Simulation.chunkBounds(neurons.populations(), 100_000, 2, new int[] {0, 0}));

        Neurons small = NetTestSupport.excInh(800, 200);
        NetworkBuilder b = new NetworkBuilder(small, new TimeGrid(0.1), new RandomStreams(1));
        b.projection(ProjectionPlan.of("ee", small.population("exc"), small.population("exc"),
                new ConnectivityRule.FixedIndegree(80, false), new Distribution.Constant(1),
                new Distribution.Constant(0.1), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", small.population("inh"), small.population("exc"),
                new ConnectivityRule.FixedIndegree(100, false), new Distribution.Constant(-1),
                new Distribution.Constant(0.1), SynapseType.DELTA));
        b.plasticity("ee", "stdp", Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", 2.0), Map.of());
        try (Simulation sim = b.build(1)) {
            assertArrayEquals(new int[] {2, 0}, Simulation.plasticCosts(small.populations(), sim.projections()));
        }
    }
}
