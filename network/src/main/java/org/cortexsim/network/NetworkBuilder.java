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
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;

/**
 * Assembles a {@link Simulation}: projections (connectivity, weights, delays), Poisson sources
 * and current inputs on a set of {@link Neurons}. Every random choice comes from a stream of
 * {@link RandomStreams} named after its purpose and its projection or input
 * ({@code connectivity/NAME}, {@code weights/NAME}, {@code delays/NAME}, {@code poisson/NAME}),
 * so the network depends only on the seed and the names, never on build order or threads.
 *
 * <p>Conventions: weights are pA for current synapses and nS for conductance synapses. The
 * sign of a current weight is its effect (negative = inhibitory); random weights are clipped
 * to 0 where a draw would take the sign opposite to the distribution's centre (its value,
 * mean, or midpoint); given values ({@link Distribution.Values}) are taken as they are. Conductance weights are never negative: inhibition comes from the
 * model's reversal potential. Delays in ms become {@code round(delay / dt)} steps, at least one.
 * A projection or input added with {@code roundDelays = false} (as configs add them unless they
 * say {@code round_delays: true}) refuses a delay shorter than one step (dt, the smallest a spike
 * can take), naming itself and the smallest delay found; the overloads without the flag round it
 * up to one step.
 */
public final class NetworkBuilder {
    /** Longest delay, in steps, a synapse may have. */
    public static final int MAX_DELAY_STEPS = Short.MAX_VALUE;

    /**
     * Fewest neurons per stepping thread by default: below this a thread hand-off (about 1 to
     * 12 us on this class of machine) costs more than the work it shares.
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
     * Adds a projection; delays shorter than one step become one step.
     *
     * @param weights per-synapse weights, or null to draw them from {@code weight}
     * @param delaysMs per-synapse delays (ms), or null to draw them from {@code delayMs}
     */
    public NetworkBuilder projection(String name, Population pre, Population post, ConnectivityRule rule,
            Distribution weight, double[] weights, Distribution delayMs, double[] delaysMs, String model,
            Map<String, Double> parameters) {
        return projection(name, pre, post, rule, weight, weights, delayMs, delaysMs, model, parameters, true);
    }

    /**
     * Adds a projection; with {@code roundDelays}, delays shorter than one step become one step,
     * without it they are refused.
     *
     * @param weights per-synapse weights, or null to draw them from {@code weight}
     * @param delaysMs per-synapse delays (ms), or null to draw them from {@code delayMs}
     */
    public NetworkBuilder projection(String name, Population pre, Population post, ConnectivityRule rule,
            Distribution weight, double[] weights, Distribution delayMs, double[] delaysMs, String model,
            Map<String, Double> parameters, boolean roundDelays) {
        for (PendingProjection p : projections) {
            if (p.name.equals(name)) {
                throw new IllegalArgumentException("projection '" + name + "' is defined twice");
            }
        }
        SynapseModel m = model(model);
        Map<String, Double> resolved = SynapseModels.resolveParameters(m, parameters);
        projections.add(new PendingProjection(name, pre, post, rule, weight, weights, delayMs, delaysMs, m, resolved,
                roundDelays));
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
     * Adds an independent Poisson train of {@code rateHz} into every neuron of {@code target}; a delay
     * shorter than one step becomes one step.
     */
    public NetworkBuilder poisson(String name, Population target, double rateHz, double weight, double delayMs,
            String model, Map<String, Double> parameters, long startStep, long stopStep) {
        return poisson(name, target, rateHz, weight, delayMs, model, parameters, startStep, stopStep, true);
    }

    /**
     * As {@link #poisson(String, Population, double, double, double, String, Map, long, long)}; with
     * {@code roundDelay}, a delay shorter than one step becomes one step, without it it is refused.
     */
    public NetworkBuilder poisson(String name, Population target, double rateHz, double weight, double delayMs,
            String model, Map<String, Double> parameters, long startStep, long stopStep, boolean roundDelay) {
        SynapseModel m = model(model);
        Map<String, Double> resolved = SynapseModels.resolveParameters(m, parameters);
        checkWeightUnit(name, m, weight);
        String owner = "Poisson input '" + name + "'";
        if (!roundDelay && Double.isFinite(delayMs) && grid.isBelowOneStep(delayMs)) {
            throw new IllegalArgumentException(belowOneStep(owner, delayMs, 1, 1, "input"));
        }
        poissons.add(new PendingPoisson(name, target, rateHz, weight, delaySteps(owner, delayMs), m, resolved,
                new StepWindow(startStep, stopStep)));
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
     * {@code threads} threads (one per {@link #MIN_NEURONS_PER_THREAD} neurons).
     */
    public Simulation build(int threads) {
        return build(threads, MIN_NEURONS_PER_THREAD);
    }

    /** As {@link #build(int)}, with one thread per at least {@code minNeuronsPerThread} neurons. */
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
            plan(plans, p.target(), p.model(), p.parameters()).maxDelay(p.delaySteps());
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
                            + " of synapse " + k + " (source " + j + " -> target " + m.nz_rows[k]
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

    /** Generates the synapses of {@code p}, then their weights, then their delays. */
    private SynapseTable connect(PendingProjection p) {
        SynapseTable.Connectivity csc = connectivity(p);
        return new SynapseTable(csc, weights(p, csc), delays(p, csc));
    }

    /** Draws the connectivity of {@code p} from its rule's stream. */
    private SynapseTable.Connectivity connectivity(PendingProjection p) {
        final int[] colIdx = new int[p.pre.size() + 1];
        final SplittableRandom rng = random.stream("connectivity/" + p.name);
        if (p.rule instanceof ConnectivityRule.FixedProbability fp) {
            // generated column by column, rows ascending: straight into CSC, no pair lists
            double expected = fp.expectedCount(p.pre.size(), p.post.size(), p.pre == p.post);
            IntList post = new IntList((int) Math.min(Integer.MAX_VALUE - 8, expected + 6 * Math.sqrt(expected) + 16));
            fp.generateColumns(p.pre.size(), p.post.size(), p.pre == p.post, rng, colIdx, post);
            return new SynapseTable.Connectivity(colIdx, post.toArray(), null);
        }
        IntList pre = new IntList(1024);
        IntList post = new IntList(1024);
        p.rule.generate(p.pre.size(), p.post.size(), p.pre == p.post, rng, pre, post);
        final int nnz = pre.size();
        // counting sort by presynaptic neuron (column); stable, so rows keep generation order
        for (int s = 0; s < nnz; s++) {
            colIdx[pre.get(s) + 1]++;
        }
        for (int j = 0; j < p.pre.size(); j++) {
            colIdx[j + 1] += colIdx[j];
        }
        int[] fill = java.util.Arrays.copyOf(colIdx, p.pre.size());
        int[] rows = new int[nnz];
        int[] origin = new int[nnz];
        for (int s = 0; s < nnz; s++) {
            int k = fill[pre.get(s)]++;
            rows[k] = post.get(s);
            origin[k] = s;
        }
        sortRowsWithinColumns(colIdx, rows, origin);
        return new SynapseTable.Connectivity(colIdx, rows, origin);
    }

    /**
     * The weights of {@code p}'s synapses: given values (in generation order), a constant, or
     * draws from the {@code weights/NAME} stream clipped at the distribution's sign.
     */
    private SynapseTable.Weights weights(PendingProjection p, SynapseTable.Connectivity csc) {
        final String owner = "projection '" + p.name + "'";
        final int nnz = csc.synapses();
        if (p.weights != null) {
            if (p.weights.length != nnz) {
                throw new IllegalArgumentException(owner + ": " + p.weights.length + " weights for " + nnz + " synapses");
            }
            double[] values = new double[nnz];
            for (int k = 0; k < nnz; k++) {
                values[k] = p.weights[csc.generated(k)];
                checkWeightUnit(owner, p.model, values[k]);
            }
            return new SynapseTable.Weights(0.0, values);
        }
        if (p.weight.isConstant()) {
            // a constant is its own centre: never clipped; stored once
            double constant = p.weight.sample(null, 0);
            checkWeightUnit(owner, p.model, constant);
            return new SynapseTable.Weights(constant, null);
        }
        double[] values = new double[nnz];
        SplittableRandom rng = random.stream("weights/" + p.name);
        double centre = centre(p.weight);
        if ("nS".equals(p.model.weightUnit()) && centre < 0) {
            checkWeightUnit(owner, p.model, centre);
        }
        // given values (Distribution.Values, e.g. read from a file) are not draws: never clipped
        final boolean given = p.weight instanceof Distribution.Values;
        for (int k = 0; k < nnz; k++) {
            double w = p.weight.sample(rng, k);
            if (given) {
                checkWeightUnit(owner, p.model, w);
                values[k] = w;
            } else {
                values[k] = (centre >= 0 ? w < 0 : w > 0) ? 0.0 : w;
            }
        }
        return new SynapseTable.Weights(0.0, values);
    }

    /** The delays of {@code p}'s synapses, in steps: given (generation order), a constant, or drawn. */
    private SynapseTable.Delays delays(PendingProjection p, SynapseTable.Connectivity csc) {
        final String owner = "projection '" + p.name + "'";
        final int nnz = csc.synapses();
        if (p.delaysMs == null && p.delayMs.isConstant()) {
            double ms = p.delayMs.sample(null, 0);
            if (!p.roundDelays && Double.isFinite(ms) && grid.isBelowOneStep(ms)) {
                throw new IllegalArgumentException(belowOneStep(owner, ms, 1, 1, "projection"));
            }
            int constant = delaySteps(owner, ms);
            return new SynapseTable.Delays(constant, null, constant);
        }
        if (p.delaysMs != null && p.delaysMs.length != nnz) {
            throw new IllegalArgumentException(owner + ": " + p.delaysMs.length + " delays for " + nnz + " synapses");
        }
        short[] steps = new short[nnz];
        SplittableRandom rng = random.stream("delays/" + p.name);
        int max = 1;
        long below = 0;
        double shortest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < nnz; k++) {
            double ms = p.delaysMs != null ? p.delaysMs[csc.generated(k)] : p.delayMs.sample(rng, k);
            int d = delaySteps(owner, ms);
            if (!p.roundDelays && grid.isBelowOneStep(ms)) {
                below++;
                shortest = Math.min(shortest, ms);
            }
            steps[k] = (short) d;
            max = Math.max(max, d);
        }
        if (below > 0) {
            throw new IllegalArgumentException(belowOneStep(owner, shortest, below, nnz, "projection"));
        }
        return new SynapseTable.Delays(0, steps, max);
    }

    /** Sorts rows ascending within each column (insertion sort: generated columns are already sorted). */
    private static void sortRowsWithinColumns(int[] colIdx, int[] rows, int[] origin) {
        for (int j = 0; j + 1 < colIdx.length; j++) {
            for (int k = colIdx[j] + 1; k < colIdx[j + 1]; k++) {
                int r = rows[k];
                int o = origin[k];
                int m = k - 1;
                while (m >= colIdx[j] && rows[m] > r) {
                    rows[m + 1] = rows[m];
                    origin[m + 1] = origin[m];
                    m--;
                }
                rows[m + 1] = r;
                origin[m + 1] = o;
            }
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
     * model with complete parameters, and the steps it emits on.
     */
    record PendingPoisson(String name, Population target, double rateHz, double weight, int delaySteps,
            SynapseModel model, Map<String, Double> parameters, StepWindow window) {
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
