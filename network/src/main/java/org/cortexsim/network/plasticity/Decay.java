package org.cortexsim.network.plasticity;

/**
 * Exact exponential decay over whole steps: {@code factor(e) = exp(-(e * dt) / tau)}, the
 * factor by which a trace with time constant tau (ms) shrinks in {@code e} steps of dt ms. The
 * elapsed time is formed as {@code e * dt} (one rounding) and the exponential is
 * {@link StrictMath#exp} (fdlibm: the same value on every JVM and in every compilation tier).
 * Factors for {@code e < }{@value #TABLE} come from a table filled with that very expression, so
 * they are bit-identical to computing it. With {@code tau = 0} every factor of one step or more
 * is 0. Immutable.
 */
public final class Decay {
    /** Steps covered by the table (64 KB): longer intervals are computed. */
    public static final int TABLE = 8192;

    private final double tauMs;
    private final double dtMs;
    private final double[] table;

    private Decay(double tauMs, double dtMs) {
        if (!(tauMs >= 0) || !Double.isFinite(tauMs) || !(dtMs > 0)) {
            throw new IllegalArgumentException("decay needs tau >= 0 and dt > 0 ms, got tau " + tauMs + ", dt " + dtMs);
        }
        this.tauMs = tauMs;
        this.dtMs = dtMs;
        this.table = new double[TABLE];
        for (int e = 0; e < TABLE; e++) {
            table[e] = compute(e);
        }
    }

    /** The decay with time constant {@code tauMs} (ms, >= 0) on a grid of {@code dtMs}. */
    public static Decay of(double tauMs, double dtMs) {
        return new Decay(tauMs, dtMs);
    }

    private double compute(long steps) {
        if (steps == 0) {
            return 1.0;
        }
        if (tauMs == 0) {
            return 0.0;
        }
        return StrictMath.exp(-(steps * dtMs) / tauMs);
    }

    /** {@code exp(-(steps * dt) / tau)} for {@code steps >= 0}. */
    public double factor(long steps) {
        return steps < TABLE ? table[(int) steps] : compute(steps);
    }

    public double tauMs() {
        return tauMs;
    }
}
