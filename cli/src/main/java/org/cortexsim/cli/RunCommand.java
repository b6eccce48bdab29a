package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.cortexsim.io.Progress;
import org.cortexsim.io.RunOptions;
import org.cortexsim.io.RunReport;
import org.cortexsim.io.Runner;
import org.cortexsim.io.config.Config;
import org.cortexsim.io.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cortexsim run}: parses options into a config and hands it to {@link Runner}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a network and write SONATA HDF5 (spikes, reports, provenance).",
                "Without CONFIG, runs the built-in default cortical network (800 RS + 200 FS)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "output HDF5 file (output.path)")
    String output;

    @Option(names = "--overwrite", description = "replace existing output files")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no summary")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Config config;
        try {
            config = configOptions.load(output, overwrite);
        } catch (ConfigException e) {
            Errors.print(err, e);
            return ExitCodes.USAGE;
        }
        AtomicBoolean interrupt = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupt.set(true);
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cortexsim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressPrinter printer = new ProgressPrinter(err, quiet);
        RunOptions options = new RunOptions(printer, printer.intervalSeconds(), interrupt);
        try {
            RunReport report = Runner.run(config, options);
            printer.done();
            if (!quiet || !report.completed()) {
                summary(quiet ? err : out, report);
            }
            if (!report.completed()) {
                err.println("cortexsim: run stopped early: " + report.status());
                err.println("cortexsim: everything recorded up to t = " + report.modelTimeMs()
                        + " ms was written to " + report.output() + " (status attribute says why)");
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        } catch (ConfigException e) {
            printer.done();
            Errors.print(err, e);
            return ExitCodes.USAGE;
        } catch (IOException e) {
            printer.done();
            err.println("cortexsim: " + Errors.describe(e));
            if (configOptions.verbose) {
                e.printStackTrace(err);
            }
            return Errors.isUsage(e) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting because of a signal: the hook is running and returns now
            }
        }
    }

    private static void summary(PrintWriter w, RunReport r) {
        w.printf(Locale.ROOT, "%s: %d of %d steps (%.1f ms of model time) on %d thread(s)%n", r.status(),
                r.stepsDone(), r.steps(), r.modelTimeMs(), r.threads());
        w.printf(Locale.ROOT, "setup %.2f s, simulation loop %.3f s, real-time factor %.3f, %d synapses, %.3g synaptic events/s%n",
                r.setupSeconds(), r.loopSeconds(), r.modelTimeMs() > 0 ? r.loopSeconds() / (r.modelTimeMs() / 1000) : 0,
                r.synapses(), r.loopSeconds() > 0 ? r.synapticEvents() / r.loopSeconds() : 0);
        for (RunReport.PopulationStats p : r.populations()) {
            w.printf(Locale.ROOT, "  %-12s %-3s %8d neurons %10d spikes %8.2f Hz%n", p.name(), p.model(), p.size(),
                    p.spikes(), p.rateHz());
        }
        w.println("wrote " + r.output());
        for (var f : r.reportFiles()) {
            w.println("wrote " + f);
        }
        w.flush();
    }
}
