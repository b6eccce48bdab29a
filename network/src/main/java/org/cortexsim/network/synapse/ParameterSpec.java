package org.cortexsim.network.synapse;

/**
 * A parameter a synapse model declares: its config name, unit, default (NaN when required)
 * and the closed range of allowed values.
 */
public record ParameterSpec(String name, String unit, double defaultValue, double min, double max,
        String meaning) {

    /** Whether the parameter must be given (it has no default). */
    public boolean required() {
        return Double.isNaN(defaultValue);
    }

    /** Null if {@code value} is allowed, else what is wrong with it. */
    public String check(double value) {
        if (!Double.isFinite(value)) {
            return "must be a finite number, got " + value;
        }
        if (value < min || value > max) {
            return "must be in [" + min + ", " + max + "] " + unit + ", got " + value;
        }
        return null;
    }
}
