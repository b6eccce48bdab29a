package org.cortexsim.config;

import java.util.Objects;

/**
 * Where a configuration value came from: a source (file name, or {@code --set key=value} for an
 * override), a 1-based line and column inside it, and the key path of the value (for example
 * {@code populations[1].size}).
 *
 * <p>Invariants: {@code source} and {@code keyPath} are non-null ({@code keyPath} may be empty for
 * errors about the whole file); {@code line} and {@code column} are both {@code >= 1}, or both
 * {@code 0} when the source has no meaningful position (overrides, missing files).
 */
public record Location(String source, int line, int column, String keyPath) {

    public Location {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        if (line < 0 || column < 0 || (line == 0) != (column == 0)) {
            throw new IllegalArgumentException("line and column must both be >= 1 or both 0, got "
                    + line + ":" + column);
        }
    }

    /** A location for the whole of {@code source}, without position or key path. */
    public static Location of(String source) {
        return new Location(source, 0, 0, "");
    }

    /** True when {@link #line()} and {@link #column()} point into the source text. */
    public boolean hasPosition() {
        return line > 0;
    }

    /** The same position with another key path. */
    public Location withKeyPath(String path) {
        return new Location(source, line, column, path);
    }

    /** {@code source:line:column: keyPath}, leaving out the parts that are absent. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (hasPosition()) {
            sb.append(':').append(line).append(':').append(column);
        }
        if (!keyPath.isEmpty()) {
            sb.append(": ").append(keyPath);
        }
        return sb.toString();
    }
}
