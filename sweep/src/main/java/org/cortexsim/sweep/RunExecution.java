package org.cortexsim.sweep;

import java.io.IOException;
import java.nio.file.Path;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.RunReport;
import org.cortexsim.run.Runner;

/**
 * Executes one run here, wherever "here" is (the driver, a worker, a SLURM task): loads the base
 * config text with the run's overrides through the config layer, runs it with {@link Runner}
 * writing to {@code run.output()}, and reads the outcome back from the file. The run resumes from
 * the checkpoint of that output when there is one (a run of an earlier attempt that was stopped,
 * killed, or lost with its worker, on a shared directory), and itself checkpoints when {@code
 * interrupt} stops it. Never throws for a run's own problems: a bad config, an I/O error or a
 * crash becomes a {@code failed} outcome.
 */
final class RunExecution {
    private RunExecution() {
    }

    /** The result of one execution: the outcome and the report files written beside the output. */
    record Result(RunOutcome outcome, java.util.List<Path> files) {
    }

    static Result execute(String baseText, String sourceName, Path baseDir, SweepRun run, int threads,
            String member, java.util.concurrent.atomic.AtomicBoolean interrupt) {
        Config config;
        try {
            config = new ConfigLoader().parse(baseText, sourceName, baseDir, run.overrides(threads, run.output()));
        } catch (ConfigException e) {
            return new Result(RunOutcome.failed(run, "failed", "bad config: " + e.getMessage(), member),
                    java.util.List.of());
        }
        try {
            RunReport report = Runner.run(config, new RunOptions(p -> { }, Double.POSITIVE_INFINITY, interrupt)
                    .withResume(true));
            java.util.List<Path> files = new java.util.ArrayList<>(report.reportFiles());
            files.add(report.output());
            return new Result(RunOutcome.read(run, report.output(), member), files);
        } catch (ConfigException | IOException | RuntimeException e) {
            return new Result(RunOutcome.failed(run, "failed", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    member), java.util.List.of());
        }
    }
}
