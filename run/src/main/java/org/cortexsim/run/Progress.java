package org.cortexsim.run;

/**
 * A progress report of a running simulation: steps done of all, model time (ms), wall time of
 * the loop (s) and spikes so far; {@code firstStep} is where this process started stepping (0,
 * or the step of the checkpoint it resumed from), so rates and the time left count only its own
 * steps.
 */
public record Progress(long stepsDone, long steps, double modelTimeMs, double durationMs, double wallSeconds,
        long spikes, long firstStep) {

    /** A report of a run that started at step 0. */
    public Progress(long stepsDone, long steps, double modelTimeMs, double durationMs, double wallSeconds,
            long spikes) {
        this(stepsDone, steps, modelTimeMs, durationMs, wallSeconds, spikes, 0);
    }

    /** Fraction done, 0..1. */
    public double fraction() {
        return steps == 0 ? 1.0 : (double) stepsDone / steps;
    }

    /** Wall time per unit of model time (NEST's real-time factor: > 1 is slower than real time). */
    public double realTimeFactor() {
        double simulatedMs = stepsDone == 0 ? 0 : modelTimeMs * (stepsDone - firstStep) / stepsDone;
        return simulatedMs <= 0 ? Double.NaN : wallSeconds / (simulatedMs / 1000.0);
    }

    /** Estimated wall seconds remaining. */
    public double etaSeconds() {
        return stepsDone <= firstStep ? Double.NaN : wallSeconds * (steps - stepsDone) / (stepsDone - firstStep);
    }
}
