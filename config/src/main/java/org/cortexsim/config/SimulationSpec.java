package org.cortexsim.config;

import java.util.Objects;
import java.util.Optional;
import org.cortexsim.core.TimeGrid;

/**
 * The {@code simulation} section: the time grid (its step {@code dt_ms}), the length
 * {@code duration_ms} in ms, the random seed, the number of worker threads and, with {@code
 * checkpoint}, the checkpoints a run writes to be resumed from.
 *
 * <p>The grid is built once, here, when the config is read; the simulation built from this spec
 * runs on this grid and everything after the build reads time from it. The step count is
 * defined once, by {@link #steps()}.
 *
 * <p>Invariants: {@code durationMs} is finite and at least one step; {@code threads >= 0} where 0
 * means "use all available cores". (dt's own invariant is {@link TimeGrid}'s.)
 */
public record SimulationSpec(TimeGrid grid, double durationMs, long seed, int threads, Location location,
        Optional<CheckpointSpec> checkpoint) {

    /** A spec without checkpoints. */
    public SimulationSpec(TimeGrid grid, double durationMs, long seed, int threads, Location location) {
        this(grid, durationMs, seed, threads, location, Optional.empty());
    }

    /** Seed used when the config gives none. */
    public static final long DEFAULT_SEED = 1;

    public SimulationSpec {
        Objects.requireNonNull(grid, "grid");
        if (!(durationMs >= grid.dtMs()) || !Double.isFinite(durationMs)) {
            throw new IllegalArgumentException("durationMs must be finite and >= dtMs, got " + durationMs);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The time step, ms. */
    public double dtMs() {
        return grid.dtMs();
    }

    /**
     * The number of steps a run of this spec takes: the first step at or after the duration,
     * {@link TimeGrid#stepAtOrAfter(double) grid.stepAtOrAfter(durationMs)}, so that the last
     * sample is at or after {@code durationMs}.
     */
    public long steps() {
        return grid.stepAtOrAfter(durationMs);
    }
}
