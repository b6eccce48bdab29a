package org.cortexsim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs sweeps on this machine: all runs in parallel under a core budget (runs at once x threads
 * per run <= cores, unless the user sets both), a single run by index (SLURM job arrays), and
 * collecting the summary from the output files alone.
 *
 * <p>Resumable: a run whose output file is complete ({@link RunOutcome#isComplete}) is never run
 * again; its outcome is read from the file. Outputs are published atomically by the runner, so a
 * crash (of a run or of the whole process) leaves either a complete file or none for each run; a
 * run that was stopped or killed with a checkpoint beside its output resumes from it.
 */
public final class LocalSweep {
    private LocalSweep() {
    }

    /** Runs every run not yet complete, then writes the summary. */
    public static SweepReport run(Sweep sweep, SweepOptions options) throws IOException {
        Files.createDirectories(sweep.outputDir());
        SweepProgress progress = new SweepProgress(sweep.runs().size(), options.log());
        RunOutcome[] outcomes = new RunOutcome[sweep.runs().size()];
        List<SweepRun> pending = RunOutcome.pendingRuns(sweep, progress, outcomes);
        int parallel = options.parallelFor(pending.size());
        int threads = options.threadsFor(parallel);
        progress.note(sweep.runs().size() + " run(s): " + progress.skippedCount() + " already complete, "
                + pending.size() + " to run, " + parallel + " at once with " + threads + " thread(s) each");
        String here = "local";
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "cortexsim-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (SweepRun run : pending) {
                futures.add(pool.submit(() -> {
                    RunOutcome o = options.interrupt().get()
                            ? RunOutcome.failed(run, "interrupted", "not started: the sweep was stopped", here)
                            : RunExecution.execute(sweep.baseText(), sweep.baseConfig().toString(),
                                    sweep.baseConfig().getParent(), run, threads, here, options.interrupt()).outcome();
                    progress.finished(o);
                    return o;
                }));
            }
            for (Future<RunOutcome> f : futures) {
                RunOutcome o = f.get();
                outcomes[o.index()] = o;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for runs", e);
        } catch (ExecutionException e) {
            throw new IOException("a run crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return finish(sweep, List.of(outcomes), progress.ran(), progress.skippedCount(), 0);
    }

    /**
     * Runs run {@code index} alone with {@code threads} threads (the SLURM array contract:
     * task K runs exactly run K). A complete output is left alone. Does not write the summary.
     *
     * @throws org.cortexsim.config.ConfigException if the index is out of range
     */
    public static RunOutcome runIndex(Sweep sweep, int index, int threads)
            throws org.cortexsim.config.ConfigException, IOException {
        return runIndex(sweep, index, threads, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /**
     * As {@link #runIndex(Sweep, int, int)}, stopped (with a checkpoint, for the requeued task to
     * resume from) when {@code interrupt} is set.
     */
    public static RunOutcome runIndex(Sweep sweep, int index, int threads,
            java.util.concurrent.atomic.AtomicBoolean interrupt)
            throws org.cortexsim.config.ConfigException, IOException {
        SweepRun run = sweep.run(index);
        Files.createDirectories(sweep.outputDir());
        if (RunOutcome.isComplete(run.output())) {
            return RunOutcome.read(run, run.output(), "(earlier)");
        }
        return RunExecution.execute(sweep.baseText(), sweep.baseConfig().toString(), sweep.baseConfig().getParent(),
                run, Math.max(1, threads), hostName(), interrupt).outcome();
    }

    /** Builds the summary from the output files alone; runs without a readable output are {@code missing}. */
    public static SweepReport collect(Sweep sweep) throws IOException {
        List<RunOutcome> outcomes = new ArrayList<>();
        int missing = 0;
        for (SweepRun run : sweep.runs()) {
            if (Files.isRegularFile(run.output())) {
                try {
                    outcomes.add(RunOutcome.read(run, run.output(), "(collected)"));
                    continue;
                } catch (IOException | RuntimeException e) {
                    outcomes.add(RunOutcome.failed(run, "unreadable", e.getMessage() == null ? e.toString()
                            : e.getMessage(), "(collected)"));
                    missing++;
                    continue;
                }
            }
            outcomes.add(RunOutcome.failed(run, "missing", "no output file", "(collected)"));
            missing++;
        }
        return finish(sweep, outcomes, 0, outcomes.size() - missing, missing);
    }

    static SweepReport finish(Sweep sweep, List<RunOutcome> outcomes, int ran, int skipped, int missing)
            throws IOException {
        Summary.write(sweep, outcomes);
        int failed = (int) outcomes.stream().filter(o -> !o.completed()).count();
        return new SweepReport(outcomes, ran, skipped, failed, missing,
                sweep.outputDir().resolve(Sweep.SUMMARY_CSV), sweep.outputDir().resolve(Sweep.SUMMARY_H5));
    }

    static String hostName() {
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "local" : h;
    }
}
