package org.cortexsim.config;

import java.util.Objects;

/**
 * {@code type: sinusoidal} (NEST's {@code ac_generator}): in the step starting at t = n * dt (ms),
 * {@code offset_pA + amplitude_pA * sin(2 pi frequency_Hz t / 1000 + phase_deg pi / 180)} pA into
 * every selected neuron, during the window. Invariants: all four numbers finite;
 * {@code frequencyHz >= 0}.
 */
public record SinusoidalInputSpec(String population, double offsetPA, double amplitudePA, double frequencyHz,
        double phaseDeg, TimeWindow window, Location location, NeuronSelection neurons) implements InputSpec {

    public SinusoidalInputSpec {
        Objects.requireNonNull(population, "population");
        if (!Double.isFinite(offsetPA) || !Double.isFinite(amplitudePA) || !(frequencyHz >= 0)
                || !Double.isFinite(frequencyHz) || !Double.isFinite(phaseDeg)) {
            throw new IllegalArgumentException("need finite offset, amplitude and phase, and a finite frequency >= 0");
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(neurons, "neurons");
    }
}
