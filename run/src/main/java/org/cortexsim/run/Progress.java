package org.cortexsim.run;

/**
 * A progress report of a running simulation: steps done of all, model time (ms), wall time of
 * the loop (s) and spikes so far.
 */
public record Progress(long stepsDone, long steps, double modelTimeMs, double durationMs, double wallSeconds,
        long spikes) {

    /** Fraction done, 0..1. */
    public double fraction() {
        return steps == 0 ? 1.0 : (double) stepsDone / steps;
    }

    /** Wall time per unit of model time (NEST's real-time factor: > 1 is slower than real time). */
    public double realTimeFactor() {
        return modelTimeMs <= 0 ? Double.NaN : wallSeconds / (modelTimeMs / 1000.0);
    }

    /** Estimated wall seconds remaining. */
    public double etaSeconds() {
        return stepsDone == 0 ? Double.NaN : wallSeconds * (steps - stepsDone) / stepsDone;
    }
}
