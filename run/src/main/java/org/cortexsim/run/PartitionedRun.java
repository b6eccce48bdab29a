package org.cortexsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.config.PopulationSpec;
import org.cortexsim.config.StateRecordSpec;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.network.InProcessExchange;
import org.cortexsim.network.NetworkFingerprint;
import org.cortexsim.network.NumericalGuard;
import org.cortexsim.network.Projection;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.SpikeExchange;
import org.cortexsim.network.StopCondition;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportDtype;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SegmentedStream;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.Sorting;
import org.cortexsim.results.SpikeData;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.Partitioning;
import org.cortexsim.run.build.SimulationFactory;

/**
 * A run of one network split into K partitions ({@link Partitioning}), each stepped by its own
 * {@link Simulation} (on its own machine, or on a thread of this process) and joined by a
 * {@link SpikeExchange}; spikes are bit-identical to a run of the whole network in one process.
 *
 * <p><b>The two sides.</b> Each partition is a {@link Member}: it builds only its neurons, their
 * inputs and recorders and the synapses onto them ({@link #prepare}), then runs and writes its
 * neurons' spikes and reports as segment files of its own ({@code <stem>[.<report>].part<p>.seg<k>.h5},
 * {@link SegmentWriter} in partition mode) into the output directory or a directory whose files
 * are carried to it, and answers with an {@link Outcome}. The driver checks the config and the
 * outputs before anything runs ({@link #checkBeforeRun}) and, once every partition has answered,
 * writes the main file ({@link #writeMain}): provenance (with the partitioning), and, like a run
 * in one process, the spikes merged into it and each report merged into its report file when they
 * fit the memory budget (then the parts' files are deleted), otherwise the {@code /segments}
 * table listing every part, so {@link ResultSet} and {@code info}/{@code plot} read one run.
 * {@link #runInProcess} runs both sides in this process, the partitions on threads.
 *
 * <p>Plastic projections: each partition holds the plastic synapses onto its neurons and
 * answers with their initial and final weights ({@link PlasticPart}); the driver merges them into
 * the whole network's storage order and writes the plasticity statistics and histograms of a run
 * in one process ({@code /provenance/plasticity}). Not supported in partitioned runs (refused
 * before anything runs): writing the connectivity ({@code output.edges}, {@code output.circuit})
 * and recording weights over time ({@code record.weights}).
 */
public final class PartitionedRun {
    private PartitionedRun() {
    }

    /**
     * What one partition did: its index and range, the stop reason it ended with ({@code
     * completed} or why the run stopped), steps, loop and setup wall time, threads, spikes per
     * recorded population (in the order of {@code record.spikes}), synapses held and walked, the
     * exchange window, the exchanges made, the wall time spent in them and the spikes they carried,
     * the segment files it wrote (as names beside the main file), the step it started from (a
     * checkpoint's, or 0), the step of its checkpoint on disk (-1 when there is none), whether it
     * stopped resumable (interrupted, checkpointed, its recordings kept in segments), and the
     * weights of its plastic synapses ({@link PlasticPart}, in projection order).
     */
    public record Outcome(int partition, int from, int to, String status, boolean completed, long stepsDone,
            long stepsRequested, double loopSeconds, double setupSeconds, int threads, long[] spikes, long synapses,
            long synapticEvents, int windowSteps, long exchanges, double exchangeSeconds, long exchangedSpikes,
            List<ResultSet.Segment> segments, long firstStep, long checkpointStep, boolean resumable,
            List<PlasticPart> plastic) {
        public Outcome {
            spikes = spikes.clone();
            segments = List.copyOf(segments);
            plastic = List.copyOf(plastic);
        }
    }

    /**
     * The synapses of plastic projection {@code projection} a partition holds (those onto its
     * neurons): for each presynaptic node of the whole population, how many of its synapses are
     * here ({@code columnCounts}), and their initial and final weights in the partition's storage
     * order (column by column, targets ascending), with the partition's bytes per plastic
     * synapse. Within a column the partitions hold consecutive ranges of targets, so the weights
     * of all partitions, column by column in partition order, are the whole network's in its
     * storage order ({@link #merge}).
     */
    public record PlasticPart(String projection, int[] columnCounts, double[] initial, double[] weights,
            double bytesPerSynapse) {
        public PlasticPart {
            if (initial.length != weights.length || java.util.Arrays.stream(columnCounts).asLongStream().sum()
                    != weights.length) {
                throw new IllegalArgumentException("plastic part of " + projection + ": " + weights.length
                        + " weights, " + initial.length + " initial weights, column counts summing to "
                        + java.util.Arrays.stream(columnCounts).asLongStream().sum());
            }
        }

        /**
         * The whole network's weights of one projection from its {@code parts} in partition order,
         * initial ({@code initial}) or final: column by column, each column's part from every
         * partition in turn.
         */
        static double[] merge(List<PlasticPart> parts, boolean initial) {
            int columns = parts.get(0).columnCounts().length;
            int total = 0;
            for (PlasticPart p : parts) {
                if (p.columnCounts().length != columns) {
                    throw new IllegalArgumentException("partitions of " + p.projection() + " disagree on its "
                            + "presynaptic population: " + columns + " and " + p.columnCounts().length + " nodes");
                }
                total += p.weights().length;
            }
            double[] out = new double[total];
            int[] at = new int[parts.size()];
            int k = 0;
            for (int j = 0; j < columns; j++) {
                for (int p = 0; p < parts.size(); p++) {
                    PlasticPart part = parts.get(p);
                    int n = part.columnCounts()[j];
                    System.arraycopy(initial ? part.initial() : part.weights(), at[p], out, k, n);
                    at[p] += n;
                    k += n;
                }
            }
            return out;
        }
    }

    /**
     * Checks, before anything is built or runs anywhere, what the driver can check: the output
     * (directory, free space for the whole run, no existing file unless overwriting, no segment of
     * an earlier run) and that the config asks for nothing a partitioned run cannot do.
     */
    public static void checkBeforeRun(Config config, int partitions, boolean resume)
            throws ConfigException, IOException {
        refuseUnsupported(config);
        Partitioning.of(config, partitions);
        OutputPreflight.check(config, Estimate.of(config));
        checkOutputs(config, resume);
    }

    /**
     * Refuses what a partitioned run cannot do: writing the connectivity ({@code output.edges},
     * {@code output.circuit}) or recording weights over time ({@code record.weights}), all of which
     * need the whole network's synapses in one place.
     */
    static void refuseUnsupported(Config config) throws ConfigException {
        Location where = Location.of(config.sourceName());
        if (config.output().edges()) {
            throw new ConfigException(where.withKeyPath("output.edges"), "a partitioned run does not write the "
                    + "connectivity (each machine holds only the synapses onto its neurons); run once in one process "
                    + "with output.edges to get it, or set edges: false");
        }
        if (config.output().circuit().isPresent()) {
            throw new ConfigException(where.withKeyPath("output.circuit"), "a partitioned run does not write a "
                    + "circuit (each machine holds only the synapses onto its neurons); write it in one process, or "
                    + "remove output.circuit");
        }
        if (!config.record().weights().isEmpty()) {
            org.cortexsim.config.WeightRecordSpec w = config.record().weights().get(0);
            throw new ConfigException(w.location(), "a partitioned run does not record weights or a rule's state over"
                    + " time (report '" + w.name() + "' of plastic projection '" + w.projection() + "'): each machine"
                    + " holds only the synapses onto its neurons, and a weight report's columns are edge ids of the"
                    + " whole network; "
                    + "run in one process to record them, or remove record.weights (the plasticity statistics at the "
                    + "start and the end, which info and plot --kind weights show, are written either way)");
        }
    }

    /** No existing output (unless overwriting or resuming) and no segment or checkpoint of an earlier run. */
    private static void checkOutputs(Config config, boolean resume) throws IOException {
        if (!config.output().overwrite() && !resume) {
            Path main = config.output().path().toAbsolutePath().normalize();
            List<Path> targets = new ArrayList<>(List.of(main));
            for (StateRecordSpec s : config.record().state()) {
                for (String variable : s.variables()) {
                    targets.add(OutputLayout.reportPath(main, SimulationFactory.reportName(s, variable)));
                }
            }
            for (Path p : targets) {
                if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new org.cortexsim.results.TargetExistsException(p);
                }
            }
            java.util.regex.Pattern segments = OutputLayout.segmentFiles(main);
            java.util.regex.Pattern checkpoints = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                    OutputLayout.stem(main)) + "\\.part\\d{3,}\\.checkpoint\\.h5");
            try (var dir = Files.newDirectoryStream(main.getParent())) {
                for (Path p : dir) {
                    if (checkpoints.matcher(p.getFileName().toString()).matches()) {
                        throw new org.cortexsim.results.TargetExistsException(p, "a checkpoint of an unfinished "
                                + "partitioned run; continue it with --resume, or start over with --overwrite");
                    }
                    if (segments.matcher(p.getFileName().toString()).matches()) {
                        throw new org.cortexsim.results.TargetExistsException(p);
                    }
                }
            }
        }
    }

    /**
     * Builds partition {@code partition} of {@code partitioning}: its neurons, inputs, recorders
     * and synapses, and its segment writer, whose files are named after {@code main} (the run's
     * main file, or a file of that name in the directory the partition writes to). With {@code
     * resume}, reads the partition's checkpoint ({@link OutputLayout#partCheckpointPath}) and checks
     * it against the config and the network built (refusing, with a {@link ConfigException} naming
     * the file, one of another config, another network or a damaged file); the run then continues
     * from it.
     */
    public static Member prepare(Config config, Partitioning partitioning, int partition, Path main, boolean resume)
            throws ConfigException, IOException {
        final long setupBegin = System.nanoTime();
        refuseUnsupported(config);
        Estimate whole = Estimate.of(config);
        long share = (whole.stateBytes() + whole.synapseBytes()) / partitioning.partitions();
        long heap = Runtime.getRuntime().maxMemory();
        if (share > 0.9 * heap) {
            throw new ConfigException(Location.of(config.sourceName()), "partition " + partition + " of "
                    + partitioning.partitions() + " needs about " + Estimate.human(share) + " but this member's Java "
                    + "heap is " + Estimate.human(heap) + "; raise it (CORTEXSIM_JAVA_OPTS=-Xmx...) or use more "
                    + "partitions");
        }
        Path checkpoint = OutputLayout.partCheckpointPath(main, partition);
        Checkpoints.Loaded from = null;
        if (resume) {
            if (!Files.isRegularFile(checkpoint)) {
                throw Checkpoints.refuse(checkpoint, "there is no checkpoint of partition " + partition + " of "
                        + partitioning.partitions() + " (the run did not checkpoint, or ran on another number of "
                        + "partitions)" + Checkpoints.START_OVER);
            }
            from = Checkpoints.read(checkpoint, config);
        }
        BuiltSimulation built = SimulationFactory.build(config, partitioning, partition);
        try {
            long budget = from != null ? from.header().budgetBytes() : Runner.memoryBudgetBytes(config);
            SegmentWriter segments = new SegmentWriter(main, config.output().overwrite() || resume, built, budget,
                    stepsDone -> { }, partition, partitioning.partitions());
            built.simulation().addListener(segments);
            boolean checkpointing = config.simulation().checkpoint().isPresent() || resume;
            String fingerprint = checkpointing ? NetworkFingerprint.of(built.simulation()) : null;
            if (from != null && !fingerprint.equals(from.header().networkFingerprint())) {
                throw Checkpoints.refuse(checkpoint, "the network this config builds for partition " + partition
                        + " differs from the one the checkpoint was written for: a file the config reads has changed,"
                        + " or the partitions differ" + Checkpoints.START_OVER);
            }
            return new Member(config, partitioning, partition, built, segments,
                    new CheckpointPlan(checkpoint, checkpointing, fingerprint, budget, from), setupBegin);
        } catch (IOException | ConfigException | RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /**
     * One partition, built and ready to run once: owns its simulation (close to end its threads),
     * its segment writer and, when the run checkpoints, its checkpoint file. Checkpoints are taken
     * on the schedule of {@code simulation.checkpoint} at the ends of exchange windows (the steps
     * every partition asks its stop condition at, so every partition checkpoints after the same
     * step), and after a stop agreed on an interrupt; never after a lost partition (the last
     * scheduled checkpoint is the one to resume from).
     */
    public static final class Member implements AutoCloseable {
        private final Config config;
        private final BuiltSimulation built;
        private final Partitioning partitioning;
        private final int partition;
        private final SegmentWriter segments;
        private final CheckpointPlan plan;
        private final long setupBegin;
        private RunState state;
        private long checkpointStep = -1;
        private long loopBegin;

        private Member(Config config, Partitioning partitioning, int partition, BuiltSimulation built,
                SegmentWriter segments, CheckpointPlan plan, long setupBegin) {
            this.config = config;
            this.built = built;
            this.partitioning = partitioning;
            this.partition = partition;
            this.segments = segments;
            this.plan = plan;
            this.setupBegin = setupBegin;
        }

        /** Steps per exchange window (the same in every partition). */
        public int windowSteps() {
            return built.simulation().windowSteps();
        }

        /** Synapses held (onto this partition's neurons). */
        public long synapses() {
            return built.simulation().projections().stream().mapToLong(Projection::synapseCount).sum();
        }

        public int threads() {
            return built.threads();
        }

        /** The step the run continues from: the checkpoint's, or 0. */
        public long firstStep() {
            return plan.from() == null ? 0 : plan.from().header().step();
        }

        /**
         * Runs the partition with {@code exchange} to the others, stopping all of them (through
         * the exchange) when {@code options.interrupt()} is set or the state goes bad, writes the
         * remaining recordings as its last segments (or, interrupted in a run that checkpoints,
         * a checkpoint, its recordings staying in segments), and reports what it did. Progress goes
         * to {@code options.progress()} (this partition's spikes only).
         *
         * @throws ConfigException when the checkpoint resumed does not fit the partition built
         */
        public Outcome run(SpikeExchange exchange, RunOptions options) throws IOException, ConfigException {
            Simulation sim = built.simulation();
            sim.exchangeSpikes(exchange);
            state = new RunState(built, segments, Map.of());
            // the weights the run started from: as built, before any checkpoint is restored
            List<double[]> initial = new ArrayList<>();
            for (Projection pr : sim.projections()) {
                if (pr.plasticity() != null) {
                    initial.add(pr.plasticity().state().weights().clone());
                }
            }
            double priorLoop = 0;
            if (plan.from() != null) {
                try {
                    state.restore(plan.from().state(), plan.from().header().step());
                } catch (StateMismatchException e) {
                    throw Checkpoints.refuse(plan.from().file(), "it does not fit partition " + partition + ": "
                            + e.getMessage() + Checkpoints.START_OVER);
                }
                checkpointStep = plan.from().header().step();
                priorLoop = plan.from().header().loopSeconds();
            }
            sim.addListener(new ProgressListener(options));
            TimeGrid grid = sim.grid();
            NumericalGuard guard = new NumericalGuard(sim, 10);
            CheckpointSchedule schedule = config.simulation().checkpoint()
                    .flatMap(c -> c.everyMs().isPresent() ? Optional.of(c.everyMs().getAsDouble()) : Optional.empty())
                    .map(every -> new CheckpointSchedule(grid, every, firstStep())).orElse(null);
            final double prior = priorLoop;
            StopCondition stop = step -> {
                if (options.interrupt().get()) {
                    return StopCondition.Action.stop("interrupted at t = " + grid.label(step + 1) + " ms");
                }
                StopCondition.Action action = guard.check(step);
                if (!action.stops() && schedule != null && schedule.due(step + 1) && step + 1 < built.steps()) {
                    try {
                        checkpoint(step + 1, prior);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return action;
            };
            loopBegin = System.nanoTime();
            RunResult result;
            try {
                result = sim.run(built.steps(), stop);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            String status = result.completed() ? "completed" : result.stopReason();
            boolean resumable = false;
            if (plan.enabled() && !result.completed() && options.interrupt().get()
                    && status.startsWith("interrupted")) {
                checkpoint(result.stepsDone(), prior);
                resumable = true;
            } else {
                segments.finish(result.stepsDone(), status);
                if (result.completed() && plan.enabled() && !options.keepCheckpoint()) {
                    Files.deleteIfExists(plan.file());
                }
            }
            long[] spikes = new long[built.spikes().populations().size()];
            for (int k = 0; k < spikes.length; k++) {
                spikes[k] = built.spikes().totalCount(k);
            }
            return new Outcome(partition, partitioning.from(partition), partitioning.to(partition), status,
                    result.completed(), result.stepsDone(), result.stepsRequested(), prior + result.loopSeconds(),
                    (System.nanoTime() - setupBegin) / 1e9 - result.loopSeconds(), built.threads(), spikes,
                    synapses(), result.synapticEvents(), sim.windowSteps(), sim.exchanges(), sim.exchangeSeconds(),
                    sim.exchangedSpikes(), segments.segments(), firstStep(),
                    Files.isRegularFile(plan.file()) ? checkpointStep : -1, resumable, plasticParts(initial));
        }

        /** This partition's plastic synapses: per column counts, the weights {@code initial} (in projection order) and now. */
        private List<PlasticPart> plasticParts(List<double[]> initial) {
            List<PlasticPart> out = new ArrayList<>();
            for (Projection pr : built.simulation().projections()) {
                if (pr.plasticity() == null) {
                    continue;
                }
                int[] colIdx = pr.weights().col_idx;
                int[] counts = new int[colIdx.length - 1];
                for (int j = 0; j < counts.length; j++) {
                    counts[j] = colIdx[j + 1] - colIdx[j];
                }
                out.add(new PlasticPart(pr.name(), counts, initial.get(out.size()),
                        pr.plasticity().state().weights().clone(),
                        pr.bytesPerSynapse() + pr.plasticity().bytesPerSynapse()));
            }
            return out;
        }

        /**
         * Checkpoint after {@code stepsDone} steps: the recordings as segments, then the state of
         * the partition written over its previous checkpoint.
         */
        private void checkpoint(long stepsDone, double priorLoop) throws IOException {
            segments.flush(stepsDone, false);
            Checkpoints.Header header = new Checkpoints.Header(stepsDone, built.simulation().grid().timeOf(stepsDone),
                    plan.budgetBytes(), priorLoop + (System.nanoTime() - loopBegin) / 1e9,
                    plan.from() != null ? plan.from().header().startedAt() : Instant.now(), plan.fingerprint(),
                    Version.get());
            Checkpoints.write(plan.file(), state.save(stepsDone), header, config, built.threads());
            checkpointStep = stepsDone;
        }

        @Override
        public void close() {
            built.close();
        }
    }

    /**
     * The checkpoint of a partition: its file, whether the run checkpoints (else the fingerprint is
     * null and nothing is written), the fingerprint of the network built, the memory budget its
     * header records, and the checkpoint the run resumes from (null when it starts afresh).
     */
    private record CheckpointPlan(Path file, boolean enabled, String fingerprint, long budgetBytes,
            Checkpoints.Loaded from) {
    }

    /**
     * Runs {@code config} in {@code partitions} partitions in this process, one thread each (each
     * stepping on the config's threads), and writes the run's files as a partitioned run on a
     * cluster does.
     */
    public static RunReport runInProcess(Config config, int partitions, RunOptions options)
            throws ConfigException, IOException {
        final Instant startedAt = Instant.now();
        checkBeforeRun(config, partitions, options.resume());
        Partitioning partitioning = Partitioning.of(config, partitions);
        Path main = config.output().path().toAbsolutePath().normalize();
        List<Member> members = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(partitions);
        try {
            for (int p = 0; p < partitions; p++) {
                members.add(prepare(config, partitioning, p, main, options.resume()));
            }
            InProcessExchange exchange = new InProcessExchange(partitions, 3600);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                final int part = p;
                RunOptions memberOptions = p == 0 ? options
                        : new RunOptions(x -> { }, Double.POSITIVE_INFINITY, options.interrupt());
                futures.add(pool.submit(() -> {
                    try {
                        return members.get(part).run(exchange.partition(part), memberOptions);
                    } catch (IOException | RuntimeException e) {
                        exchange.abandon(part, e.toString());
                        throw e;
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof ConfigException c) {
                        throw c;
                    }
                    throw new IllegalStateException("a partition failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the partitions", e);
                }
            }
            return writeMain(config, partitioning, outcomes, null, options.resume(), startedAt, Instant.now());
        } finally {
            pool.shutdownNow();
            for (Member m : members) {
                m.close();
            }
        }
    }

    /**
     * Writes the main file of a partitioned run once every partition has answered with its
     * outcome (its segment files beside the main file): provenance, the merged spikes and reports
     * when they fit the memory budget (deleting the parts' files they came from once the main file
     * is published) or else the segment table of all parts, and the populations' parameters.
     * {@code failure}, when not null, is the run's status instead of the partitions' (a member
     * lost); the outcomes are then those of the partitions that answered. {@code resumed}: the run
     * continued from checkpoints and replaces the main file of its earlier session. Returns what
     * the run did, as a run in one process reports it.
     */
    public static RunReport writeMain(Config config, Partitioning partitioning, List<Outcome> outcomes, String failure,
            boolean resumed, Instant startedAt, Instant finishedAt) throws ConfigException, IOException {
        Path main = config.output().path().toAbsolutePath().normalize();
        boolean overwrite = config.output().overwrite() || resumed;
        long budget = Runner.memoryBudgetBytes(config);
        TimeGrid grid = config.simulation().grid();
        Outcome first = outcomes.isEmpty() ? null : outcomes.get(0);
        long stepsDone = outcomes.stream().mapToLong(Outcome::stepsDone).min().orElse(0);
        boolean completed = failure == null && outcomes.size() == partitioning.partitions()
                && outcomes.stream().allMatch(Outcome::completed);
        // interrupted in a run that checkpoints: every partition kept its state; the recordings stay in segments
        // or lost a partition while every partition holds a checkpoint: the segments stay for --resume
        boolean resumable = failure == null && outcomes.size() == partitioning.partitions()
                && outcomes.stream().allMatch(Outcome::resumable)
                || failure != null && checkpointStep(main, partitioning, outcomes) >= 0;
        String status = failure != null ? failure : completed ? "completed"
                : outcomes.stream().filter(o -> !o.completed()).map(Outcome::status).findFirst().orElse("failed");
        double loopSeconds = outcomes.stream().mapToDouble(Outcome::loopSeconds).max().orElse(0);
        double setupSeconds = outcomes.stream().mapToDouble(Outcome::setupSeconds).max().orElse(0);
        RunProvenance run = new RunProvenance(status, config.simulation().steps(), stepsDone, completed,
                outcomes.isEmpty() ? 0L : outcomes.get(0).threads(), loopSeconds, startedAt, finishedAt);
        List<ResultSet.Segment> segments = new ArrayList<>();
        for (Outcome o : outcomes) {
            for (ResultSet.Segment s : o.segments()) {
                segments.add(new ResultSet.Segment(s.stream(), main.resolveSibling(s.file().getFileName().toString()),
                        s.index(), s.startMs(), s.stopMs(), s.count(), s.part()));
            }
        }
        // in population order, as a run in one process records them
        List<String> order = config.populations().stream().map(PopulationSpec::name).toList();
        List<String> spikePopulations = config.record().spikePopulations().stream()
                .sorted(java.util.Comparator.comparingInt(order::indexOf)).toList();
        List<ResultSet.Segment> spikeSegments = segments.stream()
                .filter(s -> s.stream().equals(OutputLayout.SPIKES)).toList();
        long spikeTotal = spikeSegments.stream().mapToLong(ResultSet.Segment::count).sum();
        boolean mergeSpikes = !resumable && !spikeSegments.isEmpty()
                && spikeTotal <= budget / (Double.BYTES + Long.BYTES);
        List<Path> delete = new ArrayList<>();
        List<ResultSet.Segment> kept = new ArrayList<>(segments);
        List<SonataWriter> writers = new ArrayList<>();
        List<Path> reportFiles = new ArrayList<>();
        try {
            SonataWriter w = SonataWriter.create(main, overwrite);
            writers.add(w);
            provenance(w, config, partitioning, outcomes, run);
            if (mergeSpikes) {
                for (String pop : spikePopulations) {
                    SpikeData d = SegmentedStream.spikes(spikeSegments, pop, Double.NEGATIVE_INFINITY,
                            Double.POSITIVE_INFINITY);
                    w.spikes(pop, d.timestampsMs(), d.nodeIds(), d.count(), Sorting.BY_TIME);
                }
                spikeSegments.forEach(s -> delete.add(s.file()));
                kept.removeAll(spikeSegments);
            } else {
                OutputLayout.listSegmentedSpikePopulations(w, spikePopulations);
            }
            List<String> merged = new ArrayList<>();
            List<SonataWriter> reportWriters = new ArrayList<>();
            for (StateRecordSpec spec : config.record().state()) {
                for (String variable : spec.variables()) {
                    String name = SimulationFactory.reportName(spec, variable);
                    List<ResultSet.Segment> parts = segments.stream().filter(s -> s.stream().equals(name)).toList();
                    if (parts.isEmpty()) {
                        continue;
                    }
                    ReportMetadata m = SegmentedStream.reportMetadata(parts, "report '" + name + "'");
                    if (resumable || (long) m.rows() * m.cols() * Double.BYTES > budget) {
                        continue;
                    }
                    double[] data = SegmentedStream.reportSlice(parts, "report '" + name + "'", 0, m.rows(), 0,
                            m.cols());
                    SonataWriter rw = SonataWriter.create(OutputLayout.reportPath(main, name), overwrite);
                    writers.add(rw);
                    reportWriters.add(rw);
                    provenance(rw, config, partitioning, outcomes, run);
                    OutputLayout.nameReport(rw, name, variable);
                    rw.report(m, data, ReportDtype.parse(spec.dtype().configName()));
                    merged.add(name);
                    parts.forEach(s -> delete.add(s.file()));
                    kept.removeAll(parts);
                }
            }
            OutputLayout.listReportFiles(w, main, merged);
            if (!kept.isEmpty()) {
                OutputLayout.writeSegmentTable(w, kept, budget);
            } else if (!segments.isEmpty()) {
                w.rootAttribute(OutputLayout.MEMORY_BUDGET_BYTES, budget);
            }
            checkpointAttributes(w, config, main, partitioning, outcomes);
            Runner.writePopulations(w, SimulationFactory.wholeNeurons(config).populations(), config, true);
            if (outcomes.size() == partitioning.partitions()) {
                writePlasticity(w, config, outcomes);
            }
            try {
                for (SonataWriter rw : reportWriters) {
                    reportFiles.add(rw.commit());
                }
                w.commit();
            } catch (IOException | RuntimeException e) {
                for (Path p : reportFiles) {
                    Files.deleteIfExists(p);
                }
                throw e;
            }
        } finally {
            for (SonataWriter x : writers) {
                x.close();
            }
        }
        for (Path p : delete) {
            Files.deleteIfExists(p);
        }
        for (ResultSet.Segment s : kept) {
            reportFiles.add(s.file());
        }
        List<RunReport.PopulationStats> stats = new ArrayList<>();
        double seconds = grid.timeOf(stepsDone) / 1000.0;
        for (int k = 0; k < spikePopulations.size(); k++) {
            PopulationSpec spec = config.population(spikePopulations.get(k)).orElseThrow();
            long n = 0;
            for (Outcome o : outcomes) {
                n += o.spikes()[k];
            }
            stats.add(new RunReport.PopulationStats(spec.name(), spec.model(), spec.size(), n,
                    seconds > 0 ? n / (spec.size() * seconds) : 0));
        }
        return new RunReport(status, completed, stepsDone, config.simulation().steps(), grid.timeOf(stepsDone),
                loopSeconds, setupSeconds, first == null ? 0 : first.threads(), stats,
                outcomes.stream().mapToLong(Outcome::synapses).sum(),
                outcomes.stream().mapToLong(Outcome::synapticEvents).sum(), main, reportFiles,
                first == null || first.firstStep() == 0 ? Double.NaN : grid.timeOf(first.firstStep()),
                checkpointStep(main, partitioning, outcomes) >= 0 ? OutputLayout.partCheckpointPath(main, 0) : null);
    }

    /**
     * The plasticity statistics of the whole run ({@code /provenance/plasticity}, as a run in one
     * process writes them): each plastic projection's initial and final weights merged from every
     * partition into the whole network's storage order ({@link PlasticPart#merge}); the memory per
     * plastic synapse is the average over the partitions.
     */
    private static void writePlasticity(SonataWriter w, Config config, List<Outcome> outcomes) {
        List<Outcome> ordered = outcomes.stream().sorted(java.util.Comparator.comparingInt(Outcome::partition))
                .toList();
        for (org.cortexsim.config.ProjectionSpec spec : config.projections()) {
            if (spec.plasticity().isEmpty()) {
                continue;
            }
            List<PlasticPart> parts = new ArrayList<>();
            for (Outcome o : ordered) {
                o.plastic().stream().filter(p -> p.projection().equals(spec.name())).findFirst().ifPresent(parts::add);
            }
            if (parts.size() != ordered.size()) {
                throw new IllegalStateException("plastic projection " + spec.name() + " is missing from "
                        + (ordered.size() - parts.size()) + " partition(s)' outcomes");
            }
            org.cortexsim.config.PlasticitySpec p = spec.plasticity().get();
            org.cortexsim.network.plasticity.PlasticityRule rule =
                    org.cortexsim.network.plasticity.PlasticityRules.require(p.rule());
            double[] fin = PlasticPart.merge(parts, false);
            double bytes = 0;
            for (PlasticPart part : parts) {
                bytes += part.bytesPerSynapse() * part.weights().length;
            }
            PlasticityOutput.info(spec.name(), rule,
                    org.cortexsim.network.plasticity.PlasticityRules.resolve(rule, p.numbers(), p.words()),
                    org.cortexsim.network.synapse.SynapseModels.byName(spec.synapse().model()).weightUnit(),
                    fin.length == 0 ? 0 : bytes / fin.length, PlasticPart.merge(parts, true), fin).write(w);
        }
    }

    /**
     * Where a partitioned run that checkpoints can continue from: the model time of the
     * partitions' checkpoints, when every partition has one of the same step, and the resumed run's
     * starting time.
     */
    private static void checkpointAttributes(SonataWriter w, Config config, Path main, Partitioning partitioning,
            List<Outcome> outcomes) {
        TimeGrid grid = config.simulation().grid();
        long first = outcomes.stream().mapToLong(Outcome::firstStep).max().orElse(0);
        if (first > 0) {
            w.rootAttribute("resumed_from_ms", grid.timeOf(first));
        }
        long step = checkpointStep(main, partitioning, outcomes);
        if (step >= 0) {
            w.rootAttribute("checkpoint_model_time_ms", grid.timeOf(step));
            w.rootAttribute("checkpoint_file", OutputLayout.partCheckpointPath(main, 0).getFileName().toString()
                    .replace(".part000.", ".part*."));
        }
    }

    /**
     * The step of the checkpoint every partition holds ({@link Outcome#checkpointStep}: that of
     * the partitions that answered; for a lost one, its file beside the main file, which all share
     * when the workers write into one directory), or -1 when not all hold one of one step.
     */
    public static long checkpointStep(Path main, Partitioning partitioning, List<Outcome> outcomes) {
        long step = -1;
        for (int p = 0; p < partitioning.partitions(); p++) {
            final int part = p;
            long s = outcomes.stream().filter(o -> o.partition() == part).mapToLong(Outcome::checkpointStep)
                    .findFirst().orElse(Files.isRegularFile(OutputLayout.partCheckpointPath(main, p)) ? -2 : -1);
            if (s == -1 || (step >= 0 && s >= 0 && s != step)) {
                return -1;
            }
            if (s >= 0) {
                step = s;
            }
        }
        return step;
    }

    /** The provenance of a partitioned run: as a run in one process writes it, plus the partitioning and the exchange. */
    private static void provenance(SonataWriter w, Config c, Partitioning partitioning, List<Outcome> outcomes,
            RunProvenance run) {
        run.write(w, c, c.simulation().grid());
        w.rootAttribute(OutputLayout.PARTITIONS, (long) partitioning.partitions());
        w.rootAttribute("partition_bounds", java.util.Arrays.stream(partitioning.bounds()).asLongStream().toArray());
        if (!outcomes.isEmpty()) {
            w.rootAttribute("exchange_window_steps", (long) outcomes.get(0).windowSteps());
            w.rootAttribute("exchanges", outcomes.get(0).exchanges());
            w.rootAttribute("partition_threads", outcomes.stream().mapToLong(Outcome::threads).toArray());
            w.rootAttribute("partition_exchange_wait_s", outcomes.stream().mapToDouble(Outcome::exchangeSeconds)
                    .toArray());
            w.rootAttribute("partition_loop_s", outcomes.stream().mapToDouble(Outcome::loopSeconds).toArray());
        }
    }
}
