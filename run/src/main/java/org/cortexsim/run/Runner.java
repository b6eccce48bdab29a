package org.cortexsim.run;

import java.io.IOException;
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
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.network.NumericalGuard;
import org.cortexsim.network.Projection;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.StopCondition;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportDtype;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.Sorting;
import org.cortexsim.results.SpikeData;
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
 * docs/output-layout.md.
 */
public final class Runner {
    /**
     * Default memory budget for buffered recordings, as a fraction of the maximum heap: writing a
     * segment briefly needs about three times the buffered bytes (the buffers, a copy, and the
     * row-matrix handed to jHDF), so an eighth keeps the peak below half the heap.
     */
    public static final double DEFAULT_BUDGET_HEAP_FRACTION = 1.0 / 8;

    private Runner() {
    }

    /** The budget for buffered recordings, bytes: {@code record.memory_budget_MB} MiB or the default. */
    public static long memoryBudgetBytes(Config config) {
        return config.record().memoryBudgetMB().isPresent()
                ? Math.multiplyExact(config.record().memoryBudgetMB().getAsLong(), 1L << 20)
                : Math.max(1L << 20, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_BUDGET_HEAP_FRACTION));
    }

    /**
     * Refuses a config whose estimated memory (state, synapses, ring buffers and the recordings
     * held at once) exceeds 90% of the Java heap, saying how much is needed and how to raise the
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

    /** Refuses, before anything is built, output files that exist when overwriting is off. */
    private static void refuseExistingOutputs(Config config) throws IOException {
        if (config.output().overwrite()) {
            return;
        }
        Path main = config.output().path();
        List<Path> targets = new ArrayList<>(List.of(main));
        for (var s : config.record().state()) {
            for (String variable : s.variables()) {
                targets.add(OutputLayout.reportPath(main, SimulationFactory.reportName(s, variable)));
            }
        }
        for (var w : config.record().weights()) {
            targets.add(OutputLayout.reportPath(main, w.name()));
        }
        for (Path p : targets) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new org.cortexsim.results.TargetExistsException(p.toAbsolutePath().normalize());
            }
        }
        if (config.output().circuit().isPresent()) {
            CircuitWriter.refuseExisting(config.output().circuit().get(), false);
        }
    }

    public static RunReport run(Config config, RunOptions options) throws ConfigException, IOException {
        final Instant startedAt = Instant.now();
        final long setupBegin = System.nanoTime();
        Path main = config.output().path();
        boolean overwrite = config.output().overwrite();
        Estimate estimate = Estimate.of(config);
        long budget = memoryBudgetBytes(config);
        checkFitsInHeap(config, estimate);
        OutputPreflight.check(config, estimate);
        refuseExistingOutputs(config);
        try (BuiltSimulation built = SimulationFactory.build(config)) {
            List<SonataWriter> writers = new ArrayList<>();
            try {
                SonataWriter mainWriter = SonataWriter.create(main, overwrite);
                writers.add(mainWriter);
                List<SonataWriter> reportWriters = new ArrayList<>();
                for (StateRecorder r : built.reports()) {
                    SonataWriter w = SonataWriter.create(OutputLayout.reportPath(main, r.name()), overwrite);
                    writers.add(w);
                    reportWriters.add(w);
                }
                Path circuit = config.output().circuit().isPresent()
                        ? CircuitWriter.write(built, config.output().circuit().get(), overwrite) : null;
                SegmentWriter segments = new SegmentWriter(main, overwrite, built, budget);
                built.simulation().addListener(segments);
                double setupSeconds = (System.nanoTime() - setupBegin) / 1e9;
                ProgressListener progress = new ProgressListener(options);
                built.simulation().addListener(progress);
                TimeGrid grid = built.simulation().grid();
                NumericalGuard guard = new NumericalGuard(built.simulation(), 10);
                StopCondition stop = step -> options.interrupt().get()
                        ? StopCondition.Action.stop("interrupted at t = " + grid.timeOf(step + 1) + " ms")
                        : guard.check(step);
                List<PlasticityOutput.Start> plastic = PlasticityOutput.before(built.simulation(),
                        config.output().edges());
                RunResult result = built.simulation().run(built.steps(), stop);
                Instant finishedAt = Instant.now();
                String status = result.completed() ? "completed" : result.stopReason();
                List<RunReport.PopulationStats> stats = stats(built, result);
                segments.finish(result.stepsDone(), status);
                List<Path> reportFiles = new ArrayList<>();
                List<SonataWriter> unsegmented = new ArrayList<>();
                for (int k = 0; k < built.reports().size(); k++) {
                    StateRecorder r = built.reports().get(k);
                    SonataWriter w = reportWriters.get(k);
                    if (segments.reportSegmented(k)) {
                        continue;
                    }
                    unsegmented.add(w);
                    provenance(w, built, result, status, startedAt, finishedAt);
                    OutputLayout.nameReport(w, r.name(), r.variable());
                    if (r.rows() > 0) {
                        writeReport(w, r, built.reportDtype(k));
                    }
                }
                List<SpikeData> mergedSpikes = segments.mergeSpikes();
                writeMain(mainWriter, built, result, status, startedAt, finishedAt, segments, mergedSpikes, main,
                        plastic);
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
                List<Path> merged = segments.deleteMergedSpikeSegments();
                for (ResultSet.Segment seg : segments.segments()) {
                    if (!merged.contains(seg.file())) {
                        reportFiles.add(seg.file());
                    }
                }
                long synapses = built.simulation().projections().stream().mapToLong(Projection::synapseCount).sum();
                return new RunReport(status, result.completed(), result.stepsDone(), result.stepsRequested(),
                        grid.timeOf(result.stepsDone()), result.loopSeconds(), setupSeconds,
                        built.threads(), stats, synapses, result.synapticEvents(), written, reportFiles);
            } finally {
                for (SonataWriter w : writers) {
                    w.close();
                }
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
        w.report(r.reportPopulation(), r.units(), r.nodeIds(), r.startMs(), r.stopMs(), r.intervalMs(), r.data(),
                r.rows(), r.columns(), dtype);
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
     * Fills the main file, phase by phase: provenance, the spikes (or, when they went to segments,
     * the list of spike populations), the list of unsegmented report files, the segment table,
     * the populations' parameters and, with {@code output.edges}, the connectivity.
     */
    private static void writeMain(SonataWriter w, BuiltSimulation built, RunResult result, String status,
            Instant startedAt, Instant finishedAt, SegmentWriter segments, List<SpikeData> mergedSpikes, Path main,
            List<PlasticityOutput.Start> plastic) {
        provenance(w, built, result, status, startedAt, finishedAt);
        writeSpikes(w, built.spikes(), segments.spikesSegmented(), mergedSpikes);
        List<String> unsegmentedReports = new ArrayList<>();
        for (int k = 0; k < built.reports().size(); k++) {
            if (!segments.reportSegmented(k)) {
                unsegmentedReports.add(built.reports().get(k).name());
            }
        }
        OutputLayout.listReportFiles(w, main, unsegmentedReports);
        segments.writeIndex(w);
        for (Population p : built.simulation().neurons().populations()) {
            if (p.isSpikeSource()) {
                writeSpikeSource(w, p);
            } else {
                writeParameters(w, p, built.config().population(p.name()).flatMap(PopulationSpec::sonata));
            }
        }
        if (built.config().output().edges()) {
            List<Projection> projections = built.simulation().projections();
            for (int i = 0; i < projections.size(); i++) {
                writeEdges(w, projections.get(i), i, built.simulation().grid(),
                        PlasticityOutput.initialWeights(plastic, projections.get(i)));
            }
        }
        PlasticityOutput.write(w, plastic);
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
     * population whose parameters vary per neuron, a column for each parameter that does vary.
     */
    private static void writeParameters(SonataWriter w, Population p,
            Optional<PopulationSpec.SonataNodes> sonata) {
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
        if (!p.isHeterogeneous()) {
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
     * on the grid) and the indices for afferent and efferent queries; nothing for a
     * projection without synapses. A plastic projection's {@code syn_weight} holds its final
     * weights and {@code syn_weight_initial} those it started from ({@code initialWeights}).
     */
    private static void writeEdges(SonataWriter w, Projection pr, int index, TimeGrid grid, double[] initialWeights) {
        if (pr.synapseCount() == 0) {
            return;
        }
        CircuitWriter.EdgeTable e = CircuitWriter.EdgeTable.of(pr, grid, initialWeights);
        w.edges(pr.name(), pr.pre().name(), pr.pre().size(), pr.post().name(), pr.post().size(), e.source(),
                e.target(), e.weight(), e.delayMs(), CircuitWriter.FIRST_TYPE_ID + index);
        String unit = pr.channel().model().weightUnit();
        w.attribute("/edges/" + pr.name() + "/0/syn_weight", "units", unit);
        w.attribute("/edges/" + pr.name(), "cortexsim_synapse_model", pr.channel().model().name());
        if (e.weightInitial() != null) {
            w.dataset("/edges/" + pr.name() + "/0/syn_weight_initial", e.weightInitial(), Map.of("units", unit));
            w.attribute("/edges/" + pr.name(), "cortexsim_plasticity_rule", pr.plasticity().rule().name());
        }
    }

    private static void provenance(SonataWriter w, BuiltSimulation built, RunResult result, String status,
            Instant startedAt, Instant finishedAt) {
        Config c = built.config();
        TimeGrid grid = built.simulation().grid();
        w.rootAttribute("simulator", "cortexsim");
        w.rootAttribute("simulator_version", Version.get());
        w.rootAttribute("config", c.sourceText().isEmpty() ? "(empty)" : c.sourceText());
        w.rootAttribute("config_source", c.sourceName());
        if (!c.overrides().isEmpty()) {
            w.rootAttribute("config_overrides", c.overrides().toArray(String[]::new));
        }
        w.rootAttribute("seed", c.simulation().seed());
        w.rootAttribute("dt_ms", grid.dtMs());
        w.rootAttribute("duration_ms", c.simulation().durationMs());
        w.rootAttribute("steps_requested", result.stepsRequested());
        w.rootAttribute("steps_done", result.stepsDone());
        w.rootAttribute("model_time_reached_ms", grid.timeOf(result.stepsDone()));
        w.rootAttribute("threads", (long) built.threads());
        w.rootAttribute("wall_time_loop_s", result.loopSeconds());
        w.rootAttribute("started_at", startedAt.toString());
        w.rootAttribute("finished_at", finishedAt.toString());
        w.rootAttribute("status", status);
        w.rootAttribute("completed", result.completed() ? 1L : 0L);
        w.rootAttribute("spike_time_convention",
                "a spike at t = n*dt is sample n with v >= vpeak; the neuron resets in step n");
    }

    /**
     * Calls the progress consumer every interval of wall time and at the end, with model times on
     * the simulation's grid (the time to reach is that of the last step).
     */
    private static final class ProgressListener implements StepListener {
        private final RunOptions options;
        private long begin;
        private long last;
        private long steps;
        private TimeGrid grid;
        private long spikes;

        ProgressListener(RunOptions options) {
            this.options = options;
        }

        @Override
        public void start(StateView state, TimeGrid grid, long totalSteps) {
            begin = System.nanoTime();
            last = begin;
            steps = totalSteps;
            this.grid = grid;
        }

        @Override
        public boolean readsCurrent() {
            return false;
        }

        @Override
        public void afterStep(long step, StateView state) {
            spikes += state.spikeCount();
            if ((step & 63) != 0) {
                return;
            }
            long now = System.nanoTime();
            if ((now - last) / 1e9 >= options.progressIntervalSeconds()) {
                last = now;
                report(step + 1, now);
            }
        }

        @Override
        public void finish(long stepsDone) {
            if (Double.isFinite(options.progressIntervalSeconds())) {
                report(stepsDone, System.nanoTime());
            }
        }

        private void report(long done, long now) {
            options.progress().accept(new Progress(done, steps, grid.timeOf(done), grid.timeOf(steps),
                    (now - begin) / 1e9, spikes));
        }
    }
}
