package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.config.ConfigException;
import org.cortexsim.run.OutputWriteException;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.RunReport;
import org.cortexsim.run.Runner;
import org.cortexsim.sweep.ClusterOptions;
import org.cortexsim.sweep.ClusterRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code cortexsim run}: parses options into a config and hands it to {@link Runner}, or, with
 * {@code --cluster}, to {@link ClusterRun} (the network split into partitions over the workers of
 * a cluster). A signal during the run stops it with the output written and exit code 1 (see
 * {@link InterruptGuard}); a run that checkpoints ({@code --checkpoint-every}, {@code
 * simulation.checkpoint}, or {@code --resume}) then also writes a checkpoint, which {@code
 * --resume} continues from.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a network and write SONATA HDF5 (spikes, reports, provenance).",
                "Without CONFIG, runs the built-in default cortical network (800 RS + 200 FS).",
                "With --cluster, splits the network over the workers of a cluster (see --members, --partitions);",
                "spikes are identical to a run in one process."})
final class RunCommand extends Subcommand {
    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--cluster", description = "split the network over the workers of a cluster (see --members)")
    boolean cluster;

    @Mixin
    DriverArgs driver = new DriverArgs();

    @Option(names = "--partitions", paramLabel = "K",
            description = "with --cluster: partitions, one per worker (default: every worker listed in --members)")
    int partitions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "output HDF5 file (output.path)")
    String output;

    @Option(names = "--overwrite", description = "replace existing output files")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary")
    boolean quiet;

    @Option(names = "--checkpoint-every", paramLabel = "MS",
            description = "write a checkpoint at every multiple of MS ms of model time, and when stopped by a signal"
                    + " (simulation.checkpoint.every_ms)")
    Double checkpointEvery;

    @Option(names = "--resume", description = "continue the run of this output from its checkpoint (from the"
            + " beginning if it has none; nothing to do if it is complete); the config must be the one the"
            + " checkpoint was written for, threads may differ")
    boolean resume;

    @Option(names = "--keep-checkpoint", description = "keep the checkpoint when the run completes (by default it is"
            + " deleted)")
    boolean keepCheckpoint;

    @Option(names = "--progress-interval", paramLabel = "SECONDS",
            description = "wall time between progress lines (default: 0.2 s on a terminal, 5 s otherwise)")
    Double progressInterval;

    @Override
    public Integer call() {
        PrintWriter err = err();
        PrintWriter out = out();
        if (progressInterval != null && !(progressInterval > 0 && progressInterval < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--progress-interval must be a positive number of seconds, got " + progressInterval);
        }
        if (checkpointEvery != null && !(checkpointEvery > 0 && checkpointEvery < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--checkpoint-every must be a positive number of ms, got " + checkpointEvery);
        }
        if (resume && overwrite) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--resume continues the run of the output and --overwrite replaces it; give one of them"
                            + " (to continue an interrupted run, give --resume in place of --overwrite)");
        }
        Config config;
        try {
            config = configOptions.load(output, overwrite, checkpointEvery);
        } catch (ConfigException e) {
            Errors.print(err, e);
            return ExitCodes.USAGE;
        }
        ClusterOptions clusterOptions = null;
        if (cluster) {
            try {
                if (partitions < 0) {
                    throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
                }
                clusterOptions = driver.options();
            } catch (IllegalArgumentException e) {
                err.println("cortexsim: " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
        } else if (partitions != 0 || driver.shared) {
            err.println("cortexsim: --partitions and --shared need --cluster");
            err.flush();
            return ExitCodes.USAGE;
        }
        InterruptGuard guard = InterruptGuard.install();
        ProgressPrinter printer = new ProgressPrinter(err, quiet);
        double interval = progressInterval != null && !quiet ? progressInterval : printer.intervalSeconds();
        RunOptions options = new RunOptions(printer, interval, guard.interrupt()).withResume(resume)
                .withKeepCheckpoint(keepCheckpoint);
        int code = ExitCodes.FAILURE;
        try {
            RunReport report;
            if (clusterOptions != null) {
                Path baseDir = configOptions.config == null ? Path.of("").toAbsolutePath()
                        : configOptions.config.toAbsolutePath().normalize().getParent();
                report = ClusterRun.run(config, baseDir, clusterOptions, partitions, driver.shared, options, line -> {
                    if (!quiet) {
                        printer.done();
                        err.println("cortexsim: " + line);
                        err.flush();
                    }
                });
            } else {
                report = Runner.run(config, options);
            }
            printer.done();
            if (!quiet || !report.completed()) {
                summary(quiet ? err : out, report);
            }
            if (!report.completed()) {
                err.println("cortexsim: run stopped early: " + report.status());
                err.println("cortexsim: everything recorded up to t = " + TimeGrid.text(report.modelTimeMs())
                        + " ms was written to " + report.output() + " (status attribute says why)");
                if (report.checkpoint() != null && report.status().startsWith("interrupted")) {
                    err.println("cortexsim: checkpoint at t = " + TimeGrid.text(report.modelTimeMs()) + " ms in "
                            + OutputLayout.describeCheckpoint(report.checkpoint())
                            + "; continue with the same command and --resume"
                            + (overwrite ? " in place of --overwrite" : ""));
                }
                err.flush();
                return code;
            }
            code = ExitCodes.OK;
            return code;
        } catch (ConfigException e) {
            printer.done();
            Errors.print(err, e);
            code = ExitCodes.USAGE;
            return code;
        } catch (ClusterRun.RefusedException e) {
            printer.done();
            err.println("cortexsim: " + e.getMessage());
            err.println("cortexsim: nothing was run");
            err.flush();
            code = ExitCodes.USAGE;
            return code;
        } catch (IOException e) {
            printer.done();
            err.println("cortexsim: " + Errors.describe(e));
            if (e instanceof OutputWriteException) {
                err.println("cortexsim: the output is incomplete; exit code 1");
            }
            if (configOptions.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            code = Errors.isUsage(e) ? ExitCodes.USAGE : ExitCodes.FAILURE;
            return code;
        } finally {
            guard.finish(code);
        }
    }

    private static void summary(PrintWriter w, RunReport r) {
        if (r.resumed() && r.resumedFromMs() >= r.modelTimeMs() && r.completed()) {
            w.printf(Locale.ROOT, "%s is complete (%.1f ms of model time); nothing to resume%n", r.output(),
                    r.modelTimeMs());
            w.flush();
            return;
        }
        if (r.resumed()) {
            w.printf(Locale.ROOT, "resumed from the checkpoint at t = %.1f ms%n", r.resumedFromMs());
        }
        w.printf(Locale.ROOT, "%s: %d of %d steps (%.1f ms of model time) on %d thread(s)%n", r.status(),
                r.stepsDone(), r.steps(), r.modelTimeMs(), r.threads());
        w.printf(Locale.ROOT, "setup %.2f s, simulation loop %.3f s, real-time factor %.3f, %d synapses, %.3g synaptic events/s%n",
                r.setupSeconds(), r.loopSeconds(), r.modelTimeMs() > 0 ? r.loopSeconds() / (r.modelTimeMs() / 1000) : 0,
                r.synapses(), r.loopSeconds() > 0 ? r.synapticEvents() / r.loopSeconds() : 0);
        int modelWidth = r.populations().stream().mapToInt(p -> p.model().length()).max().orElse(3);
        for (RunReport.PopulationStats p : r.populations()) {
            w.printf(Locale.ROOT, "  %-12s %-" + Math.max(3, modelWidth) + "s %8d neurons %10d spikes %8.2f Hz%n",
                    p.name(), p.model(), p.size(), p.spikes(), p.rateHz());
        }
        w.println("wrote " + r.output());
        long segmentFiles = r.reportFiles().stream().filter(f -> f.getFileName().toString().matches(".*\\.seg\\d+\\.h5"))
                .count();
        for (var f : r.reportFiles()) {
            if (segmentFiles <= 6 || !f.getFileName().toString().matches(".*\\.seg\\d+\\.h5")) {
                w.println("wrote " + f);
            }
        }
        if (segmentFiles > 6) {
            w.println("wrote " + segmentFiles + " segment files beside it (listed in its /segments table)");
        }
        if (r.checkpoint() != null && r.completed()) {
            w.println("kept " + OutputLayout.describeCheckpoint(r.checkpoint()));
        }
        w.flush();
    }
}
