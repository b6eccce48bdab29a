package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cortexsim.config.ConfigException;
import org.cortexsim.sweep.ClusterSweep;
import org.cortexsim.sweep.LocalSweep;
import org.cortexsim.sweep.RunOutcome;
import org.cortexsim.sweep.Slurm;
import org.cortexsim.sweep.Sweep;
import org.cortexsim.sweep.SweepOptions;
import org.cortexsim.sweep.SweepReport;
import org.cortexsim.sweep.SweepRun;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cortexsim sweep}: loads a sweep file and hands it to the sweep library: run it locally
 * (default), on a cluster ({@code --cluster}), one run by index ({@code --index}), list it,
 * print a SLURM script ({@code --sbatch}) or collect the summary ({@code --collect}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a parameter sweep: a base config and values to vary (see docs/sweeps.md).",
                "Runs whose output is already complete are skipped, so a sweep can be rerun to resume."})
final class SweepCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SWEEP", description = "sweep file (YAML)")
    Path file;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--list", description = "print the expanded runs and exit")
        boolean list;

        @Option(names = "--index", paramLabel = "K", description = "run only run K (e.g. $SLURM_ARRAY_TASK_ID)")
        Integer index;

        @Option(names = "--sbatch", description = "print a SLURM job-array script for this sweep")
        boolean sbatch;

        @Option(names = "--collect", description = "build the summary from the output files")
        boolean collect;

        @Option(names = "--cluster", description = "run on the workers of a cluster (see --members)")
        boolean cluster;
    }

    @Mixin
    DriverArgs driver = new DriverArgs();

    @Option(names = "--parallel", description = "local runs at once (default: cores / threads)")
    int parallel;

    @Option(names = "--threads", description = "threads per run (default: cores / runs at once)")
    int threads;

    @Option(names = "--launcher", description = "with --sbatch: command starting cortexsim on the nodes"
            + " (default ${DEFAULT-VALUE})")
    String launcher = "cortexsim";

    @Option(names = "--cpus-per-task", description = "with --sbatch (default ${DEFAULT-VALUE})")
    int cpusPerTask = 1;

    @Option(names = "--time", description = "with --sbatch: time limit per run (default ${DEFAULT-VALUE})")
    String time = "01:00:00";

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = err();
        PrintWriter out = out();
        String bad = parallel < 0 ? "--parallel must be >= 0 (0 = cores / threads), got " + parallel
                : threads < 0 ? "--threads must be >= 0 (0 = cores / runs at once), got " + threads
                : cpusPerTask < 1 ? "--cpus-per-task must be >= 1, got " + cpusPerTask : null;
        if (bad != null) {
            err.println("cortexsim: " + bad);
            return ExitCodes.USAGE;
        }
        Sweep sweep;
        try {
            sweep = Sweep.load(file);
            if (mode.index != null) {
                sweep.run(mode.index);
            }
            if (!mode.list) {
                sweep.prepareOutputDir();
            }
            if (!mode.list && !mode.sbatch) {
                sweep.refuseOutputsOfAnotherConfig(mode.index != null ? List.of(sweep.run(mode.index)) : sweep.runs());
            }
        } catch (ConfigException e) {
            Errors.print(err, e);
            return ExitCodes.USAGE;
        }
        try {
            if (mode.list) {
                out.printf("%d run(s) of sweep '%s' (base %s), outputs in %s%n", sweep.runs().size(), sweep.name(),
                        sweep.baseConfig(), sweep.outputDir());
                for (SweepRun r : sweep.runs()) {
                    out.printf("%d\t%s\t%s%n", r.index(), r.describe(), r.output().getFileName());
                }
                return ExitCodes.OK;
            }
            if (mode.sbatch) {
                Files.createDirectories(sweep.outputDir());
                out.print(Slurm.script(sweep, launcher, cpusPerTask, time));
                out.flush();
                return ExitCodes.OK;
            }
            if (mode.index != null) {
                int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
                InterruptGuard guard = InterruptGuard.install();
                int code = ExitCodes.FAILURE;
                try {
                    RunOutcome o = LocalSweep.runIndex(sweep, mode.index, t, guard.interrupt());
                    out.printf(Locale.ROOT, "run %d %s: %s -> %s%n", o.index(), o.status(),
                            sweep.runs().get(o.index()).describe(), o.output());
                    if (!o.completed()) {
                        err.println("cortexsim: run " + o.index() + " " + o.status() + ": " + o.message());
                    }
                    out.flush();
                    err.flush();
                    code = o.completed() ? ExitCodes.OK : ExitCodes.FAILURE;
                    return code;
                } finally {
                    guard.finish(code);
                }
            }
            SweepReport report;
            java.util.function.Consumer<String> log = quiet ? s -> { } : s -> {
                err.println(s);
                err.flush();
            };
            if (mode.collect) {
                report = LocalSweep.collect(sweep);
            } else if (mode.cluster) {
                report = ClusterSweep.run(sweep, driver.options(), driver.shared, log);
            } else {
                return runLocally(sweep, log, out);
            }
            out.printf("%d run(s): %d ran, %d skipped (complete), %d failed or missing%n", report.outcomes().size(),
                    report.ran(), report.skipped(), report.failed());
            out.println("wrote " + report.summaryCsv());
            out.println("wrote " + report.summaryH5());
            return report.allCompleted() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (ConfigException e) {
            Errors.print(err, e);
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("cortexsim: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("cortexsim: " + Errors.describe(e));
            return ExitCodes.FAILURE;
        }
    }

    /**
     * The local sweep, under an {@link InterruptGuard}: SIGINT or SIGTERM stops the runs that are
     * running at their next step (each writes a checkpoint and its output, marked interrupted),
     * starts no more, writes the summary and exits 1; running the sweep again resumes them.
     */
    private int runLocally(Sweep sweep, java.util.function.Consumer<String> log, PrintWriter out)
            throws IOException {
        InterruptGuard guard = InterruptGuard.install();
        int code = ExitCodes.FAILURE;
        try {
            SweepReport report = LocalSweep.run(sweep, new SweepOptions(parallel, threads,
                    Runtime.getRuntime().availableProcessors(), log, guard.interrupt()));
            if (guard.interrupt().get()) {
                out.printf("%d run(s): stopped by a signal; the runs that were running kept checkpoints; run the sweep"
                        + " again to resume them%n", report.outcomes().size());
            } else {
                out.printf("%d run(s): %d ran, %d skipped (complete), %d failed or missing%n",
                        report.outcomes().size(), report.ran(), report.skipped(), report.failed());
            }
            out.println("wrote " + report.summaryCsv());
            out.println("wrote " + report.summaryH5());
            out.flush();
            code = report.allCompleted() && !guard.interrupt().get() ? ExitCodes.OK : ExitCodes.FAILURE;
            return code;
        } finally {
            guard.finish(code);
        }
    }
}
