package org.cortexsim.config;

import java.util.Objects;

/** {@code type: dc}: a constant current {@code amplitude_pA} (pA, may vary per neuron) during the window. */
public record DcInputSpec(String population, ValueSpec amplitudePA, TimeWindow window, Location location)
        implements InputSpec {

    public DcInputSpec {
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(amplitudePA, "amplitudePA");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
    }
}
