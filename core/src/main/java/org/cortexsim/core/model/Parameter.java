package org.cortexsim.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The table of neuron parameters of the Izhikevich simple model (Izhikevich, Dynamical Systems
 * in Neuroscience, 2007, ch. 8): one row per parameter with its config key, unit, meaning,
 * whether it must be positive, and its value in each {@link Preset}. Every other place that names
 * neuron parameters derives from this table: the presets, the {@code cortexsim presets} listing,
 * the keys a config accepts under {@code params}, HDF5 provenance and the memory estimate. Adding
 * a parameter is one row here (plus its use in the Euler pass).
 *
 * <p>The row order is the order of {@link #ordinal()}, which indexes per-parameter arrays
 * ({@link IzhikevichParameters}, per-neuron columns). The value columns are the presets in their
 * declaration order: RS, FS, IB, CH.
 */
public enum Parameter {
    /** {@code C}: membrane capacitance. */
    CAPACITANCE("C", "pF", "membrane capacitance", true, 100, 20, 150, 50),
    /** {@code k}: gain of the quadratic voltage term. */
    QUADRATIC_GAIN("k", "nS/mV", "gain of the quadratic voltage term k (v - vr)(v - vt)", false, 0.7, 1, 1.2, 1.5),
    /** {@code vr}: resting membrane potential. */
    REST_V("vr", "mV", "resting membrane potential", false, -60, -55, -75, -60),
    /** {@code vt}: instantaneous threshold potential. */
    THRESHOLD_V("vt", "mV", "instantaneous threshold potential", false, -40, -40, -45, -40),
    /** {@code vpeak}: spike cutoff. */
    PEAK_V("vpeak", "mV", "spike cutoff: a sample with v >= vpeak is a spike", false, 35, 25, 50, 25),
    /** {@code a}: recovery rate of u. */
    RECOVERY_RATE("a", "1/ms", "recovery rate of u", false, 0.03, 0.2, 0.01, 0.03),
    /** {@code b}: sensitivity of u to v. */
    RECOVERY_SENSITIVITY("b", "nS (linear) or nS/mV^2 (cubic)",
            "sensitivity of u to v; b < 0 amplifying, b > 0 resonant", false, -2, 0.025, 5, 1),
    /** {@code c}: membrane potential after a spike. */
    RESET_V("c", "mV", "voltage after a spike", false, -50, -45, -56, -40),
    /** {@code d}: increment of u after a spike. */
    RESET_U_INCREMENT("d", "pA", "increment of u after a spike (outward minus inward currents of the spike)",
            false, 100, 0, 130, 150),
    /** {@code vb}: onset of the cubic recovery nullcline. */
    CUBIC_ONSET_V("vb", "mV", "onset of the cubic recovery nullcline (cubic recovery only)", false, -60, -55, -75, -60);

    private static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>();
        for (Parameter p : values()) {
            keys.add(p.key);
        }
        KEYS = Collections.unmodifiableList(keys);
    }

    private final String key;
    private final String unit;
    private final String meaning;
    private final boolean positive;
    /** By {@link Preset#ordinal()}: the value in each preset (RS, FS, IB, CH). */
    private final double[] presetValues;

    Parameter(String key, String unit, String meaning, boolean positive, double rs, double fs, double ib,
            double ch) {
        this.key = key;
        this.unit = unit;
        this.meaning = meaning;
        this.positive = positive;
        this.presetValues = new double[] {rs, fs, ib, ch};
    }

    /** The name used in config files and HDF5 provenance, e.g. {@code "vpeak"}. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** One phrase for users. */
    public String meaning() {
        return meaning;
    }

    /** Whether the parameter must be {@code > 0} (else any finite value is allowed). */
    public boolean positive() {
        return positive;
    }

    /** The value of this parameter in {@code preset}. */
    public double valueIn(Preset preset) {
        // by ordinal, not a switch: Preset's constructor calls this while Preset is initialised
        return presetValues[preset.ordinal()];
    }

    /** The config keys of all parameters, in table order; unmodifiable. */
    public static List<String> keys() {
        return KEYS;
    }

    /** The parameter with config key {@code key} (case-sensitive), or {@code null}. */
    public static Parameter byKey(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }
}
