package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The fused pass {@link EulerIntegrator#integrateAndDetect} against {@link EulerIntegrator#integrate} followed
 * by {@link Neurons#detectSpikes}: the same states and the same spikes in the same order, over
 * many steps of a firing mixed population, ranges that cut populations anywhere, and a
 * heterogeneous population.
 */
class IntegrateAndDetectTest {
    private static Neurons build() {
        double[][] perNeuron = new double[Parameter.values().length][];
        SplittableRandom rng = new SplittableRandom(3);
        perNeuron[Parameter.RESET_U_INCREMENT.ordinal()] = rng.doubles(37, 50, 150).toArray();
        return Neurons.builder()
                .add("exc", "RS", 523, Preset.RS.parameters())
                .add("inh", "FS", 131, Preset.FS.parameters())
                .add("het", "RS", 37, Preset.RS.parameters(), perNeuron, null, null)
                .build();
    }

    @Test
    void fusedPassEqualsIntegrateThenDetect() {
        Neurons fused = build();
        Neurons separate = build();
        EulerIntegrator fusedEuler = new EulerIntegrator(fused, new TimeGrid(0.1));
        EulerIntegrator separateEuler = new EulerIntegrator(separate, new TimeGrid(0.1));
        SplittableRandom rng = new SplittableRandom(11);
        double[] drive = rng.doubles(fused.size(), 40, 140).toArray();
        int[] cuts = {0, 1, 9, 100, 523, 530, 654, 660, fused.size()};
        int spikes = 0;
        for (int step = 0; step < 3000; step++) {
            System.arraycopy(drive, 0, fused.current, 0, drive.length);
            System.arraycopy(drive, 0, separate.current, 0, drive.length);
            SpikeBuffer a = new SpikeBuffer(fused.size());
            SpikeBuffer b = new SpikeBuffer(separate.size());
            for (int c = 0; c + 1 < cuts.length; c++) {
                fusedEuler.integrateAndDetect(cuts[c], cuts[c + 1], a);
                separateEuler.integrate(cuts[c], cuts[c + 1]);
                separate.detectSpikes(cuts[c], cuts[c + 1], b);
            }
            assertArrayEquals(separate.v, fused.v, 0.0, "v at step " + step);
            assertArrayEquals(separate.u, fused.u, 0.0, "u at step " + step);
            assertArrayEquals(Arrays.copyOf(b.indices(), b.count()), Arrays.copyOf(a.indices(), a.count()),
                    "spikes at step " + step);
            spikes += a.count();
        }
        assertTrue(spikes > 1000, "the population fires, so resets and detections are exercised: " + spikes);
    }
}
