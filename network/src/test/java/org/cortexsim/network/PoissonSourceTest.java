package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.StepListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Poisson source's per-step arrival counts, read back from the delta input current with a
 * weight of 1 pA: mean, variance and P(0) match Poisson(rate * dt) within 5 sigma; arrivals
 * fall only in the steps [start + D - 1, stop + D - 1) and only on the target population.
 */
class PoissonSourceTest {
    private static final double DT = 0.1;
    private static final int STEPS = 2000;
    private static final long START = 100;
    private static final long STOP = 1800;
    private static final int DELAY = 3;

    @ParameterizedTest(name = "{0} Hz, {1} threads")
    @CsvSource({"5, 1", "200, 2", "3000, 1", "40000, 2"})
    void arrivalCountsArePoisson(double rateHz, int threads) {
        Neurons neurons = Neurons.builder()
                .add("other", "RS", 100, Preset.RS.parameters())
                .add("target", "FS", 500, Preset.FS.parameters())
                .build();
        Population other = neurons.population("other");
        Population target = neurons.population("target");
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(17));
        b.poisson(PoissonPlan.of("bg", target, rateHz, 1.0, DELAY * DT, SynapseType.DELTA).withSteps(START, STOP));
        final long first = START + DELAY - 1;
        final long end = STOP + DELAY - 1;
        final long[] stats = new long[3]; // sum, sum of squares, zeros (inside the window)
        final long[] draws = new long[1];
        StepListener counter = new StepListener() {
            @Override
            public void afterStep(long step, StateView n) {
                for (int i = other.offset(); i < other.end(); i++) {
                    assertEquals(0.0, n.current(i), 0.0, "current into a non-target neuron");
                }
                boolean inside = step >= first && step < end;
                for (int i = target.offset(); i < target.end(); i++) {
                    double c = n.current(i);
                    long k = (long) c;
                    assertEquals(k, c, 0.0, "arrivals of weight 1 must sum to a whole number");
                    if (!inside) {
                        assertEquals(0.0, c, 0.0, "arrival outside the window, step " + step);
                        continue;
                    }
                    stats[0] += k;
                    stats[1] += k * k;
                    stats[2] += k == 0 ? 1 : 0;
                    draws[0]++;
                }
            }
        };
        try (Simulation sim = b.build(threads, 64)) {
            sim.addListener(counter);
            sim.run(STEPS, StopCondition.NEVER);
        }
        double n = draws[0];
        assertEquals((STOP - START) * 500, draws[0]);
        double lambda = rateHz * DT / 1000.0;
        double mean = stats[0] / n;
        double var = stats[1] / n - mean * mean;
        double p0 = stats[2] / n;
        assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean arrivals per step");
        assertEquals(lambda, var, 5 * Math.sqrt((lambda + 2 * lambda * lambda) / n) + 1e-12, "variance");
        double e0 = Math.exp(-lambda);
        assertEquals(e0, p0, 5 * Math.sqrt(e0 * (1 - e0) / n) + 1e-12, "P(no arrival)");
        assertTrue(stats[0] > 0, "no arrival at all");
    }
}
