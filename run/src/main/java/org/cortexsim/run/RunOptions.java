package org.cortexsim.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How to run a config: where progress goes (every {@code progressIntervalSeconds} of wall time,
 * on the loop's thread), a flag that, once set (by a signal handler, say), stops the run at the
 * next step boundary with everything recorded so far written out, whether to {@code resume} the
 * run from its checkpoint (when there is one; a resumed run also checkpoints when stopped), and
 * whether a completed run keeps its checkpoint ({@code keepCheckpoint}) instead of deleting it.
 */
public record RunOptions(Consumer<Progress> progress, double progressIntervalSeconds, AtomicBoolean interrupt,
        boolean resume, boolean keepCheckpoint) {

    /** Options of a run that starts from the beginning and deletes its checkpoint when complete. */
    public RunOptions(Consumer<Progress> progress, double progressIntervalSeconds, AtomicBoolean interrupt) {
        this(progress, progressIntervalSeconds, interrupt, false, false);
    }

    public static RunOptions quiet() {
        return new RunOptions(p -> { }, Double.POSITIVE_INFINITY, new AtomicBoolean());
    }

    /** These options, resuming from the output's checkpoint when there is one. */
    public RunOptions withResume(boolean resumeRun) {
        return new RunOptions(progress, progressIntervalSeconds, interrupt, resumeRun, keepCheckpoint);
    }

    /** These options, keeping the checkpoint of a completed run. */
    public RunOptions withKeepCheckpoint(boolean keep) {
        return new RunOptions(progress, progressIntervalSeconds, interrupt, resume, keep);
    }
}
