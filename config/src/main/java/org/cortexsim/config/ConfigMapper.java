package org.cortexsim.config;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.network.PlasticSynapses;
import org.cortexsim.network.plasticity.ChoiceSpec;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.plasticity.RuleFields;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;

/**
 * Maps a {@link Node} tree onto {@link Config} records with strict checks: unknown keys (with the
 * nearest known key as a hint), wrong types, missing required keys, impossible values, duplicate
 * names, references to undefined populations, referenced files that do not exist, neuron models
 * and parameters against core's {@link Preset}s and {@link Parameter} table, synapse models
 * and their parameters against the {@link SynapseModels} registry, and plasticity rules and
 * theirs against the {@link PlasticityRules} registry.
 *
 * <p>Owns all semantic validation of the schema. It collects every problem it can find instead of
 * stopping at the first: a section with errors yields no record, and checks that depend on it are
 * skipped to avoid follow-on noise. One instance maps one tree.
 */
final class ConfigMapper {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final List<String> TOP_KEYS =
            List.of("simulation", "network", "populations", "inputs", "projections", "record", "output");
    private static final List<String> SIMULATION_KEYS =
            List.of("dt_ms", "duration_ms", "seed", "threads", "checkpoint");
    private static final List<String> CHECKPOINT_KEYS = List.of("every_ms");
    private static final List<String> POPULATION_KEYS =
            List.of("name", "model", "size", "params", "initial", "from_sonata");
    private static final List<String> NETWORK_KEYS = List.of("sonata", "round_delays");
    private static final List<String> FROM_SONATA_KEYS = List.of("circuit", "population");
    private static final List<String> INITIAL_KEYS = List.of("v", "u");
    private static final List<String> INPUT_TYPES = List.of("dc", "noise", "poisson", "step_current", "sinusoidal");
    private static final List<String> WINDOW_KEYS = List.of("start_ms", "stop_ms");
    private static final List<String> RULE_TYPES =
            List.of("fixed_probability", "fixed_indegree", "fixed_outdegree", "fixed_total_number", "all_to_all",
                    "one_to_one", "from_file");
    private static final List<String> PROJECTION_KEYS =
            List.of("name", "pre", "post", "rule", "weight", "delay_ms", "round_delays", "synapse", "plasticity",
                    "from_sonata");
    private static final List<String> RECORD_KEYS = List.of("spikes", "state", "weights", "memory_budget_MB");
    private static final List<String> SPIKE_SOURCE_KEYS = List.of("name", "model", "size", "spike_times_ms");
    private static final List<String> SPIKE_FILE_TYPES = List.of("file", "sonata");
    private static final List<String> WEIGHT_RECORD_KEYS =
            List.of("name", "projection", "variables", "synapses", "every_ms", "dtype");
    private static final List<String> STATE_KEYS =
            List.of("name", "population", "variables", "neurons", "every_steps", "start_ms", "stop_ms", "dtype");
    private static final List<String> RANGE_KEYS = List.of("start", "stop", "step");
    private static final List<String> OUTPUT_KEYS = List.of("path", "overwrite", "edges", "circuit");
    private static final List<String> VALUE_TYPES =
            List.of("constant", "uniform", "normal", "lognormal", "file", "hdf5");

    /** Example shown when a required key is missing. */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("simulation", "simulation: {dt_ms: 0.1, duration_ms: 1000}"),
            Map.entry("populations", "populations: [{name: exc, model: RS, size: 800}]"),
            Map.entry("dt_ms", "dt_ms: 0.1"),
            Map.entry("duration_ms", "duration_ms: 1000"),
            Map.entry("name", "name: exc"),
            Map.entry("model", "model: RS"),
            Map.entry("size", "size: 800"),
            Map.entry("type", "type: ..."),
            Map.entry("population", "population: exc"),
            Map.entry("pre", "pre: exc"),
            Map.entry("post", "post: exc"),
            Map.entry("rule", "rule: {type: fixed_probability, p: 0.1}"),
            Map.entry("weight", "weight: 1.0"),
            Map.entry("amplitude_pA", "amplitude_pA: 100"),
            Map.entry("sigma_pA", "sigma_pA: 5"),
            Map.entry("rate_Hz", "rate_Hz: 10"),
            Map.entry("times_ms", "times_ms: [100, 300]"),
            Map.entry("amplitudes_pA", "amplitudes_pA: [70, 0]"),
            Map.entry("frequency_Hz", "frequency_Hz: 10"),
            Map.entry("p", "p: 0.1"),
            Map.entry("k", "k: 100"),
            Map.entry("path", "path: file.csv"));

    /** Allowed values of a number or value-spec. */
    private enum Domain { ANY, NON_NEGATIVE, POSITIVE }

    private final Path baseDir;
    private final List<ConfigError> errors;

    /** Circuits read so far (by absolute circuit config path), so that each is read once. */
    private final Map<Path, SonataCircuitReader.Network> circuits = new HashMap<>();

    /** The time grid of the config, once the simulation section is read (null if it is invalid). */
    private TimeGrid grid;

    /** Population name to size, or to {@code null} when the size could not be read. */
    private final Map<String, Integer> populationSizes = new LinkedHashMap<>();
    /** Names of the spike source populations. */
    private final Set<String> spikeSources = new java.util.HashSet<>();
    /**
     * Whether {@code network: {sonata: ...}} failed (reported): the populations it would define are
     * unknown, so references to them are not reported again as unknown populations.
     */
    private boolean networkFailed;
    /** Projection name to whether it is plastic, for the projections read so far. */
    private final Map<String, Boolean> projectionPlastic = new LinkedHashMap<>();
    /** The plasticity rule of each plastic projection whose rule is known (for record.weights' variables). */
    private final Map<String, PlasticityRule> projectionRule = new HashMap<>();
    /** The simulation section, or null when it has errors (then time checks of spike times are skipped). */
    private SimulationSpec simulationSpec;

    ConfigMapper(Path baseDir, List<ConfigError> errors) {
        this.baseDir = baseDir;
        this.errors = errors;
    }

    static boolean isIdentifier(String s) {
        return IDENTIFIER.matcher(s).matches();
    }

    /** Maps the root; returns {@code null} when errors were added. */
    Config map(Node root, String sourceText, String sourceName, List<String> overrides) {
        int before = errors.size();
        Obj top = obj(root, "", TOP_KEYS);
        if (top == null) {
            return null;
        }
        SimulationSpec simulation = simulation(top);
        simulationSpec = simulation;
        SonataCircuitReader.Network network = network(top);
        List<PopulationSpec> populations = populations(top, network);
        List<InputSpec> inputs = inputs(top);
        List<ProjectionSpec> projections = projections(top, network);
        RecordSpec record = record(top);
        OutputSpec output = output(top);
        if (errors.size() != before) {
            return null;
        }
        return new Config(simulation, populations, inputs, projections, record, output, sourceText, sourceName,
                overrides, ConfigIdentity.of(root));
    }

    // ---- sections ----

    /** The most steps one run takes: the recorders index samples with {@code int}. */
    static final long MAX_STEPS = Integer.MAX_VALUE;

    private SimulationSpec simulation(Obj top) {
        Obj o = top.reqObj("simulation", SIMULATION_KEYS);
        if (o == null) {
            return null;
        }
        Double dt = o.reqDouble("dt_ms", Domain.ANY);
        TimeGrid grid = dt == null ? null : timeGrid(o, dt);
        Double duration = o.reqDouble("duration_ms", Domain.POSITIVE);
        Long seed = o.optLong("seed", SimulationSpec.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        Long threads = o.optLong("threads", 0, 0, 4096);
        if (grid != null && duration != null && duration < dt) {
            o.error("duration_ms", "must be at least one time step dt_ms (" + fmt(dt) + "), got " + fmt(duration));
            return null;
        }
        if (grid != null && duration != null && grid.stepAtOrAfter(duration) > MAX_STEPS) {
            o.error("duration_ms", "is " + String.format(java.util.Locale.ROOT, "%.3g", duration / dt)
                    + " steps of dt_ms " + fmt(dt) + "; a run takes at most " + MAX_STEPS + " steps, so at this dt"
                    + " at most " + fmt(Math.floor(MAX_STEPS * dt)) + " ms: shorten it, or split it into runs");
            return null;
        }
        Optional<CheckpointSpec> checkpoint = checkpoint(o, dt);
        if (grid == null || duration == null || seed == null || threads == null || checkpoint == null) {
            return null;
        }
        this.grid = grid;
        return new SimulationSpec(grid, duration, seed, threads.intValue(), o.here(), checkpoint);
    }

    /** {@code simulation.checkpoint: {every_ms}}: empty when absent, null when invalid (reported). */
    private Optional<CheckpointSpec> checkpoint(Obj simulation, Double dt) {
        if (!simulation.has("checkpoint")) {
            return Optional.empty();
        }
        Obj c = simulation.optObj("checkpoint", CHECKPOINT_KEYS);
        if (c == null) {
            return null;
        }
        Double every = c.optDouble("every_ms", null, Domain.POSITIVE);
        if (c.has("every_ms") && every == null) {
            return null;
        }
        if (every != null && dt != null && every < dt) {
            c.error("every_ms", "must be at least one time step dt_ms (" + fmt(dt) + "), got " + fmt(every)
                    + "; checkpoints are written between steps");
            return null;
        }
        return Optional.of(new CheckpointSpec(every == null ? OptionalDouble.empty() : OptionalDouble.of(every),
                c.here()));
    }

    /** The time grid of step {@code dt}: {@link TimeGrid} owns what a valid dt is; refused here with the key's position. */
    private static TimeGrid timeGrid(Obj o, double dt) {
        try {
            return new TimeGrid(dt);
        } catch (IllegalArgumentException e) {
            o.error("dt_ms", "must be > 0, got " + fmt(dt));
            return null;
        }
    }

    private List<PopulationSpec> populations(Obj top, SonataCircuitReader.Network network) {
        List<PopulationSpec> out = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        if (network != null) {
            for (PopulationSpec p : network.populations()) {
                seen.put(p.name(), p.location());
                populationSizes.put(p.name(), p.size());
                out.add(p);
            }
        }
        // a network: section stands in for populations, also when it failed (that is reported, once)
        List<Node> items = top.has("network") && !top.has("populations") ? List.of() : top.reqList("populations");
        if (items == null) {
            return out;
        }
        if (items.isEmpty() && !top.has("network")) {
            top.error("populations", "must list at least one population, e.g. "
                    + EXAMPLES.get("populations"));
        }
        for (int i = 0; i < items.size(); i++) {
            if (isSpikeSource(items.get(i))) {
                PopulationSpec source = spikeSource(items.get(i), "populations[" + i + "]", seen);
                if (source != null) {
                    out.add(source);
                }
                continue;
            }
            Obj o = obj(items.get(i), "populations[" + i + "]", POPULATION_KEYS);
            if (o == null) {
                continue;
            }
            PopulationSpec spec = o.has("from_sonata") ? populationFromSonata(o, seen) : population(o, seen);
            if (spec != null) {
                out.add(spec);
            }
        }
        if (network != null) {
            checkVirtualPopulations(network, out);
            placeVirtualPopulations(network, out);
        }
        return out;
    }

    /**
     * Moves the spike source that stands for each virtual node population of the circuit to that
     * population's place among the circuit's populations, so that the neurons are in the order of
     * the circuit's node populations (as in the network that wrote it).
     */
    private static void placeVirtualPopulations(SonataCircuitReader.Network network, List<PopulationSpec> out) {
        for (SonataCircuitReader.VirtualPopulation v : network.virtualPopulations()) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).name().equals(v.name()) && i != v.position() && v.position() <= out.size() - 1) {
                    out.add(v.position(), out.remove(i));
                    break;
                }
            }
        }
    }

    /**
     * Each virtual node population of the circuit (bmtk's spike inputs) must be a {@code spike_source}
     * population of the config with its name and size: the circuit says where its edges go, the
     * config where its spikes come from.
     */
    private void checkVirtualPopulations(SonataCircuitReader.Network network, List<PopulationSpec> defined) {
        for (SonataCircuitReader.VirtualPopulation v : network.virtualPopulations()) {
            String add = "add it to populations, e.g. - {name: " + v.name() + ", model: spike_source, size: " + v.size()
                    + ", spike_times_ms: {type: sonata, path: SPIKES.h5, population: " + v.sonataPopulation() + "}}";
            String what = "the SONATA circuit's node population '" + v.sonataPopulation() + "' (" + v.size()
                    + " nodes in " + v.nodesFile().getFileName() + ") is virtual: its spikes are inputs that the config"
                    + " gives as a spike_source population named '" + v.name() + "'";
            if (!populationSizes.containsKey(v.name())) {
                errors.add(new ConfigError(v.location(), what + "; " + add));
            } else if (!spikeSources.contains(v.name())) {
                errors.add(new ConfigError(v.location(), what + ", but '" + v.name() + "' is not a spike_source;"
                        + " give it model: spike_source and spike_times_ms"));
            } else {
                Integer size = populationSizes.get(v.name());
                if (size != null && size != v.size()) {
                    errors.add(new ConfigError(v.location(), what + ", but '" + v.name() + "' has size " + size
                            + "; give it size: " + v.size() + " (node ids 0.." + (v.size() - 1) + ")"));
                }
            }
        }
    }

    /** {@code network: {sonata: circuit_config.json}}: the circuit's populations and projections, or null. */
    private SonataCircuitReader.Network network(Obj top) {
        if (!top.has("network")) {
            return null;
        }
        Obj o = top.optObj("network", NETWORK_KEYS);
        if (o == null) {
            return null;
        }
        if (!o.has("sonata")) {
            o.missing("sonata");
            return null;
        }
        Path file = o.reqFile("sonata");
        Boolean round = o.optBool("round_delays", false);
        SonataCircuitReader.Network network = file == null ? null : circuit(file, o.loc("sonata"));
        networkFailed = network == null;
        if (network == null || round == null || !round) {
            return network;
        }
        return new SonataCircuitReader.Network(network.populations(),
                network.projections().stream().map(p -> p.withRoundDelays(true)).toList(),
                network.virtualPopulations());
    }

    /**
     * Refuses a delay that is shorter than one time step wherever the config shows it (a number,
     * or the low end of a uniform distribution), unless {@code round_delays} is set: a spike
     * cannot reach its target within the step it was emitted in, so the smallest delay is one step
     * (dt). Drawn and file delays are checked when the network is built.
     */
    private void checkDelay(Obj o, String owner, Optional<ValueSpec> delay, boolean round, String where) {
        if (round || grid == null || delay.isEmpty()) {
            return;
        }
        boolean uniform = delay.get() instanceof ValueSpec.Uniform;
        double shortest = delay.get() instanceof ValueSpec.Constant c ? c.value()
                : delay.get() instanceof ValueSpec.Uniform u ? u.low() : Double.NaN;
        if (grid.isBelowOneStep(shortest)) {
            o.error("delay_ms", owner + ": " + (uniform ? "delays from " : "delay ") + fmt(shortest) + " ms "
                    + (uniform ? "are" : "is") + " shorter than one time step (dt = " + fmt(grid.dtMs())
                    + " ms), the smallest delay a spike can take; use delay_ms >= " + fmt(grid.dtMs())
                    + ", or set round_delays: true on the " + where + " to round delays to whole steps (at least one)");
        }
    }

    private SonataCircuitReader.Network circuit(Path file, Location at) {
        SonataCircuitReader.Network known = circuits.get(file);
        if (known != null) {
            return known;
        }
        SonataCircuitReader reader = SonataCircuitReader.find();
        if (reader == null) {
            errors.add(new ConfigError(at, "reading SONATA circuits needs cortexsim's run module on the class path"
                    + " (the cortexsim command has it)"));
            return null;
        }
        try {
            SonataCircuitReader.Network network = reader.read(file, at);
            circuits.put(file, network);
            return network;
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * What an entry's {@code from_sonata: {circuit, population}} names: the mapping itself, the
     * circuit file, the population in it, and the entry's name (default: that population); a
     * part in error (reported) is null.
     */
    private record SonataSource(Obj keys, Path circuit, String population, String name) {
        boolean complete() {
            return circuit != null && population != null && name != null;
        }
    }

    /** The {@code from_sonata} of entry {@code o}; null when the mapping is missing or in error (reported). */
    private SonataSource sonataSource(Obj o) {
        Obj f = o.optObj("from_sonata", FROM_SONATA_KEYS);
        if (f == null) {
            return null;
        }
        Path file = f.reqFile("circuit");
        String population = f.reqString("population");
        String name = o.has("name") ? o.reqName("name") : population;
        return new SonataSource(f, file, population, name);
    }

    /**
     * A population entry with {@code from_sonata: {circuit, population}}: the circuit's population
     * of that node population, named {@code name} (default: as in the circuit), with the entry's
     * {@code params} and {@code initial} applied over the circuit's values.
     */
    private PopulationSpec populationFromSonata(Obj o, Map<String, Location> seen) {
        for (String key : List.of("model", "size")) {
            if (o.has(key)) {
                o.error(key, "comes from the SONATA circuit with from_sonata; remove '" + key + "'");
                return null;
            }
        }
        SonataSource source = sonataSource(o);
        if (source == null || !source.complete()) {
            return null;
        }
        SonataCircuitReader.Network network = circuit(source.circuit(), source.keys().loc("circuit"));
        if (network == null) {
            return null;
        }
        List<PopulationSpec> matches = network.populations().stream()
                .filter(p -> p.sonata().map(s -> s.population().equals(source.population())).orElse(false)).toList();
        if (matches.size() != 1) {
            source.keys().error("population", matches.isEmpty()
                    ? "the circuit " + source.circuit() + " has no node population '" + source.population()
                            + "'; it has: "
                            + network.populations().stream().map(p -> p.sonata().map(s -> s.population()).orElse(""))
                                    .distinct().toList()
                    : "node population '" + source.population() + "' mixes neuron models, so it becomes the"
                            + " populations "
                            + matches.stream().map(PopulationSpec::name).toList() + "; load the whole circuit with"
                            + " network: {sonata: ...} instead");
            return null;
        }
        PopulationSpec base = matches.get(0);
        Map<String, ValueSpec> overrides = neuronParameters(o);
        InitialStateSpec given = initialState(o);
        if (overrides == null || given == null || !definePopulation(o, source.name(), (long) base.size(), seen)) {
            return null;
        }
        Map<String, ValueSpec> params = new LinkedHashMap<>(base.params());
        params.putAll(overrides);
        InitialStateSpec initial = new InitialStateSpec(given.v().isPresent() ? given.v() : base.initial().v(),
                given.u().isPresent() ? given.u() : base.initial().u());
        return new PopulationSpec(source.name(), base.model(), base.size(), params, initial, o.here(), base.sonata());
    }

    /** One entry of {@code populations}; null when it has errors (all of them reported). */
    private PopulationSpec population(Obj o, Map<String, Location> seen) {
        String name = o.reqName("name");
        Preset preset = neuronModel(o);
        Long size = o.reqLong("size", 1, Integer.MAX_VALUE);
        Map<String, ValueSpec> params = neuronParameters(o);
        InitialStateSpec initial = initialState(o);
        if (name != null && !definePopulation(o, name, size, seen)) {
            return null;
        }
        if (name == null || preset == null || size == null || params == null || initial == null
                || !acceptsParameters(o, preset, params)) {
            return null;
        }
        return new PopulationSpec(name, preset.name(), size.intValue(), params, initial, o.here());
    }

    /** The preset named by {@code model}, or null when it is missing or unknown (reported). */
    private Preset neuronModel(Obj o) {
        String modelText = o.reqString("model");
        if (modelText == null) {
            return null;
        }
        Preset preset = Preset.byName(modelText);
        if (preset == null) {
            o.error("model", "unknown neuron model '" + modelText + "'"
                    + Suggestions.hint(modelText, modelNames(), "known models"));
        }
        return preset;
    }

    /** The {@code params} overrides by key, in source order (empty when absent); null on errors. */
    private Map<String, ValueSpec> neuronParameters(Obj o) {
        Map<String, ValueSpec> params = new LinkedHashMap<>();
        if (!o.has("params")) {
            return params;
        }
        Obj po = o.optObj("params", List.copyOf(new TreeSet<>(Parameter.keys())));
        if (po == null) {
            return null;
        }
        boolean ok = true;
        for (Node.MapNode.Entry e : po.map.entries()) {
            Parameter parameter = Parameter.byKey(e.key());
            if (parameter == null) {
                ok = false;
                continue;
            }
            ValueSpec v = valueSpec(e.value(), po.path(e.key()), parameter.positive() ? Domain.POSITIVE : Domain.ANY);
            if (v == null) {
                ok = false;
            } else {
                params.put(e.key(), v);
            }
        }
        return ok ? params : null;
    }

    /**
     * Whether the preset with the constant overrides of {@code params} is a valid parameter set
     * ({@link IzhikevichParameters}' invariants, e.g. vpeak above the reset c); reported at
     * {@code params} when it is not.
     */
    private boolean acceptsParameters(Obj o, Preset preset, Map<String, ValueSpec> params) {
        Map<Parameter, Double> constants = new EnumMap<>(Parameter.class);
        for (Map.Entry<String, ValueSpec> e : params.entrySet()) {
            if (e.getValue() instanceof ValueSpec.Constant c) {
                constants.put(Parameter.byKey(e.getKey()), c.value());
            }
        }
        try {
            IzhikevichParameters.of(preset.parameters().recovery(),
                    p -> constants.getOrDefault(p, preset.parameters().get(p)));
            return true;
        } catch (IllegalArgumentException e) {
            o.error("params", e.getMessage() + " (model " + preset.name() + " with these params)");
            return false;
        }
    }

    /** The {@code initial} state (the defaults when absent); null on errors. */
    private InitialStateSpec initialState(Obj o) {
        if (!o.has("initial")) {
            return InitialStateSpec.DEFAULTS;
        }
        Obj io = o.optObj("initial", INITIAL_KEYS);
        if (io == null) {
            return null;
        }
        Optional<ValueSpec> v = io.optValueSpec("v", Domain.ANY);
        Optional<ValueSpec> u = io.optValueSpec("u", Domain.ANY);
        return v == null || u == null ? null : new InitialStateSpec(v, u);
    }

    /**
     * Records population {@code name} (and its size, null when unreadable) for later references;
     * false, reported, when the name was defined before.
     */
    private boolean definePopulation(Obj o, String name, Long size, Map<String, Location> seen) {
        Location first = seen.putIfAbsent(name, o.loc("name"));
        if (first != null) {
            o.error("name", "duplicate population name '" + name + "' (first defined at "
                    + where(first) + "); population names must be unique");
            return false;
        }
        populationSizes.put(name, size == null ? null : size.intValue());
        return true;
    }

    private List<InputSpec> inputs(Obj top) {
        List<Node> items = top.optList("inputs");
        List<InputSpec> out = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = "inputs[" + i + "]";
            String type = typeOf(items.get(i), path, INPUT_TYPES);
            if (type == null) {
                continue;
            }
            List<String> keys = new ArrayList<>(List.of("type", "population", "neurons"));
            keys.addAll(WINDOW_KEYS);
            switch (type) {
                case "dc" -> keys.add("amplitude_pA");
                case "noise" -> keys.addAll(List.of("mean_pA", "sigma_pA"));
                case "step_current" -> keys.addAll(List.of("times_ms", "amplitudes_pA"));
                case "sinusoidal" -> keys.addAll(List.of("amplitude_pA", "frequency_Hz", "offset_pA", "phase_deg"));
                default -> keys.addAll(List.of("rate_Hz", "weight", "delay_ms", "round_delays", "synapse"));
            }
            Obj o = obj(items.get(i), path, keys);
            String population = o.reqPopulation("population");
            if (population != null && spikeSources.contains(population)) {
                o.error("population", "population '" + population + "' is a spike source: it has no membrane for an"
                        + " input to drive; give it spike_times_ms, or drive a population of neurons");
                population = null;
            }
            TimeWindow window = window(o);
            NeuronSelection neurons = population == null ? null : neurons(o, populationSizes.get(population));
            if (neurons == null) {
                population = null;
            }
            InputSpec spec = null;
            switch (type) {
                case "dc" -> {
                    ValueSpec amplitude = o.reqValueSpec("amplitude_pA", Domain.ANY);
                    if (population != null && window != null && amplitude != null) {
                        spec = new DcInputSpec(population, amplitude, window, o.here(), neurons);
                    }
                }
                case "noise" -> {
                    Double mean = o.optDouble("mean_pA", 0.0, Domain.ANY);
                    Double sigma = o.reqDouble("sigma_pA", Domain.NON_NEGATIVE);
                    if (population != null && window != null && mean != null && sigma != null) {
                        spec = new NoiseInputSpec(population, mean, sigma, window, o.here(), neurons);
                    }
                }
                case "step_current" -> {
                    List<Double> times = numbers(o, "times_ms", Domain.NON_NEGATIVE);
                    List<Double> amplitudes = numbers(o, "amplitudes_pA", Domain.ANY);
                    if (times != null && amplitudes != null && checkSteps(o, times, amplitudes)
                            && population != null && window != null) {
                        spec = new StepCurrentInputSpec(population, times, amplitudes, window, o.here(), neurons);
                    }
                }
                case "sinusoidal" -> {
                    Double amplitude = o.reqDouble("amplitude_pA", Domain.ANY);
                    Double frequency = o.reqDouble("frequency_Hz", Domain.NON_NEGATIVE);
                    Double offset = o.optDouble("offset_pA", 0.0, Domain.ANY);
                    Double phase = o.optDouble("phase_deg", 0.0, Domain.ANY);
                    if (population != null && window != null && amplitude != null && frequency != null
                            && offset != null && phase != null) {
                        spec = new SinusoidalInputSpec(population, offset, amplitude, frequency, phase, window,
                                o.here(), neurons);
                    }
                }
                default -> {
                    Double rate = o.reqDouble("rate_Hz", Domain.NON_NEGATIVE);
                    ValueSpec weight = o.reqValueSpec("weight", Domain.ANY);
                    Optional<ValueSpec> delay = o.optValueSpec("delay_ms", Domain.NON_NEGATIVE);
                    Boolean round = o.optBool("round_delays", false);
                    SynapseSpec synapse = synapse(o);
                    if (delay != null && round != null) {
                        checkDelay(o, "the Poisson input " + path, delay, round, "input");
                    }
                    if (population != null && window != null && rate != null && weight != null && delay != null
                            && synapse != null && round != null) {
                        spec = new PoissonInputSpec(population, rate, weight, delay, synapse, window, o.here(), round,
                                neurons);
                    }
                }
            }
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    /** A required non-empty list of numbers under {@code key}; null (with errors added) when it is not one. */
    private List<Double> numbers(Obj o, String key, Domain domain) {
        List<Node> items = o.reqList(key);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            o.error(key, "must list at least one number, e.g. " + EXAMPLES.get(key));
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Double d = number(items.get(i), o.path(key) + "[" + i + "]", domain);
            if (d == null) {
                return null;
            }
            out.add(d);
        }
        return out;
    }

    /**
     * Checks a step current's lists: one amplitude per time, times strictly increasing and (dt
     * known) each on a step of its own. Adds an error at the offending element and returns false.
     */
    private boolean checkSteps(Obj o, List<Double> times, List<Double> amplitudes) {
        if (times.size() != amplitudes.size()) {
            o.error("amplitudes_pA", amplitudes.size() + " amplitudes for " + times.size() + " times_ms; give one"
                    + " amplitude per time, the current from that time on");
            return false;
        }
        Node.ListNode list = (Node.ListNode) o.raw("times_ms");
        for (int i = 1; i < times.size(); i++) {
            Location at = list.items().get(i).mark().at(o.path("times_ms") + "[" + i + "]");
            if (!(times.get(i) > times.get(i - 1))) {
                errors.add(new ConfigError(at, "times must be strictly increasing: " + fmt(times.get(i))
                        + " ms is not after " + fmt(times.get(i - 1)) + " ms (times_ms[" + (i - 1) + "]); list the"
                        + " times in order, each once"));
                return false;
            }
            if (grid != null && grid.stepAtOrAfter(times.get(i)) == grid.stepAtOrAfter(times.get(i - 1))) {
                errors.add(new ConfigError(at, fmt(times.get(i - 1)) + " and " + fmt(times.get(i)) + " ms both"
                        + " apply from step " + grid.stepAtOrAfter(times.get(i)) + " (dt " + fmt(grid.dtMs())
                        + " ms); the current can change at most once per step, so drop one or move it to a later"
                        + " step"));
                return false;
            }
        }
        return true;
    }

    private List<ProjectionSpec> projections(Obj top, SonataCircuitReader.Network network) {
        List<Node> items = top.optList("projections");
        List<ProjectionSpec> out = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        if (network != null) {
            for (ProjectionSpec p : network.projections()) {
                seen.put(p.name(), p.location());
                projectionPlastic.put(p.name(), p.plasticity().isPresent());
                noteRule(p.name(), p.plasticity());
                out.add(p);
            }
        }
        for (int i = 0; items != null && i < items.size(); i++) {
            Obj o = obj(items.get(i), "projections[" + i + "]", PROJECTION_KEYS);
            if (o == null) {
                continue;
            }
            if (o.has("from_sonata")) {
                ProjectionSpec p = projectionFromSonata(o);
                if (p != null) {
                    Location first = seen.putIfAbsent(p.name(), o.loc("name"));
                    if (first != null) {
                        o.error("name", "duplicate projection name '" + p.name() + "' (first defined at "
                                + where(first) + "); projection names must be unique");
                    } else {
                        projectionPlastic.put(p.name(), p.plasticity().isPresent());
                        noteRule(p.name(), p.plasticity());
                        out.add(p);
                    }
                }
                continue;
            }
            String name = o.reqName("name");
            if (name != null) {
                Location first = seen.putIfAbsent(name, o.loc("name"));
                if (first != null) {
                    o.error("name", "duplicate projection name '" + name + "' (first defined at "
                            + where(first) + "); projection names must be unique");
                    name = null;
                }
            }
            String pre = o.reqPopulation("pre");
            String post = o.reqPopulation("post");
            RuleSpec rule = rule(o, pre, post);
            boolean fromFile = rule instanceof RuleSpec.CsvEdges || rule instanceof RuleSpec.SonataEdges;
            Optional<ValueSpec> weight;
            if (o.has("weight") || (rule != null && !fromFile)) {
                ValueSpec w = o.reqValueSpec("weight", Domain.ANY);
                weight = w == null ? null : Optional.of(w);
            } else {
                weight = Optional.empty();
            }
            Optional<ValueSpec> delay = o.optValueSpec("delay_ms", Domain.NON_NEGATIVE);
            Boolean round = o.optBool("round_delays", false);
            if (delay != null && round != null) {
                checkDelay(o, "projection '" + (name == null ? "projections[" + i + "]" : name) + "'", delay, round,
                        "projection");
            }
            SynapseSpec synapse = synapse(o);
            Optional<PlasticitySpec> plasticity = plasticity(o, synapse);
            if (name != null) {
                // a plasticity key in error (reported) still makes the projection plastic for record.weights
                projectionPlastic.put(name, plasticity == null ? o.has("plasticity") : plasticity.isPresent());
                noteRule(name, plasticity);
            }
            if (weight != null && plasticity != null) {
                checkWeightsWithinBounds(o, weight, plasticity);
            }
            if (name != null && pre != null && post != null && rule != null && weight != null && delay != null
                    && synapse != null && round != null && plasticity != null) {
                out.add(new ProjectionSpec(name, pre, post, rule, weight, delay, synapse, o.here(), round,
                        plasticity));
            }
        }
        return out;
    }

    /**
     * A projection entry with {@code from_sonata: {circuit, population}}: the circuit's projection
     * of that edge population, named {@code name} (default: as in the circuit), between {@code
     * pre} and {@code post} (default: the populations the circuit reads for its node populations),
     * with the entry's {@code weight}, {@code delay_ms} and {@code synapse} replacing the circuit's,
     * and the entry's {@code plasticity}, if any.
     */
    private ProjectionSpec projectionFromSonata(Obj o) {
        if (o.has("rule")) {
            o.error("rule", "the connections come from the SONATA circuit with from_sonata; remove 'rule'");
            return null;
        }
        SonataSource source = sonataSource(o);
        if (source == null) {
            return null;
        }
        String pre = o.has("pre") ? o.reqPopulation("pre") : null;
        String post = o.has("post") ? o.reqPopulation("post") : null;
        if (!source.complete() || (o.has("pre") && pre == null) || (o.has("post") && post == null)) {
            return null;
        }
        SonataCircuitReader.Network network = circuit(source.circuit(), source.keys().loc("circuit"));
        if (network == null) {
            return null;
        }
        List<ProjectionSpec> matches = network.projections().stream()
                .filter(p -> p.rule() instanceof RuleSpec.SonataCircuitEdges e
                        && e.population().equals(source.population()))
                .toList();
        if (matches.size() != 1) {
            source.keys().error("population", matches.isEmpty()
                    ? "the circuit " + source.circuit() + " has no edge population '" + source.population()
                            + "' with edges; it has: "
                            + network.projections().stream().map(p -> ((RuleSpec.SonataCircuitEdges) p.rule())
                                    .population()).distinct().toList()
                    : "edge population '" + source.population() + "' becomes the projections "
                            + matches.stream().map(ProjectionSpec::name).toList() + " (several synapse models or"
                            + " population pairs); load the whole circuit with network: {sonata: ...} instead");
            return null;
        }
        ProjectionSpec base = matches.get(0);
        String from = pre != null ? pre : base.pre();
        String to = post != null ? post : base.post();
        for (String[] ref : new String[][] {{"pre", from}, {"post", to}}) {
            if (!populationSizes.containsKey(ref[1])) {
                o.error(o.has(ref[0]) ? ref[0] : "from_sonata", "the circuit connects population '" + ref[1]
                        + "', which this config does not define; load it with from_sonata or give '" + ref[0] + "'");
                return null;
            }
        }
        Optional<ValueSpec> weight = o.optValueSpec("weight", Domain.ANY);
        Optional<ValueSpec> delay = o.optValueSpec("delay_ms", Domain.NON_NEGATIVE);
        Boolean round = o.optBool("round_delays", false);
        SynapseSpec synapse = o.has("synapse") ? synapse(o) : base.synapse();
        Optional<PlasticitySpec> plasticity = plasticity(o, synapse);
        if (weight == null || delay == null || synapse == null || round == null || plasticity == null) {
            return null;
        }
        checkDelay(o, "projection '" + source.name() + "'", delay, round, "projection");
        checkWeightsWithinBounds(o, weight, plasticity);
        return new ProjectionSpec(source.name(), from, to, base.rule(), weight.isPresent() ? weight : base.weight(),
                delay.isPresent() ? delay : base.delayMs(), synapse, o.here(), round || base.roundDelays(),
                plasticity);
    }

    private RuleSpec rule(Obj projection, String pre, String post) {
        if (!projection.has("rule")) {
            projection.missing("rule");
            return null;
        }
        Node node = projection.raw("rule");
        String path = projection.path("rule");
        String type = typeOf(node, path, RULE_TYPES);
        if (type == null) {
            return null;
        }
        List<String> keys = switch (type) {
            case "fixed_probability" -> List.of("type", "p", "allow_autapses");
            case "fixed_indegree", "fixed_outdegree" -> List.of("type", "k", "allow_autapses");
            case "fixed_total_number" -> List.of("type", "n", "allow_multapses", "allow_autapses");
            case "all_to_all" -> List.of("type", "allow_autapses");
            case "one_to_one" -> List.of("type");
            default -> List.of("type", "path", "edges");
        };
        Obj o = obj(node, path, keys);
        return switch (type) {
            case "fixed_probability" -> fixedProbability(o);
            case "fixed_indegree" -> fixedIndegree(o);
            case "fixed_outdegree" -> fixedOutdegree(o, pre, post);
            case "fixed_total_number" -> fixedTotalNumber(o, pre, post);
            case "all_to_all" -> allToAll(o);
            case "one_to_one" -> oneToOne(o, pre, post);
            default -> edgesFromFile(o);
        };
    }

    private RuleSpec fixedProbability(Obj o) {
        Double p = o.reqDouble("p", Domain.NON_NEGATIVE);
        Boolean autapses = o.optBool("allow_autapses", false);
        if (p != null && p > 1) {
            o.error("p", "is a probability and must be in [0, 1], got " + fmt(p));
            return null;
        }
        return p == null || autapses == null ? null : new RuleSpec.FixedProbability(p, autapses, o.here());
    }

    private RuleSpec fixedIndegree(Obj o) {
        Long k = o.reqLong("k", 0, Integer.MAX_VALUE);
        Boolean autapses = o.optBool("allow_autapses", false);
        return k == null || autapses == null ? null : new RuleSpec.FixedIndegree(k.intValue(), autapses, o.here());
    }

    /** fixed_outdegree, whose k must not exceed the possible targets (when the sizes are known). */
    private RuleSpec fixedOutdegree(Obj o, String pre, String post) {
        Long k = o.reqLong("k", 0, Integer.MAX_VALUE);
        Boolean autapses = o.optBool("allow_autapses", false);
        if (k == null || autapses == null) {
            return null;
        }
        Integer postSize = post == null ? null : populationSizes.get(post);
        if (postSize != null) {
            long targets = postSize - (post.equals(pre) && !autapses ? 1 : 0);
            if (k > targets) {
                o.error("k", "exceeds the " + targets + " possible distinct targets in population '" + post
                        + "', got " + k + "; lower k" + (post.equals(pre) && !autapses ? " or allow autapses" : ""));
                return null;
            }
        }
        return new RuleSpec.FixedOutdegree(k.intValue(), autapses, o.here());
    }

    /**
     * fixed_total_number; without multapses n must not exceed the possible pairs, and n > 0 needs
     * a pair (when the sizes are known).
     */
    private RuleSpec fixedTotalNumber(Obj o, String pre, String post) {
        Long n = o.reqLong("n", 0, Integer.MAX_VALUE - 8);
        Boolean multapses = o.optBool("allow_multapses", true);
        Boolean autapses = o.optBool("allow_autapses", false);
        if (n == null || multapses == null || autapses == null) {
            return null;
        }
        Integer preSize = pre == null ? null : populationSizes.get(pre);
        Integer postSize = post == null ? null : populationSizes.get(post);
        if (preSize != null && postSize != null) {
            long pairs = (long) postSize * (post.equals(pre) && !autapses ? preSize - 1 : preSize);
            if (n > 0 && pairs == 0) {
                o.error("n", "populations '" + pre + "' -> '" + post + "' have no possible pair, got " + n
                        + "; set n: 0 or allow autapses");
                return null;
            }
            if (!multapses && n > pairs) {
                o.error("n", "exceeds the " + pairs + " possible pairs '" + pre + "' -> '" + post
                        + "' without multapses, got " + n + "; lower n or set allow_multapses: true");
                return null;
            }
        }
        return new RuleSpec.FixedTotalNumber(n.intValue(), multapses, autapses, o.here());
    }

    private RuleSpec allToAll(Obj o) {
        Boolean autapses = o.optBool("allow_autapses", false);
        return autapses == null ? null : new RuleSpec.AllToAll(autapses, o.here());
    }

    /** one_to_one, whose populations must have equal sizes (when both are known). */
    private RuleSpec oneToOne(Obj o, String pre, String post) {
        Integer preSize = pre == null ? null : populationSizes.get(pre);
        Integer postSize = post == null ? null : populationSizes.get(post);
        if (preSize != null && postSize != null && !preSize.equals(postSize)) {
            errors.add(new ConfigError(o.here(), "one_to_one needs populations of equal size, but pre '" + pre
                    + "' has " + preSize + " and post '" + post + "' has " + postSize
                    + " neurons; use another rule or equal sizes"));
            return null;
        }
        return new RuleSpec.OneToOne(o.here());
    }

    /** from_file: a CSV edge list, or a SONATA HDF5 edge file with its {@code edges} population. */
    private RuleSpec edgesFromFile(Obj o) {
        Path file = o.reqFile("path");
        if (file == null) {
            return null;
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            if (o.has("edges")) {
                o.error("edges", "applies only to SONATA HDF5 edge files (.h5/.hdf5); remove it for a CSV file");
                return null;
            }
            return new RuleSpec.CsvEdges(file, o.here());
        }
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5")) {
            String edges = o.reqString("edges");
            return edges == null ? null : new RuleSpec.SonataEdges(file, edges, o.here());
        }
        o.error("path", "unsupported edge file '" + file.getFileName()
                + "'; use a .csv file (columns pre,post[,weight,delay]) or a SONATA .h5/.hdf5 file");
        return null;
    }

    /**
     * The {@code synapse} of a projection or Poisson input ({@value SynapseSpec#DEFAULT_MODEL}
     * when absent), checked against the {@link SynapseModels} registry: a registered model, every
     * other key one of its parameters with a value in range, and every required parameter given.
     */
    private SynapseSpec synapse(Obj owner) {
        if (!owner.has("synapse")) {
            return SynapseSpec.defaultAt(owner.here().withKeyPath(owner.path("synapse")));
        }
        Obj o = owner.optObj("synapse", null);
        if (o == null) {
            return null;
        }
        SynapseModel model = synapseModel(o);
        Map<String, Double> params = synapseParameters(o, model);
        return model == null || params == null ? null : new SynapseSpec(model.name(), params, o.loc("model"));
    }

    /** The registered model named by {@code model}; null when missing, blank or unknown (reported). */
    private SynapseModel synapseModel(Obj o) {
        String name = o.reqString("model");
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            o.error("model", "must not be empty; name a synapse model, e.g. model: " + SynapseSpec.DEFAULT_MODEL);
            return null;
        }
        SynapseModel model = SynapseModels.byName(name);
        if (model == null) {
            o.error("model", "unknown synapse model '" + name + "'"
                    + pluginHint(Suggestions.hint(name, SynapseModels.all().keySet(), "known models"),
                            "a synapse model", SynapseModel.class));
        }
        return model;
    }

    /**
     * The parameters given beside {@code model}, in source order; null on errors (all reported).
     * With an unknown model (null) only the values' types are checked.
     */
    private Map<String, Double> synapseParameters(Obj o, SynapseModel model) {
        Map<String, Double> params = new LinkedHashMap<>();
        boolean ok = true;
        for (Node.MapNode.Entry e : o.map.entries()) {
            if (e.key().equals("model")) {
                continue;
            }
            ParameterSpec spec = model == null ? null : synapseParameter(model, e.key());
            if (model != null && spec == null) {
                List<String> names = model.parameters().stream().map(ParameterSpec::name).toList();
                errors.add(new ConfigError(e.keyMark().at(o.path(e.key())), "unknown parameter '" + e.key()
                        + "' of synapse model '" + model.name() + "'" + (names.isEmpty() ? "; it takes no parameters"
                                : Suggestions.hint(e.key(), names, "its parameters"))));
                ok = false;
                continue;
            }
            Double value = o.reqDouble(e.key(), Domain.ANY);
            String problem = value == null || spec == null ? null : spec.check(value);
            if (problem != null) {
                o.error(e.key(), problem);
            }
            if (value == null || problem != null) {
                ok = false;
            } else {
                params.put(e.key(), value);
            }
        }
        for (ParameterSpec spec : model == null ? List.<ParameterSpec>of() : model.parameters()) {
            if (spec.required() && o.map.get(spec.name()) == null) {
                errors.add(new ConfigError(o.here(), "missing required parameter '" + spec.name() + "' of synapse model '"
                        + model.name() + "' (" + spec.unit() + ", " + spec.meaning() + ")"));
                ok = false;
            }
        }
        if (ok && model != null) {
            ok = checkTogether(o, model, params);
        }
        return ok ? params : null;
    }

    /**
     * The model's check across its parameters ({@link SynapseModel#check}) on {@code given} with the
     * defaults filled in; a problem is reported at the line of the first parameter it names that
     * the config gives (the model names the one to change first), else at the synapse. False when
     * there is a problem.
     */
    private boolean checkTogether(Obj o, SynapseModel model, Map<String, Double> given) {
        Map<String, Double> resolved = new LinkedHashMap<>();
        for (ParameterSpec spec : model.parameters()) {
            resolved.put(spec.name(), given.getOrDefault(spec.name(), spec.defaultValue()));
        }
        String problem = model.check(resolved);
        if (problem == null) {
            return true;
        }
        String at = null;
        int first = Integer.MAX_VALUE;
        for (String key : given.keySet()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(key)
                    + "\\b").matcher(problem);
            if (m.find() && m.start() < first) {
                first = m.start();
                at = key;
            }
        }
        o.error(at, problem);
        return false;
    }

    private static ParameterSpec synapseParameter(SynapseModel model, String name) {
        for (ParameterSpec p : model.parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    // ---- spike sources, plasticity, weight recordings ----

    /** The neuron model names a population may give: the presets and {@code spike_source}. */
    private Set<String> modelNames() {
        Set<String> names = new TreeSet<>(Preset.names());
        names.add(PopulationSpec.SPIKE_SOURCE);
        return names;
    }

    /** Whether a populations entry names the model {@code spike_source} (any case). */
    private static boolean isSpikeSource(Node n) {
        if (n instanceof Node.MapNode map && map.get("model") != null
                && map.get("model").value() instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            return PopulationSpec.SPIKE_SOURCE.equalsIgnoreCase((String) s.value());
        }
        return false;
    }

    /** A {@code model: spike_source} population: name, size (optional for listed times) and spike_times_ms. */
    private PopulationSpec spikeSource(Node n, String path, Map<String, Location> seen) {
        Obj o = obj(n, path, SPIKE_SOURCE_KEYS);
        String name = o.reqName("name");
        Long size = o.has("size") ? o.reqLong("size", 1, Integer.MAX_VALUE) : Long.valueOf(0);
        if (name != null) {
            Location first = seen.putIfAbsent(name, o.loc("name"));
            if (first != null) {
                o.error("name", "duplicate population name '" + name + "' (first defined at "
                        + where(first) + "); population names must be unique");
                return null;
            }
            spikeSources.add(name);
        }
        SpikeTimesSpec times = null;
        if (!o.has("spike_times_ms")) {
            o.missing("spike_times_ms");
        } else if (o.raw("spike_times_ms") instanceof Node.ListNode list) {
            times = listedSpikeTimes(list, o.path("spike_times_ms"), name);
            if (times != null && size != null) {
                int count = ((SpikeTimesSpec.Listed) times).timesMs().size();
                if (size != 0 && size != count) {
                    o.error("size", "is " + size + " but spike_times_ms lists " + count
                            + " neurons; give one list of times per neuron, or leave size out");
                    times = null;
                } else {
                    size = (long) count;
                }
            }
        } else {
            times = spikeTimeFile(o.raw("spike_times_ms"), o.path("spike_times_ms"));
            if (times != null && size != null && size == 0) {
                o.missing("size");
                size = null;
            }
        }
        if (name != null) {
            populationSizes.put(name, size == null || size == 0 ? null : size.intValue());
        }
        if (name == null || size == null || size == 0 || times == null) {
            return null;
        }
        return PopulationSpec.spikeSource(name, size.intValue(), times, o.here());
    }

    /**
     * spike_times_ms as a list of lists: each time a finite number >= 0, on a sample
     * round(t / dt) before the end of the run and after the neuron's previous sample.
     */
    private SpikeTimesSpec listedSpikeTimes(Node.ListNode list, String path, String population) {
        List<double[]> out = new ArrayList<>();
        boolean ok = true;
        TimeGrid grid = simulationSpec == null ? null : simulationSpec.grid();
        long steps = grid == null ? Long.MAX_VALUE : simulationSpec.steps();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String itemPath = path + "[" + i + "]";
            if (!(item instanceof Node.ListNode times)) {
                errors.add(new ConfigError(item.mark().at(itemPath), "expected the list of spike times (ms) of neuron "
                        + i + ", e.g. [10, 25.5], got " + item.describe()));
                ok = false;
                continue;
            }
            double[] t = new double[times.items().size()];
            long previous = -1;
            double previousMs = Double.NaN;
            for (int k = 0; k < t.length; k++) {
                Node x = times.items().get(k);
                String at = itemPath + "[" + k + "]";
                Double ms = number(x, at, Domain.ANY);
                if (ms == null) {
                    ok = false;
                    break;
                }
                String who = (population == null ? "" : "population '" + population + "': ") + "neuron " + i;
                if (ms < 0) {
                    errors.add(new ConfigError(x.mark().at(at), who + ": spike time " + fmt(ms)
                            + " ms is negative; times start at 0 ms"));
                    ok = false;
                    break;
                }
                if (grid != null) {
                    long sample = grid.roundedSteps(ms);
                    if (sample >= steps) {
                        errors.add(new ConfigError(x.mark().at(at), who + ": spike time " + fmt(ms)
                                + " ms is not within the run (duration_ms " + fmt(simulationSpec.durationMs())
                                + ": the last sample with spikes is " + grid.label(steps - 1) + " ms)"));
                        ok = false;
                        break;
                    }
                    if (sample <= previous) {
                        errors.add(new ConfigError(x.mark().at(at), who + ": spike time " + fmt(ms) + " ms "
                                + (ms < previousMs ? "comes after " + fmt(previousMs) + " ms; sort the times"
                                        : "falls on the same sample (" + sample + ") as " + fmt(previousMs)
                                                + " ms; a neuron spikes at most once per step of "
                                                + fmt(simulationSpec.dtMs()) + " ms")));
                        ok = false;
                        break;
                    }
                    previous = sample;
                } else if (ms < previousMs) {
                    errors.add(new ConfigError(x.mark().at(at), who + ": spike time " + fmt(ms) + " ms comes after "
                            + fmt(previousMs) + " ms; sort the times"));
                    ok = false;
                    break;
                }
                previousMs = ms;
                t[k] = ms;
            }
            out.add(t);
        }
        if (out.isEmpty() && ok) {
            errors.add(new ConfigError(list.mark().at(path), "must list the spike times of at least one neuron,"
                    + " e.g. spike_times_ms: [[10, 20], [15]]"));
            return null;
        }
        return ok ? new SpikeTimesSpec.Listed(out, list.mark().at(path)) : null;
    }

    /** spike_times_ms from a file: {type: file, path, columns: [id, time]} or {type: sonata, path, population}. */
    private SpikeTimesSpec spikeTimeFile(Node n, String path) {
        String type = typeOf(n, path, SPIKE_FILE_TYPES);
        if (type == null) {
            return null;
        }
        Obj o = obj(n, path, "file".equals(type) ? List.of("type", "path", "columns")
                : List.of("type", "path", "population"));
        Path file = o.reqFile("path");
        if ("file".equals(type)) {
            List<Node> columns = o.reqList("columns");
            if (columns == null) {
                return null;
            }
            if (columns.size() != 2) {
                o.error("columns", "must name two CSV columns, the node ids and the times in ms, e.g."
                        + " columns: [node_id, time_ms]");
                return null;
            }
            String id = string(columns.get(0), o.path("columns") + "[0]");
            String time = string(columns.get(1), o.path("columns") + "[1]");
            return file == null || id == null || time == null ? null
                    : new SpikeTimesSpec.CsvFile(file, id, time, o.here());
        }
        String population = o.reqString("population");
        return file == null || population == null ? null : new SpikeTimesSpec.SonataFile(file, population, o.here());
    }

    /**
     * A projection's {@code plasticity}: empty when absent, null on errors (all reported). The rule
     * is checked against the {@link PlasticityRules} registry (did-you-mean hint), each parameter
     * against the rule's declarations (unknown name with hint, number or word, range, allowed
     * words, required ones), then the parameters together ({@link PlasticityRule#check}), as
     * synapse models are ({@link #synapseParameters}).
     */
    private Optional<PlasticitySpec> plasticity(Obj owner, SynapseSpec synapse) {
        if (!owner.has("plasticity")) {
            return Optional.empty();
        }
        Obj o = owner.optObj("plasticity", null);
        if (o == null) {
            return null;
        }
        PlasticityRule rule = plasticityRule(o);
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, String> words = new LinkedHashMap<>();
        String weightUnit = weightUnitOf(synapse);
        boolean ok = plasticityParameters(o, rule, numbers, words, weightUnit);
        String name = o.has("rule") ? o.reqString("rule") : null;
        if (name == null || name.isBlank() || !ok) {
            return null;
        }
        if (rule != null) {
            for (ParameterSpec spec : rule.parameters()) {
                if (spec.required() && !numbers.containsKey(spec.name())) {
                    errors.add(new ConfigError(o.here(), "missing required parameter '" + spec.name()
                            + "' of plasticity rule '" + rule.name() + "' (" + unitOf(spec, weightUnit) + ", "
                            + spec.meaning() + ")"));
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
            try {
                PlasticityRules.resolve(rule, numbers, words);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(o.here(), e.getMessage()));
                return null;
            }
        }
        return rule == null ? null : Optional.of(new PlasticitySpec(rule.name(), numbers, words, o.loc("rule")));
    }

    /**
     * A plastic projection's weights must start within its rule's bounds (the network builder checks
     * every drawn weight too): here, before anything is built, the weights whose range the config
     * fixes (a constant, a uniform range, a normal with both min and max), so that {@code validate}
     * refuses what {@code run} would, naming the line.
     */
    private void checkWeightsWithinBounds(Obj o, Optional<ValueSpec> weight, Optional<PlasticitySpec> plasticity) {
        if (weight.isEmpty() || plasticity.isEmpty()) {
            return;
        }
        PlasticitySpec p = plasticity.get();
        PlasticityRule rule = PlasticityRules.all().get(p.rule());
        if (rule == null) {
            return;
        }
        double min;
        double max;
        try {
            var parameters = PlasticityRules.resolve(rule, p.numbers(), p.words());
            min = rule.minWeight(parameters);
            max = rule.maxWeight(parameters);
        } catch (IllegalArgumentException e) {
            return;
        }
        final ValueSpec w = weight.get();
        final double low;
        final double high;
        if (w instanceof ValueSpec.Constant c) {
            low = c.value();
            high = c.value();
        } else if (w instanceof ValueSpec.Uniform u) {
            low = u.low();
            high = u.high();
        } else if (w instanceof ValueSpec.Normal n && n.min().isPresent() && n.max().isPresent()) {
            low = n.min().getAsDouble();
            high = n.max().getAsDouble();
        } else {
            return;
        }
        if (low < min || high > max) {
            String range = low == high ? fmt(low) : "[" + fmt(low) + ", " + fmt(high) + "]";
            o.error("weight", "weight " + range + " is outside the bounds [" + fmt(min) + ", " + fmt(max)
                    + "] of plasticity rule '" + rule.name() + "'; change the weight or widen w_min/w_max");
        }
    }

    /**
     * The weight unit of {@code synapse}'s model (pA, nS, a plugin model's own), the unit of a
     * plastic projection's weights and of its rule's weight-valued parameters; null when the
     * model is unknown or in error (reported there).
     */
    private static String weightUnitOf(SynapseSpec synapse) {
        if (synapse == null) {
            return null;
        }
        try {
            SynapseModel model = SynapseModels.byName(synapse.model());
            return model == null ? null : model.weightUnit() + " (the weight unit of " + model.name() + " synapses)";
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a rule's parameter is in the projection's weight unit ({@link PlasticityRule#WEIGHT_UNIT}). */
    private static boolean isWeightUnit(ParameterSpec spec) {
        return spec.unit().startsWith("weight unit");
    }

    /** The unit of {@code spec} for a message: the projection's weight unit when the rule says "weight unit". */
    private static String unitOf(ParameterSpec spec, String weightUnit) {
        return weightUnit != null && isWeightUnit(spec) ? weightUnit : spec.unit();
    }

    /** The registered rule named by {@code rule}; null when missing, blank or unknown (reported). */
    private PlasticityRule plasticityRule(Obj o) {
        String name = o.reqString("rule");
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            o.error("rule", "must not be empty; name a plasticity rule, e.g. rule: stdp");
            return null;
        }
        PlasticityRule rule = PlasticityRules.byName(name);
        if (rule == null) {
            o.error("rule", "unknown plasticity rule '" + name + "'"
                    + pluginHint(Suggestions.hint(name, PlasticityRules.all().keySet(), "known rules"),
                            "a plasticity rule", PlasticityRule.class));
        }
        return rule;
    }

    /**
     * {@code hint} for an unknown model or rule name, and, when it has no near name to suggest, how
     * one of a user's own is found: its jar on the class path with a services line.
     */
    private static String pluginHint(String hint, String what, Class<?> service) {
        if (hint.startsWith("; did you mean")) {
            return hint;
        }
        return hint + "; " + what + " of your own is found when its jar is on CORTEXSIM_CLASSPATH and lists its"
                + " class in META-INF/services/" + service.getName();
    }

    /**
     * The parameters given beside {@code rule} into {@code numbers} and {@code words}, in source
     * order; false on errors (all reported). With an unknown rule (null) only the values' types
     * are checked (an unquoted word is a choice, anything else a number).
     */
    private boolean plasticityParameters(Obj o, PlasticityRule rule, Map<String, Double> numbers,
            Map<String, String> words, String weightUnit) {
        boolean ok = true;
        for (Node.MapNode.Entry e : o.map.entries()) {
            if (e.key().equals("rule")) {
                continue;
            }
            ParameterSpec number = rule == null ? null
                    : rule.parameters().stream().filter(p -> p.name().equals(e.key())).findFirst().orElse(null);
            ChoiceSpec choice = rule == null ? null
                    : rule.choices().stream().filter(c -> c.name().equals(e.key())).findFirst().orElse(null);
            boolean word = e.value() instanceof Node.Scalar sc && sc.kind() == Node.Kind.STRING && !looksNumeric(sc.text());
            if (rule != null && number == null && choice == null) {
                List<String> names = new ArrayList<>();
                rule.parameters().forEach(p -> names.add(p.name()));
                rule.choices().forEach(c -> names.add(c.name()));
                errors.add(new ConfigError(e.keyMark().at(o.path(e.key())), "unknown parameter '" + e.key()
                        + "' of plasticity rule '" + rule.name() + "'" + (names.isEmpty() ? "; it takes no parameters"
                                : Suggestions.hint(e.key(), names, "its parameters"))));
                ok = false;
            } else if (choice != null || (rule == null && word)) {
                String value = o.reqString(e.key());
                if (value == null) {
                    ok = false;
                } else if (choice != null && !choice.allowed().contains(value)) {
                    o.error(e.key(), "must be one of " + Suggestions.list(choice.allowed()) + " (" + choice.meaning()
                            + "), got '" + value + "'" + Suggestions.nearest(value, choice.allowed())
                                    .map(n -> "; did you mean '" + n + "'?").orElse(""));
                    ok = false;
                } else {
                    words.put(e.key(), value);
                }
            } else {
                Double value = o.reqDouble(e.key(), Domain.ANY);
                String problem = value == null || number == null ? null : number.check(value);
                if (problem != null && weightUnit != null && isWeightUnit(number)) {
                    problem = problem.replace(number.unit(), unitOf(number, weightUnit));
                }
                if (problem != null) {
                    o.error(e.key(), problem);
                }
                if (value == null || problem != null) {
                    ok = false;
                } else {
                    numbers.put(e.key(), value);
                }
            }
        }
        return ok;
    }

    /** Keeps the registered rule of projection {@code name}'s {@code plasticity} (when valid and present). */
    private void noteRule(String name, Optional<PlasticitySpec> plasticity) {
        if (plasticity != null && plasticity.isPresent()) {
            PlasticityRule rule = PlasticityRules.all().get(plasticity.get().rule());
            if (rule != null) {
                projectionRule.put(name, rule);
            }
        }
    }

    /**
     * The {@code variables} of a record.weights entry: {@code [w]} when absent; else distinct names,
     * each {@code w} or a field the projection's rule declares (null, reported, otherwise). With
     * the rule unknown (its plasticity in error, reported there) the names are not checked.
     */
    private List<String> weightVariables(Obj w, String projection) {
        if (!w.has("variables")) {
            return List.of(WeightRecordSpec.WEIGHTS);
        }
        List<Node> items = w.reqList("variables");
        if (items == null) {
            return null;
        }
        PlasticityRule rule = projection == null ? null : projectionRule.get(projection);
        List<String> known = rule == null ? List.of() : PlasticSynapses.recordableNames(rule);
        if (items.isEmpty()) {
            w.error("variables", "must name at least one variable: w (the weights)"
                    + (rule == null ? "" : " or a field of plasticity rule '" + rule.name() + "' (" + String.join(", ",
                            known.subList(1, known.size())) + ")") + "; or leave the key out to record the weights");
            return null;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = w.path("variables") + "[" + i + "]";
            Node n = items.get(i);
            String v = string(n, path);
            if (v == null) {
                ok = false;
                continue;
            }
            if (rule != null && !known.contains(v)) {
                String problem = null;
                boolean found = false;
                try {
                    found = RuleFields.find(rule, v) != null;
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
                if (found) {
                    problem = null;
                } else if (problem == null) {
                    problem = "plasticity rule '" + rule.name() + "' of projection '" + projection
                            + "' has no field '" + v + "'" + Suggestions.nearest(v, known)
                                    .map(near -> "; did you mean '" + near + "'?").orElse("")
                            + " (recordable: " + String.join(", ", known) + "; w is the weight)";
                }
                if (problem != null) {
                    errors.add(new ConfigError(n.mark().at(path), problem));
                    ok = false;
                    continue;
                }
            }
            if (out.contains(v)) {
                errors.add(new ConfigError(n.mark().at(path), "variable '" + v + "' is listed twice; list it once"));
                ok = false;
                continue;
            }
            out.add(v);
        }
        return ok ? out : null;
    }

    /** record.weights: empty when absent, null on error; names must not clash with state recordings. */
    private List<WeightRecordSpec> weightRecords(Obj record, Map<String, Location> stateNames) {
        List<Node> items = record.optList("weights");
        List<WeightRecordSpec> out = new ArrayList<>();
        if (items == null) {
            return record.has("weights") ? null : out;
        }
        boolean ok = true;
        Map<String, Location> seen = new HashMap<>(stateNames);
        for (int i = 0; i < items.size(); i++) {
            Obj w = obj(items.get(i), record.path("weights") + "[" + i + "]", WEIGHT_RECORD_KEYS);
            if (w == null) {
                ok = false;
                continue;
            }
            String projection = w.reqString("projection");
            if (projection != null && !projectionPlastic.containsKey(projection)) {
                w.error("projection", "unknown projection '" + projection + "'"
                        + Suggestions.hint(projection, projectionPlastic.keySet(), "defined projections"));
                projection = null;
            } else if (projection != null && !projectionPlastic.get(projection)) {
                w.error("projection", "projection '" + projection + "' has no plasticity, so its weights never change;"
                        + " output: {edges: true} writes them once");
                projection = null;
            }
            String name = w.has("name") ? w.reqName("name") : projection == null ? null : "weights_" + projection;
            if (name != null) {
                Location first = seen.putIfAbsent(name, w.loc("name"));
                if (first != null) {
                    w.error(w.has("name") ? "name" : "projection", "the recording name '" + name
                            + "' is already used (at " + where(first) + "); give this one a unique name");
                    name = null;
                }
            }
            Double every = w.reqDouble("every_ms", Domain.POSITIVE);
            if (every != null && simulationSpec != null) {
                double steps = every / simulationSpec.dtMs();
                if (Math.abs(steps - Math.rint(steps)) > 1e-9 * Math.max(1, steps) || Math.rint(steps) < 1) {
                    w.error("every_ms", "must be a whole number of time steps (dt_ms " + fmt(simulationSpec.dtMs())
                            + "), got " + fmt(every));
                    every = null;
                }
            }
            List<Long> ids = new ArrayList<>();
            int sample = 0;
            boolean selectionOk = true;
            Node sel = w.raw("synapses");
            String selPath = w.path("synapses");
            if (sel == null || (sel instanceof Node.Scalar sc && sc.kind() == Node.Kind.STRING && "all".equals(sc.value()))) {
                // all
            } else if (sel instanceof Node.ListNode list) {
                java.util.Set<Long> unique = new java.util.HashSet<>();
                for (int k = 0; k < list.items().size() && selectionOk; k++) {
                    Long id = integer(list.items().get(k), selPath + "[" + k + "]", 0, Integer.MAX_VALUE);
                    if (id == null) {
                        selectionOk = false;
                    } else if (!unique.add(id)) {
                        errors.add(new ConfigError(list.items().get(k).mark().at(selPath + "[" + k + "]"),
                                "edge id " + id + " is listed twice; list it once"));
                        selectionOk = false;
                    } else {
                        ids.add(id);
                    }
                }
                if (selectionOk && ids.isEmpty()) {
                    errors.add(new ConfigError(sel.mark().at(selPath), "must list at least one edge id, or be 'all'"));
                    selectionOk = false;
                }
            } else if (sel instanceof Node.MapNode) {
                Obj so = obj(sel, selPath, List.of("sample"));
                Long k = so.reqLong("sample", 1, Integer.MAX_VALUE);
                selectionOk = k != null;
                sample = k == null ? 0 : k.intValue();
            } else {
                errors.add(new ConfigError(sel.mark().at(selPath), "expected 'all', a list of edge ids or {sample: K},"
                        + " got " + sel.describe()));
                selectionOk = false;
            }
            StateRecordSpec.Dtype dtype = dtype(w);
            List<String> variables = weightVariables(w, projection);
            if (name == null || projection == null || every == null || !selectionOk || dtype == null
                    || variables == null) {
                ok = false;
            } else {
                WeightRecordSpec spec = new WeightRecordSpec(name, projection, ids, sample, every, w.here(), dtype,
                        variables);
                for (String variable : variables) {
                    String report = spec.reportName(variable);
                    Location first = report.equals(name) ? null : seen.putIfAbsent(report, w.loc("variables"));
                    if (first != null) {
                        w.error("variables", "the report name '" + report + "' of variable '" + variable
                                + "' is already used (at " + where(first) + "); give this recording another name");
                        ok = false;
                    }
                }
                out.add(spec);
            }
        }
        return ok ? out : null;
    }

    private RecordSpec record(Obj top) {
        Location at = top.loc("record");
        if (!top.has("record")) {
            return new RecordSpec(List.copyOf(populationSizes.keySet()), List.of(), OptionalLong.empty(), at);
        }
        Obj o = top.optObj("record", RECORD_KEYS);
        if (o == null) {
            return null;
        }
        List<String> spikes = spikes(o);
        List<StateRecordSpec> state = new ArrayList<>();
        boolean ok = true;
        List<Node> items = o.optList("state");
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            Obj s = obj(items.get(i), o.path("state") + "[" + i + "]", STATE_KEYS);
            if (s == null) {
                ok = false;
                continue;
            }
            String name = s.has("name") ? s.reqName("name") : "state_" + i;
            if ("checkpoint".equals(name)) {
                s.error("name", "'checkpoint' is reserved: <stem>.checkpoint.h5 is the run's checkpoint; choose"
                        + " another name");
                name = null;
            }
            if (name != null) {
                Location first = seen.putIfAbsent(name, s.loc("name"));
                if (first != null) {
                    s.error(s.has("name") ? "name" : null, "duplicate state recording name '" + name
                            + "' (first defined at " + where(first) + "); give each a unique name");
                    name = null;
                }
            }
            String population = s.reqPopulation("population");
            if (population != null && spikeSources.contains(population)) {
                s.error("population", "population '" + population + "' is a spike source: it has no state to record;"
                        + " its spikes are recorded with record.spikes");
                population = null;
            }
            List<String> variables = variables(s);
            NeuronSelection neurons = neurons(s, population == null ? null : populationSizes.get(population));
            Long every = s.optLong("every_steps", 1, 1, Integer.MAX_VALUE);
            TimeWindow window = window(s);
            StateRecordSpec.Dtype dtype = dtype(s);
            if (name == null || population == null || variables == null || neurons == null || every == null
                    || window == null || dtype == null) {
                ok = false;
            } else {
                state.add(new StateRecordSpec(name, population, variables, neurons, every.intValue(), window,
                        s.here(), dtype));
            }
        }
        Long budget = o.has("memory_budget_MB") ? o.reqLong("memory_budget_MB", 1, Long.MAX_VALUE) : Long.valueOf(0);
        List<WeightRecordSpec> weights = weightRecords(o, seen);
        if (spikes == null || !ok || budget == null || weights == null) {
            return null;
        }
        return new RecordSpec(spikes, state, budget == 0 ? OptionalLong.empty() : OptionalLong.of(budget), o.here(),
                weights);
    }

    /** {@code dtype} of a state or weight recording: float32 (default) or float64. */
    private StateRecordSpec.Dtype dtype(Obj s) {
        if (!s.has("dtype")) {
            return StateRecordSpec.Dtype.FLOAT32;
        }
        String text = s.reqString("dtype");
        if (text == null) {
            return null;
        }
        for (StateRecordSpec.Dtype d : StateRecordSpec.Dtype.values()) {
            if (d.configName().equals(text)) {
                return d;
            }
        }
        s.error("dtype", "unknown report dtype '" + text + "'; use float32 (SONATA's report type, the default) or"
                + " float64 (every bit of the simulated values)");
        return null;
    }

    private List<String> spikes(Obj o) {
        if (!o.has("spikes")) {
            return List.copyOf(populationSizes.keySet());
        }
        Node n = o.raw("spikes");
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN) {
            return (Boolean) s.value() ? List.copyOf(populationSizes.keySet()) : List.of();
        }
        if (!(n instanceof Node.ListNode list)) {
            o.error("spikes", "expected true, false or a list of population names, got " + n.describe());
            return null;
        }
        List<String> names = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            String path = o.path("spikes") + "[" + i + "]";
            String name = populationRef(list.items().get(i), path);
            if (name == null) {
                ok = false;
            } else if (names.contains(name)) {
                errors.add(new ConfigError(list.items().get(i).mark().at(path),
                        "population '" + name + "' is listed twice; list it once"));
                ok = false;
            } else {
                names.add(name);
            }
        }
        return ok ? names : null;
    }

    private List<String> variables(Obj s) {
        if (!s.has("variables")) {
            return List.of("v", "u");
        }
        List<Node> items = s.reqList("variables");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            s.error("variables", "must name at least one of v, u (or leave the key out to record both)");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = s.path("variables") + "[" + i + "]";
            Node n = items.get(i);
            String v = string(n, path);
            if (v == null) {
                return null;
            }
            if (!StateRecordSpec.isVariableName(v)) {
                errors.add(new ConfigError(n.mark().at(path), "unknown state variable '" + v + "'"
                        + Suggestions.hint(v, StateRecordSpec.VARIABLES, "recordable variables")
                        + " (synapse fields are named like 'I_syn' or 'exp_current.I_syn')"));
                return null;
            }
            if (out.contains(v)) {
                errors.add(new ConfigError(n.mark().at(path), "variable '" + v + "' is listed twice; list it once"));
                return null;
            }
            out.add(v);
        }
        return out;
    }

    private NeuronSelection neurons(Obj s, Integer size) {
        if (!s.has("neurons")) {
            return new NeuronSelection.All();
        }
        Node n = s.raw("neurons");
        String path = s.path("neurons");
        if (n instanceof Node.Scalar sc && sc.kind() == Node.Kind.STRING && "all".equals(sc.value())) {
            return new NeuronSelection.All();
        }
        if (n instanceof Node.ListNode list) {
            List<Integer> ids = new ArrayList<>();
            Set<Integer> unique = new LinkedHashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                Location at = item.mark().at(path + "[" + i + "]");
                Long id = integer(item, at.keyPath(), 0, size == null ? Integer.MAX_VALUE : size - 1L);
                if (id == null) {
                    return null;
                }
                if (!unique.add(id.intValue())) {
                    errors.add(new ConfigError(at, "neuron " + id + " is listed twice; list it once"));
                    return null;
                }
                ids.add(id.intValue());
            }
            if (ids.isEmpty()) {
                errors.add(new ConfigError(n.mark().at(path), "must list at least one neuron id, or be 'all'"));
                return null;
            }
            return new NeuronSelection.Ids(ids);
        }
        if (n instanceof Node.MapNode) {
            Obj r = obj(n, path, RANGE_KEYS);
            long max = size == null ? Integer.MAX_VALUE : size;
            Long start = r.optLong("start", 0, 0, max - 1);
            Long stop = r.has("stop") ? r.reqLong("stop", 1, max) : Long.valueOf(max);
            Long step = r.optLong("step", 1, 1, Integer.MAX_VALUE);
            if (start == null || stop == null || step == null) {
                return null;
            }
            if (stop <= start) {
                r.error(r.has("stop") ? "stop" : "start", "the range is empty: stop (" + stop
                        + ", exclusive) must be > start (" + start + ")");
                return null;
            }
            return new NeuronSelection.Range(start.intValue(), stop.intValue(), step.intValue());
        }
        errors.add(new ConfigError(n.mark().at(path), "expected a list of neuron ids, a range {start, stop, step}"
                + " or 'all', got " + n.describe()));
        return null;
    }

    private OutputSpec output(Obj top) {
        Location at = top.loc("output");
        if (!top.has("output")) {
            return new OutputSpec(Path.of(OutputSpec.DEFAULT_PATH), false, false, at);
        }
        Obj o = top.optObj("output", OUTPUT_KEYS);
        if (o == null) {
            return null;
        }
        String p = o.has("path") ? o.reqString("path") : OutputSpec.DEFAULT_PATH;
        Boolean overwrite = o.optBool("overwrite", false);
        Boolean edges = o.optBool("edges", false);
        Optional<Path> circuit = circuit(o);
        Path path = null;
        if (p != null) {
            try {
                if (p.isBlank()) {
                    throw new InvalidPathException(p, "empty");
                }
                path = Path.of(p);
            } catch (InvalidPathException e) {
                o.error("path", "is not a valid file path: '" + p + "'");
            }
        }
        if (path == null || overwrite == null || edges == null || circuit == null) {
            return null;
        }
        Path output = path;
        return new OutputSpec(output, overwrite, edges, circuit.map(c -> c.toString().isEmpty()
                ? OutputSpec.defaultCircuitDirectory(output) : c), o.here());
    }

    /**
     * {@code output.circuit}: {@code true} (the default directory, returned as an empty path and
     * replaced by the caller), {@code false} or absent (none), or a directory path. Refused for a
     * network with plastic projections, which the written circuit cannot describe (its edges are
     * static weights); spike sources are written as virtual nodes.
     */
    private Optional<Path> circuit(Obj o) {
        if (!o.has("circuit")) {
            return Optional.empty();
        }
        Node n = o.raw("circuit");
        boolean off = n instanceof Node.Scalar sc0 && sc0.kind() == Node.Kind.BOOLEAN && !(Boolean) sc0.value();
        List<String> plastic = projectionPlastic.entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList();
        if (!off && !plastic.isEmpty()) {
            o.error("circuit", "a SONATA circuit cannot describe plastic projections (" + Suggestions.list(plastic)
                    + "); remove output.circuit, or write the connectivity with output.edges: true");
            return null;
        }
        if (n instanceof Node.Scalar sc && sc.kind() == Node.Kind.BOOLEAN) {
            return (Boolean) sc.value() ? Optional.of(Path.of("")) : Optional.empty();
        }
        String text = o.reqString("circuit");
        if (text == null) {
            return null;
        }
        try {
            if (text.isBlank()) {
                throw new InvalidPathException(text, "empty");
            }
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            o.error("circuit", "expected true, false or a directory path for the SONATA circuit, got '" + text + "'");
            return null;
        }
    }

    private TimeWindow window(Obj o) {
        Double start = o.optDouble("start_ms", 0.0, Domain.NON_NEGATIVE);
        Double stop = o.has("stop_ms") ? o.reqDouble("stop_ms", Domain.POSITIVE) : null;
        if (start == null || (o.has("stop_ms") && stop == null)) {
            return null;
        }
        if (stop != null && stop <= start) {
            o.error("stop_ms", "must be > start_ms (" + fmt(start) + "), got " + fmt(stop));
            return null;
        }
        return new TimeWindow(start, stop == null ? OptionalDouble.empty() : OptionalDouble.of(stop));
    }

    // ---- value-specs ----

    private ValueSpec valueSpec(Node n, String path, Domain domain) {
        Location at = n.mark().at(path);
        if (n instanceof Node.Scalar s && (s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.FLOAT)) {
            Double v = number(n, path, domain);
            return v == null ? null : new ValueSpec.Constant(v, at);
        }
        if (!(n instanceof Node.MapNode)) {
            errors.add(new ConfigError(at, "expected a number or a value-spec such as {type: uniform, low: 1,"
                    + " high: 2}, got " + n.describe()));
            return null;
        }
        String type = typeOf(n, path, VALUE_TYPES);
        if (type == null) {
            return null;
        }
        List<String> keys = switch (type) {
            case "constant" -> List.of("type", "value");
            case "uniform" -> List.of("type", "low", "high");
            case "normal" -> List.of("type", "mean", "sd", "min", "max");
            case "lognormal" -> List.of("type", "mu", "sigma");
            case "file" -> List.of("type", "path", "column");
            default -> List.of("type", "path", "dataset");
        };
        Obj o = obj(n, path, keys);
        switch (type) {
            case "constant": {
                Double v = o.reqDouble("value", domain);
                return v == null ? null : new ValueSpec.Constant(v, at);
            }
            case "uniform": {
                Double low = o.reqDouble("low", domain);
                Double high = o.reqDouble("high", Domain.ANY);
                if (low != null && high != null && high < low) {
                    o.error("high", "must be >= low (" + fmt(low) + "), got " + fmt(high));
                    return null;
                }
                return low == null || high == null ? null : new ValueSpec.Uniform(low, high, at);
            }
            case "normal": {
                Double mean = o.reqDouble("mean", Domain.ANY);
                Double sd = o.reqDouble("sd", Domain.NON_NEGATIVE);
                Double min = o.has("min") ? o.reqDouble("min", domain) : null;
                Double max = o.has("max") ? o.reqDouble("max", Domain.ANY) : null;
                if ((o.has("min") && min == null) || (o.has("max") && max == null)) {
                    return null;
                }
                if (min != null && max != null && max < min) {
                    o.error("max", "must be >= min (" + fmt(min) + "), got " + fmt(max));
                    return null;
                }
                return mean == null || sd == null ? null : new ValueSpec.Normal(mean, sd,
                        min == null ? OptionalDouble.empty() : OptionalDouble.of(min),
                        max == null ? OptionalDouble.empty() : OptionalDouble.of(max), at);
            }
            case "lognormal": {
                Double mu = o.reqDouble("mu", Domain.ANY);
                Double sigma = o.reqDouble("sigma", Domain.NON_NEGATIVE);
                return mu == null || sigma == null ? null : new ValueSpec.Lognormal(mu, sigma, at);
            }
            case "file": {
                Path file = o.reqFile("path");
                String column = o.reqString("column");
                return file == null || column == null ? null : new ValueSpec.CsvColumn(file, column, at);
            }
            default: {
                Path file = o.reqFile("path");
                String dataset = o.reqString("dataset");
                return file == null || dataset == null ? null : new ValueSpec.Hdf5Dataset(file, dataset, at);
            }
        }
    }

    /** Reads the {@code type} key of a mapping; reports a missing or unknown type. */
    private String typeOf(Node n, String path, List<String> types) {
        if (!(n instanceof Node.MapNode map)) {
            errors.add(new ConfigError(n.mark().at(path), "expected a mapping with a 'type' key ("
                    + String.join(", ", types) + "), got " + n.describe()));
            return null;
        }
        Node.MapNode.Entry e = map.get("type");
        if (e == null || (e.value() instanceof Node.Scalar s && s.isNull())) {
            errors.add(new ConfigError(n.mark().at(path), "missing required key 'type'; one of: "
                    + String.join(", ", types)));
            return null;
        }
        String type = string(e.value(), join(path, "type"));
        if (type != null && !types.contains(type)) {
            errors.add(new ConfigError(e.value().mark().at(join(path, "type")), "unknown type '" + type + "'"
                    + Suggestions.hint(type, types, "known types")));
            return null;
        }
        return type;
    }

    // ---- scalars ----

    private Double number(Node n, String path, Domain domain) {
        Location at = n.mark().at(path);
        if (!(n instanceof Node.Scalar s) || (s.kind() != Node.Kind.INTEGER && s.kind() != Node.Kind.FLOAT)) {
            String hint = !(n instanceof Node.Scalar s2) || s2.kind() != Node.Kind.STRING ? ""
                    : looksNumeric(s2.text()) ? "; remove the quotes"
                    : NOT_FINITE.matcher(s2.text().trim()).matches() ? "; NaN and infinity are not allowed, give a"
                            + " finite number" : "";
            errors.add(new ConfigError(at, "expected a number, got " + n.describe() + hint));
            return null;
        }
        double v = s.value() instanceof BigInteger b ? b.doubleValue() : (Double) s.value();
        if (!Double.isFinite(v)) {
            errors.add(new ConfigError(at, "must be a finite number, got " + s.text()));
            return null;
        }
        String bad = switch (domain) {
            case ANY -> null;
            case NON_NEGATIVE -> v >= 0 ? null : "must be >= 0";
            case POSITIVE -> v > 0 ? null : "must be > 0";
        };
        if (bad != null) {
            errors.add(new ConfigError(at, bad + ", got " + s.text()));
            return null;
        }
        return v;
    }

    private Long integer(Node n, String path, long min, long max) {
        Location at = n.mark().at(path);
        BigInteger v = null;
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.INTEGER) {
            v = (BigInteger) s.value();
        } else if (n instanceof Node.Scalar s && s.kind() == Node.Kind.FLOAT) {
            double d = (Double) s.value();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9e18) {
                v = BigInteger.valueOf((long) d);
            }
        }
        if (v == null) {
            errors.add(new ConfigError(at, "expected an integer, got " + n.describe()));
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            errors.add(new ConfigError(at, "must be >= " + min + ", got " + v));
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            errors.add(new ConfigError(at, "must be <= " + max + ", got " + v));
            return null;
        }
        return v.longValue();
    }

    private String string(Node n, String path) {
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            return (String) s.value();
        }
        errors.add(new ConfigError(n.mark().at(path), "expected a string, got " + n.describe()));
        return null;
    }

    private String populationRef(Node n, String path) {
        String name = string(n, path);
        if (name != null && !populationSizes.containsKey(name)) {
            if (networkFailed) {
                return null;
            }
            errors.add(new ConfigError(n.mark().at(path), "unknown population '" + name + "'"
                    + Suggestions.nearest(name, populationSizes.keySet()).map(s -> "; did you mean '" + s + "'?")
                            .orElse("")
                    + (populationSizes.isEmpty() ? "; no populations are defined"
                            : "; defined populations: " + String.join(", ", populationSizes.keySet()))));
            return null;
        }
        return name;
    }

    /**
     * Whether a string is a decimal number as YAML reads one unquoted (so that, being a string, it
     * was quoted); Java's own forms such as {@code NaN}, {@code Infinity}, {@code 1d} or hex are not.
     */
    private static boolean looksNumeric(String s) {
        return DECIMAL.matcher(s.trim()).matches();
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final java.util.regex.Pattern NOT_FINITE =
            java.util.regex.Pattern.compile("(?i)[-+]?\\.?(nan|inf|infinity)");

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String where(Location l) {
        return l.hasPosition() ? "line " + l.line() + ", column " + l.column() : l.source();
    }

    /** Wraps {@code n} as a mapping checked against {@code allowed} (null: any key), or reports it. */
    private Obj obj(Node n, String path, List<String> allowed) {
        if (!(n instanceof Node.MapNode map)) {
            String keys = allowed == null ? "" : " with keys " + String.join(", ", allowed);
            errors.add(new ConfigError(n.mark().at(path), "expected a mapping" + keys + ", got " + n.describe()));
            return null;
        }
        if (allowed != null) {
            for (Node.MapNode.Entry e : map.entries()) {
                if (!allowed.contains(e.key())) {
                    errors.add(new ConfigError(e.keyMark().at(join(path, e.key())), "unknown key '" + e.key() + "'"
                            + Suggestions.hint(e.key(), allowed, "allowed keys")));
                }
            }
        }
        return new Obj(map, path);
    }

    /** A mapping being read, with typed accessors that report problems at the right key path. */
    private final class Obj {

        final Node.MapNode map;
        final String path;

        Obj(Node.MapNode map, String path) {
            this.map = map;
            this.path = path;
        }

        String path(String key) {
            return join(path, key);
        }

        Location here() {
            return map.mark().at(path);
        }

        /** The location of the value of {@code key}, or of this mapping when the key is absent. */
        Location loc(String key) {
            Node.MapNode.Entry e = map.get(key);
            return (e == null ? map.mark() : e.value().mark()).at(path(key));
        }

        /** The value of {@code key}; {@code null} when absent or written as null. */
        Node raw(String key) {
            Node.MapNode.Entry e = map.get(key);
            return e == null || (e.value() instanceof Node.Scalar s && s.isNull()) ? null : e.value();
        }

        boolean has(String key) {
            return raw(key) != null;
        }

        void error(String key, String message) {
            errors.add(new ConfigError(key == null ? here() : loc(key), message));
        }

        void missing(String key) {
            String example = EXAMPLES.get(key);
            errors.add(new ConfigError(here(), "missing required key '" + key + "'"
                    + (example == null ? "" : ", e.g. " + example)));
        }

        /**
         * The value of the required key {@code key} as {@code read} makes it of its node and path;
         * {@code null}, reported as missing, when the key is absent.
         */
        private <T> T required(String key, BiFunction<Node, String, T> read) {
            Node n = raw(key);
            if (n == null) {
                missing(key);
                return null;
            }
            return read.apply(n, path(key));
        }

        /** The value of the optional key {@code key} as {@code read} makes it, or {@code dflt} when absent. */
        private <T> T optional(String key, T dflt, BiFunction<Node, String, T> read) {
            Node n = raw(key);
            return n == null ? dflt : read.apply(n, path(key));
        }

        Double reqDouble(String key, Domain domain) {
            return required(key, (n, p) -> number(n, p, domain));
        }

        Double optDouble(String key, Double dflt, Domain domain) {
            return optional(key, dflt, (n, p) -> number(n, p, domain));
        }

        Long reqLong(String key, long min, long max) {
            return required(key, (n, p) -> integer(n, p, min, max));
        }

        Long optLong(String key, long dflt, long min, long max) {
            return optional(key, dflt, (n, p) -> integer(n, p, min, max));
        }

        Boolean optBool(String key, boolean dflt) {
            Node n = raw(key);
            if (n == null) {
                return dflt;
            }
            if (n instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN) {
                return (Boolean) s.value();
            }
            error(key, "expected true or false, got " + n.describe());
            return null;
        }

        String reqString(String key) {
            return required(key, (n, p) -> string(n, p));
        }

        String reqName(String key) {
            String s = reqString(key);
            if (s != null && !isIdentifier(s)) {
                error(key, "must be an identifier (letters, digits and '_', not starting with a digit), got '"
                        + s + "'");
                return null;
            }
            return s;
        }

        String reqPopulation(String key) {
            return required(key, (n, p) -> populationRef(n, p));
        }

        /** A referenced file, resolved against the config's directory; reports it when it does not exist. */
        Path reqFile(String key) {
            String s = reqString(key);
            if (s == null) {
                return null;
            }
            Path p;
            try {
                p = baseDir.resolve(s).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                error(key, "is not a valid file path: '" + s + "'");
                return null;
            }
            if (!Files.isRegularFile(p)) {
                error(key, "file not found: " + p + (Path.of(s).isAbsolute() ? ""
                        : " (relative paths are resolved against the config file's directory " + baseDir + ")"));
                return null;
            }
            return p;
        }

        ValueSpec reqValueSpec(String key, Domain domain) {
            return required(key, (n, p) -> valueSpec(n, p, domain));
        }

        /** Empty when absent, {@code null} on error. */
        Optional<ValueSpec> optValueSpec(String key, Domain domain) {
            Node n = raw(key);
            if (n == null) {
                return Optional.empty();
            }
            ValueSpec v = valueSpec(n, path(key), domain);
            return v == null ? null : Optional.of(v);
        }

        Obj reqObj(String key, List<String> allowed) {
            return required(key, (n, p) -> obj(n, p, allowed));
        }

        Obj optObj(String key, List<String> allowed) {
            return optional(key, null, (n, p) -> obj(n, p, allowed));
        }

        List<Node> reqList(String key) {
            return required(key, (n, p) -> list(key, n));
        }

        List<Node> optList(String key) {
            return optional(key, null, (n, p) -> list(key, n));
        }

        private List<Node> list(String key, Node n) {
            if (n instanceof Node.ListNode l) {
                return l.items();
            }
            error(key, "expected a list, got " + n.describe());
            return null;
        }
    }
}
