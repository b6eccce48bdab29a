package org.cortexsim.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code output} section: the HDF5 file to write ({@code path}, default {@code out.h5},
 * relative to the current directory, not to the config file), whether an existing file may be
 * replaced ({@code overwrite}, default false) and whether to store the connectivity
 * ({@code edges}, default false).
 */
public record OutputSpec(Path path, boolean overwrite, boolean edges, Location location) {

    /** Output file used when the config names none. */
    public static final String DEFAULT_PATH = "out.h5";

    public OutputSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
    }
}
