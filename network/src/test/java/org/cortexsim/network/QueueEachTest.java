package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Delivery over per-synapse delays ({@link Projection#deliverRange} into {@link PendingArrivals},
 * then {@link PendingArrivals#drainInto}) against a plain reference: for every spike in order and
 * every synapse of its column, the weight added to a dense row of its arrival step. Every drained
 * row must equal the reference bit for bit, for the two-pass loop (all delays of at least 2 steps)
 * in narrow and wide queues, and for the one-pass loop (some delays of 1 step), with columns longer
 * than one piece ({@link PendingArrivals#PIECE}) and queues that run out of room in the middle of a
 * piece (they start with room for 64 arrivals).
 */
class QueueEachTest {
    private static final double DT = 0.1;

    @Test
    void twoPassNarrowQueuesSumAsAPlainRingOfRows() {
        check(new Distribution.Constant(7.25), new Distribution.Uniform(0.15, 4.0), true, 2, 11);
    }

    @Test
    void twoPassWideQueuesSumAsAPlainRingOfRows() {
        check(new Distribution.Uniform(0.3, 20.0), new Distribution.Uniform(0.15, 4.0), false, 2, 12);
    }

    @Test
    void onePassWithDelaysOfOneStepSumsAsAPlainRingOfRows() {
        check(new Distribution.Uniform(0.3, 20.0), new Distribution.Uniform(0.05, 4.0), false, 1, 13);
    }

    private static void check(Distribution weight, Distribution delay, boolean shared, int minDelaySteps, long seed) {
        Neurons neurons = NetTestSupport.excInh(200, 700);
        Population pre = neurons.population("exc");
        Population post = neurons.population("inh");
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(seed));
        b.projection(ProjectionPlan.of("p", pre, post, new ConnectivityRule.FixedProbability(0.6, false), weight, delay,
                new SynapseType("delta", NetTestSupport.none())));
        try (Simulation sim = b.build(1, 64)) {
            Projection p = sim.projections().get(0);
            assertEquals(shared, p.hasSharedWeight());
            int[] colIdx = p.columnPointers();
            int[] rows = p.rowIndices();
            int longest = 0;
            int shortestDelay = Integer.MAX_VALUE;
            for (int j = 0; j < pre.size(); j++) {
                longest = Math.max(longest, colIdx[j + 1] - colIdx[j]);
            }
            for (int k = 0; k < rows.length; k++) {
                shortestDelay = Math.min(shortestDelay, p.delaySteps(k));
            }
            assertTrue(longest > PendingArrivals.PIECE, "columns span several pieces: " + longest);
            assertEquals(minDelaySteps, shortestDelay, "delays of 1 step only where asked");
            int slots = p.maxDelaySteps();
            PendingArrivals pending = new PendingArrivals(slots, shared ? new double[] {p.sharedWeight()} : null);
            p.queueCode(0);
            int steps = 400;
            double[][] expected = new double[steps + slots][post.size()];
            double[] row = new double[post.size()];
            SplittableRandom random = new SplittableRandom(seed);
            for (int step = 0; step < steps; step++) {
                pending.drainInto(step, row);
                // a burst now and then: more arrivals for one step than the queues had room for
                int spikes = random.nextInt(step % 50 == 0 ? 60 : 6);
                for (int s = 0; s < spikes; s++) {
                    int j = random.nextInt(pre.size());
                    p.deliverRange(colIdx[j], colIdx[j + 1], step, row, pending);
                    for (int k = colIdx[j]; k < colIdx[j + 1]; k++) {
                        expected[step + p.delaySteps(k) - 1][rows[k]] += p.weight(k);
                    }
                }
                for (int i = 0; i < row.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[step][i]), Double.doubleToRawLongBits(row[i]),
                            "step " + step + ", target " + i);
                }
                java.util.Arrays.fill(row, 0.0);
            }
            assertTrue(pending.capacity > 64, "the queues grew: " + pending.capacity);
            assertEquals(shared, pending.narrow());
        }
    }
}
