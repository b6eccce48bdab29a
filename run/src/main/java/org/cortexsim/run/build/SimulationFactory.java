package org.cortexsim.run.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.DcInputSpec;
import org.cortexsim.config.InputSpec;
import org.cortexsim.config.Location;
import org.cortexsim.config.NeuronSelection;
import org.cortexsim.config.NoiseInputSpec;
import org.cortexsim.config.PlasticitySpec;
import org.cortexsim.config.PoissonInputSpec;
import org.cortexsim.config.PopulationSpec;
import org.cortexsim.config.ProjectionSpec;
import org.cortexsim.config.RuleSpec;
import org.cortexsim.config.SinusoidalInputSpec;
import org.cortexsim.config.StateRecordSpec;
import org.cortexsim.config.StepCurrentInputSpec;
import org.cortexsim.config.ValueSpec;
import org.cortexsim.config.WeightRecordSpec;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.input.SinusoidalInput;
import org.cortexsim.core.input.StepCurrentInput;
import org.cortexsim.core.input.TargetNeurons;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.network.ConnectivityRule;
import org.cortexsim.network.NetworkBuilder;
import org.cortexsim.network.PlasticSynapses;
import org.cortexsim.network.PoissonPlan;
import org.cortexsim.network.Projection;
import org.cortexsim.network.ProjectionPlan;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.SynapseChannel;
import org.cortexsim.network.SynapseType;

/**
 * Builds a {@link BuiltSimulation} from a validated {@link Config}: neurons with their
 * parameters and initial states, projections, inputs and recorders. The only stage that
 * allocates the big arrays. Random streams are named by purpose
 * ({@code params/POP/NAME}, {@code initial/POP/v}, {@code connectivity/PROJ}, ...), so the
 * result depends on the seed and the names only. Errors name the config location.
 *
 * <p>A partition of the network ({@link #build(Config, Partitioning, int)}) holds the neurons of
 * one contiguous index range, their inputs, the synapses onto them and the recorders of the
 * neurons among them: values drawn per neuron are drawn for the whole population, from the same
 * streams, and cut to the slice, so every neuron is the same in every partitioning.
 */
public final class SimulationFactory {
    private SimulationFactory() {
    }

    /**
     * The system property that sets the fewest neurons per stepping thread (default {@link
     * NetworkBuilder#MIN_NEURONS_PER_THREAD}): lower it to split small networks between threads, as
     * tests of thread independence do. Results do not depend on it.
     */
    public static final String MIN_NEURONS_PER_THREAD_PROPERTY = "cortexsim.minNeuronsPerThread";

    /** Threads to use when the config says 0 (all cores). */
    private static int resolveThreads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Builds the whole network of {@code config}, stepping on the config's threads, with its
     * recorders attached.
     *
     * @throws ConfigException naming the config when a value proves unusable while building (a
     *     file it reads, a value the engine refuses)
     */
    public static BuiltSimulation build(Config config) throws ConfigException {
        return build(config, null, 0);
    }

    /**
     * Builds partition {@code partition} of {@code partitioning} (null: the whole network), stepping
     * on the config's threads.
     */
    public static BuiltSimulation build(Config config, Partitioning partitioning, int partition)
            throws ConfigException {
        try {
            return buildUnchecked(config, partitioning, partition);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Location.of(config.sourceName()), e.getMessage());
        }
    }

    /** The neurons of the whole network, with their parameters and initial states (for provenance and partitioning). */
    public static Neurons wholeNeurons(Config config) throws ConfigException {
        try {
            return neurons(config, new RandomStreams(config.simulation().seed())).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Location.of(config.sourceName()), e.getMessage());
        }
    }

    private static BuiltSimulation buildUnchecked(Config config, Partitioning partitioning, int partition)
            throws ConfigException {
        final TimeGrid grid = config.simulation().grid();
        final RandomStreams random = new RandomStreams(config.simulation().seed());
        final long steps = config.simulation().steps();
        Neurons.Builder nb = neurons(config, random);
        if (partitioning != null) {
            nb.partition(partitioning.from(partition), partitioning.to(partition));
        }
        Neurons neurons = nb.build();
        NetworkBuilder builder = new NetworkBuilder(neurons, grid, random);
        for (ProjectionSpec p : config.projections()) {
            projection(builder, neurons, grid, p);
        }
        for (int k = 0; k < config.inputs().size(); k++) {
            input(builder, neurons, grid, random, steps, config.inputs().get(k), k);
        }
        int threads = resolveThreads(config.simulation().threads());
        Simulation simulation;
        try {
            simulation = builder.build(threads, Math.max(1, Integer.getInteger(MIN_NEURONS_PER_THREAD_PROPERTY,
                    NetworkBuilder.MIN_NEURONS_PER_THREAD)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Location.of(config.sourceName()).withKeyPath("projections"), e.getMessage());
        }
        try {
            List<Population> spikePops = new ArrayList<>();
            for (String name : config.record().spikePopulations()) {
                spikePops.add(neurons.population(name));
            }
            SpikeRecorder spikes = new SpikeRecorder(spikePops);
            simulation.addListener(spikes);
            List<StateRecorder> reports = new ArrayList<>();
            for (StateRecordSpec s : config.record().state()) {
                reports.addAll(stateRecorders(simulation, grid, steps, s, partitioning != null));
            }
            for (WeightRecordSpec w : config.record().weights()) {
                reports.addAll(synapseRecorders(simulation, grid, steps, random, w));
            }
            for (StateRecorder r : reports) {
                simulation.addListener(r);
            }
            return new BuiltSimulation(config, simulation, spikes, reports);
        } catch (ConfigException | RuntimeException e) {
            simulation.close();
            throw e;
        }
    }

    private static Neurons.Builder neurons(Config config, RandomStreams random) throws ConfigException {
        Neurons.Builder b = Neurons.builder();
        for (PopulationSpec p : config.populations()) {
            if (p.isSpikeSource()) {
                spikeSource(b, config, p);
                continue;
            }
            Preset preset = Preset.byName(p.model());
            if (preset == null) {
                throw new ConfigException(p.location().withKeyPath(p.location().keyPath() + ".model"),
                        "unknown model '" + p.model() + "'; known: " + String.join(", ", Preset.names()));
            }
            double[] shared = new double[Parameter.values().length];
            for (Parameter parameter : Parameter.values()) {
                shared[parameter.ordinal()] = preset.parameters().get(parameter);
            }
            double[][] perNeuron = new double[Parameter.values().length][];
            for (Map.Entry<String, ValueSpec> e : p.params().entrySet()) {
                Parameter parameter = Parameter.byKey(e.getKey());
                Distribution d = ValueSources.distribution(e.getValue());
                if (d.isConstant()) {
                    shared[parameter.ordinal()] = d.sample(null, 0);
                } else {
                    perNeuron[parameter.ordinal()] = ValueSources.values(e.getValue(), p.size(),
                            random.stream("params/" + p.name() + "/" + e.getKey()), "population '" + p.name() + "'");
                }
            }
            double[] v0 = p.initial().v().isPresent()
                    ? ValueSources.values(p.initial().v().get(), p.size(), random.stream("initial/" + p.name() + "/v"),
                            "population '" + p.name() + "'")
                    : null;
            double[] u0 = p.initial().u().isPresent()
                    ? ValueSources.values(p.initial().u().get(), p.size(), random.stream("initial/" + p.name() + "/u"),
                            "population '" + p.name() + "'")
                    : null;
            try {
                // all constants at once: the config layer checked this combination
                IzhikevichParameters params = IzhikevichParameters.of(preset.parameters().recovery(),
                        parameter -> shared[parameter.ordinal()]);
                b.add(p.name(), preset.name(), p.size(), params, perNeuron, v0, u0);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(p.location(), e.getMessage());
            }
        }
        return b;
    }

    /** A spike source population: its given times as samples round(t / dt), checked against the run. */
    private static void spikeSource(Neurons.Builder b, Config config, PopulationSpec p) throws ConfigException {
        TimeGrid grid = config.simulation().grid();
        long steps = config.simulation().steps();
        SpikeSchedule schedule = SpikeTimes.schedule(p.spikeTimes().orElseThrow(), p.name(), p.size(), grid, steps);
        try {
            b.addSpikeSource(p.name(), schedule);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.location(), e.getMessage());
        }
    }

    private static void projection(NetworkBuilder builder, Neurons neurons, TimeGrid grid, ProjectionSpec p)
            throws ConfigException {
        Population pre = neurons.population(p.pre());
        Population post = neurons.population(p.post());
        ConnectivityRule rule = generatedRule(p.rule());
        double[] fileWeights = null;
        double[] fileDelays = null;
        RuleSpec r = p.rule();
        if (r instanceof RuleSpec.FixedIndegree f) {
            int candidates = pre.totalSize() - (pre == post && !f.allowAutapses() ? 1 : 0);
            if (f.k() > candidates) {
                throw new ConfigException(f.location(), "fixed_indegree k = " + f.k() + " exceeds the " + candidates
                        + " possible sources in population '" + pre.name() + "'; lower k");
            }
        }
        if (rule == null) {
            EdgeFiles.Edges edges = edges(r);
            rule = new ConnectivityRule.Explicit(edges.pre(), edges.post(), "projection '" + p.name() + "' file");
            if (p.weight().isEmpty()) {
                if (edges.weights() == null) {
                    throw new ConfigException(p.location(), "projection '" + p.name()
                            + "': the edge file has no weight column; add one or give 'weight'");
                }
                fileWeights = edges.weights();
            }
            if (p.delayMs().isEmpty() && edges.delaysMs() != null) {
                fileDelays = edges.delaysMs();
            }
        }
        Distribution weight = p.weight().isPresent() ? ValueSources.distribution(p.weight().get()) : null;
        Distribution delay = p.delayMs().isPresent()
                ? ValueSources.distribution(p.delayMs().get())
                : new Distribution.Constant(grid.dtMs());
        try {
            builder.projection(ProjectionPlan.of(p.name(), pre, post, rule, weight, delay,
                    new SynapseType(p.synapse().model(), p.synapse().params())).withWeights(fileWeights)
                    .withDelays(fileDelays).withRoundDelays(p.roundDelays()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p.synapse().location(), "projection '" + p.name() + "': " + e.getMessage());
        }
        plasticity(builder, p);
    }

    /** Makes a projection plastic when its spec says so; errors name the projection and the parameter. */
    private static void plasticity(NetworkBuilder builder, ProjectionSpec p) throws ConfigException {
        if (p.plasticity().isEmpty()) {
            return;
        }
        PlasticitySpec spec = p.plasticity().get();
        try {
            builder.plasticity(p.name(), spec.rule(), spec.numbers(), spec.words());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(spec.location(), "projection '" + p.name() + "': " + e.getMessage());
        }
    }

    /**
     * Steps per spike exchange of a partitioned run of {@code config}, as every partition's
     * {@link Simulation#windowSteps()} computes it: the shortest delay of any projection (a
     * constant, the lower end of a delay distribution, or the smallest delay of an edge file; one
     * step for a projection without delays), at most {@link Simulation#MAX_WINDOW_STEPS}.
     */
    public static int windowSteps(Config config) throws ConfigException {
        TimeGrid grid = config.simulation().grid();
        int window = Simulation.MAX_WINDOW_STEPS;
        for (ProjectionSpec p : config.projections()) {
            int min;
            if (p.delayMs().isPresent()) {
                min = NetworkBuilder.minDelaySteps(ValueSources.distribution(p.delayMs().get()), grid);
            } else if (generatedRule(p.rule()) != null) {
                min = 1;
            } else {
                double[] delays = edges(p.rule()).delaysMs();
                min = delays == null ? 1 : NetworkBuilder.minDelaySteps(new Distribution.Values(delays, p.name()), grid);
            }
            window = Math.min(window, min);
        }
        return Math.max(1, window);
    }

    private static EdgeFiles.Edges edges(RuleSpec r) throws ConfigException {
        return r instanceof RuleSpec.CsvEdges c
                ? EdgeFiles.csv(c.path(), c.location())
                : r instanceof RuleSpec.SonataCircuitEdges circuit
                ? EdgeFiles.sonataCircuit(circuit)
                : EdgeFiles.sonata(((RuleSpec.SonataEdges) r).path(), ((RuleSpec.SonataEdges) r).edges(),
                        r.location());
    }

    /**
     * The network's rule for a generated connectivity rule of the config, or null for
     * {@code from_file} rules (their synapses come from the file).
     */
    public static ConnectivityRule generatedRule(RuleSpec r) {
        if (r instanceof RuleSpec.FixedProbability f) {
            return new ConnectivityRule.FixedProbability(f.p(), f.allowAutapses());
        } else if (r instanceof RuleSpec.FixedIndegree f) {
            return new ConnectivityRule.FixedIndegree(f.k(), f.allowAutapses());
        } else if (r instanceof RuleSpec.FixedOutdegree f) {
            return new ConnectivityRule.FixedOutdegree(f.k(), f.allowAutapses());
        } else if (r instanceof RuleSpec.FixedTotalNumber f) {
            return new ConnectivityRule.FixedTotalNumber(f.n(), f.allowMultapses(), f.allowAutapses());
        } else if (r instanceof RuleSpec.AllToAll a) {
            return new ConnectivityRule.AllToAll(a.allowAutapses());
        } else if (r instanceof RuleSpec.OneToOne) {
            return new ConnectivityRule.OneToOne();
        }
        return null;
    }

    private static void input(NetworkBuilder builder, Neurons neurons, TimeGrid grid, RandomStreams random,
            long steps, InputSpec in, int index) throws ConfigException {
        Population target = neurons.population(in.population());
        long start = grid.stepAtOrAfter(in.window().startMs());
        long stop = in.window().stopMs().isPresent() ? grid.stepAtOrAfter(in.window().stopMs().getAsDouble()) : steps;
        String name = "inputs[" + index + "]";
        TargetNeurons targets = in.neurons() instanceof NeuronSelection.All ? TargetNeurons.all(target)
                : TargetNeurons.of(target, selection(in.neurons(), target, in.location()));
        try {
            if (in instanceof DcInputSpec dc) {
                Distribution d = ValueSources.distribution(dc.amplitudePA());
                if (d.isConstant()) {
                    builder.input(new DcInput(targets, d.sample(null, 0), start, stop));
                } else {
                    // drawn for the whole population, so a neuron's amplitude does not depend on the selection
                    double[] whole = ValueSources.values(dc.amplitudePA(), target.totalSize(),
                            random.stream("dc/" + name), "the DC input to '" + target.name() + "'");
                    builder.input(new DcInput(targets, java.util.Arrays.copyOfRange(whole, target.firstNode(),
                            target.firstNode() + target.size()), start, stop));
                }
            } else if (in instanceof NoiseInputSpec noise) {
                builder.input(new NoiseInput(targets, noise.meanPA(), noise.sigmaPA(), random.key("noise/" + name),
                        start, stop));
            } else if (in instanceof StepCurrentInputSpec sc) {
                long[] changes = sc.timesMs().stream().mapToLong(grid::stepAtOrAfter).toArray();
                double[] amplitudes = sc.amplitudesPA().stream().mapToDouble(Double::doubleValue).toArray();
                builder.input(new StepCurrentInput(targets, changes, amplitudes, start, stop));
            } else if (in instanceof SinusoidalInputSpec ac) {
                builder.input(new SinusoidalInput(targets, grid.dtMs(), ac.offsetPA(), ac.amplitudePA(),
                        ac.frequencyHz(), ac.phaseDeg(), start, stop));
            } else if (in instanceof PoissonInputSpec p) {
                Distribution w = ValueSources.distribution(p.weight());
                if (!w.isConstant()) {
                    throw new ConfigException(p.weight().location(), "Poisson input weights must be a constant");
                }
                double delay = p.delayMs().isPresent() ? ValueSources.distribution(p.delayMs().get()).sample(null, 0)
                        : grid.dtMs();
                builder.poisson(PoissonPlan.of(name, target, p.rateHz(), w.sample(null, 0), delay,
                        new SynapseType(p.synapse().model(), p.synapse().params())).withSteps(start, stop)
                        .withRoundDelay(p.roundDelays()).withNeurons(targets));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(in.location(), e.getMessage());
        }
    }

    /**
     * The recorders of state entry {@code s}; in a partition, of the selected neurons it holds
     * (none, when it holds none of them).
     */
    private static List<StateRecorder> stateRecorders(Simulation sim, TimeGrid grid, long steps, StateRecordSpec s,
            boolean partition) throws ConfigException {
        Population pop = sim.neurons().population(s.population());
        int[] ids = selection(s.neurons(), pop, s.location());
        if (partition) {
            ids = java.util.Arrays.stream(ids).filter(id -> id >= pop.firstNode() && id < pop.firstNode() + pop.size())
                    .toArray();
            if (ids.length == 0) {
                return List.of();
            }
        }
        long first = grid.stepAtOrAfter(s.window().startMs());
        // samples 0..steps inclusive exist; the default window records them all
        long end = s.window().stopMs().isPresent() ? grid.stepAtOrAfter(s.window().stopMs().getAsDouble()) : steps + 1;
        List<StateRecorder> out = new ArrayList<>();
        StateRecorder.Sampling sampling = new StateRecorder.Sampling(ids, s.everySteps(), first,
                Math.min(end, steps + 1));
        for (String variable : s.variables()) {
            StateRecorder.Source source = variable(sim, pop, variable, s.location());
            try {
                out.add(new StateRecorder(reportName(s, variable), pop, variable, source, sampling));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(s.location(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * The recorders of a {@code record.weights} entry, one per variable: the live weights (variable
     * {@code syn_weight}) or a field of the rule's state ({@link PlasticSynapses#variable}) at the
     * chosen synapses of a plastic projection, from sample 0 every {@code every_ms}, each as a
     * report of the projection whose columns are edge ids (storage order), with their source and
     * target node ids.
     */
    private static List<StateRecorder> synapseRecorders(Simulation sim, TimeGrid grid, long steps,
            RandomStreams random, WeightRecordSpec w) throws ConfigException {
        Projection pr = sim.projections().stream().filter(p -> p.name().equals(w.projection())).findFirst()
                .orElseThrow();
        int count = pr.synapseCount();
        int[] ids;
        if (w.all() || w.sample() >= count) {
            ids = java.util.stream.IntStream.range(0, count).toArray();
        } else if (w.sample() > 0) {
            ids = random.stream("record/weights/" + w.name()).ints(0, count).distinct().limit(w.sample()).sorted()
                    .toArray();
        } else {
            ids = new int[w.edgeIds().size()];
            for (int c = 0; c < ids.length; c++) {
                long id = w.edgeIds().get(c);
                if (id >= count) {
                    throw new ConfigException(w.location(), "edge id " + id + " is not in projection '" + pr.name()
                            + "' (edge ids 0.." + (count - 1) + ")");
                }
                ids[c] = (int) id;
            }
        }
        if (ids.length == 0) {
            throw new ConfigException(w.location(), "projection '" + pr.name() + "' has no synapses to record");
        }
        var m = pr.weights();
        int[] column = new int[count];
        for (int j = 0; j < m.numCols; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                column[k] = j;
            }
        }
        long[] sources = new long[ids.length];
        long[] targets = new long[ids.length];
        long[] edges = new long[ids.length];
        for (int c = 0; c < ids.length; c++) {
            sources[c] = column[ids[c]];
            targets[c] = m.nz_rows[ids[c]];
            edges[c] = ids[c];
        }
        int every = (int) Math.max(1, grid.roundedSteps(w.everyMs()));
        List<StateRecorder> out = new ArrayList<>();
        try {
            for (String variable : w.variables()) {
                PlasticSynapses.SynapseVariable v = pr.plasticity().variable(variable, ids);
                out.add(new StateRecorder(w.reportName(variable), pr.name(), count, java.util.Map.of("edge_ids", edges,
                        "source_node_ids", sources, "target_node_ids", targets), reportVariable(variable),
                        new StateRecorder.Source(v.values(), 0, v.units(), false, v.elements()),
                        new StateRecorder.Sampling(ids, every, 0, steps + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(w.location(), e.getMessage());
        }
        return out;
    }

    /** The {@code variable} attribute of the report of a record.weights variable: syn_weight for w, else the field's name. */
    public static String reportVariable(String variable) {
        return WeightRecordSpec.WEIGHTS.equals(variable) ? "syn_weight" : variable;
    }

    /** The {@code dtype} of report {@code name} (a name {@link #reportName} gives). */
    public static StateRecordSpec.Dtype reportDtype(Config config, String name) {
        for (StateRecordSpec s : config.record().state()) {
            for (String variable : s.variables()) {
                if (reportName(s, variable).equals(name)) {
                    return s.dtype();
                }
            }
        }
        for (WeightRecordSpec w : config.record().weights()) {
            if (w.reportNames().contains(name)) {
                return w.dtype();
            }
        }
        throw new IllegalArgumentException("no report '" + name + "' in " + config.sourceName());
    }

    /** The report a state recording of {@code variable} is written as: its name, or NAME_VARIABLE when it records several. */
    public static String reportName(StateRecordSpec s, String variable) {
        return s.variables().size() == 1 ? s.name() : s.name() + "_" + variable;
    }

    /**
     * A recordable variable of {@code pop}: v (mV), u (pA), I (the step's input current, pA), or
     * a synapse field, as {@code FIELD} when one channel onto the population has it, or
     * {@code MODEL.FIELD} ({@code MODEL.K.FIELD} for the K-th channel of one model with other
     * parameters); a field several channels have must be named so, and the error says so.
     */
    private static StateRecorder.Source variable(Simulation sim, Population pop, String name, Location location)
            throws ConfigException {
        switch (name) {
            case "v":
                return new StateRecorder.Source(sim.neurons().v, pop.offset() - pop.firstNode(), "mV", false);
            case "u":
                return new StateRecorder.Source(sim.neurons().u, pop.offset() - pop.firstNode(), "pA", false);
            case "I":
                return new StateRecorder.Source(sim.neurons().current, pop.offset() - pop.firstNode(), "pA", true);
            default:
                break;
        }
        Map<String, StateRecorder.Source> fields = new HashMap<>();
        List<String> ambiguous = new ArrayList<>();
        for (SynapseChannel c : sim.channels()) {
            if (c.post() != pop) {
                continue;
            }
            for (var f : c.model().fields()) {
                StateRecorder.Source field = new StateRecorder.Source(c.field(f.name()), -pop.firstNode(), f.unit(),
                        false);
                String qualified = c.id().substring(pop.name().length() + 1) + "." + f.name();
                fields.put(qualified, field);
                if (fields.putIfAbsent(f.name(), field) != null) {
                    ambiguous.add(f.name());
                }
            }
        }
        String error = fieldError(pop.name(), name, fields.keySet(), ambiguous);
        if (error != null) {
            throw new ConfigException(location, error);
        }
        return fields.get(name);
    }

    /**
     * Why {@code name} names no single synapse field of population {@code population} (null when it
     * names one): {@code names} holds every channel's qualified field names ({@code MODEL.FIELD},
     * {@code MODEL.K.FIELD}) and the bare field names, {@code ambiguous} the bare names several
     * channels have.
     */
    private static String fieldError(String population, String name, java.util.Collection<String> names,
            java.util.Collection<String> ambiguous) {
        if (ambiguous.contains(name)) {
            java.util.TreeSet<String> qualified = new java.util.TreeSet<>();
            for (String key : names) {
                if (key.endsWith("." + name)) {
                    qualified.add(key);
                }
            }
            return "population '" + population + "': variable '" + name
                    + "' is ambiguous, several synapse channels onto it have it; name one: "
                    + String.join(", ", qualified) + " (MODEL.2 is the second channel of MODEL onto '" + population
                    + "' with other parameters, counting projections in config order, then Poisson inputs)";
        }
        if (names.contains(name)) {
            return null;
        }
        java.util.TreeSet<String> recordable = new java.util.TreeSet<>(names);
        recordable.removeAll(ambiguous);
        return "population '" + population + "' has no recordable variable '" + name + "'; it has: v, u, I"
                + (recordable.isEmpty() ? "" : ", " + String.join(", ", recordable));
    }

    /**
     * Checks the synapse fields that {@code record.state} names against the channels the network
     * will have, without building it, with the messages of the build: so {@code validate} refuses
     * what {@code run} refuses. A population's channels are those of its incoming projections in
     * config order, then of its Poisson inputs, one per synapse model and parameter set (as
     * {@link NetworkBuilder} groups them); models or parameters the config layer did not accept are
     * left to the build to report.
     */
    public static void checkRecordedFields(Config config) throws ConfigException {
        for (StateRecordSpec s : config.record().state()) {
            List<SynapseType> channels = new ArrayList<>();
            for (ProjectionSpec p : config.projections()) {
                if (p.post().equals(s.population())) {
                    addChannel(channels, p.synapse().model(), p.synapse().params());
                }
            }
            for (InputSpec in : config.inputs()) {
                if (in instanceof PoissonInputSpec p && p.population().equals(s.population())) {
                    addChannel(channels, p.synapse().model(), p.synapse().params());
                }
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            List<String> ambiguous = new ArrayList<>();
            Map<String, Integer> perModel = new HashMap<>();
            for (SynapseType c : channels) {
                int k = perModel.merge(c.model(), 1, Integer::sum);
                for (var f : org.cortexsim.network.synapse.SynapseModels.byName(c.model()).fields()) {
                    names.add(c.model() + (k == 1 ? "" : "." + k) + "." + f.name());
                    if (!names.add(f.name())) {
                        ambiguous.add(f.name());
                    }
                }
            }
            for (String variable : s.variables()) {
                if (StateRecordSpec.VARIABLES.contains(variable)) {
                    continue;
                }
                String error = fieldError(s.population(), variable, names, ambiguous);
                if (error != null) {
                    throw new ConfigException(s.location(), error);
                }
            }
        }
    }

    /** Adds the channel of {@code model} with {@code given} parameters unless one with the same resolved parameters is there. */
    private static void addChannel(List<SynapseType> channels, String model, Map<String, Double> given) {
        org.cortexsim.network.synapse.SynapseModel m = org.cortexsim.network.synapse.SynapseModels.byName(model);
        if (m == null) {
            return;
        }
        Map<String, Double> resolved;
        try {
            resolved = org.cortexsim.network.synapse.SynapseModels.resolveParameters(m, given);
        } catch (IllegalArgumentException e) {
            return;
        }
        SynapseType type = new SynapseType(m.name(), resolved);
        if (!channels.contains(type)) {
            channels.add(type);
        }
    }

    private static int[] selection(NeuronSelection sel, Population pop, Location location) throws ConfigException {
        if (sel instanceof NeuronSelection.All) {
            return java.util.stream.IntStream.range(0, pop.totalSize()).toArray();
        } else if (sel instanceof NeuronSelection.Range r) {
            if (r.stop() > pop.totalSize()) {
                throw new ConfigException(location, "neurons range stop " + r.stop() + " exceeds population '"
                        + pop.name() + "' of " + pop.totalSize() + " neurons");
            }
            return java.util.stream.IntStream.iterate(r.start(), i -> i < r.stop(), i -> i + r.step()).toArray();
        }
        List<Integer> ids = ((NeuronSelection.Ids) sel).ids();
        for (int id : ids) {
            if (id >= pop.totalSize()) {
                throw new ConfigException(location, "neuron " + id + " is not in population '" + pop.name()
                        + "' (node ids 0.." + (pop.totalSize() - 1) + ")");
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
