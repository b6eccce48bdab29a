package org.cortexsim.core;

/**
 * The correctly rounded cube {@code x^3} (one rounding, as Python's {@code x**3} and C's
 * {@code pow(x, 3)}), computed with a compensated product so it vectorises:
 * {@code hi = x*x} exactly splits into {@code hi + lo} with {@code lo = fma(x, x, -hi)}, and
 * {@code fma(hi, x, lo*x)} rounds {@code x^3} once (up to the rounding of the tiny term lo*x).
 * The plain {@code x*x*x} rounds twice and shifts spike times of the seed's FS neuron.
 */
final class Cube {
    private Cube() {
    }

    /** {@code x^3}, rounded once. */
    public static double of(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.fma(hi, x, lo * x);
    }
}
