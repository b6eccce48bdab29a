package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the scalar reference {@link EulerPass#uniform} and the scalar
 * peak check, bit for bit: random states with the edge values of each branch (v exactly at
 * vpeak and vb, one ulp either side, far below and above), lengths that do not fill the last
 * vector, ranges that start off zero, both presets and modified parameters. Skipped when the
 * JVM lacks {@code jdk.incubator.vector}.
 */
class VectorEulerPassTest {
    private static final int[] LENGTHS = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 257, 1003};
    private static final int[] OFFSETS = {0, 1, 3, 4, 7, 8, 13};
    private static final double[] DTS = {0.1, 0.05, 0.5, 1.0};

    @BeforeEach
    void needsTheModule() {
        assumeTrue(ModuleLayer.boot().findModule(Kernels.MODULE).isPresent(), "jdk.incubator.vector absent");
    }

    /** The presets, and variants with other values of every parameter (vb off vr, d != 0 for FS, ...). */
    static List<IzhikevichParameters> parameterSets() {
        List<IzhikevichParameters> sets = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (Preset preset : Preset.values()) {
            IzhikevichParameters base = preset.parameters();
            sets.add(base);
            sets.add(base.with(Parameter.CUBIC_ONSET_V, base.vr() - 7.25).with(Parameter.RESET_U_INCREMENT, 37.5));
            sets.add(base.with(Parameter.CAPACITANCE, 63.3).with(Parameter.QUADRATIC_GAIN, 1.7)
                    .with(Parameter.RECOVERY_RATE, 0.013));
            sets.add(base.with(Parameter.RECOVERY_SENSITIVITY, -base.b() * 3.1).with(Parameter.THRESHOLD_V, -47.9)
                    .with(Parameter.REST_V, -71.3));
            for (int r = 0; r < 4; r++) {
                IzhikevichParameters q = base;
                for (Parameter p : Parameter.values()) {
                    if (p != Parameter.PEAK_V && p != Parameter.RESET_V) {
                        double x = base.get(p);
                        q = q.with(p, p == Parameter.CAPACITANCE ? x * (0.5 + rng.nextDouble())
                                : x * (0.5 + rng.nextDouble()) + (rng.nextDouble() - 0.5));
                    }
                }
                sets.add(q.with(Parameter.PEAK_V, 20 + 20 * rng.nextDouble())
                        .with(Parameter.RESET_V, -70 + 30 * rng.nextDouble()));
            }
        }
        return sets;
    }

    /** A membrane potential (mV) drawn from the typical range and from every branch edge of {@code p}. */
    static double edgyV(SplittableRandom rng, IzhikevichParameters p) {
        return switch (rng.nextInt(14)) {
            case 0 -> p.vpeak();
            case 1 -> Math.nextDown(p.vpeak());
            case 2 -> Math.nextUp(p.vpeak());
            case 3 -> p.vb();
            case 4 -> Math.nextDown(p.vb());
            case 5 -> Math.nextUp(p.vb());
            case 6 -> p.vr();
            case 7 -> p.vt();
            case 8 -> p.c();
            case 9 -> -1e3 * (1 + rng.nextDouble());
            case 10 -> 1e3 * (1 + rng.nextDouble());
            case 11 -> -1e30 * rng.nextDouble();
            case 12 -> 200 * rng.nextDouble() - 150;
            default -> p.vr() + (p.vpeak() - p.vr() + 10) * rng.nextDouble() - 5;
        };
    }

    private static double[] randomArray(SplittableRandom rng, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return a;
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], 0.0, what + " at index " + i);
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        what + " at index " + i + " (sign of zero)");
            }
        }
    }

    @Test
    void singleStepMatchesScalarOnEdgyStates() {
        SplittableRandom rng = new SplittableRandom(2024);
        int cases = 0;
        for (IzhikevichParameters p : parameterSets()) {
            for (int n : LENGTHS) {
                for (int from : OFFSETS) {
                    int size = from + n + 5;
                    double[] v = new double[size];
                    for (int i = 0; i < size; i++) {
                        v[i] = edgyV(rng, p);
                    }
                    double[] u = randomArray(rng, size, -600, 600);
                    u[rng.nextInt(size)] = -0.0;
                    double[] current = randomArray(rng, size, -2000, 2000);
                    double dt = DTS[rng.nextInt(DTS.length)];
                    double[] vScalar = v.clone();
                    double[] uScalar = u.clone();
                    double[] currentBefore = current.clone();
                    EulerConstants bound = EulerConstants.of(p, dt);
                    EulerPass.uniform(vScalar, uScalar, current, from, from + n, bound);
                    VectorEulerPass.uniform(v, u, current, from, from + n, bound);
                    String what = p + " n=" + n + " from=" + from + " dt=" + dt;
                    assertBitsEqual(vScalar, v, "v " + what);
                    assertBitsEqual(uScalar, u, "u " + what);
                    assertBitsEqual(currentBefore, current, "current " + what);
                    cases++;
                }
            }
        }
        assertTrue(cases > 1000);
    }

    @Test
    void manyStepsInAFiringRegimeStayIdentical() {
        SplittableRandom rng = new SplittableRandom(99);
        for (IzhikevichParameters p : parameterSets()) {
            int from = 3;
            int n = 8 * 37 + 5;
            int size = from + n + 2;
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = p.vr() + 10 * rng.nextDouble();
            }
            double[] u = new double[size];
            double[] current = randomArray(rng, size, 0, 1500);
            double[] vScalar = v.clone();
            double[] uScalar = u.clone();
            int resets = 0;
            EulerConstants bound = EulerConstants.of(p, 0.1);
            for (int step = 0; step < 2000; step++) {
                for (int i = from; i < from + n; i++) {
                    if (vScalar[i] >= p.vpeak()) {
                        resets++;
                    }
                }
                EulerPass.uniform(vScalar, uScalar, current, from, from + n, bound);
                VectorEulerPass.uniform(v, u, current, from, from + n, bound);
                assertBitsEqual(vScalar, v, "v of " + p + " after step " + step);
                assertBitsEqual(uScalar, u, "u of " + p + " after step " + step);
            }
            if (p.equals(Preset.RS.parameters()) || p.equals(Preset.FS.parameters())) {
                assertTrue(resets > n, "resets are exercised for " + p + ": " + resets);
            }
        }
    }

    @Test
    void detectionMatchesScalar() {
        SplittableRandom rng = new SplittableRandom(5);
        IzhikevichParameters p = Preset.RS.parameters();
        for (int n : LENGTHS) {
            for (int from : OFFSETS) {
                int size = from + n + 9;
                double[] v = new double[size];
                for (int i = 0; i < size; i++) {
                    v[i] = rng.nextInt(3) == 0 ? edgyV(rng, p) : p.vpeak() + (rng.nextBoolean() ? 0 : -1);
                }
                SpikeBuffer expected = new SpikeBuffer(size);
                for (int i = from; i < from + n; i++) {
                    if (v[i] >= p.vpeak()) {
                        expected.add(i);
                    }
                }
                SpikeBuffer actual = new SpikeBuffer(size);
                actual.add(-1);
                VectorEulerPass.detect(v, from, from + n, p.vpeak(), actual);
                assertEquals(expected.count() + 1, actual.count(), "n=" + n + " from=" + from);
                assertEquals(-1, actual.get(0), "appends after what the buffer held");
                for (int k = 0; k < expected.count(); k++) {
                    assertEquals(expected.get(k), actual.get(k + 1), "spike " + k + " n=" + n + " from=" + from);
                }
            }
        }
    }

    /** EulerIntegrator.integrate over ranges that cut populations mid-vector equals the scalar pass per population. */
    @Test
    void neuronsIntegrateOverPartialRangesMatchesScalar() {
        SplittableRandom rng = new SplittableRandom(17);
        IzhikevichParameters rs = Preset.RS.parameters();
        IzhikevichParameters fs = Preset.FS.parameters();
        Neurons neurons = Neurons.builder().add("exc", "RS", 37, rs).add("inh", "FS", 29, fs).build();
        EulerIntegrator euler = new EulerIntegrator(neurons, new TimeGrid(0.1));
        int size = neurons.size();
        for (int i = 0; i < size; i++) {
            neurons.v[i] = edgyV(rng, i < 37 ? rs : fs);
            neurons.u[i] = 400 * rng.nextDouble() - 200;
            neurons.current[i] = 1000 * rng.nextDouble();
        }
        int[][] ranges = {{0, size}, {3, 20}, {5, 45}, {36, 38}, {40, 66}, {0, 1}, {65, 66}};
        for (int[] r : ranges) {
            double[] v = neurons.v.clone();
            double[] u = neurons.u.clone();
            EulerPass.uniform(v, u, neurons.current, r[0], Math.min(r[1], 37), EulerConstants.of(rs, 0.1));
            EulerPass.uniform(v, u, neurons.current, Math.max(r[0], 37), r[1], EulerConstants.of(fs, 0.1));
            euler.integrate(r[0], r[1]);
            assertBitsEqual(v, neurons.v, "v over [" + r[0] + ", " + r[1] + ")");
            assertBitsEqual(u, neurons.u, "u over [" + r[0] + ", " + r[1] + ")");
        }
    }
}
