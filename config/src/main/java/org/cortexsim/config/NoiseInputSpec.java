package org.cortexsim.config;

import java.util.Objects;

/**
 * {@code type: noise}: Gaussian white-noise current with mean {@code mean_pA} (pA, default 0) and
 * standard deviation {@code sigma_pA} (pA), independent per neuron. Invariant: both finite,
 * {@code sigmaPA >= 0}. A selected neuron (of {@code neurons}) draws the same numbers whatever else
 * is selected: those it draws when the whole population is driven.
 */
public record NoiseInputSpec(String population, double meanPA, double sigmaPA, TimeWindow window,
        Location location, NeuronSelection neurons) implements InputSpec {

    /** Into every neuron of the population. */
    public NoiseInputSpec(String population, double meanPA, double sigmaPA, TimeWindow window, Location location) {
        this(population, meanPA, sigmaPA, window, location, new NeuronSelection.All());
    }

    public NoiseInputSpec {
        Objects.requireNonNull(population, "population");
        if (!Double.isFinite(meanPA) || !Double.isFinite(sigmaPA) || sigmaPA < 0) {
            throw new IllegalArgumentException("need finite mean and sigma >= 0");
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(neurons, "neurons");
    }
}
