package org.cortexsim.io.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code record.state}: sample {@code variables} (v in mV, u in pA) of the selected
 * {@code neurons} of {@code population} every {@code every_steps} time steps during the window.
 *
 * <p>Invariants: {@code name} is an identifier unique within {@code record.state} (defaults to
 * {@code state_<index>}); {@code variables} is non-empty, distinct, each in
 * {@link #VARIABLES}; {@code everySteps >= 1}; neuron ids lie within the population.
 */
public record StateRecordSpec(String name, String population, List<String> variables, NeuronSelection neurons,
        int everySteps, TimeWindow window, Location location) {

    /** Recordable state variables. */
    public static final Set<String> VARIABLES = Set.of("v", "u");

    public StateRecordSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(population, "population");
        variables = List.copyOf(variables);
        if (variables.isEmpty() || !VARIABLES.containsAll(variables)
                || variables.stream().distinct().count() != variables.size()) {
            throw new IllegalArgumentException("bad variables " + variables);
        }
        Objects.requireNonNull(neurons, "neurons");
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be >= 1, got " + everySteps);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
    }
}
