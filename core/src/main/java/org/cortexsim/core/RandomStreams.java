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

    /**
     * A sequential stream for part {@code index} of {@code purpose} (e.g. block 3 of the targets
     * of {@code "connectivity/ee"}): parts are independent streams, so each can be drawn without
     * drawing the others.
     */
    public SplittableRandom stream(String purpose, long index) {
        return new SplittableRandom(mix(key(purpose) ^ mix(0x9E3779B97F4A7C15L * (index + 1))));
    }

    /** A uniform double in [0, 1) from stream {@code key} at position {@code counter}. */
    public static double uniform(long key, long counter) {
        return (mix(key + 0x9E3779B97F4A7C15L * (counter + 1)) >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal deviate from stream {@code key} at position {@code counter}. Positions
     * 2m and 2m + 1 are the two outputs of one Box-Muller transform of the uniforms at positions
     * 2m and 2m + 1 ({@code r cos(theta)} and {@code r sin(theta)}, independent standard
     * normals): {@link #boxMullerRadius} and {@link #boxMullerAngle} give a caller filling
     * consecutive positions both at the price of one.
     */
    public static double gaussian(long key, long counter) {
        final long pair = counter & ~1L;
        final double r = boxMullerRadius(key, pair);
        final double theta = boxMullerAngle(key, pair);
        return (counter & 1L) == 0 ? r * Math.cos(theta) : r * Math.sin(theta);
    }

    /** The radius {@code sqrt(-2 ln(1 - U))} of the Box-Muller pair at even position {@code pair}. */
    public static double boxMullerRadius(long key, long pair) {
        return Math.sqrt(-2.0 * Math.log(1.0 - uniform(key, pair)));
    }

    /** The angle {@code 2 pi U'} of the Box-Muller pair at even position {@code pair}. */
    public static double boxMullerAngle(long key, long pair) {
        return 2.0 * Math.PI * uniform(key, pair + 1);
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
