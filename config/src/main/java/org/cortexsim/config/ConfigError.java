package org.cortexsim.config;

import java.util.Objects;

/**
 * One problem found in a configuration: where it is and what is wrong, phrased so that the fix is
 * evident (for example {@code must be >= 1, got 0} or {@code unknown key 'dt'; did you mean
 * 'dt_ms'?}).
 *
 * <p>Invariants: both components are non-null and the message is non-blank.
 */
public record ConfigError(Location location, String message) {

    public ConfigError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    /** The user-facing form, e.g. {@code examples/net.yaml:12:5: populations[1].size: must be >= 1, got 0}. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
