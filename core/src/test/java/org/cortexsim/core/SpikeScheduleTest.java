package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A spike schedule emits exactly the given (sample, neuron) pairs: for every sample and every
 * range of neurons, the neurons spiking then, ascending, checked against a plain scan of the
 * per-neuron lists; it refuses unsorted, repeated and negative samples by neuron.
 */
class SpikeScheduleTest {
    @Test
    void emitsTheGivenSpikesOfEachSampleAndRangeInAscendingOrder() {
        SplittableRandom r = new SplittableRandom(3);
        int size = 37;
        long[][] samples = new long[size][];
        for (int i = 0; i < size; i++) {
            List<Long> s = new ArrayList<>();
            for (long n = r.nextInt(5); n < 400; n += 1 + r.nextInt(30)) {
                s.add(n);
            }
            samples[i] = i == 5 ? new long[0] : s.stream().mapToLong(Long::longValue).toArray();
        }
        SpikeSchedule schedule = SpikeSchedule.of(samples);
        assertEquals(size, schedule.size());
        int total = 0;
        for (long[] s : samples) {
            total += s.length;
        }
        assertEquals(total, schedule.spikeCount());
        int offset = 100;
        int[][] ranges = {{0, size}, {0, 8}, {8, 16}, {3, 4}, {30, size}, {10, 10}};
        for (long n = 0; n < 420; n++) {
            for (int[] range : ranges) {
                SpikeBuffer out = new SpikeBuffer(size);
                schedule.emit(n, range[0], range[1], offset, out);
                List<Integer> expected = new ArrayList<>();
                for (int i = range[0]; i < range[1]; i++) {
                    for (long s : samples[i]) {
                        if (s == n) {
                            expected.add(offset + i);
                        }
                    }
                }
                int[] got = java.util.Arrays.copyOf(out.indices(), out.count());
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), got,
                        "sample " + n + ", neurons " + range[0] + ".." + range[1]);
            }
        }
    }

    @Test
    void refusesUnsortedRepeatedAndNegativeSamplesNamingTheNeuron() {
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> SpikeSchedule.of(new long[][] {{1, 2}, {5, 3}}));
        assertTrue(unsorted.getMessage().contains("neuron 1") && unsorted.getMessage().contains("5 then 3"),
                unsorted.getMessage());
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> SpikeSchedule.of(new long[][] {{4, 4}}));
        assertTrue(repeated.getMessage().contains("neuron 0"), repeated.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> SpikeSchedule.of(new long[][] {{}, {}, {-1}}));
        assertTrue(negative.getMessage().contains("neuron 2"), negative.getMessage());
    }

    @Test
    void aSpikeSourcePopulationHasNoDynamicsAndIsSkippedByTheEulerPassAndDetection() {
        Neurons neurons = Neurons.builder()
                .addSpikeSource("src", SpikeSchedule.of(new long[][] {{0, 3}, {1}}))
                .add("rs", "RS", 2, org.cortexsim.core.model.Preset.RS.parameters())
                .build();
        Population src = neurons.population("src");
        assertTrue(src.isSpikeSource());
        assertEquals(Population.SPIKE_SOURCE, src.model());
        java.util.Arrays.fill(neurons.current, 500.0);
        EulerIntegrator euler = new EulerIntegrator(neurons, new TimeGrid(0.1));
        euler.integrate(0, neurons.size());
        assertEquals(0.0, neurons.v[0], 0.0);
        assertEquals(0.0, neurons.u[1], 0.0);
        SpikeBuffer fused = new SpikeBuffer(4);
        CurrentSum sum = new CurrentSum();
        sum.begin(neurons.current, 0, 2);
        euler.integrateAndDetect(sum, fused);
        assertEquals(0, fused.count(), "the fused pass neither steps nor detects a spike source");
        assertEquals(0.0, neurons.v[0], 0.0);
        assertEquals(0.0, neurons.u[1], 0.0);
        assertTrue(neurons.v[2] != -60.0, "the RS neurons integrate");
        neurons.v[0] = 100;
        SpikeBuffer detected = new SpikeBuffer(4);
        neurons.detectSpikes(0, 4, detected);
        assertEquals(0, detected.count(), "a spike source never crosses a threshold");
    }
}
