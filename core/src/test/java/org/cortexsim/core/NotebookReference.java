package org.cortexsim.core;

import java.util.function.DoubleUnaryOperator;

/**
 * A line-by-line transcription of the seed notebook's two loops ({@code simulation_run} and
 * {@code simulation_run_FS}), written from the notebook and independent of production code:
 * its time axis {@code T = np.linspace(0, 1000, 10000)}, its input functions of {@code T[i]},
 * its {@code delta_T = t_max / sim_steps} and Python's {@code **3}, which calls C's {@code pow}:
 * glibc's pow is correctly rounded, so the cube here is the exact cube rounded once
 * ({@link #pythonCube}; Java's {@code Math.pow} is not correctly rounded on every argument).
 */
final class NotebookReference {
    static final double T_MIN = 0;
    static final double T_MAX = 1000;
    static final int SIM_STEPS = 10000;

    /** v and u samples: 10,001 of each (the initial state plus one per loop iteration). */
    record Trace(double[] v, double[] u) {
    }

    private NotebookReference() {
    }

    /** numpy.linspace(start, stop, num): start + i * step, the last element exactly stop. */
    static double[] linspace(double start, double stop, int num) {
        double[] t = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            t[i] = start + i * step;
        }
        t[num - 1] = stop;
        return t;
    }

    /** The notebook's {@code I_dc}/{@code I_DC_FS}: amplitude when t > 100.0, else 0. */
    static DoubleUnaryOperator dcAfter100(double amplitude) {
        return t -> t > 100.0 ? amplitude : 0.0;
    }

    static Trace rs(DoubleUnaryOperator input) {
        final double cRs = 100;
        final double aRs = 0.03;
        final double bRs = -2;
        final double cResetRs = -50;
        final double dRs = 100;
        final double vrRs = -60;
        final double vtRs = -40;
        final double vPeakRs = 35;
        final double kRs = 0.7;
        double[] t = linspace(T_MIN, T_MAX, SIM_STEPS);
        double deltaT = T_MAX / SIM_STEPS;
        double vCurr = vrRs;
        double uCurr = 0;
        double[] v = new double[t.length + 1];
        double[] u = new double[t.length + 1];
        v[0] = vCurr;
        u[0] = uCurr;
        for (int i = 0; i < t.length; i++) {
            double vNew;
            double uNew;
            if (vCurr >= vPeakRs) {
                vNew = cResetRs;
                uNew = uCurr + dRs;
            } else {
                vNew = vCurr + deltaT * (kRs * (vCurr - vrRs) * (vCurr - vtRs) - uCurr + input.applyAsDouble(t[i])) / cRs;
                uNew = uCurr + deltaT * aRs * (bRs * (vCurr - vrRs) - uCurr);
            }
            vCurr = vNew;
            uCurr = uNew;
            v[i + 1] = vCurr;
            u[i + 1] = uCurr;
        }
        return new Trace(v, u);
    }

    static Trace fs(DoubleUnaryOperator input) {
        final double cFs = 20;
        final double aFs = 0.2;
        final double bFs = 0.025;
        final double cResetFs = -45;
        final double vrFs = -55;
        final double vtFs = -40;
        final double vPeakFs = 25;
        final double kFs = 1;
        double[] t = linspace(T_MIN, T_MAX, SIM_STEPS);
        double deltaT = T_MAX / SIM_STEPS;
        double vCurr = vrFs;
        double uCurr = 0;
        double[] v = new double[t.length + 1];
        double[] u = new double[t.length + 1];
        v[0] = vCurr;
        u[0] = uCurr;
        for (int i = 0; i < t.length; i++) {
            double vNew;
            double uNew;
            if (vCurr >= vPeakFs) {
                vNew = cResetFs;
                uNew = uCurr;
            } else {
                double uOfV;
                if (vCurr >= vrFs) {
                    uOfV = bFs * pythonCube(vCurr - vrFs);
                } else {
                    uOfV = 0;
                }
                vNew = vCurr + deltaT * (kFs * (vCurr - vrFs) * (vCurr - vtFs) - uCurr + input.applyAsDouble(t[i])) / cFs;
                uNew = uCurr + deltaT * aFs * (uOfV - uCurr);
            }
            vCurr = vNew;
            uCurr = uNew;
            v[i + 1] = vCurr;
            u[i + 1] = uCurr;
        }
        return new Trace(v, u);
    }

    /** {@code x**3} as Python computes it: the exact cube, rounded once to the nearest double. */
    static double pythonCube(double x) {
        return new java.math.BigDecimal(x).pow(3).doubleValue();
    }

    /** Sample indices n with v_n >= vpeak: the spikes. */
    static int[] spikeSamples(double[] v, double vpeak) {
        return java.util.stream.IntStream.range(0, v.length).filter(n -> v[n] >= vpeak).toArray();
    }
}
