package org.cortexsim.sweep;

import java.util.Locale;

/**
 * Writes a SLURM batch script for a sweep: a job array with one task per run
 * ({@code --array=0-(N-1)}), each running {@code cortexsim sweep --index $SLURM_ARRAY_TASK_ID}
 * with as many threads as CPUs the task was given. The summary is built afterwards with
 * {@code cortexsim sweep --collect}. The script is text only; nothing is submitted.
 *
 * <p>Time limits: {@code --signal=B:USR1@}{@value #WARNING_SECONDS} has SLURM signal the batch
 * shell that many seconds before the task's limit; the script then sends SIGTERM to cortexsim,
 * which stops at the next step with a checkpoint, waits for it, and requeues its own array task
 * ({@code scontrol requeue JOB_TASK}, allowed by {@code --requeue}). The requeued task runs the
 * same command, which resumes the run from its checkpoint. A task that reaches its limit is thus
 * continued until the run completes, each time from where it stopped.
 */
public final class Slurm {
    /** Seconds before the time limit at which SLURM warns the script (SLURM may signal up to 60 s earlier). */
    static final int WARNING_SECONDS = 180;

    private Slurm() {
    }

    /**
     * The script for {@code sweep}; {@code launcher} is the command that starts cortexsim on the
     * compute nodes (e.g. {@code /home/me/cortexsim/cortexsim}).
     */
    public static String script(Sweep sweep, String launcher, int cpusPerTask, String timeLimit) {
        int n = sweep.runs().size();
        String q = SweepRun.quote(sweep.source().toString()).replace("''", "'\\''");
        return String.format(Locale.ROOT, """
                #!/bin/bash
                #SBATCH --job-name=cortexsim-%1$s
                #SBATCH --array=0-%2$d
                #SBATCH --cpus-per-task=%3$d
                #SBATCH --time=%4$s
                #SBATCH --output=%5$s/slurm-%%A_%%a.log
                #SBATCH --signal=B:USR1@%10$d
                #SBATCH --requeue
                # One array task per run of %6$s (%7$d runs). Submit with: sbatch THIS_FILE
                # Runs already complete are skipped, so resubmitting after failures is safe; a run that
                # was stopped or killed resumes from its checkpoint (<run>.checkpoint.h5).
                # Time limit: %10$d s before it, SLURM sends USR1 to this script, which stops cortexsim
                # with SIGTERM (it writes a checkpoint), waits for it, and requeues this task, which
                # then resumes the run. Add simulation.checkpoint.every_ms to the base config to also
                # keep progress against node crashes.
                # The output directory must exist before submitting (cortexsim sweep --sbatch creates it).
                # When all tasks are done, build the summary with:
                #   %8$s sweep --collect %9$s
                set -uo pipefail
                task="${SLURM_ARRAY_JOB_ID:-${SLURM_JOB_ID:-0}}_${SLURM_ARRAY_TASK_ID:-0}"
                on_time_limit() {
                  echo "cortexsim: task $task is near its time limit: checkpointing and requeueing" >&2
                  kill -TERM "$pid" 2>/dev/null
                  wait "$pid"
                  scontrol requeue "$task"
                  exit 0
                }
                trap on_time_limit USR1
                # in the background (exec replaces the background subshell), so that this shell can take USR1
                exec %8$s sweep --index "$SLURM_ARRAY_TASK_ID" --threads "${SLURM_CPUS_PER_TASK:-%3$d}" %9$s &
                pid=$!
                wait "$pid"
                exit $?
                """, sweep.name(), n - 1, cpusPerTask, timeLimit, sweep.outputDir(), sweep.source(), n, launcher, q,
                WARNING_SECONDS);
    }
}
