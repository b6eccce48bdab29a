package org.cortexsim.core.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One parameter set of the Izhikevich simple model
 * <pre>
 *   C v' = k (v - vr)(v - vt) - u + I        if v >= vpeak: v = c, u = u + d
 *     u' = a (U(v) - u)
 * </pre>
 * a value for every row of the {@link Parameter} table (which gives names, keys and units:
 * C in pF, k in nS/mV, voltages in mV, a in 1/ms, d in pA; currents in pA, time in ms) and the
 * {@link Recovery} that selects U(v). Immutable.
 *
 * <p>Invariants (checked at construction): every value is finite, each {@link Parameter#positive()}
 * parameter (C) is {@code > 0}, and {@code vpeak > c} so that a reset ends the spike.
 */
public final class IzhikevichParameters {
    /** The model's equations as written for users, e.g. by {@code cortexsim presets}. */
    public static final String EQUATIONS = "C v' = k (v - vr)(v - vt) - u + I,   u' = a (U(v) - u);"
            + "   if v >= vpeak:  v = c,  u = u + d";

    private final double[] values;
    private final Recovery recovery;

    private IzhikevichParameters(double[] values, Recovery recovery) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        for (Parameter p : Parameter.values()) {
            double x = values[p.ordinal()];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("parameter " + p.key() + " must be finite, got " + x);
            }
            if (p.positive() && !(x > 0)) {
                throw new IllegalArgumentException("parameter " + p.key() + " must be > 0 " + p.unit() + ", got " + x);
            }
        }
        double vpeak = values[Parameter.PEAK_V.ordinal()];
        double reset = values[Parameter.RESET_V.ordinal()];
        if (!(vpeak > reset)) {
            throw new IllegalArgumentException(
                    "parameter vpeak (" + vpeak + " mV) must be above the reset c (" + reset + " mV)");
        }
        this.values = values;
    }

    /** The parameter set with {@code value.applyAsDouble(p)} for each parameter {@code p}. */
    public static IzhikevichParameters of(Recovery recovery, ToDoubleFunction<Parameter> value) {
        double[] values = new double[Parameter.values().length];
        for (Parameter p : Parameter.values()) {
            values[p.ordinal()] = value.applyAsDouble(p);
        }
        return new IzhikevichParameters(values, recovery);
    }

    /** The value of {@code p}. */
    public double get(Parameter p) {
        return values[p.ordinal()];
    }

    /** A copy with {@code p} set to {@code value}. */
    public IzhikevichParameters with(Parameter p, double value) {
        double[] copy = values.clone();
        copy[p.ordinal()] = value;
        return new IzhikevichParameters(copy, recovery);
    }

    public Recovery recovery() {
        return recovery;
    }

    /** C, pF. */
    public double capacitance() {
        return get(Parameter.CAPACITANCE);
    }

    /** k, nS/mV. */
    public double k() {
        return get(Parameter.QUADRATIC_GAIN);
    }

    /** vr, mV. */
    public double vr() {
        return get(Parameter.REST_V);
    }

    /** vt, mV. */
    public double vt() {
        return get(Parameter.THRESHOLD_V);
    }

    /** vpeak, mV. */
    public double vpeak() {
        return get(Parameter.PEAK_V);
    }

    /** a, 1/ms. */
    public double a() {
        return get(Parameter.RECOVERY_RATE);
    }

    /** b, nS (linear recovery) or nS/mV^2 (cubic). */
    public double b() {
        return get(Parameter.RECOVERY_SENSITIVITY);
    }

    /** c, the reset potential, mV. */
    public double c() {
        return get(Parameter.RESET_V);
    }

    /** d, the increment of u at a reset, pA. */
    public double d() {
        return get(Parameter.RESET_U_INCREMENT);
    }

    /** vb, onset of the cubic recovery, mV. */
    public double vb() {
        return get(Parameter.CUBIC_ONSET_V);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IzhikevichParameters other && recovery == other.recovery
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + recovery.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IzhikevichParameters[");
        for (Parameter p : Parameter.values()) {
            s.append(p.key()).append('=').append(values[p.ordinal()]).append(", ");
        }
        return s.append("recovery=").append(recovery).append(']').toString();
    }
}
