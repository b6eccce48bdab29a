package org.cortexsim.config;

import java.util.OptionalDouble;

/**
 * When something is active: from {@code start_ms} (default 0) to {@code stop_ms} (ms). An absent
 * stop means "until the end of the simulation".
 *
 * <p>Invariants: {@code startMs} finite and {@code >= 0}; when present, {@code stopMs > startMs}.
 */
public record TimeWindow(double startMs, OptionalDouble stopMs) {

    /** The whole simulation. */
    public static final TimeWindow ALWAYS = new TimeWindow(0, OptionalDouble.empty());

    public TimeWindow {
        if (!(startMs >= 0) || !Double.isFinite(startMs)) {
            throw new IllegalArgumentException("startMs must be finite and >= 0, got " + startMs);
        }
        if (stopMs.isPresent() && !(stopMs.getAsDouble() > startMs && Double.isFinite(stopMs.getAsDouble()))) {
            throw new IllegalArgumentException("stopMs must be finite and > startMs, got " + stopMs);
        }
    }
}
