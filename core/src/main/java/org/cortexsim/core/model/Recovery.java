package org.cortexsim.core.model;

/**
 * The nullcline of the recovery variable u in the Izhikevich simple model,
 * {@code u' = a (U(v) - u)}.
 */
public enum Recovery {
    /** {@code U(v) = b (v - vr)}: regular-spiking (RS) and most cortical excitatory cells. */
    LINEAR("U(v) = b (v - vr)"),
    /**
     * {@code U(v) = b (v - vb)^3} for {@code v >= vb}, 0 below: the fast-spiking (FS)
     * interneuron of Izhikevich (2007), section 8.2.6. The cube is rounded once, as the
     * notebook's Python {@code **3}.
     */
    CUBIC_ABOVE_VB("U(v) = b (v - vb)^3 for v >= vb, else 0");

    private final String formula;

    Recovery(String formula) {
        this.formula = formula;
    }

    /** U(v) as written for users, e.g. {@code U(v) = b (v - vr)}. */
    public String formula() {
        return formula;
    }
}
