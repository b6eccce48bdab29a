package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.input.Input;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.input.SinusoidalInput;
import org.cortexsim.core.input.StepCurrentInput;
import org.cortexsim.core.input.TargetNeurons;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The step current and sinusoidal inputs and inputs on a subset of neurons: a single RS neuron
 * under a step current against a scalar loop written here from the model's equations (the
 * notebook's order of arithmetic), the sinusoid against {@code Math.sin}, and subsets against
 * whole-population inputs.
 */
class CurrentInputsTest {
    private static final double DT = 0.1;

    /** The first step n with n * dt at or after t, written independently of TimeGrid. */
    private static long stepOf(double t) {
        long n = 0;
        while (n * DT < t - 1e-9) {
            n++;
        }
        return n;
    }

    @Test
    void rsUnderAStepCurrentMatchesAScalarLoopBitForBit() {
        double[] times = {50, 200.05, 500, 700};
        double[] amps = {70, 120, -30, 90};
        long stop = stepOf(900);
        int steps = 10_000;
        // reference: RS's equations, v + dt*(k*(v-vr)*(v-vt) - u + I)/C left to right, reset on the next step
        double v = -60;
        double u = 0;
        double[] refV = new double[steps + 1];
        double[] refU = new double[steps + 1];
        refV[0] = v;
        int spikes = 0;
        for (int n = 0; n < steps; n++) {
            double current = 0;
            for (int k = 0; k < times.length; k++) {
                if (n >= stepOf(times[k]) && n < stop) {
                    current = amps[k];
                }
            }
            double vNew;
            double uNew;
            if (v >= 35) {
                vNew = -50;
                uNew = u + 100;
                spikes++;
            } else {
                vNew = v + 0.1 * (0.7 * (v - -60) * (v - -40) - u + current) / 100;
                uNew = u + 0.1 * 0.03 * (-2 * (v - -60) - u);
            }
            v = vNew;
            u = uNew;
            refV[n + 1] = v;
            refU[n + 1] = u;
        }
        assertTrue(spikes > 5, "the reference neuron fires under the steps, got " + spikes);

        Neurons neurons = Neurons.builder().add("p", "RS", 1, Preset.RS.parameters()).build();
        TimeGrid grid = new TimeGrid(DT);
        EulerIntegrator euler = new EulerIntegrator(neurons, grid);
        long[] changes = new long[times.length];
        for (int k = 0; k < times.length; k++) {
            changes[k] = grid.stepAtOrAfter(times[k]);
        }
        assertEquals(2001, changes[1], "200.05 ms applies from step 2001");
        Input in = new StepCurrentInput(TargetNeurons.all(neurons.populations().get(0)), changes, amps, 0, stop);
        double[] gotV = new double[steps + 1];
        double[] gotU = new double[steps + 1];
        gotV[0] = neurons.v[0];
        gotU[0] = neurons.u[0];
        for (int n = 0; n < steps; n++) {
            java.util.Arrays.fill(neurons.current, 0.0);
            in.addCurrent(n, neurons.current, 0, 1);
            euler.integrate(0, 1);
            gotV[n + 1] = neurons.v[0];
            gotU[n + 1] = neurons.u[0];
        }
        assertArrayEquals(refV, gotV, 0.0);
        assertArrayEquals(refU, gotU, 0.0);
    }

    @Test
    void stepCurrentPiecesAreInclusiveAtTheStartAndHoldTheLastAmplitude() {
        Neurons neurons = Neurons.builder().add("p", "RS", 1, Preset.RS.parameters()).build();
        Input in = new StepCurrentInput(TargetNeurons.all(neurons.populations().get(0)), new long[] {5, 8},
                new double[] {3, -4}, 0, 20);
        double[] expected = {0, 0, 0, 0, 0, 3, 3, 3, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, 0, 0};
        for (int n = 0; n < expected.length; n++) {
            double[] current = new double[1];
            in.addCurrent(n, current, 0, 1);
            assertEquals(expected[n], current[0], 0.0, "step " + n);
        }
        Population p = neurons.populations().get(0);
        assertThrows(IllegalArgumentException.class,
                () -> new StepCurrentInput(TargetNeurons.all(p), new long[] {5, 5}, new double[] {1, 2}, 0, 9));
        assertThrows(IllegalArgumentException.class,
                () -> new StepCurrentInput(TargetNeurons.all(p), new long[] {5}, new double[] {1, 2}, 0, 9));
    }

    @Test
    void sinusoidIsOffsetPlusAmplitudeTimesSineOfTheStepsTime() {
        Neurons neurons = Neurons.builder().add("p", "RS", 3, Preset.RS.parameters()).build();
        SinusoidalInput in = new SinusoidalInput(TargetNeurons.all(neurons.populations().get(0)), DT, 40, 25, 7.5,
                30, 10, 5000);
        for (int n = 0; n < 5100; n++) {
            double[] current = new double[3];
            in.addCurrent(n, current, 0, 3);
            double t = n * DT;
            double expected = n >= 10 && n < 5000 ? 40 + 25 * Math.sin(2 * Math.PI * 7.5 * t / 1000 + 30 * Math.PI / 180)
                    : 0;
            // Math.sin and the StrictMath.sin the input uses may differ in the last bit; the formula's own
            // rounding (omega and phase formed once) adds a few ulps of the angle
            assertEquals(expected, current[0], 1e-12, "step " + n);
            assertEquals(current[0], current[2], 0.0);
        }
    }

    @Test
    void aSubsetGetsWhatTheWholePopulationGetsAndTheOthersNothing() {
        Neurons neurons = Neurons.builder()
                .add("a", "RS", 5, Preset.RS.parameters())
                .add("b", "FS", 11, Preset.FS.parameters())
                .build();
        Population b = neurons.population("b");
        int[] ids = {9, 0, 4, 5, 6};
        TargetNeurons some = TargetNeurons.of(b, ids);
        assertTrue(!some.isRange() && some.count() == 5);
        assertTrue(TargetNeurons.of(b, new int[] {3, 2, 4}).isRange());
        double[] perNeuron = new double[11];
        for (int i = 0; i < 11; i++) {
            perNeuron[i] = 10 + i;
        }
        Input[][] pairs = {
            {new NoiseInput(b, 5, 30, 77, 0, 100), new NoiseInput(some, 5, 30, 77, 0, 100)},
            {new DcInput(b, perNeuron, 0, 100), new DcInput(some, perNeuron, 0, 100)},
            {new DcInput(b, 12.5, 0, 100), new DcInput(some, 12.5, 0, 100)},
            {new StepCurrentInput(TargetNeurons.all(b), new long[] {1, 3}, new double[] {2, 6}, 0, 100),
                new StepCurrentInput(some, new long[] {1, 3}, new double[] {2, 6}, 0, 100)},
            {new SinusoidalInput(TargetNeurons.all(b), DT, 1, 2, 40, 0, 0, 100),
                new SinusoidalInput(some, DT, 1, 2, 40, 0, 0, 100)},
        };
        for (Input[] pair : pairs) {
            for (long step = 0; step < 5; step++) {
                double[] whole = new double[16];
                pair[0].addCurrent(step, whole, 0, 16);
                double[] part = new double[16];
                pair[1].addCurrent(step, part, 0, 16);
                for (int i = 0; i < 16; i++) {
                    boolean selected = i >= 5 && contains(ids, i - 5);
                    assertEquals(selected ? whole[i] : 0.0, part[i], 0.0, "step " + step + ", neuron " + i);
                }
                // any split of the index range gives the same current
                for (int cut = 0; cut <= 16; cut++) {
                    double[] split = new double[16];
                    pair[1].addCurrent(step, split, 0, cut);
                    pair[1].addCurrent(step, split, cut, 16);
                    assertArrayEquals(part, split, 0.0);
                }
                CurrentSum sum = new CurrentSum();
                double[] viaSum = new double[16];
                sum.begin(viaSum, 5, 16);
                pair[1].contribute(step, sum);
                sum.finish();
                assertArrayEquals(part, viaSum, 0.0);
            }
        }
    }

    private static boolean contains(int[] ids, int id) {
        return java.util.Arrays.stream(ids).anyMatch(x -> x == id);
    }

    @Test
    void outOfRangeOrRepeatedNeuronsAreRefused() {
        Neurons neurons = Neurons.builder().add("a", "RS", 5, Preset.RS.parameters()).build();
        Population a = neurons.population("a");
        assertThrows(IllegalArgumentException.class, () -> TargetNeurons.of(a, new int[] {5}));
        assertThrows(IllegalArgumentException.class, () -> TargetNeurons.of(a, new int[] {1, 1}));
    }
}
