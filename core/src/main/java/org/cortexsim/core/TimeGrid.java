package org.cortexsim.core;

/**
 * The simulation's time grid: sample {@code n} is the state at time {@code n * dt} ms and step
 * {@code n} turns sample n into sample n + 1. Converts times in ms to step indices in one place,
 * so every component rounds the same way.
 */
public record TimeGrid(double dtMs) {
    /** Relative tolerance under which {@code ms / dt} counts as a whole number of steps. */
    private static final double WHOLE = 1e-9;

    public TimeGrid {
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dt must be a positive number of ms, got " + dtMs);
        }
    }

    /**
     * The first step whose time {@code n * dt} is at or after {@code ms}: {@code ceil(ms / dt)},
     * where a quotient within 1e-9 (relative) of a whole number counts as that number, so that
     * 100 ms at dt = 0.1 ms is step 1000. Negative times give step 0.
     */
    public long stepAtOrAfter(double ms) {
        if (ms <= 0) {
            return 0;
        }
        double x = ms / dtMs;
        double r = Math.rint(x);
        if (Math.abs(x - r) <= WHOLE * Math.max(1.0, Math.abs(x))) {
            return (long) r;
        }
        return (long) Math.ceil(x);
    }

    /**
     * A duration in whole steps, rounded to the nearest step: delays of the network are
     * {@code round(delay / dt)}, at least one step ({@link #isBelowOneStep}).
     */
    public long roundedSteps(double ms) {
        return Math.round(ms / dtMs);
    }

    /**
     * Whether a delay of {@code ms} is shorter than one step, the smallest delay a spike can take
     * (with the same 1e-9 relative tolerance as {@link #stepAtOrAfter}, so that a delay written as
     * dt counts as one step); false for NaN.
     */
    public boolean isBelowOneStep(double ms) {
        return ms / dtMs < 1 - WHOLE;
    }

    /** Time of sample or step {@code n}, ms. */
    public double timeOf(long n) {
        return n * dtMs;
    }

    /** Time of sample or step {@code n} as text for messages, ms: {@link #text} of {@link #timeOf}. */
    public String label(long n) {
        return text(timeOf(n));
    }

    /**
     * A time in ms as text for messages and status attributes, without the binary rounding noise
     * of {@code n * dt}: rounded to 12 significant digits, trailing zeros dropped ({@code 2500.1}
     * rather than {@code 2500.1000000000004}, {@code 2500} rather than {@code 2500.0}).
     */
    public static String text(double ms) {
        if (!Double.isFinite(ms)) {
            return Double.toString(ms);
        }
        if (ms == 0) {
            return "0";
        }
        return rounded(ms).stripTrailingZeros().toPlainString();
    }

    /**
     * A time in ms as the double nearest its 12 significant digits: {@code 2000.1}, not the
     * {@code 2000.1000000000001} that accumulating steps of 0.1 gives (finite times only).
     */
    public static double clean(double ms) {
        return ms == 0 || !Double.isFinite(ms) ? ms : rounded(ms).doubleValue();
    }

    private static java.math.BigDecimal rounded(double ms) {
        return new java.math.BigDecimal(ms).round(new java.math.MathContext(12));
    }
}
