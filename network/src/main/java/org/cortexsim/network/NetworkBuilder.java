package org.cortexsim.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.Input;
import org.cortexsim.core.input.StepWindow;
import org.cortexsim.core.input.TargetNeurons;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;

/**
 * Assembles a {@link Simulation}: projections ({@link ProjectionPlan}: connectivity, weights,
 * delays), Poisson sources ({@link PoissonPlan}) and current inputs on a set of {@link Neurons}.
 * Every random choice comes from a stream of {@link RandomStreams} named after its purpose and its
 * projection or input
 * ({@code connectivity/NAME}, {@code weights/NAME}, {@code delays/NAME}, {@code poisson/NAME}),
 * so the network depends only on the seed and the names, never on build order or threads.
 *
 * <p>Conventions: weights are pA for current synapses and nS for conductance synapses. The
 * sign of a current weight is its effect (negative = inhibitory); random weights are clipped
 * to 0 where a draw would take the sign opposite to the distribution's centre (its value,
 * mean, or midpoint); given values ({@link Distribution.Values}) are taken as they are. Conductance weights are never negative: inhibition comes from the
 * model's reversal potential. Delays in ms become {@code round(delay / dt)} steps, at least one.
 * A projection or input that does not round its delays ({@link ProjectionPlan#withRoundDelays},
 * {@link PoissonPlan#withRoundDelay} false, as configs add them unless they say {@code
 * round_delays: true}) refuses a delay shorter than one step (dt, the smallest a spike can take),
 * naming itself and the smallest delay found; by default ({@code of}) it is rounded up to one step.
 */
public final class NetworkBuilder {
    /** Longest delay, in steps, a synapse may have. */
    public static final int MAX_DELAY_STEPS = Short.MAX_VALUE;

    /**
     * Targets per block of connectivity generation: each block of a projection's postsynaptic
     * nodes draws from streams of its own (see {@link #connect}).
     */
    public static final int TARGET_BLOCK = 1024;

    /**
     * Fewest neurons per stepping thread by default: below this a thread hand-off (about 1 to
     * 12 us on this class of machine) costs more than the work it shares. A network that can step
     * in windows of W steps per hand-off (no plastic projection, every delay at least W >= 2
     * steps; {@link Simulation}) needs 1/min(W, 64) of it.
     */
    public static final int MIN_NEURONS_PER_THREAD = 16_384;

    private final Neurons neurons;
    private final TimeGrid grid;
    private final RandomStreams random;
    private final List<PendingProjection> projections = new ArrayList<>();
    private final List<PendingPoisson> poissons = new ArrayList<>();
    /** Plasticity of projections, by projection name. */
    private final Map<String, PendingPlasticity> plasticity = new LinkedHashMap<>();
    private final List<Input> inputs = new ArrayList<>();

    public NetworkBuilder(Neurons neurons, TimeGrid grid, RandomStreams random) {
        this.neurons = neurons;
        this.grid = grid;
        this.random = random;
    }

    public Neurons neurons() {
        return neurons;
    }

    /**
     * Adds the projection {@code p}: see {@link ProjectionPlan}.
     *
     * @throws IllegalArgumentException when a projection of that name was added already, or the
     *     synapse model or one of its parameters is unknown
     */
    public NetworkBuilder projection(ProjectionPlan p) {
        for (PendingProjection q : projections) {
            if (q.name.equals(p.name())) {
                throw new IllegalArgumentException("projection '" + p.name() + "' is defined twice");
            }
        }
        SynapseModel m = model(p.synapse().model());
        Map<String, Double> resolved = SynapseModels.resolveParameters(m, p.synapse().parameters());
        projections.add(new PendingProjection(p.name(), p.pre(), p.post(), p.rule(), p.weight(), p.weights(),
                p.delayMs(), p.delaysMs(), m, resolved, p.roundDelays()));
        return this;
    }

    /**
     * Makes the projection {@code projection} (already added) plastic under rule {@code rule}
     * with these parameters: numbers by name and word-valued choices by name.
     *
     * @throws IllegalArgumentException naming the problem: no such projection, already plastic,
     *     unknown rule, or a parameter unknown, missing, out of range or inconsistent
     */
    public NetworkBuilder plasticity(String projection, String rule, Map<String, Double> numbers,
            Map<String, String> choices) {
        if (projections.stream().noneMatch(p -> p.name.equals(projection))) {
            throw new IllegalArgumentException("no projection '" + projection + "' to make plastic");
        }
        if (plasticity.containsKey(projection)) {
            throw new IllegalArgumentException("projection '" + projection + "' has plasticity twice");
        }
        PlasticityRule r = PlasticityRules.require(rule);
        plasticity.put(projection, new PendingPlasticity(r, PlasticityRules.resolve(r, numbers, choices)));
        return this;
    }

    /**
     * Adds the Poisson input {@code p}: an independent train into every neuron of its target (see
     * {@link PoissonPlan}).
     *
     * @throws IllegalArgumentException when the synapse model or one of its parameters is unknown,
     *     the weight's sign does not fit the model's unit, or a delay shorter than one step is
     *     not to be rounded
     */
    public NetworkBuilder poisson(PoissonPlan p) {
        SynapseModel m = model(p.synapse().model());
        Map<String, Double> resolved = SynapseModels.resolveParameters(m, p.synapse().parameters());
        checkWeightUnit(p.name(), m, p.weight());
        String owner = "Poisson input '" + p.name() + "'";
        double delayMs = p.delayMs();
        if (!p.roundDelay() && Double.isFinite(delayMs) && grid.isBelowOneStep(delayMs)) {
            throw new IllegalArgumentException(belowOneStep(owner, delayMs, 1, 1, "input"));
        }
        poissons.add(new PendingPoisson(p.name(), p.target(), p.rateHz(), p.weight(), delaySteps(owner, delayMs), m,
                resolved, new StepWindow(p.startStep(), p.stopStep()), p.targets()));
        return this;
    }

    /** The refusal of delays shorter than one step, naming the owner, the shortest delay and dt. */
    private String belowOneStep(String owner, double shortestMs, long count, long total, String where) {
        return owner + ": " + (total > 1 ? count + " of " + total + " delays are shorter than one time step, the"
                + " smallest " + shortestMs + " ms" : "delay " + shortestMs + " ms is shorter than one time step")
                + "; the smallest delay is one step, dt = " + grid.dtMs() + " ms; use delays >= " + grid.dtMs()
                + " ms, or set round_delays: true on the " + where + " to round delays to whole steps (at least one)";
    }

    /** Adds a current input (DC, noise); inputs add their current in the order added. */
    public NetworkBuilder input(Input input) {
        inputs.add(input);
        return this;
    }

    private static SynapseModel model(String name) {
        SynapseModel m = SynapseModels.byName(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown synapse model '" + name + "'; known: "
                    + String.join(", ", SynapseModels.all().keySet()));
        }
        return m;
    }

    private int delaySteps(String owner, double delayMs) {
        if (!(delayMs >= 0) || !Double.isFinite(delayMs)) {
            throw new IllegalArgumentException(owner + ": delay must be a finite number of ms >= 0, got " + delayMs);
        }
        long d = Math.max(1, grid.roundedSteps(delayMs));
        if (d > MAX_DELAY_STEPS) {
            throw new IllegalArgumentException(owner + ": delay of " + delayMs + " ms is " + d
                    + " steps; at most " + MAX_DELAY_STEPS + " steps are supported");
        }
        return (int) d;
    }

    private static void checkWeightUnit(String owner, SynapseModel m, double w) {
        if ("nS".equals(m.weightUnit()) && w < 0) {
            throw new IllegalArgumentException(owner + ": conductance weights (nS) must be >= 0, got " + w
                    + "; inhibition comes from the reversal potential E_rev_mV");
        }
    }

    /**
     * Builds connectivity, allocates channels and returns the simulation, stepping on up to
     * {@code threads} threads: one per {@link #MIN_NEURONS_PER_THREAD} neurons, or per 1/min(W, 64)
     * of that for a network that steps in windows of W steps (see there).
     */
    public Simulation build(int threads) {
        return build(threads, MIN_NEURONS_PER_THREAD);
    }

    /** As {@link #build(int)}, with {@code minNeuronsPerThread} in place of {@link #MIN_NEURONS_PER_THREAD}. */
    public Simulation build(int threads, int minNeuronsPerThread) {
        List<SynapseTable> built = new ArrayList<>();
        for (PendingProjection p : projections) {
            built.add(connect(p));
        }
        Map<String, ChannelPlan> plans = new LinkedHashMap<>();
        for (int k = 0; k < built.size(); k++) {
            PendingProjection p = projections.get(k);
            plan(plans, p.post, p.model, p.parameters).maxDelay(built.get(k).delays().max());
        }
        for (PendingPoisson p : poissons) {
            // Poisson spikes are drawn when they arrive (PoissonSource): no queue, whatever the delay
            plan(plans, p.target(), p.model(), p.parameters());
        }
        List<SynapseChannel> channels = new ArrayList<>();
        for (ChannelPlan plan : plans.values()) {
            plan.channel = new SynapseChannel(plan.id, plan.post, plan.model, plan.parameters, grid.dtMs(),
                    plan.maxDelay);
            channels.add(plan.channel);
        }
        List<Projection> finished = new ArrayList<>();
        for (int k = 0; k < built.size(); k++) {
            PendingProjection p = projections.get(k);
            SynapseChannel c = plan(plans, p.post, p.model, p.parameters).channel;
            PendingPlasticity plastic = plasticity.get(p.name);
            Projection projection = new Projection(p.name, p.pre, p.post, c, built.get(k), plastic != null);
            if (plastic != null) {
                makePlastic(projection, plastic);
            }
            finished.add(projection);
        }
        List<PoissonSource> sources = new ArrayList<>();
        for (PendingPoisson p : poissons) {
            SynapseChannel c = plan(plans, p.target(), p.model(), p.parameters()).channel;
            sources.add(new PoissonSource(p, c, grid, random.key("poisson/" + p.name())));
        }
        return new Simulation(neurons, grid, finished, channels, sources, inputs, threads, minNeuronsPerThread);
    }

    /** Checks the initial weights against the rule's bounds and attaches the plastic path. */
    private void makePlastic(Projection projection, PendingPlasticity p) {
        double min = p.rule.minWeight(p.parameters);
        double max = p.rule.maxWeight(p.parameters);
        var m = projection.weights();
        for (int j = 0; j < m.numCols; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                double w = m.nz_values[k];
                if (!(w >= min && w <= max)) {
                    throw new IllegalArgumentException("projection '" + projection.name() + "': weight " + w
                            + " of synapse " + k + " (source " + j + " -> target "
                            + (m.nz_rows[k] + projection.post().firstNode())
                            + ") is outside the bounds [" + min + ", " + max + "] of plasticity rule '"
                            + p.rule.name() + "'; widen w_min/w_max or bound the weights (e.g. normal with min and max)");
                }
            }
        }
        projection.attach(new PlasticSynapses(projection, p.rule, p.parameters, grid.dtMs()));
    }

    private static ChannelPlan plan(Map<String, ChannelPlan> plans, Population post, SynapseModel model,
            Map<String, Double> parameters) {
        String key = post.name() + "|" + model.name() + "|" + parameters;
        ChannelPlan plan = plans.get(key);
        if (plan == null) {
            long same = plans.values().stream()
                    .filter(p -> p.post == post && p.model.name().equals(model.name())).count();
            String id = post.name() + "." + model.name() + (same == 0 ? "" : "." + (same + 1));
            plan = new ChannelPlan(id, post, model, parameters);
            plans.put(key, plan);
        }
        return plan;
    }

    /**
     * Generates the synapses of {@code p} onto the postsynaptic nodes held here (all of them, or
     * a partition's slice), with their weights and delays, straight into CSC form.
     *
     * <p>Generated rules draw block by block: the targets are cut into blocks of
     * {@value #TARGET_BLOCK} nodes of the postsynaptic population, and block b draws its synapses
     * from the stream {@code connectivity/NAME} part b, then (in the same order, synapse by
     * synapse) their weights from {@code weights/NAME} part b and their delays from
     * {@code delays/NAME} part b. A partition draws the blocks that overlap its slice (whole:
     * draws are sequential) and keeps the synapses onto its own nodes, so every synapse is the
     * same whatever the partitioning. {@link ConnectivityRule.FixedTotalNumber} first splits its
     * synapses over all target blocks from the stream {@code connectivity-split/NAME}, which every
     * partition draws alike. {@link ConnectivityRule.FixedOutdegree} draws by source instead:
     * block b is the sources {@code [b, b + 1) * }{@value #TARGET_BLOCK}, drawn from the same three
     * streams' part b, and every partition draws every source block (the whole projection's
     * synapses, keeping those onto its slice); columns fill source by source, targets ascending.
     * Two passes over the blocks, the first counting the
     * synapses of each column and the second filling the columns, keep the build's memory at the
     * projection's own arrays.
     */
    private SynapseTable connect(PendingProjection p) {
        checkPartitionable(p);
        if (p.rule instanceof ConnectivityRule.Explicit e) {
            return connectExplicit(p, e);
        }
        final int preTotal = p.pre.totalSize();
        final int first = p.post.firstNode();
        final int last = first + p.post.size();
        final boolean same = p.pre == p.post;
        final int[] colIdx = new int[preTotal + 1];
        final IntList pre = new IntList(1024);
        final IntList post = new IntList(1024);
        final boolean bySource = p.rule instanceof ConnectivityRule.FixedOutdegree;
        final int[] blockCounts = p.rule instanceof ConnectivityRule.FixedTotalNumber t
                ? t.blockCounts(preTotal, p.post.totalSize(), same, TARGET_BLOCK,
                        random.stream("connectivity-split/" + p.name))
                : null;
        final int firstBlock = bySource ? 0 : first / TARGET_BLOCK;
        final int endBlock = bySource ? (preTotal + TARGET_BLOCK - 1) / TARGET_BLOCK
                : p.post.size() == 0 ? firstBlock : (last + TARGET_BLOCK - 1) / TARGET_BLOCK;
        for (int b = firstBlock; b < endBlock; b++) {
            generateBlock(p, b, blockCounts, pre, post);
            for (int s = 0; s < pre.size(); s++) {
                final int i = post.get(s);
                if (i >= first && i < last) {
                    colIdx[pre.get(s) + 1]++;
                }
            }
        }
        for (int j = 0; j < preTotal; j++) {
            colIdx[j + 1] += colIdx[j];
        }
        final int nnz = colIdx[preTotal];
        final int[] rows = new int[nnz];
        final int[] fill = java.util.Arrays.copyOf(colIdx, preTotal);
        final SynapseValues weights = new SynapseValues(p, nnz, true);
        final SynapseValues delays = new SynapseValues(p, nnz, false);
        for (int b = firstBlock; b < endBlock; b++) {
            generateBlock(p, b, blockCounts, pre, post);
            weights.startBlock(random.stream("weights/" + p.name, b));
            delays.startBlock(random.stream("delays/" + p.name, b));
            for (int s = 0; s < pre.size(); s++) {
                final int i = post.get(s);
                final double w = weights.draw();
                final double d = delays.draw();
                if (i >= first && i < last) {
                    final int k = fill[pre.get(s)]++;
                    rows[k] = i - first;
                    weights.setDrawn(k, w);
                    delays.setDrawn(k, d);
                }
            }
        }
        // per-synapse arrays given with a generated rule: one value per synapse, in storage order
        final String owner = "projection '" + p.name + "'";
        if (p.weights != null && p.weights.length != nnz) {
            throw new IllegalArgumentException(owner + ": " + p.weights.length + " weights for " + nnz + " synapses");
        }
        if (p.delaysMs != null && p.delaysMs.length != nnz) {
            throw new IllegalArgumentException(owner + ": " + p.delaysMs.length + " delays for " + nnz + " synapses");
        }
        for (int k = 0; k < nnz; k++) {
            if (p.weights != null) {
                weights.set(k, p.weights[k]);
            }
            if (p.delaysMs != null) {
                delays.set(k, p.delaysMs[k]);
            }
        }
        weights.fillGiven();
        delays.fillGiven();
        return new SynapseTable(new SynapseTable.Connectivity(colIdx, rows), weights.weights(),
                delays.delays(minDelaySteps(p)));
    }

    /**
     * Block {@code b}'s synapses of generated rule {@code p} into the cleared lists: the synapses
     * onto target block b (targets ascending), or for {@link ConnectivityRule.FixedOutdegree} those
     * of source block b (sources ascending, each one's targets ascending); {@code blockCounts}
     * holds a {@link ConnectivityRule.FixedTotalNumber}'s synapses per target block.
     */
    private void generateBlock(PendingProjection p, int b, int[] blockCounts, IntList pre, IntList post) {
        pre.clear();
        post.clear();
        final SplittableRandom rng = random.stream("connectivity/" + p.name, b);
        final boolean same = p.pre == p.post;
        final int from = b * TARGET_BLOCK;
        if (p.rule instanceof ConnectivityRule.FixedOutdegree r) {
            final int to = (int) Math.min(p.pre.totalSize(), (long) from + TARGET_BLOCK);
            r.generateSources(p.pre.totalSize(), p.post.totalSize(), same, from, to, rng, pre, post);
            return;
        }
        final int to = (int) Math.min(p.post.totalSize(), (long) from + TARGET_BLOCK);
        if (p.rule instanceof ConnectivityRule.FixedTotalNumber r) {
            r.generateBlock(p.pre.totalSize(), same, from, to, blockCounts[b], rng, pre, post);
        } else {
            p.rule.generate(p.pre.totalSize(), p.post.totalSize(), same, from, to, rng, pre, post);
        }
    }

    /**
     * Given pairs: the pairs onto the nodes held here, sorted into columns (rows ascending, equal
     * rows in file order); given weights and delays follow their pairs, and random ones are drawn
     * from the {@code weights/NAME} and {@code delays/NAME} streams in file order, for every pair
     * of the file (so that each pair's value does not depend on the partitioning).
     */
    private SynapseTable connectExplicit(PendingProjection p, ConnectivityRule.Explicit e) {
        final int preTotal = p.pre.totalSize();
        final int first = p.post.firstNode();
        final int[] kept = e.indicesOnto(preTotal, p.post.totalSize(), first, first + p.post.size());
        final String owner = "projection '" + p.name + "'";
        final int total = e.preIds().length;
        if (p.weights != null && p.weights.length != total) {
            throw new IllegalArgumentException(owner + ": " + p.weights.length + " weights for " + total + " synapses");
        }
        if (p.delaysMs != null && p.delaysMs.length != total) {
            throw new IllegalArgumentException(owner + ": " + p.delaysMs.length + " delays for " + total + " synapses");
        }
        // stable counting sorts: by target, then by source, give rows ascending within each column
        final int[] byTarget = new int[kept.length];
        final int[] start = new int[p.post.size() + 1];
        for (int s : kept) {
            start[e.postIds()[s] - first + 1]++;
        }
        for (int i = 0; i < p.post.size(); i++) {
            start[i + 1] += start[i];
        }
        for (int s : kept) {
            byTarget[start[e.postIds()[s] - first]++] = s;
        }
        final int[] colIdx = new int[preTotal + 1];
        for (int s : kept) {
            colIdx[e.preIds()[s] + 1]++;
        }
        for (int j = 0; j < preTotal; j++) {
            colIdx[j + 1] += colIdx[j];
        }
        final int[] fill = java.util.Arrays.copyOf(colIdx, preTotal);
        final int[] rows = new int[kept.length];
        final int[] source = new int[kept.length];
        for (int s : byTarget) {
            final int k = fill[e.preIds()[s]]++;
            rows[k] = e.postIds()[s] - first;
            source[k] = s;
        }
        final SynapseValues weights = new SynapseValues(p, kept.length, true);
        final SynapseValues delays = new SynapseValues(p, kept.length, false);
        if (weights.random || delays.random) {
            // draws in file order for every pair; keep those held here
            final int[] position = new int[total];
            java.util.Arrays.fill(position, -1);
            for (int k = 0; k < source.length; k++) {
                position[source[k]] = k;
            }
            weights.startBlock(random.stream("weights/" + p.name));
            delays.startBlock(random.stream("delays/" + p.name));
            for (int s = 0; s < total; s++) {
                final double w = weights.draw();
                final double d = delays.draw();
                if (position[s] >= 0) {
                    weights.setDrawn(position[s], w);
                    delays.setDrawn(position[s], d);
                }
            }
        }
        for (int k = 0; k < source.length; k++) {
            if (p.weights != null) {
                weights.set(k, p.weights[source[k]]);
            }
            if (p.delaysMs != null) {
                delays.set(k, p.delaysMs[source[k]]);
            }
        }
        weights.fillGiven();
        delays.fillGiven();
        return new SynapseTable(new SynapseTable.Connectivity(colIdx, rows), weights.weights(),
                delays.delays(minDelaySteps(p)));
    }

    /**
     * Refuses, in a partition, per-synapse values given as a {@link Distribution.Values} or an
     * array on a generated rule: they are taken in the whole network's storage order, which a
     * partition does not know.
     */
    private void checkPartitionable(PendingProjection p) {
        if (!neurons.isPartition() || p.rule instanceof ConnectivityRule.Explicit) {
            return;
        }
        if (p.weight instanceof Distribution.Values || p.delayMs instanceof Distribution.Values || p.weights != null
                || p.delaysMs != null) {
            throw new IllegalArgumentException("projection '" + p.name + "': weights or delays given as one value per "
                    + "synapse follow the whole network's storage order and cannot be split between partitions; "
                    + "give the synapses with their values as edges (rule from_file) instead");
        }
    }

    /**
     * The shortest delay of {@code p}'s synapses in the whole network, steps, or a lower bound of
     * it that every partition computes alike: the constant, the smallest given delay, or the
     * rounded lower end of the delay distribution (1 for one without a lower end).
     */
    private int minDelaySteps(PendingProjection p) {
        final String owner = "projection '" + p.name + "'";
        if (p.delaysMs != null) {
            int min = Integer.MAX_VALUE;
            for (double ms : p.delaysMs) {
                min = Math.min(min, delaySteps(owner, ms));
            }
            return p.delaysMs.length == 0 ? 1 : min;
        }
        return minDelaySteps(p.delayMs, grid);
    }

    /**
     * A lower bound, in steps, of every delay drawn from {@code delayMs} (ms) on {@code grid}: the
     * step count of the constant, the smallest given value, or the distribution's lower end
     * (uniform: low; normal: its min), since rounding to steps never decreases a larger delay;
     * 1 without a lower end.
     */
    public static int minDelaySteps(Distribution delayMs, TimeGrid grid) {
        double low;
        if (delayMs instanceof Distribution.Constant c) {
            low = c.value();
        } else if (delayMs instanceof Distribution.Uniform u) {
            low = u.low();
        } else if (delayMs instanceof Distribution.Normal n) {
            low = n.min();
        } else if (delayMs instanceof Distribution.Values v) {
            low = java.util.Arrays.stream(v.values()).min().orElse(0.0);
        } else {
            low = 0.0;
        }
        if (!(low > 0) || !Double.isFinite(low)) {
            return 1;
        }
        return (int) Math.min(MAX_DELAY_STEPS, Math.max(1, grid.roundedSteps(low)));
    }

    /**
     * The weights or the delays of one projection's synapses as they are generated: a constant
     * (nothing per synapse), values given per synapse (a file's, set by the caller, or a {@link
     * Distribution.Values} taken in storage order by {@link #fillGiven}), or random draws, one per
     * generated synapse in generation order ({@link #draw}), weights clipped at the distribution's
     * sign.
     */
    private final class SynapseValues {
        final PendingProjection p;
        final boolean isWeight;
        final String owner;
        final Distribution distribution;
        final boolean random;
        final double[] values;
        final short[] steps;
        final double centre;
        int max = 1;
        /** Delays shorter than one step held here (refused unless the projection rounds them), and the shortest. */
        long below;
        double shortest = Double.POSITIVE_INFINITY;
        SplittableRandom rng;

        SynapseValues(PendingProjection p, int nnz, boolean isWeight) {
            this.p = p;
            this.isWeight = isWeight;
            this.owner = "projection '" + p.name + "'";
            final boolean givenArray = isWeight ? p.weights != null : p.delaysMs != null;
            this.distribution = givenArray ? null : isWeight ? p.weight : p.delayMs;
            final boolean constant = distribution != null && distribution.isConstant();
            this.random = distribution != null && !constant && !(distribution instanceof Distribution.Values);
            this.values = isWeight && !constant ? new double[nnz] : null;
            this.steps = !isWeight && !constant ? new short[nnz] : null;
            this.centre = distribution == null ? 1.0 : centre(distribution);
            if (isWeight && random && "nS".equals(p.model.weightUnit()) && centre < 0) {
                checkWeightUnit(owner, p.model, centre);
            }
        }

        void startBlock(SplittableRandom stream) {
            rng = stream;
        }

        /** The next random draw of the block (NaN when the values are not random). */
        double draw() {
            if (!random) {
                return Double.NaN;
            }
            final double x = distribution.sample(rng, 0);
            return isWeight && (centre >= 0 ? x < 0 : x > 0) ? 0.0 : x;
        }

        /** Stores the draw {@code x} of stored synapse {@code k} when the values are random. */
        void setDrawn(int k, double x) {
            if (random) {
                set(k, x);
            }
        }

        /** Stores the value of stored synapse {@code k} (ignored for a constant). */
        void set(int k, double x) {
            if (values != null) {
                if (!random) {
                    checkWeightUnit(owner, p.model, x);
                }
                values[k] = x;
            } else if (steps != null) {
                final int d = delaySteps(owner, x);
                if (!p.roundDelays && grid.isBelowOneStep(x)) {
                    below++;
                    shortest = Math.min(shortest, x);
                }
                steps[k] = (short) d;
                max = Math.max(max, d);
            }
        }

        /** Takes values given as a {@link Distribution.Values} in storage order. */
        void fillGiven() {
            if (distribution instanceof Distribution.Values given) {
                final int n = values != null ? values.length : steps.length;
                for (int k = 0; k < n; k++) {
                    set(k, given.sample(null, k));
                }
            }
        }

        SynapseTable.Weights weights() {
            if (values != null) {
                return new SynapseTable.Weights(0.0, values);
            }
            // a constant is its own centre: never clipped; stored once
            double constant = distribution.sample(null, 0);
            checkWeightUnit(owner, p.model, constant);
            return new SynapseTable.Weights(constant, null);
        }

        SynapseTable.Delays delays(int minDelay) {
            if (steps != null) {
                if (below > 0) {
                    throw new IllegalArgumentException(belowOneStep(owner, shortest, below, steps.length, "projection"));
                }
                return new SynapseTable.Delays(0, steps, max, minDelay);
            }
            double ms = distribution.sample(null, 0);
            if (!p.roundDelays && Double.isFinite(ms) && grid.isBelowOneStep(ms)) {
                throw new IllegalArgumentException(belowOneStep(owner, ms, 1, 1, "projection"));
            }
            int constant = delaySteps(owner, ms);
            return new SynapseTable.Delays(constant, null, constant, constant);
        }
    }

    private static double centre(Distribution d) {
        if (d instanceof Distribution.Constant c) {
            return c.value();
        } else if (d instanceof Distribution.Uniform u) {
            return 0.5 * (u.low() + u.high());
        } else if (d instanceof Distribution.Normal n) {
            return n.mean();
        }
        return 1.0;
    }

    private record PendingProjection(String name, Population pre, Population post, ConnectivityRule rule,
            Distribution weight, double[] weights, Distribution delayMs, double[] delaysMs, SynapseModel model,
            Map<String, Double> parameters, boolean roundDelays) {
    }

    private record PendingPlasticity(PlasticityRule rule, RuleParameters parameters) {
    }

    /**
     * A Poisson input as added: the train's rate (Hz) and weight, its delay in steps, its synapse
     * model with complete parameters, the steps it emits on and the neurons of the target it drives.
     */
    record PendingPoisson(String name, Population target, double rateHz, double weight, int delaySteps,
            SynapseModel model, Map<String, Double> parameters, StepWindow window, TargetNeurons targets) {
    }

    private static final class ChannelPlan {
        final String id;
        final Population post;
        final SynapseModel model;
        final Map<String, Double> parameters;
        int maxDelay = 1;
        SynapseChannel channel;

        ChannelPlan(String id, Population post, SynapseModel model, Map<String, Double> parameters) {
            this.id = id;
            this.post = post;
            this.model = model;
            this.parameters = parameters;
        }

        void maxDelay(int d) {
            maxDelay = Math.max(maxDelay, d);
        }
    }
}
