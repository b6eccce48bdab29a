package org.cortexsim.run.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ValueSpec;
import org.cortexsim.core.Distribution;
import org.cortexsim.results.SonataReader;

/**
 * Turns a config {@link ValueSpec} into a core {@link Distribution}, reading given values from
 * a CSV column or an HDF5 dataset. Errors name the config location of the value.
 */
final class ValueSources {
    private ValueSources() {
    }

    static Distribution distribution(ValueSpec spec) throws ConfigException {
        if (spec instanceof ValueSpec.Constant c) {
            return new Distribution.Constant(c.value());
        } else if (spec instanceof ValueSpec.Uniform u) {
            return new Distribution.Uniform(u.low(), u.high());
        } else if (spec instanceof ValueSpec.Normal n) {
            return new Distribution.Normal(n.mean(), n.sd(), n.min().orElse(Double.NEGATIVE_INFINITY),
                    n.max().orElse(Double.POSITIVE_INFINITY));
        } else if (spec instanceof ValueSpec.Lognormal l) {
            return new Distribution.LogNormal(l.mu(), l.sigma());
        } else if (spec instanceof ValueSpec.CsvColumn c) {
            return new Distribution.Values(csvColumn(c.path(), c.column(), spec), c.path() + " column " + c.column());
        } else if (spec instanceof ValueSpec.Hdf5Dataset h) {
            return new Distribution.Values(hdf5Dataset(h.path(), h.dataset(), spec), h.path() + ":" + h.dataset());
        } else if (spec instanceof ValueSpec.Given g) {
            return new Distribution.Values(g.values(), g.origin());
        }
        throw new IllegalStateException("unhandled value spec " + spec);
    }

    /**
     * {@code count} values drawn from {@code spec} with the stream {@code rng}; given values must
     * number exactly {@code count}.
     */
    static double[] values(ValueSpec spec, int count, SplittableRandom rng, String what) throws ConfigException {
        Distribution d = distribution(spec);
        if (d instanceof Distribution.Values v && v.values().length != count) {
            throw new ConfigException(spec.location(), v.origin() + " has " + v.values().length + " values but "
                    + what + " needs " + count);
        }
        return d.sampleAll(rng, count);
    }

    /** A numeric column of a CSV file with a header line, by column name. */
    static double[] csvColumn(Path path, String column, ValueSpec spec) throws ConfigException {
        List<String> lines = readLines(path, spec);
        if (lines.isEmpty()) {
            throw new ConfigException(spec.location(), path + " is empty; expected a header line naming '" + column + "'");
        }
        String[] header = lines.get(0).split(",", -1);
        int col = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(column)) {
                col = i;
            }
        }
        if (col < 0) {
            throw new ConfigException(spec.location(), path + " has no column '" + column + "'; its columns: "
                    + String.join(", ", header));
        }
        double[] out = new double[lines.size() - 1];
        int n = 0;
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (col >= cells.length) {
                throw new ConfigException(spec.location(), path + ":" + (row + 1) + ": no value in column '" + column + "'");
            }
            try {
                out[n++] = Double.parseDouble(cells[col].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(spec.location(), path + ":" + (row + 1) + ": '" + cells[col].trim()
                        + "' in column '" + column + "' is not a number");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static List<String> readLines(Path path, ValueSpec spec) throws ConfigException {
        return readLines(path, spec.location());
    }

    static List<String> readLines(Path path, org.cortexsim.config.Location location) throws ConfigException {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1));
            }
            return lines;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(location, "file not found: " + path + "; check the path (relative paths are "
                    + "relative to the config file)");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException(location, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** A one-dimensional numeric dataset of an HDF5 file, read through results' {@link SonataReader#numbers}. */
    static double[] hdf5Dataset(Path path, String dataset, ValueSpec spec) throws ConfigException {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(spec.location(), "file not found: " + path + "; check the path");
        }
        double[] values;
        try (SonataReader file = SonataReader.open(path)) {
            values = file.numbers(dataset);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(spec.location(), "cannot read " + path + ":" + dataset + ": " + e.getMessage());
        }
        if (values == null) {
            throw new ConfigException(spec.location(), path + " has no one-dimensional numeric dataset '" + dataset
                    + "'; check the dataset path (e.g. /group/name) and that it holds one number per element");
        }
        return values;
    }
}
