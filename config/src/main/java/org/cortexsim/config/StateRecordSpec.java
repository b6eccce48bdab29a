package org.cortexsim.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code record.state}: sample {@code variables} (v in mV, u in pA) of the selected
 * {@code neurons} of {@code population} every {@code every_steps} time steps during the window,
 * written to the report file as {@code dtype}: {@code float32} (the SONATA report type, the
 * default) or {@code float64} (every bit of the simulated values).
 *
 * <p>Invariants: {@code name} is an identifier unique within {@code record.state} (defaults to
 * {@code state_<index>}); {@code variables} is non-empty, distinct, each one of
 * {@link #VARIABLES} or a synapse field name (letters, digits, '_' and '.'; checked against the
 * built network later); {@code everySteps >= 1}; neuron ids lie within the population.
 */
public record StateRecordSpec(String name, String population, List<String> variables, NeuronSelection neurons,
        int everySteps, TimeWindow window, Location location, Dtype dtype) {

    /** The datatype of a report's values in its file. */
    public enum Dtype {
        /** IEEE single precision, SONATA's report type (values rounded to nearest). */
        FLOAT32("float32"),
        /** IEEE double precision: the simulated values exactly. */
        FLOAT64("float64");

        private final String configName;

        Dtype(String configName) {
            this.configName = configName;
        }

        /** The spelling in configs: {@code float32} or {@code float64}. */
        public String configName() {
            return configName;
        }
    }

    /** A recording written as {@link Dtype#FLOAT32}, the default. */
    public StateRecordSpec(String name, String population, List<String> variables, NeuronSelection neurons,
            int everySteps, TimeWindow window, Location location) {
        this(name, population, variables, neurons, everySteps, window, location, Dtype.FLOAT32);
    }

    /** The neuron state variables: v (mV), u (pA), I (the step's input current, pA). */
    public static final Set<String> VARIABLES = Set.of("v", "u", "I");

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    /** Whether {@code name} can name a recordable variable: a neuron variable or a synapse field. */
    public static boolean isVariableName(String name) {
        return VARIABLES.contains(name) || FIELD.matcher(name).matches();
    }

    public StateRecordSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(population, "population");
        variables = List.copyOf(variables);
        if (variables.isEmpty() || !variables.stream().allMatch(StateRecordSpec::isVariableName)
                || variables.stream().distinct().count() != variables.size()) {
            throw new IllegalArgumentException("bad variables " + variables);
        }
        Objects.requireNonNull(neurons, "neurons");
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be >= 1, got " + everySteps);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dtype, "dtype");
    }
}
