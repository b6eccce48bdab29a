package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The narrow form of {@link PendingArrivals} (one int per arrival, the weight by code) against
 * the wide form (target and weight per arrival), and both against a plain reference: a list of
 * (step, target, weight) triples summed per target in queue order. Every drained row must be
 * identical bit for bit, through growth of the queues and a switch to the wide form midway.
 */
class PendingArrivalsTest {
    private static final double[] TABLE = {600.0, -1200.0, 0.1 + 0.2};
    private static final int TARGETS = 1000;
    private static final int SLOTS = 200;

    @Test
    void narrowQueuesDrainTheSameRowsAsWideQueuesAndAsAPlainSum() {
        PendingArrivals narrow = new PendingArrivals(SLOTS, TABLE);
        PendingArrivals wide = new PendingArrivals(SLOTS, null);
        assertTrue(narrow.narrow());
        assertFalse(wide.narrow());
        assertEquals(2, narrow.codeBits);
        SplittableRandom random = new SplittableRandom(7);
        int steps = 600;
        // reference: per step, the weights queued at each target in order (summed as the drain does)
        double[][] expected = new double[steps + SLOTS][TARGETS];
        double[] rowNarrow = new double[TARGETS];
        double[] rowWide = new double[TARGETS];
        for (int step = 0; step < steps; step++) {
            narrow.drainInto(step, rowNarrow);
            wide.drainInto(step, rowWide);
            assertArrayEquals(expected[step], rowWide, 0.0, "wide, step " + step);
            for (int i = 0; i < TARGETS; i++) {
                assertEquals(Double.doubleToRawLongBits(rowWide[i]), Double.doubleToRawLongBits(rowNarrow[i]),
                        "step " + step + ", target " + i);
            }
            java.util.Arrays.fill(rowNarrow, 0.0);
            java.util.Arrays.fill(rowWide, 0.0);
            // queue a burst large enough to grow the queues now and then
            int arrivals = random.nextInt(step % 97 == 0 ? 400 : 60);
            for (int a = 0; a < arrivals; a++) {
                long at = step + 1 + random.nextInt(SLOTS - 1);
                int target = random.nextInt(TARGETS);
                double weight = TABLE[random.nextInt(TABLE.length)];
                if (step == 400 && a == 0) {
                    weight = 12.5; // not in the table: the narrow queues turn wide, keeping what they hold
                }
                narrow.add(at, target, weight);
                wide.add(at, target, weight);
                expected[(int) at][target] += weight;
            }
            assertEquals(step < 400, narrow.narrow(), "narrow until a weight outside the table, step " + step);
        }
    }

    @Test
    void entriesMustFitAnInt() {
        assertEquals(0, PendingArrivals.codeBits(1, Integer.MAX_VALUE));
        assertEquals(1, PendingArrivals.codeBits(2, 1 << 30));
        assertEquals(-1, PendingArrivals.codeBits(2, (1 << 30) + 1));
        assertEquals(3, PendingArrivals.codeBits(5, 1000));
    }
}
