package org.cortexsim.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code output} section: the HDF5 file to write ({@code path}, default {@code out.h5},
 * relative to the current directory, not to the config file), whether an existing file may be
 * replaced ({@code overwrite}, default false), whether to store the connectivity in it
 * ({@code edges}, default false) and where to write the network as a SONATA circuit
 * ({@code circuit}: {@code true} for the directory {@code <stem>.circuit} beside the output, or a
 * directory path relative to the current directory; absent or {@code false} for none).
 */
public record OutputSpec(Path path, boolean overwrite, boolean edges, Optional<Path> circuit, Location location) {

    /**
     * The directory {@code circuit: true} writes to: {@code <stem>.circuit} beside {@code output},
     * where {@code <stem>} is the output's file name without {@code .h5} (the rule of the results
     * module's {@code OutputLayout}).
     */
    public static Path defaultCircuitDirectory(Path output) {
        String file = output.getFileName().toString();
        String stem = file.endsWith(".h5") ? file.substring(0, file.length() - 3) : file;
        return output.resolveSibling(stem + ".circuit");
    }

    /** Output without a SONATA circuit. */
    public OutputSpec(Path path, boolean overwrite, boolean edges, Location location) {
        this(path, overwrite, edges, Optional.empty(), location);
    }

    /** Output file used when the config names none. */
    public static final String DEFAULT_PATH = "out.h5";

    public OutputSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(location, "location");
    }
}
