package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The book's IB and CH presets (Izhikevich 2007, figs. 8.19 and 8.23) through the production Euler
 * pass, against a scalar loop written here from the model's equations in the notebook's order with
 * the book's values typed in (not read from the parameter table), bit for bit; and the firing the
 * book describes for each: IB bursts at the onset of a step of current and then fires single spikes;
 * CH fires bursts of 2 to 4 spikes again and again.
 */
class BookPresetsTest {
    private static final double DT = 0.1;
    private static final int STEPS = 10_000;
    /** The first step with input: DC from 100 ms, as in {@link NotebookFidelityTest#production}. */
    private static final int ONSET_STEP = 1000;

    /** v samples of one neuron of the simple model with linear recovery, the notebook's loop, DC from step 1000. */
    private static double[] scalarLinearRecovery(double capacitance, double k, double vr, double vt, double vpeak,
            double a, double b, double c, double d, double amplitude) {
        double v = vr;
        double u = 0;
        double[] samples = new double[STEPS + 1];
        samples[0] = v;
        for (int n = 0; n < STEPS; n++) {
            double current = n >= ONSET_STEP ? amplitude : 0.0;
            double vNew;
            double uNew;
            if (v >= vpeak) {
                vNew = c;
                uNew = u + d;
            } else {
                vNew = v + DT * (k * (v - vr) * (v - vt) - u + current) / capacitance;
                uNew = u + DT * a * (b * (v - vr) - u);
            }
            v = vNew;
            u = uNew;
            samples[n + 1] = v;
        }
        return samples;
    }

    /** Inter-spike intervals in ms of the samples with v >= vpeak. */
    private static double[] isisMs(double[] v, double vpeak) {
        int[] spikes = NotebookReference.spikeSamples(v, vpeak);
        double[] isis = new double[Math.max(0, spikes.length - 1)];
        for (int i = 1; i < spikes.length; i++) {
            isis[i - 1] = (spikes[i] - spikes[i - 1]) * DT;
        }
        return isis;
    }

    /** Spike counts of the bursts: runs of spikes whose intervals are under {@code gapMs}. */
    private static List<Integer> burstSizes(double[] isis, double gapMs) {
        List<Integer> sizes = new ArrayList<>();
        int size = 1;
        for (double isi : isis) {
            if (isi < gapMs) {
                size++;
            } else {
                sizes.add(size);
                size = 1;
            }
        }
        sizes.add(size);
        return sizes;
    }

    @Test
    void intrinsicallyBurstingCellBurstsAtOnsetThenFiresSingleSpikes() {
        double[] reference = scalarLinearRecovery(150, 1.2, -75, -45, 50, 0.01, 5, -56, 130, 550);
        double[] production = NotebookFidelityTest.production(Preset.IB, 550).v();
        assertArrayEquals(reference, production, 0.0);

        double[] isis = isisMs(production, 50);
        assertTrue(isis.length >= 8, "IB fires repetitively at 550 pA: " + Arrays.toString(isis));
        double[] later = Arrays.copyOfRange(isis, 3, isis.length);
        double shortestLater = Arrays.stream(later).min().orElseThrow();
        assertTrue(isis[0] < shortestLater / 4, "an onset burst: first interval " + isis[0]
                + " ms against later ones from " + shortestLater + " ms: " + Arrays.toString(isis));
        assertTrue(shortestLater > 50, "single spikes after the burst: " + Arrays.toString(isis));
        int[] spikes = NotebookReference.spikeSamples(production, 50);
        assertTrue(spikes[spikes.length - 1] > 9000, "still firing near the end: sample " + spikes[spikes.length - 1]);
    }

    @Test
    void chatteringCellFiresRepeatedBurstsOfTwoToFourSpikes() {
        double[] reference = scalarLinearRecovery(50, 1.5, -60, -40, 25, 0.03, 1, -40, 150, 400);
        double[] production = NotebookFidelityTest.production(Preset.CH, 400).v();
        assertArrayEquals(reference, production, 0.0);

        List<Integer> bursts = burstSizes(isisMs(production, 25), 20);
        assertTrue(bursts.size() >= 10, "CH bursts again and again at 400 pA: " + bursts);
        for (int size : bursts.subList(1, bursts.size())) {
            assertTrue(size >= 2 && size <= 4, "every burst after the onset has 2 to 4 spikes: " + bursts);
        }
    }

    @Test
    void regularSpikingCellDoesNotBurstWhereTheOthersDo() {
        double[] isis = isisMs(NotebookFidelityTest.production(Preset.RS, 400).v(), 35);
        List<Integer> bursts = burstSizes(Arrays.copyOfRange(isis, 1, isis.length), 5);
        assertTrue(isis.length >= 10, "RS fires at 400 pA: " + Arrays.toString(isis));
        assertTrue(bursts.stream().allMatch(s -> s == 1), "RS fires single spikes: " + Arrays.toString(isis));
    }
}
