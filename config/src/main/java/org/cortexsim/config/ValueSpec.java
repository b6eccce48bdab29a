package org.cortexsim.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How to obtain one number per neuron or per synapse: a constant, a random distribution, or a
 * column of values read from a file. Written in the config as a plain number or as a mapping with
 * a {@code type} key, e.g. {@code {type: uniform, low: 1, high: 2}}.
 *
 * <p>The unit is that of the key holding the spec (e.g. pA for {@code amplitude_pA}, ms for
 * {@code delay_ms}). Each spec keeps the {@link Location} of its value so that later stages
 * (sampling, reading the file) can report problems at the right place. Invariants common to all
 * variants: numbers are finite and the location is non-null; file paths are absolute.
 */
public sealed interface ValueSpec {

    /** Where the spec was written. */
    Location location();

    /** The same value for every element. */
    record Constant(double value, Location location) implements ValueSpec {
        public Constant {
            finite(value, "value");
            Objects.requireNonNull(location, "location");
        }
    }

    /** Uniform on {@code [low, high]}; invariant {@code low <= high}. */
    record Uniform(double low, double high, Location location) implements ValueSpec {
        public Uniform {
            finite(low, "low");
            finite(high, "high");
            if (high < low) {
                throw new IllegalArgumentException("high < low");
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * Normal with mean {@code mean} and standard deviation {@code sd >= 0}, optionally clipped to
     * {@code [min, max]} (each bound may be absent; when both are present {@code min <= max}).
     */
    record Normal(double mean, double sd, OptionalDouble min, OptionalDouble max, Location location)
            implements ValueSpec {
        public Normal {
            finite(mean, "mean");
            finite(sd, "sd");
            if (sd < 0) {
                throw new IllegalArgumentException("sd < 0");
            }
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isPresent() && max.isPresent() && max.getAsDouble() < min.getAsDouble()) {
                throw new IllegalArgumentException("max < min");
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** Log-normal: {@code exp(N(mu, sigma))}, with {@code sigma >= 0}; always positive. */
    record Lognormal(double mu, double sigma, Location location) implements ValueSpec {
        public Lognormal {
            finite(mu, "mu");
            finite(sigma, "sigma");
            if (sigma < 0) {
                throw new IllegalArgumentException("sigma < 0");
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** The column {@code column} of a CSV file with a header row (resolved, absolute path). */
    record CsvColumn(Path path, String column, Location location) implements ValueSpec {
        public CsvColumn {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(location, "location");
        }
    }

    /** A one-dimensional dataset (e.g. {@code /a/b}) of an HDF5 file (resolved, absolute path). */
    record Hdf5Dataset(Path path, String dataset, Location location) implements ValueSpec {
        public Hdf5Dataset {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * Values given one per element by a data source other than the config text, such as the
     * per-node attributes of a SONATA circuit ({@code origin} says which, for messages). Invariant:
     * every value is finite; the array is copied in and out.
     */
    record Given(double[] values, String origin, Location location) implements ValueSpec {
        public Given {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(location, "location");
            values = values.clone();
            for (double v : values) {
                finite(v, "value of " + origin);
            }
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Given g && java.util.Arrays.equals(values, g.values) && origin.equals(g.origin)
                    && location.equals(g.location);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values) * 31 + origin.hashCode();
        }

        @Override
        public String toString() {
            return "Given[" + values.length + " values from " + origin + "]";
        }
    }

    private static void finite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
