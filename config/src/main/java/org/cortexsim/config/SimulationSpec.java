package org.cortexsim.config;

import java.util.Objects;

/**
 * The {@code simulation} section: time step {@code dt_ms} and length {@code duration_ms} (both in
 * ms), the random seed and the number of worker threads.
 *
 * <p>Invariants: {@code dtMs > 0}, {@code durationMs >= dtMs}, both finite; {@code threads >= 0}
 * where 0 means "use all available cores".
 */
public record SimulationSpec(double dtMs, double durationMs, long seed, int threads, Location location) {

    /** Seed used when the config gives none. */
    public static final long DEFAULT_SEED = 1;

    public SimulationSpec {
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs must be finite and > 0, got " + dtMs);
        }
        if (!(durationMs >= dtMs) || !Double.isFinite(durationMs)) {
            throw new IllegalArgumentException("durationMs must be finite and >= dtMs, got " + durationMs);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        Objects.requireNonNull(location, "location");
    }

    /** Number of time steps, {@code round(durationMs / dtMs)}. */
    public long steps() {
        return Math.round(durationMs / dtMs);
    }
}
