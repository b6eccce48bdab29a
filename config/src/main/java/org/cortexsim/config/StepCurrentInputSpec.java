package org.cortexsim.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code type: step_current} (NEST's {@code step_current_generator}): a piecewise-constant current,
 * {@code amplitudes_pA[i]} (pA) from {@code times_ms[i]} (ms, inclusive) until {@code times_ms[i+1]}
 * (exclusive), 0 before the first time, the last amplitude from the last time until the end of the
 * window; the same for every selected neuron. A time t applies from the first step n with
 * {@code n * dt >= t} (as {@code start_ms} does).
 *
 * <p>Invariants: as many times as amplitudes, at least one; times finite, {@code >= 0} and
 * strictly increasing, each on a step of its own (checked by the reader, which knows dt);
 * amplitudes finite.
 */
public record StepCurrentInputSpec(String population, List<Double> timesMs, List<Double> amplitudesPA,
        TimeWindow window, Location location, NeuronSelection neurons) implements InputSpec {

    public StepCurrentInputSpec {
        Objects.requireNonNull(population, "population");
        timesMs = List.copyOf(timesMs);
        amplitudesPA = List.copyOf(amplitudesPA);
        if (timesMs.isEmpty() || timesMs.size() != amplitudesPA.size()) {
            throw new IllegalArgumentException("need as many times as amplitudes, at least one");
        }
        for (int i = 0; i < timesMs.size(); i++) {
            double t = timesMs.get(i);
            if (!(t >= 0) || !Double.isFinite(t) || (i > 0 && !(t > timesMs.get(i - 1)))
                    || !Double.isFinite(amplitudesPA.get(i))) {
                throw new IllegalArgumentException("times must be finite, >= 0 and strictly increasing; amplitudes"
                        + " finite");
            }
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(neurons, "neurons");
    }
}
