package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/** {@link Simulation#chunkBounds} splits the summed step cost evenly, on whole vectors. */
class ChunkBoundsTest {
    @Test
    void benchmarkNetworkSplitsByCostNotByCount() {
        List<Population> pops = Neurons.builder()
                .add("exc", "RS", 80_000, Preset.RS.parameters())
                .add("inh", "FS", 20_000, Preset.FS.parameters())
                .build().populations();
        // cost 2 per RS, 3 per FS: 220,000 in all, 110,000 per chunk = 55,000 RS
        assertArrayEquals(new int[] {0, 55_000, 100_000}, Simulation.chunkBounds(pops, 100_000, 2));
    }

    @Test
    void boundsAreOrderedWholeVectorsAndBalanced() {
        double[][] perNeuron = new double[Parameter.values().length][];
        perNeuron[Parameter.CAPACITANCE.ordinal()] = new double[3001];
        java.util.Arrays.fill(perNeuron[Parameter.CAPACITANCE.ordinal()], 90.0);
        Neurons neurons = Neurons.builder()
                .add("a", "FS", 1237, Preset.FS.parameters())
                .add("b", "RS", 3001, Preset.RS.parameters(), perNeuron, null, null)
                .add("c", "RS", 17, Preset.RS.parameters())
                .add("d", "FS", 9000, Preset.FS.parameters())
                .build();
        List<Population> pops = neurons.populations();
        int n = neurons.size();
        long total = 0;
        for (Population p : pops) {
            total += (long) Simulation.stepCost(p) * p.size();
        }
        for (int chunks = 1; chunks <= 7; chunks++) {
            int[] bounds = Simulation.chunkBounds(pops, n, chunks);
            assertEquals(chunks + 1, bounds.length);
            assertEquals(0, bounds[0]);
            assertEquals(n, bounds[chunks]);
            for (int t = 0; t < chunks; t++) {
                assertTrue(bounds[t] <= bounds[t + 1], "ordered");
                if (t > 0) {
                    assertEquals(0, bounds[t] % 8, "whole vectors");
                }
                long cost = 0;
                for (int i = bounds[t]; i < bounds[t + 1]; i++) {
                    cost += Simulation.stepCost(neurons.populationOf(i));
                }
                // within two vectors of the most costly neurons (the rounding of both ends)
                long slack = 2 * 8 * Simulation.stepCost(pops.get(1));
                assertTrue(Math.abs(cost - total / chunks) <= slack,
                        chunks + " chunks: chunk " + t + " costs " + cost + ", share " + total / chunks);
            }
        }
    }
}
