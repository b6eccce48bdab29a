package org.cortexsim.run;

import org.cortexsim.core.TimeGrid;

/**
 * When a run checkpoints: after the steps {@code n_k = grid.stepAtOrAfter(k * everyMs)}, k = 1,
 * 2, ..., the first samples at or after the model-time multiples of {@code everyMs}. The same
 * steps whether a run started at 0 or was resumed, so an uninterrupted run and a resumed one
 * write the same segment sequence.
 */
final class CheckpointSchedule {
    private final TimeGrid grid;
    private final double everyMs;
    private long k;
    private long next;

    /** The schedule of a run that continues from {@code fromStep} (0 for a new run): the next checkpoint after it. */
    CheckpointSchedule(TimeGrid grid, double everyMs, long fromStep) {
        this.grid = grid;
        this.everyMs = everyMs;
        k = Math.max(1, (long) Math.floor(grid.timeOf(fromStep) / everyMs));
        while (k > 1 && stepOf(k - 1) > fromStep) {
            k--;
        }
        while (stepOf(k) <= fromStep) {
            k++;
        }
        next = stepOf(k);
    }

    private long stepOf(long multiple) {
        return grid.stepAtOrAfter(multiple * everyMs);
    }

    /** The next number of steps done after which a checkpoint is due. */
    long nextDue() {
        return next;
    }

    /**
     * Whether to checkpoint after {@code stepsDone} steps; asked in order, at least after every
     * step {@link #nextDue} names.
     */
    boolean due(long stepsDone) {
        if (stepsDone < next) {
            return false;
        }
        while (stepOf(k) <= stepsDone) {
            k++;
        }
        next = stepOf(k);
        return true;
    }
}
