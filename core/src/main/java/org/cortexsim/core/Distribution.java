package org.cortexsim.core;

import java.util.SplittableRandom;

/**
 * Where a per-neuron or per-synapse quantity comes from: a constant, a random distribution, or
 * given values (read from a file by the io module). Draws come from a stream the caller owns,
 * so results depend only on the seed and the purpose of the stream.
 */
public sealed interface Distribution {
    /** The value for element {@code index}, drawing from {@code rng} where random. */
    double sample(SplittableRandom rng, int index);

    /** Whether every element gets the same value. */
    default boolean isConstant() {
        return false;
    }

    /** n values, element i from {@link #sample(SplittableRandom, int)}. */
    default double[] sampleAll(SplittableRandom rng, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = sample(rng, i);
        }
        return out;
    }

    record Constant(double value) implements Distribution {
        @Override
        public double sample(SplittableRandom rng, int index) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    /** Uniform on [low, high). */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            if (!(high >= low)) {
                throw new IllegalArgumentException("uniform: high (" + high + ") must be >= low (" + low + ")");
            }
        }

        @Override
        public double sample(SplittableRandom rng, int index) {
            return low + (high - low) * rng.nextDouble();
        }
    }

    /** Normal with mean and standard deviation, clipped to [min, max]. */
    record Normal(double mean, double sd, double min, double max) implements Distribution {
        public Normal {
            if (!(sd >= 0)) {
                throw new IllegalArgumentException("normal: sd must be >= 0, got " + sd);
            }
            if (!(max >= min)) {
                throw new IllegalArgumentException("normal: max (" + max + ") must be >= min (" + min + ")");
            }
        }

        @Override
        public double sample(SplittableRandom rng, int index) {
            return Math.min(max, Math.max(min, mean + sd * gaussian(rng)));
        }
    }

    /** Log-normal: exp(mu + sigma N(0, 1)). */
    record LogNormal(double mu, double sigma) implements Distribution {
        public LogNormal {
            if (!(sigma >= 0)) {
                throw new IllegalArgumentException("lognormal: sigma must be >= 0, got " + sigma);
            }
        }

        @Override
        public double sample(SplittableRandom rng, int index) {
            return Math.exp(mu + sigma * gaussian(rng));
        }
    }

    /** Given values, element i taking values[i]. */
    record Values(double[] values, String origin) implements Distribution {
        @Override
        public double sample(SplittableRandom rng, int index) {
            if (index >= values.length) {
                throw new IllegalArgumentException(origin + " has " + values.length + " values; element " + index
                        + " was asked for");
            }
            return values[index];
        }
    }

    /** A standard normal deviate (Marsaglia's polar method) from {@code rng}. */
    static double gaussian(SplittableRandom rng) {
        double x;
        double y;
        double s;
        do {
            x = 2 * rng.nextDouble() - 1;
            y = 2 * rng.nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        return x * Math.sqrt(-2 * Math.log(s) / s);
    }
}
