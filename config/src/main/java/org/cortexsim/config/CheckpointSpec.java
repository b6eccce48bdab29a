package org.cortexsim.config;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code simulation.checkpoint}: the run writes checkpoints it can be resumed from, at the
 * model-time multiples of {@code every_ms} (ms) when given, and whenever it is stopped by SIGINT
 * or SIGTERM. It is left out of the config's {@link ConfigIdentity}: checkpoints do not change
 * results, so a run may be resumed with another interval, or none.
 *
 * <p>Invariants: {@code everyMs}, when present, is finite and positive.
 */
public record CheckpointSpec(OptionalDouble everyMs, Location location) {
    public CheckpointSpec {
        Objects.requireNonNull(everyMs, "everyMs");
        if (everyMs.isPresent() && !(everyMs.getAsDouble() > 0 && Double.isFinite(everyMs.getAsDouble()))) {
            throw new IllegalArgumentException("every_ms must be finite and > 0, got " + everyMs.getAsDouble());
        }
        Objects.requireNonNull(location, "location");
    }
}
