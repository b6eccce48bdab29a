package org.cortexsim.network.plasticity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact exponential decay over whole steps: {@code factor(e) = exp(-(e * dt) / tau)}, the
 * factor by which a trace with time constant tau (ms) shrinks in {@code e} steps of dt ms. The
 * elapsed time is formed as {@code e * dt} (one rounding) and the exponential is
 * {@link StrictMath#exp} (fdlibm: the same value on every JVM and in every compilation tier).
 * Factors come from a table filled with that very expression, up to the first one that is
 * exactly 0 (about 745 tau / dt steps; all later ones are 0 too) or {@value #MAX_TABLE} steps,
 * whichever is smaller; beyond a capped table the expression is computed. Either way the
 * result is bit-identical to computing the expression. With {@code tau = 0} every factor of
 * one step or more is 0. Immutable; instances with equal tau and dt are shared.
 */
public final class Decay {
    /** Most steps a table covers (1 MiB). */
    public static final int MAX_TABLE = 1 << 17;

    private static final Map<String, Decay> SHARED = new ConcurrentHashMap<>();

    private final double tauMs;
    private final double dtMs;
    private final double[] table;
    /** The first step count whose factor is exactly 0, or {@code Long.MAX_VALUE} beyond a capped table. */
    private final long zeroFrom;

    private Decay(double tauMs, double dtMs) {
        if (!(tauMs >= 0) || !Double.isFinite(tauMs) || !(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("decay needs tau >= 0 and dt > 0 ms, got tau " + tauMs + ", dt " + dtMs);
        }
        this.tauMs = tauMs;
        this.dtMs = dtMs;
        double[] t = new double[MAX_TABLE];
        long zero = Long.MAX_VALUE;
        int size = MAX_TABLE;
        for (int e = 0; e < MAX_TABLE; e++) {
            t[e] = compute(e);
            if (t[e] == 0.0) {
                zero = e;
                size = e;
                break;
            }
        }
        this.table = java.util.Arrays.copyOf(t, size);
        this.zeroFrom = zero;
    }

    /** The decay with time constant {@code tauMs} (ms, >= 0) on a grid of {@code dtMs}. */
    public static Decay of(double tauMs, double dtMs) {
        return SHARED.computeIfAbsent(tauMs + "/" + dtMs, key -> new Decay(tauMs, dtMs));
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
        if (steps < table.length) {
            return table[(int) steps];
        }
        return steps >= zeroFrom ? 0.0 : compute(steps);
    }
}
