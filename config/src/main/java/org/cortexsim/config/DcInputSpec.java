package org.cortexsim.config;

import java.util.Objects;

/**
 * {@code type: dc}: a constant current {@code amplitude_pA} (pA, may vary per neuron: neuron i of a
 * subset gets value i of the population's values) during the window, into {@code neurons}.
 */
public record DcInputSpec(String population, ValueSpec amplitudePA, TimeWindow window, Location location,
        NeuronSelection neurons) implements InputSpec {

    /** Into every neuron of the population. */
    public DcInputSpec(String population, ValueSpec amplitudePA, TimeWindow window, Location location) {
        this(population, amplitudePA, window, location, new NeuronSelection.All());
    }

    public DcInputSpec {
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(amplitudePA, "amplitudePA");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(neurons, "neurons");
    }
}
