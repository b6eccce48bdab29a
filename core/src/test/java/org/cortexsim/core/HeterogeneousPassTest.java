package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * A population whose parameters vary per neuron steps every neuron exactly as a one-neuron
 * population with that neuron's parameters (the homogeneous pass, itself checked against the
 * notebook): bit for bit, for a linear (RS) and a cubic (FS) population, through the vector
 * kernels ({@link EulerIntegrator#integrate}), the scalar pass ({@link EulerPass#heterogeneous}) and the
 * pass that forms I_n from a {@link CurrentSum}, with spikes detected on each neuron's own peak.
 */
class HeterogeneousPassTest {
    private static final int SIZE = 203;
    private static final int STEPS = 4000;
    private static final double DT = 0.1;

    /** Which path advances the heterogeneous population. */
    private enum Path { VECTOR, SCALAR, CURRENT_SUM }

    @Test
    void linearPopulationMatchesOneNeuronPopulations() {
        for (Path path : Path.values()) {
            check(Preset.RS.parameters(), new Parameter[] {Parameter.RECOVERY_RATE, Parameter.RECOVERY_SENSITIVITY,
                Parameter.RESET_V, Parameter.RESET_U_INCREMENT, Parameter.CAPACITANCE}, path);
        }
    }

    @Test
    void cubicPopulationMatchesOneNeuronPopulations() {
        for (Path path : Path.values()) {
            check(Preset.FS.parameters(), new Parameter[] {Parameter.PEAK_V, Parameter.QUADRATIC_GAIN,
                Parameter.CUBIC_ONSET_V, Parameter.THRESHOLD_V, Parameter.REST_V}, path);
        }
    }

    private static void check(IzhikevichParameters shared, Parameter[] varied, Path path) {
        SplittableRandom rng = new SplittableRandom(31);
        double[][] perNeuron = new double[Parameter.values().length][];
        for (Parameter p : varied) {
            double value = shared.get(p);
            double spread = p == Parameter.CUBIC_ONSET_V || p == Parameter.REST_V || p == Parameter.THRESHOLD_V
                    || p == Parameter.PEAK_V ? 3.0 : 0.2 * Math.abs(value);
            perNeuron[p.ordinal()] = rng.doubles(SIZE, value - spread, value + spread).toArray();
        }
        Neurons population = Neurons.builder().add("het", "x", SIZE, shared, perNeuron, null, null).build();
        Population het = population.population("het");
        assertTrue(het.isHeterogeneous());
        Neurons.Builder singles = Neurons.builder();
        for (int i = 0; i < SIZE; i++) {
            IzhikevichParameters own = shared;
            for (Parameter p : varied) {
                own = own.with(p, perNeuron[p.ordinal()][i]);
            }
            singles.add("n" + i, "x", 1, own);
        }
        Neurons reference = singles.build();
        EulerIntegrator referenceEuler = new EulerIntegrator(reference, new TimeGrid(DT));
        EulerIntegrator populationEuler = new EulerIntegrator(population, new TimeGrid(DT));
        EulerConstants hetConstants = EulerConstants.of(het, DT);
        double[] drive = rng.doubles(SIZE, 40, 140).toArray();
        double[] arrivals = new double[SIZE];
        CurrentSum sum = new CurrentSum();
        int spikes = 0;
        for (int step = 0; step < STEPS; step++) {
            SpikeBuffer expected = new SpikeBuffer(SIZE);
            SpikeBuffer actual = new SpikeBuffer(SIZE);
            System.arraycopy(drive, 0, reference.current, 0, SIZE);
            referenceEuler.integrateAndDetect(0, SIZE, expected);
            switch (path) {
                case VECTOR -> {
                    System.arraycopy(drive, 0, population.current, 0, SIZE);
                    populationEuler.integrateAndDetect(0, SIZE, actual);
                }
                case SCALAR -> {
                    System.arraycopy(drive, 0, population.current, 0, SIZE);
                    EulerPass.heterogeneous(population.v, population.u, population.current, 0, SIZE, hetConstants);
                    population.detectSpikes(0, SIZE, actual);
                }
                case CURRENT_SUM -> {
                    sum.begin(population.current, 0, SIZE);
                    sum.add(arrivals, 0, true);
                    sum.add(drive, 0, false);
                    populationEuler.integrateAndDetect(sum, actual);
                }
            }
            String where = path + ", step " + step;
            for (int i = 0; i < SIZE; i++) {
                assertEquals(Double.doubleToRawLongBits(reference.v[i]), Double.doubleToRawLongBits(population.v[i]),
                        () -> "v, " + where);
                assertEquals(Double.doubleToRawLongBits(reference.u[i]), Double.doubleToRawLongBits(population.u[i]),
                        () -> "u, " + where);
            }
            assertEquals(Arrays.toString(Arrays.copyOf(expected.indices(), expected.count())),
                    Arrays.toString(Arrays.copyOf(actual.indices(), actual.count())), "spikes, " + where);
            spikes += actual.count();
        }
        assertTrue(spikes > 2 * SIZE, path + ": the neurons fire, so resets are exercised: " + spikes);
    }
}
