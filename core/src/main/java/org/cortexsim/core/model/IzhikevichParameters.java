package org.cortexsim.core.model;

import java.util.Objects;

/**
 * One parameter set of the Izhikevich simple model
 * <pre>
 *   C v' = k (v - vr)(v - vt) - u + I        if v >= vpeak: v = c, u = u + d
 *     u' = a (U(v) - u)
 * </pre>
 * Units: C in pF, k in nS/mV, voltages (vr, vt, vpeak, c, vb) in mV, a in 1/ms, d in pA,
 * currents in pA, time in ms. {@link Recovery} selects U(v).
 *
 * <p>Invariants (checked at construction): every value is finite, {@code C > 0},
 * {@code vpeak > c} so that a reset ends the spike.
 */
public record IzhikevichParameters(
        double capacitance, double k, double vr, double vt, double vpeak,
        double a, double b, double c, double d, double vb, Recovery recovery) {

    public IzhikevichParameters {
        Objects.requireNonNull(recovery, "recovery");
        for (Parameter p : Parameter.values()) {
            double x = get(p, capacitance, k, vr, vt, vpeak, a, b, c, d, vb);
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("parameter " + p.key() + " must be finite, got " + x);
            }
        }
        if (capacitance <= 0) {
            throw new IllegalArgumentException("parameter C must be > 0 pF, got " + capacitance);
        }
        if (!(vpeak > c)) {
            throw new IllegalArgumentException(
                    "parameter vpeak (" + vpeak + " mV) must be above the reset c (" + c + " mV)");
        }
    }

    /** The value of {@code p}. */
    public double get(Parameter p) {
        return get(p, capacitance, k, vr, vt, vpeak, a, b, c, d, vb);
    }

    private static double get(Parameter p, double capacitance, double k, double vr, double vt,
            double vpeak, double a, double b, double c, double d, double vb) {
        return switch (p) {
            case C -> capacitance;
            case K -> k;
            case VR -> vr;
            case VT -> vt;
            case VPEAK -> vpeak;
            case A -> a;
            case B -> b;
            case RESET -> c;
            case D -> d;
            case VB -> vb;
        };
    }

    /** A copy with {@code p} set to {@code value}. */
    public IzhikevichParameters with(Parameter p, double value) {
        return new IzhikevichParameters(
                p == Parameter.C ? value : capacitance,
                p == Parameter.K ? value : k,
                p == Parameter.VR ? value : vr,
                p == Parameter.VT ? value : vt,
                p == Parameter.VPEAK ? value : vpeak,
                p == Parameter.A ? value : a,
                p == Parameter.B ? value : b,
                p == Parameter.RESET ? value : c,
                p == Parameter.D ? value : d,
                p == Parameter.VB ? value : vb,
                recovery);
    }
}
