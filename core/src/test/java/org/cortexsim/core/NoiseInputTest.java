package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/** The counter-based Gaussian noise: moments, independence of paired outputs, and range splits. */
class NoiseInputTest {
    @Test
    void standardNormalMomentsAndPairedOutputsUncorrelated() {
        final int n = 400_000;
        double sum = 0;
        double sumSq = 0;
        double sumFourth = 0;
        double sumPair = 0;
        for (long c = 0; c < n; c += 2) {
            double x = RandomStreams.gaussian(99, c);
            double y = RandomStreams.gaussian(99, c + 1);
            sum += x + y;
            sumSq += x * x + y * y;
            sumFourth += x * x * x * x + y * y * y * y;
            sumPair += x * y;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        // 5 sigma: sd(mean) = 1/sqrt(n), sd(var) = sqrt(2/n), sd(E[x^4]) = sqrt(96/n), sd(E[xy]) = 1/sqrt(n/2)
        assertEquals(0.0, mean, 5 / Math.sqrt(n));
        assertEquals(1.0, var, 5 * Math.sqrt(2.0 / n));
        assertEquals(3.0, sumFourth / n, 5 * Math.sqrt(96.0 / n));
        assertEquals(0.0, sumPair / (n / 2), 5 / Math.sqrt(n / 2.0));
    }

    @Test
    void anySplitOfTheRangeGivesTheSameCurrent() {
        Neurons neurons = Neurons.builder()
                .add("a", "RS", 7, Preset.RS.parameters())
                .add("b", "FS", 13, Preset.FS.parameters())
                .build();
        Population b = neurons.population("b");
        NoiseInput noise = new NoiseInput(b, 5.0, 30.0, 1234, 0, 100);
        for (long step = 0; step < 5; step++) {
            double[] whole = new double[20];
            noise.addCurrent(step, whole, 0, 20);
            for (int cut1 = 0; cut1 <= 20; cut1++) {
                for (int cut2 = cut1; cut2 <= 20; cut2++) {
                    double[] split = new double[20];
                    noise.addCurrent(step, split, 0, cut1);
                    noise.addCurrent(step, split, cut1, cut2);
                    noise.addCurrent(step, split, cut2, 20);
                    assertArrayEquals(whole, split, 0.0);
                }
            }
            for (int i = 0; i < 20; i++) {
                double expected = i < 7 ? 0.0 : 5.0 + 30.0 * RandomStreams.gaussian(1234, step * 13 + i - 7);
                assertEquals(expected, whole[i], 0.0);
                assertTrue(Double.isFinite(whole[i]));
            }
        }
    }
}
