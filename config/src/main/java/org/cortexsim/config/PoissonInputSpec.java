package org.cortexsim.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code type: poisson}: an independent Poisson spike train of rate {@code rate_Hz} (Hz) per target
 * neuron, delivered through {@code synapse} with {@code weight} (pA for current synapses, nS for
 * conductance synapses) after {@code delay_ms} (ms; absent means one time step). A delay shorter
 * than one step is refused unless {@code roundDelays} ({@code round_delays: true}). Only the
 * selected {@code neurons} receive a train; each draws the train it has when the whole population
 * is driven.
 *
 * <p>Invariants: {@code rateHz} finite and {@code >= 0}; all components non-null.
 */
public record PoissonInputSpec(String population, double rateHz, ValueSpec weight, Optional<ValueSpec> delayMs,
        SynapseSpec synapse, TimeWindow window, Location location, boolean roundDelays, NeuronSelection neurons)
        implements InputSpec {

    /** Into every neuron of the population. */
    public PoissonInputSpec(String population, double rateHz, ValueSpec weight, Optional<ValueSpec> delayMs,
            SynapseSpec synapse, TimeWindow window, Location location, boolean roundDelays) {
        this(population, rateHz, weight, delayMs, synapse, window, location, roundDelays, new NeuronSelection.All());
    }

    /** An input whose delay must be at least one step (no {@code round_delays}). */
    public PoissonInputSpec(String population, double rateHz, ValueSpec weight, Optional<ValueSpec> delayMs,
            SynapseSpec synapse, TimeWindow window, Location location) {
        this(population, rateHz, weight, delayMs, synapse, window, location, false);
    }

    public PoissonInputSpec {
        Objects.requireNonNull(population, "population");
        if (!(rateHz >= 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be finite and >= 0, got " + rateHz);
        }
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(delayMs, "delayMs");
        Objects.requireNonNull(synapse, "synapse");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(neurons, "neurons");
    }
}
