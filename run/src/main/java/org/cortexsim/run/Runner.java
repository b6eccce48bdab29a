package org.cortexsim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.PopulationSpec;
import org.cortexsim.core.Population;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.network.NetworkFingerprint;
import org.cortexsim.network.NumericalGuard;
import org.cortexsim.network.Projection;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.StopCondition;
import org.cortexsim.results.EdgeData;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportDtype;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.Sorting;
import org.cortexsim.results.SpikeData;
import org.cortexsim.results.TargetExistsException;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.SimulationFactory;

/**
 * Runs a config end to end: checks the output targets, builds the simulation, runs it, and
 * writes the results. The output is the main file ({@code output.path}: SONATA spikes,
 * provenance, optionally the connectivity as SONATA edges) and one SONATA report file per
 * recorded variable beside it, named {@code <stem>.<report>.h5}. Every file is written to a
 * temporary file and renamed when complete; the main file is published last.
 *
 * <p>A run stopped by {@link RunOptions#interrupt()} or by a numerical fault still writes
 * everything recorded so far, marked {@code status} = interrupted or failed with the model time
 * reached.
 *
 * <p>Recordings are buffered within {@code record.memory_budget_MB} (MiB; default {@link
 * #DEFAULT_BUDGET_HEAP_FRACTION} of the maximum heap). When the buffers reach it, a {@link
 * SegmentWriter} writes them out as segment files and the main file lists them in its {@code
 * /segments} table; a run within the budget writes the unsegmented layout. See
 * docs/output-layout.md. Whenever segments are written, the main file is rewritten (atomically,
 * small: no spikes, no edges) as the index of what is on disk, with {@code status} = running and
 * the model time reached; the final write replaces it.
 *
 * <p><b>Checkpoints.</b> With {@code simulation.checkpoint} (or {@link RunOptions#resume()}), the
 * run writes a checkpoint ({@link Checkpoints}, {@code <stem>.checkpoint.h5}) at the model-time
 * multiples of {@code every_ms} and when it is interrupted: first the recordings are flushed as
 * segments and the index rewritten, then the state of every part of the run ({@link RunState}) is
 * written to a temporary file and renamed over the previous checkpoint. A run resumed from it
 * ({@link RunOptions#resume()}) rebuilds the network from the config, checks that the checkpoint
 * was written for the same effective config and network, restores the state and continues, with
 * the segment sequence and the memory budget of the run that wrote it: its outputs equal, bit for
 * bit, those of a run never stopped, on any number of threads. At completion, the streams that fit
 * the budget are merged back from their segments (spikes into the main file, reports into their
 * report files), so a run that checkpointed ends with the layout of one that did not; the
 * checkpoint is then deleted unless {@link RunOptions#keepCheckpoint()}.
 *
 * <p>A write that fails (a full disk, say) fails the run with an {@link OutputWriteException}
 * naming the file, the cause and what was kept: the last checkpoint and the segments the index
 * lists.
 */
public final class Runner {
    /**
     * Default memory budget for buffered recordings, as a fraction of the maximum heap: writing a
     * segment briefly needs about three times the buffered bytes (the buffers, a copy, and the
     * row-matrix handed to jHDF), so an eighth keeps the peak below half the heap.
     */
    public static final double DEFAULT_BUDGET_HEAP_FRACTION = 1.0 / 8;

    /** Steps between the numerical guard's checks of the whole state (each checkpoint also checks first). */
    private static final int GUARD_EVERY_STEPS = 10;

    private Runner() {
    }

    /** The budget for buffered recordings, bytes: {@code record.memory_budget_MB} MiB or the default. */
    public static long memoryBudgetBytes(Config config) {
        return config.record().memoryBudgetMB().isPresent()
                ? Math.multiplyExact(config.record().memoryBudgetMB().getAsLong(), 1L << 20)
                : Math.max(1L << 20, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_BUDGET_HEAP_FRACTION));
    }

    /**
     * Refuses a config whose estimated memory ({@link Estimate#residentBytes}: state, synapses with
     * their arrivals rows and queued arrivals, and the recordings held at once) exceeds 90% of the
     * Java heap, saying how much is needed and how to raise the
     * heap. {@code validate} and {@code run} both call it before building anything.
     */
    public static void checkFitsInHeap(Config config, Estimate estimate) throws ConfigException {
        long heap = Runtime.getRuntime().maxMemory();
        long needed = estimate.residentBytes(memoryBudgetBytes(config));
        if (needed > 0.9 * heap) {
            throw new ConfigException(org.cortexsim.config.Location.of(config.sourceName()),
                    "this network needs about " + Estimate.human(needed) + " of memory (state "
                            + Estimate.human(estimate.stateBytes()) + ", synapses " + Estimate.human(estimate.synapseBytes())
                            + ", recordings held at once up to " + Estimate.human(needed - estimate.stateBytes()
                                    - estimate.synapseBytes()) + ") but the Java heap is " + Estimate.human(heap)
                            + "; raise it, e.g. CORTEXSIM_JAVA_OPTS=-Xmx"
                            + Math.max(1, (long) Math.ceil(needed * 1.3 / (1L << 30))) + "g ./cortexsim run ..."
                            + ", or lower record.memory_budget_MB");
        }
    }

    /**
     * Refuses, before anything is built, output files that exist when overwriting is off: the main
     * file, the report files and the checkpoint; a main file or checkpoint left by a run that did
     * not finish is refused with the way to continue it ({@code --resume}).
     */
    private static void refuseExistingOutputs(Config config) throws IOException {
        if (config.output().overwrite()) {
            return;
        }
        Path main = config.output().path();
        Path checkpoint = OutputLayout.checkpointPath(main);
        if (Files.exists(main, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || Files.exists(checkpoint, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            String unfinished = unfinishedRun(main, checkpoint);
            if (unfinished != null) {
                throw new TargetExistsException(main.toAbsolutePath().normalize(), unfinished);
            }
        }
        List<Path> targets = new ArrayList<>(List.of(main, checkpoint));
        for (var s : config.record().state()) {
            for (String variable : s.variables()) {
                targets.add(OutputLayout.reportPath(main, SimulationFactory.reportName(s, variable)));
            }
        }
        for (var w : config.record().weights()) {
            for (String report : w.reportNames()) {
                targets.add(OutputLayout.reportPath(main, report));
            }
        }
        for (Path p : targets) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new TargetExistsException(p.toAbsolutePath().normalize());
            }
        }
        if (config.output().circuit().isPresent()) {
            CircuitWriter.refuseExisting(config.output().circuit().get(), false);
        }
    }

    /**
     * When {@code main} (or its checkpoint) is what a run that did not finish left, why it is
     * refused and how to go on; null when it is a finished run's.
     */
    private static String unfinishedRun(Path main, Path checkpoint) {
        String status = null;
        Object reached = null;
        if (Files.isRegularFile(main)) {
            try (SonataReader r = SonataReader.open(main)) {
                status = String.valueOf(r.rootAttribute("status"));
                reached = r.rootAttribute("model_time_reached_ms");
            } catch (IOException | RuntimeException e) {
                status = null;
            }
        }
        boolean hasCheckpoint = Files.isRegularFile(checkpoint);
        if (!hasCheckpoint && !"running".equals(status)) {
            return null;
        }
        return "output of a run that did not finish (status " + (status == null ? "unknown" : status)
                + (reached == null ? "" : ", " + reached + " ms reached")
                + (hasCheckpoint ? "; its checkpoint " + checkpoint.getFileName() + " is beside it" : "")
                + "); continue it with --resume, or start over with --overwrite";
    }

    /**
     * How the effective config the output {@code main} was written for (its {@code config_sha256}
     * and {@code config_identity}) differs from {@code config}, one phrase per key ({@code
     * simulation.seed is 12 here, 11 in the output's config}), at most five; empty when they are the
     * same, or when the output does not record its config (written before cortexsim did) or cannot be
     * read. Threads, checkpoint, memory budget and output settings are not part of the identity.
     * {@code --resume} and a rerun sweep use it so as not to take another config's output for this
     * one's.
     */
    public static List<String> differencesFromOutputConfig(Path main, Config config) {
        Object sha;
        Object lines;
        try (SonataReader r = SonataReader.open(main)) {
            sha = r.rootAttribute(RunProvenance.CONFIG_SHA256);
            lines = r.rootAttribute(RunProvenance.CONFIG_IDENTITY);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        if (sha == null || sha.equals(config.identity().sha256())) {
            return List.of();
        }
        List<String> diff = config.identity().differencesFrom(RunProvenance.identityOf(lines), 5,
                "the output's config");
        return diff.isEmpty() ? List.of("the config hashes differ") : diff;
    }

    /**
     * Whether {@code main} is the main file of a finished run: it exists, says status completed,
     * and every file it lists (report files, segment files) is there ({@link ResultSet#missingFiles()}).
     * False for a file that cannot be read.
     */
    public static boolean isComplete(Path main) {
        if (!Files.isRegularFile(main)) {
            return false;
        }
        try (ResultSet r = ResultSet.open(main)) {
            return "completed".equals(r.provenance().get("status")) && r.missingFiles().isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs {@code config}: from the beginning, or, with {@link RunOptions#resume()}, from the
     * checkpoint of its output when there is one (a completed output is left as it is and reported).
     *
     * @throws ConfigException for a bad config or output target, or a checkpoint that cannot be
     *     resumed (another config, another state layout, a damaged file): nothing was run
     * @throws OutputWriteException if writing failed while or after running; it says what was kept
     */
    public static RunReport run(Config config, RunOptions options) throws ConfigException, IOException {
        return new Session(config, options).run();
    }

    /** One run of one config: the files it writes and, once built, its simulation and listeners. */
    private static final class Session {
        private final Config config;
        private final RunOptions options;
        private final Path main;
        private final Path checkpointFile;
        private final boolean checkpointing;
        private final long setupBegin = System.nanoTime();
        private Instant startedAt = Instant.now();
        private boolean overwrite;
        private long budget;
        private BuiltSimulation built;
        private SegmentWriter segments;
        private RunState state;
        /** The start of each plastic projection (initial weights, statistics), taken before any step or restore. */
        private List<PlasticityOutput.Start> plastic;
        private String fingerprint;
        private double priorLoopSeconds;
        private long loopBegin;
        private long firstStep;
        private long checkpointStep = -1;
        private double resumedFromMs = Double.NaN;
        private boolean indexWritten;

        Session(Config config, RunOptions options) {
            this.config = config;
            this.options = options;
            this.main = config.output().path();
            this.checkpointFile = OutputLayout.checkpointPath(main);
            this.checkpointing = config.simulation().checkpoint().isPresent() || options.resume();
        }

        RunReport run() throws ConfigException, IOException {
            Estimate estimate = Estimate.of(config);
            checkFitsInHeap(config, estimate);
            OutputPreflight.check(config, estimate);
            Checkpoints.Loaded from = null;
            if (options.resume()) {
                if (isComplete(main)) {
                    List<String> diff = differencesFromOutputConfig(main, config);
                    if (!diff.isEmpty()) {
                        throw new ConfigException(org.cortexsim.config.Location.of(
                                main.toAbsolutePath().normalize().toString()), "cannot resume: this is the complete"
                                + " output of a different config: " + String.join("; ", diff) + "; nothing was run."
                                + " To run this config, write it elsewhere with -o, or replace this output with"
                                + " --overwrite (without --resume)");
                    }
                    return completedEarlier();
                }
                if (Files.isRegularFile(checkpointFile)) {
                    from = Checkpoints.read(checkpointFile, config);
                }
                if (from == null && !config.output().overwrite()) {
                    refuseMainNotOfThisRun();
                }
            }
            overwrite = config.output().overwrite() || options.resume();
            if (!overwrite) {
                refuseExistingOutputs(config);
            }
            if (from == null) {
                Files.deleteIfExists(checkpointFile);
            }
            budget = from != null ? from.header().budgetBytes() : memoryBudgetBytes(config);
            try (BuiltSimulation b = SimulationFactory.build(config)) {
                built = b;
                return simulate(from);
            }
        }

        private RunReport simulate(Checkpoints.Loaded from) throws ConfigException, IOException {
            Simulation sim = built.simulation();
            TimeGrid grid = sim.grid();
            Path circuit = config.output().circuit().isPresent()
                    ? CircuitWriter.write(built, config.output().circuit().get(), overwrite) : null;
            segments = new SegmentWriter(main, overwrite, built, budget,
                    stepsDone -> writeIndex(stepsDone, "running", null));
            sim.addListener(segments);
            ProgressListener progress = new ProgressListener(options);
            sim.addListener(progress);
            state = new RunState(built, segments, Map.of("progress", progress));
            fingerprint = checkpointing ? NetworkFingerprint.of(sim) : null;
            plastic = PlasticityOutput.before(sim, config.output().edges());
            if (from != null) {
                resume(from);
            } else if (checkpointing) {
                writeIndex(0, "running", null);
            }
            double setupSeconds = (System.nanoTime() - setupBegin) / 1e9;
            CheckpointSchedule schedule = config.simulation().checkpoint()
                    .flatMap(c -> c.everyMs().isPresent() ? Optional.of(c.everyMs().getAsDouble()) : Optional.empty())
                    .map(every -> new CheckpointSchedule(grid, every, firstStep)).orElse(null);
            NumericalGuard guard = new NumericalGuard(sim, GUARD_EVERY_STEPS);
            NumericalGuard everyNeuron = new NumericalGuard(sim, 1);
            StopCondition stop = new StopCondition() {
                @Override
                public StopCondition.Action check(long step) {
                    if (options.interrupt().get()) {
                        return StopCondition.Action.stop("interrupted at t = " + grid.label(step + 1) + " ms");
                    }
                    StopCondition.Action action = guard.check(step);
                    if (action.stops() || schedule == null || !schedule.due(step + 1) || step + 1 >= built.steps()) {
                        return action;
                    }
                    StopCondition.Action sane = everyNeuron.check(step);
                    if (sane.stops()) {
                        return sane;
                    }
                    try {
                        checkpoint(step + 1);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return action;
                }

                /** The guard's next check or the next checkpoint; an interrupt waits for it (a few steps). */
                @Override
                public long nextCheck(long step) {
                    long next = guard.nextCheck(step);
                    return schedule == null ? next : Math.min(next, schedule.nextDue() - 1);
                }
            };
            loopBegin = System.nanoTime();
            RunResult result;
            try {
                result = sim.run(built.steps(), stop);
            } catch (UncheckedIOException e) {
                throw OutputWriteException.of(e.getCause(), kept());
            }
            String status = result.completed() ? "completed" : result.stopReason();
            if (checkpointing && !result.completed() && options.interrupt().get()) {
                StopCondition.Action sane = result.stepsDone() == 0 ? StopCondition.Action.CONTINUE
                        : everyNeuron.check(result.stepsDone() - 1);
                if (sane instanceof StopCondition.Action.Stop fault) {
                    status = fault.reason();
                } else {
                    return keepForResume(result, status, setupSeconds);
                }
            }
            try {
                return finish(result, status, setupSeconds, circuit);
            } catch (IOException e) {
                throw OutputWriteException.of(e, kept());
            }
        }

        /** Restores the checkpoint {@code from} into the freshly built run. */
        private void resume(Checkpoints.Loaded from) throws ConfigException, IOException {
            Checkpoints.Header h = from.header();
            if (!fingerprint.equals(h.networkFingerprint())) {
                throw Checkpoints.refuse(from.file(), "the network this config builds differs from the one the"
                        + " checkpoint was written for (network fingerprint " + fingerprint + " here, "
                        + h.networkFingerprint() + " in the checkpoint): a file the config reads (edges, values, a"
                        + " circuit) has changed since" + Checkpoints.START_OVER);
            }
            try {
                state.restore(from.state(), h.step());
            } catch (StateMismatchException e) {
                throw Checkpoints.refuse(from.file(), "it does not fit the network this config builds: "
                        + e.getMessage() + Checkpoints.START_OVER);
            }
            firstStep = h.step();
            checkpointStep = h.step();
            priorLoopSeconds = h.loopSeconds();
            startedAt = h.startedAt();
            resumedFromMs = h.modelTimeMs();
            writeIndex(h.step(), "running", null);
        }

        /**
         * Checkpoint after {@code stepsDone} steps: flushes the recordings as segments (the index
         * lists them), writes the state of the run over the previous checkpoint, then the index again.
         */
        private void checkpoint(long stepsDone) throws IOException {
            segments.flush(stepsDone, false);
            Checkpoints.Header header = new Checkpoints.Header(stepsDone, built.simulation().grid().timeOf(stepsDone),
                    budget, loopSeconds(), startedAt, fingerprint, Version.get());
            Checkpoints.write(checkpointFile, state.save(stepsDone), header, config, built.threads());
            checkpointStep = stepsDone;
            writeIndex(stepsDone, "running", null);
        }

        private double loopSeconds() {
            return priorLoopSeconds + (System.nanoTime() - loopBegin) / 1e9;
        }

        /** Writes the provenance of this run after {@code result}: see {@link RunProvenance}. */
        private void provenance(SonataWriter w, RunResult result, String status, Instant finishedAt) {
            provenance(w, new RunProvenance(status, result.stepsRequested(), result.stepsDone(), result.completed(),
                    built.threads(), loopSeconds(), startedAt, finishedAt));
        }

        private void provenance(SonataWriter w, RunProvenance provenance) {
            provenance.write(w, built.config(), built.simulation().grid());
        }

        /**
         * An interrupted run that checkpoints: it keeps its state for {@code --resume} (a checkpoint at
         * the step it stopped at, its recordings as segments) and the main file indexes them with the
         * interrupted status.
         */
        private RunReport keepForResume(RunResult result, String status, double setupSeconds) throws IOException {
            try {
                checkpoint(result.stepsDone());
                writeIndex(result.stepsDone(), status, Instant.now());
            } catch (IOException e) {
                throw OutputWriteException.of(e, kept());
            }
            List<Path> files = segments.segments().stream().map(ResultSet.Segment::file).toList();
            return report(result, status, setupSeconds, main.toAbsolutePath().normalize(), files);
        }

        /** The final write: report files, then the main file, replacing the index. */
        private RunReport finish(RunResult result, String status, double setupSeconds, Path circuit)
                throws IOException {
            Instant finishedAt = Instant.now();
            segments.finish(result.stepsDone(), status);
            SegmentWriter.MergedReport[] merged = checkpointing && result.completed() ? segments.mergeReports()
                    : new SegmentWriter.MergedReport[built.reports().size()];
            List<SpikeData> mergedSpikes = segments.mergeSpikes();
            List<SonataWriter> writers = new ArrayList<>();
            List<Path> reportFiles = new ArrayList<>();
            try {
                List<SonataWriter> unsegmented = new ArrayList<>();
                for (int k = 0; k < built.reports().size(); k++) {
                    StateRecorder r = built.reports().get(k);
                    if (segments.reportSegmented(k)) {
                        continue;
                    }
                    SonataWriter w = SonataWriter.create(OutputLayout.reportPath(main, r.name()), overwrite);
                    if (checkpointing) {
                        w.durable();
                    }
                    writers.add(w);
                    unsegmented.add(w);
                    provenance(w, result, status, finishedAt);
                    OutputLayout.nameReport(w, r.name(), r.variable());
                    SegmentWriter.MergedReport m = merged[k];
                    if (m != null) {
                        writeReport(w, r, built.reportDtype(k), m.startMs(), m.stopMs(), m.data(), m.rows());
                    } else if (r.rows() > 0) {
                        writeReport(w, r, built.reportDtype(k));
                    }
                }
                SonataWriter mainWriter = SonataWriter.create(main, overwrite || indexWritten);
                if (indexWritten) {
                    mainWriter.durable();
                }
                writers.add(mainWriter);
                writeMain(mainWriter, result, status, finishedAt, mergedSpikes);
                if (circuit != null) {
                    mainWriter.rootAttribute("circuit_config", main.toAbsolutePath().normalize().getParent()
                            .relativize(circuit).toString());
                }
                Path written;
                try {
                    for (SonataWriter w : unsegmented) {
                        reportFiles.add(w.commit());
                    }
                    written = mainWriter.commit();
                } catch (IOException | RuntimeException e) {
                    for (Path p : reportFiles) {
                        Files.deleteIfExists(p);
                    }
                    throw e;
                }
                List<Path> deleted = segments.deleteMergedSegments();
                for (ResultSet.Segment seg : segments.segments()) {
                    if (!deleted.contains(seg.file())) {
                        reportFiles.add(seg.file());
                    }
                }
                if (result.completed() && !options.keepCheckpoint()) {
                    Files.deleteIfExists(checkpointFile);
                }
                return report(result, status, setupSeconds, written, reportFiles);
            } finally {
                for (SonataWriter w : writers) {
                    w.close();
                }
            }
        }

        private RunReport report(RunResult result, String status, double setupSeconds, Path output,
                List<Path> files) {
            TimeGrid grid = built.simulation().grid();
            long synapses = built.simulation().projections().stream().mapToLong(Projection::synapseCount).sum();
            return new RunReport(status, result.completed(), result.stepsDone(), result.stepsRequested(),
                    grid.timeOf(result.stepsDone()), loopSeconds(), setupSeconds, built.threads(),
                    stats(built, result), synapses, result.synapticEvents(), output, files, resumedFromMs,
                    Files.isRegularFile(checkpointFile) ? checkpointFile.toAbsolutePath().normalize() : null);
        }

        /**
         * {@code --resume} without a checkpoint starts the run over, replacing its main file: only
         * when that file is what a run of this config left (a crash before its first checkpoint), not
         * a file cortexsim did not write (a config given as {@code -o} by mistake) or another
         * config's output, which only {@code --overwrite} replaces.
         */
        private void refuseMainNotOfThisRun() throws IOException {
            if (!Files.exists(main, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Path shown = main.toAbsolutePath().normalize();
            String fix = ", and there is no checkpoint to continue from, so --resume does not replace it; choose"
                    + " another output file with -o, or replace it with --overwrite (without --resume)";
            Object simulator;
            try (SonataReader r = SonataReader.open(main)) {
                simulator = r.rootAttribute("simulator");
            } catch (IOException | RuntimeException e) {
                simulator = null;
            }
            if (!"cortexsim".equals(simulator)) {
                throw new TargetExistsException(shown, "exists and is not the output of a cortexsim run" + fix);
            }
            List<String> diff = differencesFromOutputConfig(main, config);
            if (!diff.isEmpty()) {
                throw new TargetExistsException(shown, "is the output of a run of a different config ("
                        + String.join("; ", diff) + ")" + fix);
            }
        }

        /** What {@code --resume} of an output that is already complete reports: the run as its file says. */
        private RunReport completedEarlier() throws IOException {
            org.cortexsim.results.ResultInfo info = org.cortexsim.results.ResultInfo.read(main);
            Map<String, Object> p = info.provenance();
            List<RunReport.PopulationStats> stats = new ArrayList<>();
            for (var pop : info.populations()) {
                stats.add(new RunReport.PopulationStats(pop.name(), pop.model(), (int) pop.size(), pop.spikes(),
                        pop.rateHz()));
            }
            long steps = p.get("steps_done") instanceof Long l ? l : 0;
            double reached = p.get("model_time_reached_ms") instanceof Number n ? n.doubleValue() : Double.NaN;
            List<Path> files = new ArrayList<>();
            try (ResultSet r = ResultSet.open(main)) {
                for (String report : r.reports()) {
                    files.addAll(r.reportFiles(report));
                }
            }
            return new RunReport("completed", true, steps, steps, reached,
                    p.get("wall_time_loop_s") instanceof Double d ? d : 0, 0,
                    p.get("threads") instanceof Long t ? t.intValue() : 0, stats, -1, 0,
                    main.toAbsolutePath().normalize(), files, reached,
                    Files.isRegularFile(checkpointFile) ? checkpointFile.toAbsolutePath().normalize() : null);
        }

        /**
         * Rewrites the main file as the index of what is on disk after {@code stepsDone} steps: the
         * provenance with {@code status} (finished at {@code finishedAt}, or null while running), the
         * spike populations, the segment table, the populations' parameters (without per-neuron
         * columns, to stay small) and the checkpoint's model time. Spikes not yet in a segment are not
         * on disk, so the index lists the spike populations as empty until their first segment.
         */
        private void writeIndex(long stepsDone, String status, Instant finishedAt) throws IOException {
            try (SonataWriter w = SonataWriter.create(main, true).durable()) {
                provenance(w, new RunProvenance(status, built.steps(), stepsDone, false, built.threads(),
                        loopBegin == 0 ? priorLoopSeconds : loopSeconds(), startedAt, finishedAt));
                SpikeRecorder spikes = built.spikes();
                if (segments.spikesSegmented()) {
                    OutputLayout.listSegmentedSpikePopulations(w, spikes.populations().stream().map(Population::name)
                            .toList());
                } else {
                    for (Population p : spikes.populations()) {
                        w.spikes(p.name(), new double[0], new long[0], 0, Sorting.BY_TIME);
                    }
                }
                segments.writeIndex(w);
                writePopulations(w, built.simulation().neurons().populations(), config, false);
                resumeAttributes(w);
                w.commit();
            }
            indexWritten = true;
        }

        /** The checkpoint's model time and file, and the time this run resumed from. */
        private void resumeAttributes(SonataWriter w) {
            if (checkpointStep >= 0) {
                w.rootAttribute("checkpoint_model_time_ms", built.simulation().grid().timeOf(checkpointStep));
                w.rootAttribute("checkpoint_file", checkpointFile.getFileName().toString());
            }
            if (!Double.isNaN(resumedFromMs)) {
                w.rootAttribute("resumed_from_ms", resumedFromMs);
            }
        }

        /** What was kept on disk when a write failed: the checkpoint and the segments the index lists. */
        private String kept() {
            List<String> kept = new ArrayList<>();
            if (checkpointStep >= 0 && Files.isRegularFile(checkpointFile)) {
                kept.add("the checkpoint " + checkpointFile.toAbsolutePath().normalize() + " at t = "
                        + built.simulation().grid().label(checkpointStep)
                        + " ms (continue with --resume once the cause is fixed)");
            }
            if (segments != null && indexWritten && !segments.segments().isEmpty()) {
                double until = segments.segments().stream().mapToDouble(ResultSet.Segment::stopMs).max().orElse(0);
                kept.add(segments.segments().size() + " segment file(s) up to t = " + until + " ms, listed by "
                        + main.toAbsolutePath().normalize() + " (status running), which info, plot and the"
                        + " SONATA readers read");
            }
            if (!kept.isEmpty()) {
                return String.join(", and ", kept);
            }
            return checkpointing ? "nothing of this run (no checkpoint or segment had been written yet; --resume starts"
                    + " the run over)" : "nothing of this run (no checkpoint or segment had been written; set"
                    + " simulation.checkpoint.every_ms to keep progress)";
        }

        /**
         * Fills the main file, phase by phase: provenance, the spikes (or, when they went to segments,
         * the list of spike populations), the list of unsegmented report files, the segment table,
         * the populations' parameters and, with {@code output.edges}, the connectivity.
         */
        private void writeMain(SonataWriter w, RunResult result, String status, Instant finishedAt,
                List<SpikeData> mergedSpikes) {
            provenance(w, result, status, finishedAt);
            writeSpikes(w, built.spikes(), segments.spikesSegmented(), mergedSpikes);
            List<String> unsegmentedReports = new ArrayList<>();
            for (int k = 0; k < built.reports().size(); k++) {
                if (!segments.reportSegmented(k)) {
                    unsegmentedReports.add(built.reports().get(k).name());
                }
            }
            OutputLayout.listReportFiles(w, main, unsegmentedReports);
            segments.writeIndex(w);
            writePopulations(w, built.simulation().neurons().populations(), config, true);
            if (built.config().output().edges()) {
                List<Projection> projections = built.simulation().projections();
                for (int i = 0; i < projections.size(); i++) {
                    writeEdges(w, projections.get(i), i, built.simulation().grid(),
                            PlasticityOutput.initialWeights(plastic, projections.get(i)));
                }
            }
            PlasticityOutput.write(w, plastic);
            if (!result.completed() || options.keepCheckpoint()) {
                resumeAttributes(w);
            } else if (!Double.isNaN(resumedFromMs)) {
                w.rootAttribute("resumed_from_ms", resumedFromMs);
            }
        }
    }

    /**
     * Writes the buffered rows of {@code r} in {@code dtype} as the SONATA report of its report
     * population (one element per node id: a neuron, or for a weight report an edge of the
     * projection), with its further mapping columns (e.g. the source and target node ids of
     * recorded edges) under {@code mapping/}.
     */
    static void writeReport(SonataWriter w, StateRecorder r, ReportDtype dtype) {
        writeReport(w, r, dtype, r.startMs(), r.stopMs(), r.data(), r.rows());
    }

    /**
     * As {@link #writeReport(SonataWriter, StateRecorder, ReportDtype)}, with the rows given ({@code
     * rows} rows of {@code data} from {@code startMs} to {@code stopMs}), e.g. merged back from segments.
     */
    static void writeReport(SonataWriter w, StateRecorder r, ReportDtype dtype, double startMs, double stopMs,
            double[] data, int rows) {
        w.report(new ReportMetadata(r.reportPopulation(), r.units(), r.nodeIds(), startMs, stopMs, r.intervalMs(), rows,
                r.columns()), data, dtype);
        for (Map.Entry<String, long[]> m : r.mapping().entrySet()) {
            w.dataset("/report/" + r.reportPopulation() + "/mapping/" + m.getKey(), m.getValue(), Map.of());
        }
    }

    private static List<RunReport.PopulationStats> stats(BuiltSimulation built, RunResult result) {
        SpikeRecorder spikes = built.spikes();
        double seconds = built.simulation().grid().timeOf(result.stepsDone()) / 1000.0;
        List<RunReport.PopulationStats> out = new ArrayList<>();
        for (int k = 0; k < spikes.populations().size(); k++) {
            Population p = spikes.populations().get(k);
            long n = spikes.totalCount(k);
            out.add(new RunReport.PopulationStats(p.name(), p.model(), p.size(), n,
                    seconds > 0 ? n / (p.size() * seconds) : 0));
        }
        return out;
    }

    /**
     * The provenance of each of {@code populations} (of {@code config}): a spike source's size and
     * spike count ({@link #writeSpikeSource}), a model population's parameters ({@link
     * #writeParameters}, with the per-neuron columns when {@code perNeuron}).
     */
    static void writePopulations(SonataWriter w, List<Population> populations, Config config, boolean perNeuron) {
        for (Population p : populations) {
            if (p.isSpikeSource()) {
                writeSpikeSource(w, p);
            } else {
                writeParameters(w, p, config.population(p.name()).flatMap(PopulationSpec::sonata), perNeuron);
            }
        }
    }

    /** The provenance of a spike source: its size and how many spikes it was given. */
    private static void writeSpikeSource(SonataWriter w, Population p) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("model", p.model());
        attrs.put("names", new String[] {"given_spikes"});
        attrs.put("units", new String[] {"1"});
        attrs.put("size", (long) p.size());
        attrs.put("first_index", (long) p.offset());
        attrs.put("node_ids", new long[] {0, p.size() - 1});
        w.dataset(OutputLayout.populationParameters(p.name()), new double[] {p.spikeSchedule().spikeCount()}, attrs);
    }

    /**
     * The spikes of every population: as recorded, or merged back from their segments ({@code
     * merged}, when they fit the memory budget), or only the populations' names when the spikes
     * stay in segments.
     */
    private static void writeSpikes(SonataWriter w, SpikeRecorder spikes, boolean segmented, List<SpikeData> merged) {
        if (segmented && merged != null) {
            for (SpikeData d : merged) {
                w.spikes(d.population(), d.timestampsMs(), d.nodeIds(), d.count(), Sorting.BY_TIME);
            }
            return;
        }
        if (segmented) {
            OutputLayout.listSegmentedSpikePopulations(w, spikes.populations().stream().map(Population::name)
                    .toList());
            return;
        }
        for (int k = 0; k < spikes.populations().size(); k++) {
            Population p = spikes.populations().get(k);
            w.spikes(p.name(), spikes.timesMs(k), spikes.nodeIds(k), spikes.count(k), Sorting.BY_TIME);
        }
    }

    /**
     * A population's model parameters with their names, units, model, size and node ids, and for a
     * population whose parameters vary per neuron (with {@code perNeuron}), a column for each
     * parameter that does vary.
     */
    private static void writeParameters(SonataWriter w, Population p,
            Optional<PopulationSpec.SonataNodes> sonata, boolean perNeuron) {
        Parameter[] params = Parameter.values();
        double[] values = new double[params.length];
        String[] names = new String[params.length];
        String[] units = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            values[i] = p.parameters().get(params[i]);
            names[i] = params[i].key();
            units[i] = params[i].unit();
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("model", p.model());
        attrs.put("recovery", p.parameters().recovery().name());
        attrs.put("names", names);
        attrs.put("units", units);
        attrs.put("size", (long) p.size());
        attrs.put("first_index", (long) p.offset());
        attrs.put("node_ids", new long[] {0, p.size() - 1});
        attrs.put("heterogeneous", p.isHeterogeneous() ? "yes: parameters vary per neuron" : "no");
        sonata.ifPresent(spec -> {
            attrs.put("sonata_nodes_file", spec.nodesFile().toString());
            attrs.put("sonata_population", spec.population());
        });
        w.dataset(OutputLayout.populationParameters(p.name()), values, attrs);
        if (sonata.isPresent() && !sonata.get().identity()) {
            w.dataset(OutputLayout.populationSonataNodeIds(p.name()), sonata.get().nodeIds(),
                    Map.of("description",
                            "the SONATA node id (in sonata_population) of each node id of this population"));
        }
        if (!p.isHeterogeneous() || !perNeuron) {
            return;
        }
        for (Parameter param : params) {
            double[] column = new double[p.size()];
            boolean varies = false;
            for (int i = 0; i < column.length; i++) {
                column[i] = p.parameter(param, i);
                varies |= column[i] != p.parameters().get(param);
            }
            if (varies) {
                w.dataset(OutputLayout.perNeuronParameter(p.name(), param.key()), column,
                        Map.of("units", param.unit()));
            }
        }
    }

    /**
     * A projection's synapses as a SONATA edge population with edge type {@code
     * CircuitWriter.FIRST_TYPE_ID + index} (weights in the synapse model's unit, delays as steps
     * on the grid) and the indices for afferent and efferent queries. A projection without
     * synapses is listed as an empty edge population ({@code cortexsim_empty_edge_populations}),
     * so that {@code from_file} reads it back as empty. A plastic projection's {@code syn_weight}
     * holds its final weights and {@code syn_weight_initial} those it started from ({@code
     * initialWeights}).
     */
    private static void writeEdges(SonataWriter w, Projection pr, int index, TimeGrid grid, double[] initialWeights) {
        if (pr.synapseCount() == 0) {
            w.edges(new EdgeData(pr.name(), pr.pre().name(), pr.post().name(), new long[0], new long[0],
                    new double[0], new double[0]), pr.pre().size(), pr.post().size(),
                    CircuitWriter.FIRST_TYPE_ID + index);
            return;
        }
        CircuitWriter.EdgeTable e = CircuitWriter.EdgeTable.of(pr, grid, initialWeights);
        w.edges(new EdgeData(pr.name(), pr.pre().name(), pr.post().name(), e.source(), e.target(), e.weight(),
                e.delayMs()), pr.pre().size(), pr.post().size(), CircuitWriter.FIRST_TYPE_ID + index);
        String unit = pr.channel().model().weightUnit();
        w.attribute("/edges/" + pr.name() + "/0/syn_weight", "units", unit);
        w.attribute("/edges/" + pr.name(), "cortexsim_synapse_model", pr.channel().model().name());
        if (e.weightInitial() != null) {
            w.dataset("/edges/" + pr.name() + "/0/syn_weight_initial", e.weightInitial(), Map.of("units", unit));
            w.attribute("/edges/" + pr.name(), "cortexsim_plasticity_rule", pr.plasticity().rule().name());
        }
    }
}
