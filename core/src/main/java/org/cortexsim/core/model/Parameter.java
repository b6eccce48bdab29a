package org.cortexsim.core.model;

/**
 * The named parameters of the Izhikevich simple model, with the names used in config files,
 * their units and their meaning (Izhikevich, Dynamical Systems in Neuroscience, 2007, ch. 8).
 */
public enum Parameter {
    C("C", "pF", "membrane capacitance"),
    K("k", "nS/mV", "gain of the quadratic voltage term k (v - vr)(v - vt)"),
    VR("vr", "mV", "resting membrane potential"),
    VT("vt", "mV", "instantaneous threshold potential"),
    VPEAK("vpeak", "mV", "spike cutoff: a sample with v >= vpeak is a spike"),
    A("a", "1/ms", "recovery rate of u"),
    B("b", "nS (linear) or nS/mV^2 (cubic)", "sensitivity of u to v; b < 0 amplifying, b > 0 resonant"),
    RESET("c", "mV", "voltage after a spike"),
    D("d", "pA", "increment of u after a spike (outward minus inward currents of the spike)"),
    VB("vb", "mV", "onset of the cubic recovery nullcline (cubic recovery only)");

    private final String key;
    private final String unit;
    private final String meaning;

    Parameter(String key, String unit, String meaning) {
        this.key = key;
        this.unit = unit;
        this.meaning = meaning;
    }

    /** The name used in config files and HDF5 provenance, e.g. {@code "vpeak"}. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public String meaning() {
        return meaning;
    }

    /** The parameter with config name {@code key} (case-sensitive), or {@code null}. */
    public static Parameter byKey(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
