package org.cortexsim.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem that was found (not just the first).
 *
 * <p>The exception is checked on purpose: a bad configuration is an expected, user-caused
 * condition that the command line must turn into a readable report, never a stack trace. The
 * message is one {@link ConfigError} per line, each starting with {@code file:line:column:}.
 *
 * <p>Invariants: {@link #errors()} is non-empty and unmodifiable. No exception of the underlying
 * parsers is attached as a cause, so nothing of Jackson or SnakeYAML leaks to callers.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /** Creates an exception from one or more errors. */
    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** Creates an exception for a single problem at {@code location}. */
    public ConfigException(Location location, String message) {
        this(List.of(new ConfigError(location, message)));
    }

    /** The problems, in the order they were found (roughly the order of the source text). */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        Objects.requireNonNull(errors, "errors");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}
