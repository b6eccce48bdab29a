package org.cortexsim.sweep;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How to run a sweep on this machine: how many runs at once ({@code parallel}, 0 = as many as
 * the cores allow) and threads per run ({@code threads}, 0 = cores divided by runs at once, at
 * least 1), where progress lines go ({@code log}), the number of cores to budget for, and the flag
 * that, once set (by a signal), stops the runs at their next step with a checkpoint each and
 * starts no more.
 *
 * <p>Invariants: {@code parallel >= 0}, {@code threads >= 0}, {@code cores >= 1}.
 */
public record SweepOptions(int parallel, int threads, int cores, Consumer<String> log, AtomicBoolean interrupt) {

    /** Options that nothing interrupts. */
    public SweepOptions(int parallel, int threads, int cores, Consumer<String> log) {
        this(parallel, threads, cores, log, new AtomicBoolean());
    }

    public SweepOptions {
        if (parallel < 0 || threads < 0 || cores < 1) {
            throw new IllegalArgumentException("parallel and threads must be >= 0 and cores >= 1");
        }
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(interrupt, "interrupt");
    }

    /** Runs at once for {@code runs} pending runs: as given, else min(runs, cores); at least 1. */
    int parallelFor(int runs) {
        int p = parallel > 0 ? parallel : Math.min(runs, Math.max(1, cores / Math.max(1, threads)));
        return Math.max(1, Math.min(p, Math.max(1, runs)));
    }

    /** Threads per run when {@code parallel} runs go at once: as given, else cores / parallel (>= 1). */
    int threadsFor(int parallelRuns) {
        return threads > 0 ? threads : Math.max(1, cores / Math.max(1, parallelRuns));
    }
}
