package org.cortexsim.core;

import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Recovery;

/**
 * The forward-Euler update of the Izhikevich simple model over index ranges of the state
 * arrays, in the seed notebook's operation order so results are bit-identical to it:
 * <pre>
 *   if v_n >= vpeak:  v_{n+1} = c,  u_{n+1} = u_n + d
 *   else:             v_{n+1} = v_n + dt*(k*(v_n-vr)*(v_n-vt) - u_n + I_n)/C
 *                     u_{n+1} = u_n + dt*a*(U(v_n) - u_n)
 * </pre>
 * with {@code U(v) = b*(v-vr)} (linear) or {@code b*(v-vb)^3} for {@code v >= vb} and 0 below
 * (cubic, the cube rounded once: {@link Cube}). {@code dt*(...)/C} is evaluated as written:
 * multiplying by a precomputed {@code dt/C} rounds differently; {@code dt*a} is taken from the
 * constants the pass was bound to ({@link EulerConstants}), the same product. Stateless.
 *
 * <p>{@link #uniform} is the scalar reference of the homogeneous pass: {@link VectorEulerPass}
 * must reproduce it bit for bit, and runs it for the tails of its ranges.
 */
final class EulerPass {
    private EulerPass() {
    }

    /** Advances neurons {@code [from, to)}, all with the parameters of {@code bound}, by one step of its dt. */
    static void uniform(double[] v, double[] u, double[] current, int from, int to, EulerConstants bound) {
        final IzhikevichParameters p = bound.parameters;
        final double dt = bound.dt;
        final double capacitance = p.capacitance();
        final double k = p.k();
        final double vr = p.vr();
        final double vt = p.vt();
        final double vpeak = p.vpeak();
        final double dtTimesA = bound.dtTimesA;
        final double b = p.b();
        final double reset = p.c();
        final double jump = p.d();
        switch (p.recovery()) {
            case LINEAR -> {
                for (int i = from; i < to; i++) {
                    final double vn = v[i];
                    final double un = u[i];
                    // C v' = k (v - vr)(v - vt) - u + I ;  u' = a (b (v - vr) - u)
                    final double vNext = vn + dt * (k * (vn - vr) * (vn - vt) - un + current[i]) / capacitance;
                    final double uNext = un + dtTimesA * (b * (vn - vr) - un);
                    final boolean spiking = vn >= vpeak;
                    v[i] = spiking ? reset : vNext;
                    u[i] = spiking ? un + jump : uNext;
                }
            }
            case CUBIC_ABOVE_VB -> {
                final double vb = p.vb();
                for (int i = from; i < to; i++) {
                    final double vn = v[i];
                    final double un = u[i];
                    // C v' = k (v - vr)(v - vt) - u + I ;  u' = a (U(v) - u),  U = b (v - vb)^3 above vb
                    final double recoveryTarget = vn >= vb ? b * Cube.of(vn - vb) : 0.0;
                    final double vNext = vn + dt * (k * (vn - vr) * (vn - vt) - un + current[i]) / capacitance;
                    final double uNext = un + dtTimesA * (recoveryTarget - un);
                    final boolean spiking = vn >= vpeak;
                    v[i] = spiking ? reset : vNext;
                    u[i] = spiking ? un + jump : uNext;
                }
            }
        }
    }

    /**
     * Advances the neurons {@code [from, to)} of the population of {@code bound}, whose
     * parameters vary per neuron; same arithmetic as {@link #uniform}, reading each parameter of
     * local neuron j from element {@code j * stride} of its values ({@link Population#values}),
     * and {@code dt*a} from the bound column.
     */
    static void heterogeneous(double[] v, double[] u, double[] current, int from, int to, EulerConstants bound) {
        final Population pop = bound.population;
        final double dt = bound.dt;
        final int offset = pop.offset();
        final double[] capacitance = pop.values(Parameter.CAPACITANCE);
        final double[] k = pop.values(Parameter.QUADRATIC_GAIN);
        final double[] vr = pop.values(Parameter.REST_V);
        final double[] vt = pop.values(Parameter.THRESHOLD_V);
        final double[] vpeak = pop.values(Parameter.PEAK_V);
        final double[] dtTimesA = bound.dtTimesAValues;
        final double[] b = pop.values(Parameter.RECOVERY_SENSITIVITY);
        final double[] reset = pop.values(Parameter.RESET_V);
        final double[] jump = pop.values(Parameter.RESET_U_INCREMENT);
        final double[] vb = pop.values(Parameter.CUBIC_ONSET_V);
        final int sC = pop.stride(Parameter.CAPACITANCE);
        final int sK = pop.stride(Parameter.QUADRATIC_GAIN);
        final int sVr = pop.stride(Parameter.REST_V);
        final int sVt = pop.stride(Parameter.THRESHOLD_V);
        final int sVpeak = pop.stride(Parameter.PEAK_V);
        final int sA = bound.dtTimesAStride;
        final int sB = pop.stride(Parameter.RECOVERY_SENSITIVITY);
        final int sReset = pop.stride(Parameter.RESET_V);
        final int sJump = pop.stride(Parameter.RESET_U_INCREMENT);
        final int sVb = pop.stride(Parameter.CUBIC_ONSET_V);
        final boolean cubic = pop.parameters().recovery() == Recovery.CUBIC_ABOVE_VB;
        for (int i = from; i < to; i++) {
            final int j = i - offset;
            final double vn = v[i];
            final double un = u[i];
            final double vrj = vr[j * sVr];
            final double vbj = vb[j * sVb];
            final double recoveryTarget = cubic
                    ? (vn >= vbj ? b[j * sB] * Cube.of(vn - vbj) : 0.0)
                    : b[j * sB] * (vn - vrj);
            final double vNext = vn + dt * (k[j * sK] * (vn - vrj) * (vn - vt[j * sVt]) - un + current[i]) / capacitance[j * sC];
            final double uNext = un + dtTimesA[j * sA] * (recoveryTarget - un);
            final boolean spiking = vn >= vpeak[j * sVpeak];
            v[i] = spiking ? reset[j * sReset] : vNext;
            u[i] = spiking ? un + jump[j * sJump] : uNext;
        }
    }
}
