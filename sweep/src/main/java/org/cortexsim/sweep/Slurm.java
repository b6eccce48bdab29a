package org.cortexsim.sweep;

import java.util.Locale;

/**
 * Writes a SLURM batch script for a sweep: a job array with one task per run
 * ({@code --array=0-(N-1)}), each running {@code cortexsim sweep --index $SLURM_ARRAY_TASK_ID}
 * with as many threads as CPUs the task was given. The summary is built afterwards with
 * {@code cortexsim sweep --collect}. The script is text only; nothing is submitted.
 */
public final class Slurm {
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
                # One array task per run of %6$s (%7$d runs). Submit with: sbatch THIS_FILE
                # Runs already complete are skipped, so resubmitting after failures is safe.
                # The output directory must exist before submitting (cortexsim sweep --sbatch creates it).
                # When all tasks are done, build the summary with:
                #   %8$s sweep --collect %9$s
                set -euo pipefail
                exec %8$s sweep --index "$SLURM_ARRAY_TASK_ID" --threads "${SLURM_CPUS_PER_TASK:-%3$d}" %9$s
                """, sweep.name(), n - 1, cpusPerTask, timeLimit, sweep.outputDir(), sweep.source(), n, launcher, q);
    }
}
