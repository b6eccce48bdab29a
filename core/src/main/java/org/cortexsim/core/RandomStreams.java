package org.cortexsim.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one master seed, one per purpose (e.g.
 * {@code "connectivity/ee"}, {@code "initial/exc/v"}), so that a result never depends on the
 * order things are built in or on the number of threads. Also a counter-based generator
 * ({@link #uniform(long, long)}) for draws made inside the step loop by several threads: the
 * value depends only on the stream key and the counter (e.g. {@code step * n + neuron}).
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A 64-bit key for {@code purpose}, a mix of the seed and the purpose's bytes. */
    public long key(String purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** A sequential stream for {@code purpose}, for use by one thread while building. */
    public SplittableRandom stream(String purpose) {
        return new SplittableRandom(key(purpose));
    }

    /** A uniform double in [0, 1) from stream {@code key} at position {@code counter}. */
    public static double uniform(long key, long counter) {
        return (mix(key + 0x9E3779B97F4A7C15L * (counter + 1)) >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal deviate from stream {@code key} at position {@code counter}
     * (Box-Muller on two counter-based uniforms).
     */
    public static double gaussian(long key, long counter) {
        double u1 = 1.0 - uniform(key, 2 * counter);
        double u2 = uniform(key, 2 * counter + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
