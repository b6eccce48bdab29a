package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A network split into K partitions (each a {@link Simulation} of one contiguous index range, on
 * a thread of its own, joined by an {@link InProcessExchange}) gives exactly the spikes, every
 * neuron and every step, and the final v and u of the same network in one simulation, for
 * K = 1, 2, 3 and 1 or 2 threads per partition: on networks with delays of 0.5-2 ms (window 5
 * steps), per-synapse delays of 1-20 ms (window 10), one-step delays (window 1), mixed delays
 * with Poisson inputs of several delays, exp_current channels, noise and per-neuron DC; the
 * receptors of Izhikevich and Edelman (2008) (exp_conductance, nmda_conductance,
 * nmda_beta_conductance and beta_conductance channels); and a
 * plastic network with a spike source (STDP with per-synapse delays of 1-20 ms, STDP from the
 * source with one delay, Tsodyks-Markram with one delay equal to the window and with per-synapse
 * delays), whose final weights are also those of one simulation, synapse by synapse. The synapses
 * a partition holds are exactly the whole network's onto its neurons.
 */
class PartitionedSimulationTest {
    private static final int STEPS = 1200;

    /** A network to build on some neurons (the whole network's or a partition's). */
    interface Network extends Consumer<NetworkBuilder> {
    }

    static Neurons.Builder neurons(int exc, int inh) {
        return Neurons.builder()
                .add("exc", "RS", exc, Preset.RS.parameters(), new double[org.cortexsim.core.model.Parameter.values().length][],
                        uniform(exc, -65, -55, 3), null)
                .add("inh", "FS", inh, Preset.FS.parameters(), new double[org.cortexsim.core.model.Parameter.values().length][],
                        uniform(inh, -60, -50, 4), null);
    }

    /** The neurons of network {@code net}: the plastic one adds a spike source of 40 neurons. */
    static Neurons.Builder neuronsFor(String net, int exc, int inh) {
        Neurons.Builder b = neurons(exc, inh);
        if (net.equals("plastic")) {
            long[][] trains = NetTestSupport.randomTrains(new java.util.SplittableRandom(9), 40, 100, 20, 400, STEPS);
            b.addSpikeSource("src", org.cortexsim.core.SpikeSchedule.of(trains));
        }
        return b;
    }

    static double[] uniform(int n, double low, double high, long seed) {
        return new Distribution.Uniform(low, high).sampleAll(new java.util.SplittableRandom(seed), n);
    }

    /**
     * Adds projection {@code name} ("ee", "ei", "ie" or "ii", or a name starting so: from the
     * population of its first letter, exc or inh, to that of its second).
     */
    static void connect(NetworkBuilder b, String name, ConnectivityRule rule, Distribution weight,
            Distribution delayMs, SynapseType synapse) {
        Population pre = b.neurons().population(name.charAt(0) == 'e' ? "exc" : "inh");
        Population post = b.neurons().population(name.charAt(1) == 'e' ? "exc" : "inh");
        b.projection(ProjectionPlan.of(name, pre, post, rule, weight, delayMs, synapse));
    }

    /**
     * The cortex example's connectivity: p = 0.1, +300 pA with delays of 0.5-2 ms from exc, -1200 pA
     * with 0.5 ms from inh; noise.
     */
    static void cortex(NetworkBuilder b) {
        for (String name : List.of("ee", "ei", "ie", "ii")) {
            boolean fromExc = name.charAt(0) == 'e';
            connect(b, name, new ConnectivityRule.FixedProbability(0.1, false),
                    new Distribution.Constant(fromExc ? 300 : -1200),
                    fromExc ? new Distribution.Uniform(0.5, 2) : new Distribution.Constant(0.5), SynapseType.DELTA);
        }
        Neurons n = b.neurons();
        b.input(new NoiseInput(n.population("exc"), 0, 1500, new RandomStreams(1).key("noise/exc"), 0,
                Long.MAX_VALUE));
        b.input(new NoiseInput(n.population("inh"), 0, 800, new RandomStreams(1).key("noise/inh"), 0,
                Long.MAX_VALUE));
    }

    /** Per-synapse delays of 1-20 ms, random weights, exp_current channels, Poisson input (delay 3 steps). */
    static void longDelays(NetworkBuilder b) {
        Neurons n = b.neurons();
        Population exc = n.population("exc");
        Population inh = n.population("inh");
        Distribution delay = new Distribution.Uniform(1, 20);
        Map<String, Double> fast = Map.of("tau_ms", 5.0);
        connect(b, "ee", new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Normal(40, 15, 0, 120), delay, new SynapseType("exp_current", fast));
        connect(b, "ei", new ConnectivityRule.FixedIndegree(40, false),
                new Distribution.Uniform(20, 60), delay, new SynapseType("exp_current", fast));
        connect(b, "ie", new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Normal(-150, 40, -400, 0), new Distribution.Uniform(1, 3), SynapseType.DELTA);
        connect(b, "ii", new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-300), delay, SynapseType.DELTA);
        b.poisson(PoissonPlan.of("bg", exc, 2000, 30, 0.3, new SynapseType("exp_current", fast)));
        b.input(new NoiseInput(exc, 40, 200, new RandomStreams(2).key("noise/exc"), 0, Long.MAX_VALUE));
        b.input(new NoiseInput(inh, 40, 150, new RandomStreams(2).key("noise/inh"), 0, Long.MAX_VALUE));
    }

    /** One-step delays (window 1), per-neuron DC, fixed in-degree, Poisson with delays 1 and 4 steps. */
    static void oneStep(NetworkBuilder b) {
        Neurons n = b.neurons();
        Population exc = n.population("exc");
        Population inh = n.population("inh");
        connect(b, "ee", new ConnectivityRule.FixedIndegree(30, false),
                new Distribution.Constant(250), new Distribution.Constant(0.1), SynapseType.DELTA);
        connect(b, "ei", new ConnectivityRule.FixedProbability(0.08, false),
                new Distribution.Constant(300), new Distribution.Constant(0.1), SynapseType.DELTA);
        connect(b, "ie", new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Uniform(-600, -200), new Distribution.Uniform(0.05, 0.6), SynapseType.DELTA);
        connect(b, "ii", new ConnectivityRule.AllToAll(false),
                new Distribution.Constant(-20), new Distribution.Constant(0.1), SynapseType.DELTA);
        b.poisson(PoissonPlan.of("bg1", exc, 1500, 200, 0.1, SynapseType.DELTA).withSteps(100, 900));
        b.poisson(PoissonPlan.of("bg4", inh, 900, 150, 0.4, SynapseType.DELTA));
        b.input(new DcInput(exc, slice(exc, uniform(exc.totalSize(), 70, 140, 5)), 0, Long.MAX_VALUE));
        b.input(new NoiseInput(inh, 30, 300, new RandomStreams(3).key("noise/inh"), 0, Long.MAX_VALUE));
    }

    /**
     * Plastic: E->E under additive STDP with per-synapse delays of 1-20 ms; the spike source onto
     * E under multiplicative STDP with one delay of 2 ms; E->I under Tsodyks-Markram with one delay
     * of 1 ms (the window: a spike is needed as soon as the window that carries it arrives); I->E
     * under Tsodyks-Markram with per-synapse delays of 1-3 ms; static I->I; Poisson and noise.
     */
    static void plastic(NetworkBuilder b) {
        Neurons n = b.neurons();
        Population exc = n.population("exc");
        Population inh = n.population("inh");
        Population src = n.population("src");
        Map<String, Double> fast = Map.of("tau_ms", 5.0);
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Uniform(20, 80), new Distribution.Uniform(1, 20),
                new SynapseType("exp_current", fast)));
        b.projection(ProjectionPlan.of("se", src, exc, new ConnectivityRule.FixedProbability(0.2, false),
                new Distribution.Constant(150), new Distribution.Constant(2.0), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(120), new Distribution.Constant(1.0), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-250), new Distribution.Uniform(1, 3), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ii", inh, inh, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-300), new Distribution.Constant(1.5), SynapseType.DELTA));
        b.plasticity("ee", "stdp", Map.of("A_plus", 2.0, "A_minus", 2.2, "w_max", 120.0), Map.of());
        b.plasticity("se", "stdp", Map.of("A_plus", 4.0, "A_minus", 4.0, "w_max", 300.0, "tau_minus_ms", 30.0),
                Map.of("weight_dependence", "multiplicative"));
        b.plasticity("ei", "tsodyks_markram", Map.of("U", 0.3, "tau_rec_ms", 200.0, "tau_fac_ms", 50.0), Map.of());
        b.plasticity("ie", "tsodyks_markram", Map.of("U", 0.5, "tau_rec_ms", 100.0), Map.of());
        b.poisson(PoissonPlan.of("bg", exc, 1500, 40, 0.3, new SynapseType("exp_current", fast)));
        b.input(new NoiseInput(exc, 50, 200, new RandomStreams(4).key("noise/exc"), 0, Long.MAX_VALUE));
        b.input(new NoiseInput(inh, 60, 150, new RandomStreams(4).key("noise/inh"), 0, Long.MAX_VALUE));
    }

    /**
     * The receptors of Izhikevich and Edelman (2008): AMPA and NMDA from exc onto both populations
     * (NMDA onto inh with a rise), GABA_A from inh onto both and GABA_B with a rise onto exc, delays
     * of 1-3 ms per synapse and 1 ms (window 10 steps); Poisson AMPA input and noise.
     */
    static void receptors(NetworkBuilder b) {
        Map<String, Double> ampa = Map.of("tau_ms", 5.0, "E_rev_mV", 0.0);
        Map<String, Double> gabaA = Map.of("tau_ms", 6.0, "E_rev_mV", -70.0);
        Distribution delay = new Distribution.Uniform(1, 3);
        ConnectivityRule p = new ConnectivityRule.FixedProbability(0.05, false);
        connect(b, "ee_ampa", p, new Distribution.Uniform(0.1, 0.6), delay, new SynapseType("exp_conductance", ampa));
        connect(b, "ee_nmda", p, new Distribution.Uniform(0.01, 0.06), delay,
                new SynapseType("nmda_conductance", Map.of("tau_ms", 150.0, "E_rev_mV", 0.0)));
        connect(b, "ei_ampa", p, new Distribution.Uniform(0.1, 0.5), delay, new SynapseType("exp_conductance", ampa));
        connect(b, "ei_nmda", p, new Distribution.Uniform(0.01, 0.05), delay, new SynapseType("nmda_beta_conductance",
                Map.of("tau_rise_ms", 5.0, "tau_decay_ms", 150.0, "E_rev_mV", 0.0)));
        connect(b, "ie_gabaa", new ConnectivityRule.FixedProbability(0.1, false), new Distribution.Uniform(0.2, 1.0),
                new Distribution.Constant(1.0), new SynapseType("exp_conductance", gabaA));
        connect(b, "ie_gabab", new ConnectivityRule.FixedProbability(0.1, false), new Distribution.Uniform(0.01, 0.05),
                delay, new SynapseType("beta_conductance",
                        Map.of("tau_rise_ms", 20.0, "tau_decay_ms", 150.0, "E_rev_mV", -90.0)));
        connect(b, "ii_gabaa", new ConnectivityRule.FixedProbability(0.1, false), new Distribution.Uniform(0.2, 1.0),
                new Distribution.Constant(1.0), new SynapseType("exp_conductance", gabaA));
        Neurons n = b.neurons();
        b.poisson(PoissonPlan.of("bg", n.population("exc"), 1000, 0.5, 1.0, new SynapseType("exp_conductance", ampa)));
        b.input(new NoiseInput(n.population("exc"), 40, 100, new RandomStreams(5).key("noise/exc"), 0,
                Long.MAX_VALUE));
        b.input(new NoiseInput(n.population("inh"), 40, 80, new RandomStreams(5).key("noise/inh"), 0,
                Long.MAX_VALUE));
    }

    static double[] slice(Population p, double[] whole) {
        return Arrays.copyOfRange(whole, p.firstNode(), p.firstNode() + p.size());
    }

    static Network network(String name) {
        return switch (name) {
            case "cortex" -> PartitionedSimulationTest::cortex;
            case "longDelays" -> PartitionedSimulationTest::longDelays;
            case "oneStep" -> PartitionedSimulationTest::oneStep;
            case "plastic" -> PartitionedSimulationTest::plastic;
            case "receptors" -> PartitionedSimulationTest::receptors;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Spikes of every sample as indices of the whole network, the final state, and each plastic
     * projection's synapses with their final weights ({@link #synapses}, sorted).
     */
    record Outcome(List<int[]> spikes, double[] v, double[] u, RunResult result, int window,
            Map<String, List<String>> weights) {
    }

    /** The plastic projections' synapses of {@code sim} with their live weights, by projection. */
    static Map<String, List<String>> plasticWeights(Simulation sim) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (Projection pr : sim.projections()) {
            if (pr.plasticity() != null) {
                out.put(pr.name(), synapses(pr));
            }
        }
        return out;
    }

    /** Merges the partitions' plastic weights into the whole network's, each projection's sorted. */
    static Map<String, List<String>> merge(List<Map<String, List<String>>> parts) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (Map<String, List<String>> part : parts) {
            part.forEach((name, list) -> out.computeIfAbsent(name, x -> new ArrayList<>()).addAll(list));
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    static void assertSameWeights(Map<String, List<String>> expected, Map<String, List<String>> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String name : expected.keySet()) {
            List<String> e = new ArrayList<>(expected.get(name));
            e.sort(null);
            assertEquals(e.size(), actual.get(name).size(), what + ": synapses of " + name);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i), actual.get(name).get(i), what + ": synapse (pre, post, weight bits, delay) of "
                        + name);
            }
        }
    }

    /** Network {@code net} on the neurons {@code neurons} builds (the whole network's or a partition's). */
    static NetworkBuilder builder(String net, Neurons.Builder neurons) {
        NetworkBuilder b = new NetworkBuilder(neurons.build(), new TimeGrid(0.1), new RandomStreams(7));
        network(net).accept(b);
        return b;
    }

    static Outcome whole(String net, int exc, int inh) {
        NetworkBuilder b = builder(net, neuronsFor(net, exc, inh));
        NetTestSupport.SpikeLog log = new NetTestSupport.SpikeLog(0);
        try (Simulation sim = b.build(1)) {
            sim.addListener(log);
            RunResult r = sim.run(STEPS, StopCondition.NEVER);
            return new Outcome(log.spikes, sim.neurons().v.clone(), sim.neurons().u.clone(), r, sim.windowSteps(),
                    plasticWeights(sim));
        }
    }

    static Outcome partitioned(String net, int exc, int inh, int k, int threads, StopCondition stop) throws Exception {
        int[] bounds = Simulation.partitionBounds(neuronsFor(net, exc, inh).build().populations(), k);
        InProcessExchange exchange = new InProcessExchange(k, 60);
        Outcome[] parts = new Outcome[k];
        runPartitions(k, p -> {
            NetworkBuilder b = builder(net, neuronsFor(net, exc, inh).partition(bounds[p], bounds[p + 1]));
            NetTestSupport.SpikeLog log = new NetTestSupport.SpikeLog(b.neurons().firstIndex());
            try (Simulation sim = b.build(threads, 64)) {
                sim.exchangeSpikes(exchange.partition(p));
                sim.addListener(log);
                RunResult r = sim.run(STEPS, stop);
                parts[p] = new Outcome(log.spikes, sim.neurons().v.clone(), sim.neurons().u.clone(), r,
                        sim.windowSteps(), plasticWeights(sim));
            }
            return null;
        }, exchange);
        List<Outcome> outcomes = List.of(parts);
        // the whole network's spikes, sample by sample, and state, from the partitions in order
        List<int[]> spikes = new ArrayList<>();
        for (int s = 0; s < outcomes.get(0).spikes().size(); s++) {
            List<Integer> all = new ArrayList<>();
            for (Outcome o : outcomes) {
                assertEquals(outcomes.get(0).spikes().size(), o.spikes().size(), "partitions stop together");
                for (int i : o.spikes().get(s)) {
                    all.add(i);
                }
            }
            spikes.add(all.stream().mapToInt(Integer::intValue).toArray());
        }
        double[] v = new double[bounds[k]];
        double[] u = new double[bounds[k]];
        for (int p = 0; p < k; p++) {
            System.arraycopy(outcomes.get(p).v(), 0, v, bounds[p], bounds[p + 1] - bounds[p]);
            System.arraycopy(outcomes.get(p).u(), 0, u, bounds[p], bounds[p + 1] - bounds[p]);
            assertEquals(outcomes.get(0).window(), outcomes.get(p).window(), "one window");
        }
        return new Outcome(spikes, v, u, outcomes.get(0).result(), outcomes.get(0).window(),
                merge(outcomes.stream().map(Outcome::weights).toList()));
    }

    @ParameterizedTest(name = "{0}, K = {1}, {2} thread(s)")
    @CsvSource({
        "cortex, 1, 1", "cortex, 2, 1", "cortex, 3, 2",
        "longDelays, 1, 2", "longDelays, 2, 2", "longDelays, 3, 1",
        "oneStep, 1, 1", "oneStep, 2, 1", "oneStep, 3, 2",
        "plastic, 1, 1", "plastic, 2, 2", "plastic, 3, 1",
        "receptors, 1, 2", "receptors, 2, 1", "receptors, 3, 2",
    })
    void partitionsGiveTheSpikesAndStateOfOneSimulation(String net, int k, int threads) throws Exception {
        Outcome one = whole(net, 800, 200);
        Outcome split = partitioned(net, 800, 200, k, threads, StopCondition.NEVER);
        int expectedWindow = switch (net) {
            case "cortex" -> 5;
            case "longDelays", "plastic", "receptors" -> 10;
            default -> 1;
        };
        assertEquals(expectedWindow, split.window(), "the window is the shortest delay");
        long spikes = one.spikes().stream().mapToLong(s -> s.length).sum();
        assertTrue(spikes > 1000, "an active network: " + spikes + " spikes");
        assertEquals(one.spikes().size(), split.spikes().size());
        for (int s = 0; s < one.spikes().size(); s++) {
            assertArrayEquals(one.spikes().get(s), split.spikes().get(s), "spikes of step " + s);
        }
        for (int i = 0; i < one.v().length; i++) {
            assertEquals(Double.doubleToRawLongBits(one.v()[i]), Double.doubleToRawLongBits(split.v()[i]), "v of " + i);
            assertEquals(Double.doubleToRawLongBits(one.u()[i]), Double.doubleToRawLongBits(split.u()[i]), "u of " + i);
        }
        assertSameWeights(one.weights(), split.weights(), net + " in " + k + " partitions");
        if (net.equals("plastic")) {
            assertEquals(List.of("ee", "ei", "ie", "se"), List.copyOf(one.weights().keySet()));
            long changed = 0;
            NetworkBuilder b = new NetworkBuilder(neuronsFor(net, 800, 200).build(), new TimeGrid(0.1),
                    new RandomStreams(7));
            plastic(b);
            try (Simulation initial = b.build(1)) {
                Map<String, List<String>> start = plasticWeights(initial);
                for (String name : List.of("ee", "se")) {
                    List<String> a = new ArrayList<>(start.get(name));
                    a.sort(null);
                    for (int i = 0; i < a.size(); i++) {
                        changed += a.get(i).equals(one.weights().get(name).get(i)) ? 0 : 1;
                    }
                }
            }
            assertTrue(changed > 1000, "STDP changed weights: " + changed);
            long sourceSpikes = one.spikes().stream().flatMapToInt(Arrays::stream).filter(i -> i >= 1000).count();
            assertTrue(sourceSpikes > 100, "the spike source spiked in every partition's run: " + sourceSpikes);
        }
        assertTrue(split.result().completed());
    }

    @Test
    void aPartitionHoldsExactlyTheWholeNetworksSynapsesOntoItsNeurons() {
        // more than one block of targets (1,024) per population, so partitions cut blocks
        int exc = 2500;
        int inh = 700;
        NetworkBuilder wb = new NetworkBuilder(neurons(exc, inh).build(), new TimeGrid(0.1), new RandomStreams(7));
        longDelays(wb);
        try (Simulation whole = wb.build(1)) {
            for (Projection pr : whole.projections()) {
                assertTrue(synapses(pr).size() > 1000, pr.name());
            }
            assertPartitionsHoldTheWholeNetwork(whole, exc, inh, PartitionedSimulationTest::longDelays, 1,
                    (wholeProjection, part) -> assertEquals(wholeProjection.minDelaySteps(), part.minDelaySteps()));
        }
    }

    /**
     * Builds the network {@code projections} adds on each partition of {@code neurons(exc, inh)}
     * into K = 2, 3 and 5 (seed 7, {@code threads} each) and asserts that the partitions together
     * hold exactly {@code whole}'s synapses, weights and delays, projection by projection;
     * {@code check} is called with each projection of the whole network and its part.
     */
    static void assertPartitionsHoldTheWholeNetwork(Simulation whole, int exc, int inh,
            Consumer<NetworkBuilder> projections, int threads, BiConsumer<Projection, Projection> check) {
        for (int k : new int[] {2, 3, 5}) {
            int[] bounds = Simulation.partitionBounds(whole.neurons().populations(), k);
            List<List<String>> fromParts = new ArrayList<>();
            for (int q = 0; q < whole.projections().size(); q++) {
                fromParts.add(new ArrayList<>());
            }
            for (int p = 0; p < k; p++) {
                Neurons part = neurons(exc, inh).partition(bounds[p], bounds[p + 1]).build();
                NetworkBuilder pb = new NetworkBuilder(part, new TimeGrid(0.1), new RandomStreams(7));
                projections.accept(pb);
                try (Simulation sim = pb.build(threads)) {
                    for (int q = 0; q < sim.projections().size(); q++) {
                        check.accept(whole.projections().get(q), sim.projections().get(q));
                        fromParts.get(q).addAll(synapses(sim.projections().get(q)));
                    }
                }
            }
            for (int q = 0; q < whole.projections().size(); q++) {
                String name = whole.projections().get(q).name();
                List<String> expected = synapses(whole.projections().get(q));
                List<String> got = fromParts.get(q);
                expected.sort(null);
                got.sort(null);
                assertEquals(expected.size(), got.size(), name + " synapse count in " + k + " partitions");
                // not assertEquals of the lists: a mismatch would print every synapse
                assertTrue(expected.equals(got), name + " in " + k + " partitions: the same synapses, weights and delays");
            }
        }
    }

    /** Each synapse as "pre,post,weight bits,delay" with node ids of the whole populations. */
    static List<String> synapses(Projection pr) {
        List<String> out = new ArrayList<>();
        var w = pr.weights();
        for (int j = 0; j < w.numCols; j++) {
            for (int k = w.col_idx[j]; k < w.col_idx[j + 1]; k++) {
                out.add(j + "," + (w.nz_rows[k] + pr.post().firstNode()) + ","
                        + Double.doubleToRawLongBits(pr.weight(k)) + "," + pr.delaySteps(k));
            }
        }
        return out;
    }

    /**
     * Checkpoints of every partition at the same step, taken either from the stop condition at a
     * window's end (before its exchange) or after a stop agreed in the exchange, restored into fresh
     * partitions on other thread counts: the continued run gives the spikes and state of one
     * uninterrupted simulation.
     */
    @ParameterizedTest(name = "{0}, K = {1}, checkpoint {2}")
    @CsvSource({"longDelays, 2, atWindowEnd", "longDelays, 3, afterAgreedStop", "oneStep, 2, afterAgreedStop",
        "cortex, 3, atWindowEnd", "plastic, 3, atWindowEnd", "plastic, 2, afterAgreedStop"})
    void partitionsRestoredFromCheckpointsContinueBitForBit(String net, int k, String when) throws Exception {
        Outcome one = whole(net, 800, 200);
        int[] bounds = Simulation.partitionBounds(neuronsFor(net, 800, 200).build().populations(), k);
        // first session: stop after the window ending at or after step 400, saving each partition's state
        InProcessExchange first = new InProcessExchange(k, 60);
        org.cortexsim.core.state.StateSnapshot[] saved = new org.cortexsim.core.state.StateSnapshot[k];
        long[] savedAt = new long[k];
        List<List<int[]>> before = new ArrayList<>();
        runPartitions(k, p -> {
            NetworkBuilder b = builder(net, neuronsFor(net, 800, 200).partition(bounds[p], bounds[p + 1]));
            NetTestSupport.SpikeLog log = new NetTestSupport.SpikeLog(b.neurons().firstIndex());
            try (Simulation sim = b.build(1, 64)) {
                sim.exchangeSpikes(first.partition(p));
                sim.addListener(log);
                StopCondition stop = step -> {
                    if (step + 1 < 400) {
                        return StopCondition.Action.CONTINUE;
                    }
                    if (when.equals("atWindowEnd") && savedAt[p] == 0) {
                        saved[p] = new org.cortexsim.core.state.StateSnapshot();
                        sim.saveState(saved[p].writer(), step + 1);
                        savedAt[p] = step + 1;
                    }
                    return StopCondition.Action.stop("checkpoint");
                };
                RunResult r = sim.run(STEPS, stop);
                if (when.equals("afterAgreedStop")) {
                    saved[p] = new org.cortexsim.core.state.StateSnapshot();
                    sim.saveState(saved[p].writer(), r.stepsDone());
                    savedAt[p] = r.stepsDone();
                }
                synchronized (before) {
                    while (before.size() <= p) {
                        before.add(null);
                    }
                    before.set(p, log.spikes);
                }
                return null;
            }
        }, first);
        for (int p = 1; p < k; p++) {
            assertEquals(savedAt[0], savedAt[p], "every partition checkpoints at the same step");
        }
        // second session: fresh partitions on 2 threads, restored, run to the end
        InProcessExchange second = new InProcessExchange(k, 60);
        List<List<int[]>> after = new ArrayList<>();
        double[] v = new double[bounds[k]];
        double[] u = new double[bounds[k]];
        List<Map<String, List<String>>> weights = new ArrayList<>();
        runPartitions(k, p -> {
            NetworkBuilder b = builder(net, neuronsFor(net, 800, 200).partition(bounds[p], bounds[p + 1]));
            NetTestSupport.SpikeLog log = new NetTestSupport.SpikeLog(b.neurons().firstIndex());
            try (Simulation sim = b.build(2, 64)) {
                sim.exchangeSpikes(second.partition(p));
                sim.restoreState(saved[p].reader(), savedAt[p]);
                sim.addListener(log);
                assertTrue(sim.run(STEPS, StopCondition.NEVER).completed());
                synchronized (after) {
                    while (after.size() <= p) {
                        after.add(null);
                    }
                    after.set(p, log.spikes);
                    weights.add(plasticWeights(sim));
                    System.arraycopy(sim.neurons().v, 0, v, bounds[p], bounds[p + 1] - bounds[p]);
                    System.arraycopy(sim.neurons().u, 0, u, bounds[p], bounds[p + 1] - bounds[p]);
                }
                return null;
            }
        }, second);
        long at = savedAt[0];
        assertTrue(at >= 400 && at < 420, "checkpoint after step " + at);
        for (int s = 0; s < STEPS; s++) {
            List<Integer> got = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                int[] part = s < at ? before.get(p).get(s) : after.get(p).get((int) (s - at));
                for (int i : part) {
                    got.add(i);
                }
            }
            assertArrayEquals(one.spikes().get(s), got.stream().mapToInt(Integer::intValue).toArray(), "step " + s);
        }
        for (int i = 0; i < bounds[k]; i++) {
            assertEquals(Double.doubleToRawLongBits(one.v()[i]), Double.doubleToRawLongBits(v[i]), "v of " + i);
            assertEquals(Double.doubleToRawLongBits(one.u()[i]), Double.doubleToRawLongBits(u[i]), "u of " + i);
        }
        assertSameWeights(one.weights(), merge(weights), net + " resumed in " + k + " partitions");
    }

    interface PartitionBody {
        Void run(int p) throws Exception;
    }

    static void runPartitions(int k, PartitionBody body, InProcessExchange exchange) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                final int part = p;
                futures.add(pool.submit(() -> {
                    try {
                        return body.run(part);
                    } catch (Exception | AssertionError e) {
                        exchange.abandon(part, e.toString());
                        throw e;
                    }
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStopRequestedByOnePartitionStopsAllAfterTheSameStep() throws Exception {
        // the cortex network (window 5: exchanges after samples 4, 9, ...) asked to stop after step
        // 331 stops everywhere after step 333 (sample 334)
        StopCondition stop = step -> step >= 331 ? StopCondition.Action.stop("asked at " + step)
                : StopCondition.Action.CONTINUE;
        Outcome split = partitioned("cortex", 800, 200, 3, 1, stop);
        assertEquals(334, split.spikes().size());
        assertEquals(334, split.result().stepsDone());
        assertEquals("asked at 333", split.result().stopReason());
    }

    @Test
    void aLostPartitionStopsTheOthersWithItsName() throws Exception {
        int[] bounds = Simulation.partitionBounds(neurons(800, 200).build().populations(), 2);
        InProcessExchange exchange = new InProcessExchange(2, 60);
        Neurons neurons = neurons(800, 200).partition(bounds[0], bounds[1]).build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(0.1), new RandomStreams(7));
        cortex(b);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.abandon(1, "its process was killed");
        });
        try (Simulation sim = b.build(1)) {
            sim.exchangeSpikes(exchange.partition(0));
            killer.start();
            RunResult r = sim.run(STEPS, StopCondition.NEVER);
            assertTrue(!r.completed());
            assertEquals("partition 1 failed: its process was killed", r.stopReason());
            assertEquals(4, r.stepsDone() % 5, "stopped at the end of a window: " + r.stepsDone());
        }
        killer.join();
    }
}
