package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.model.Preset;
import org.cortexsim.network.plasticity.PlasticState;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered plasticity rule must keep (the built-in ones, a test-only rule
 * that uses every kind of state, and a user's rule when its jar is on the test class path):
 * with no spikes the weights and the state stay exactly as they started (system property
 * {@code cortexsim.expectRules} names rules that must be among them, for CI's plugin run); weights stay within
 * the rule's bounds; spikes, weights and every state field are bit-identical for 1, 2 and 4
 * threads. Each rule runs on a network of RS, FS and spike-source neurons, on one projection
 * with per-synapse delays and one with a single delay of several steps.
 */
class PlasticityContractTest {
    private static final double DT = 0.1;
    private static final int STEPS = 1500;

    static Stream<Named<PlasticityRule>> rules() {
        assertTrue(PlasticityRules.all().keySet().containsAll(List.of("stdp", "tsodyks_markram", "test_counting")),
                "registered: " + PlasticityRules.all().keySet());
        // CI puts the plugin example's jar on the class path and names its rule here
        for (String name : System.getProperty("cortexsim.expectRules", "").split(",")) {
            assertTrue(name.isBlank() || PlasticityRules.all().containsKey(name),
                    "rule '" + name + "' is not registered: " + PlasticityRules.all().keySet());
        }
        return PlasticityRules.all().values().stream().map(r -> Named.of(r.name(), r));
    }

    /** Parameters for the contract: defaults, and for a required number 10 clipped into its range. */
    static Map<String, Double> contractParameters(PlasticityRule rule) {
        Map<String, Double> given = new HashMap<>();
        for (ParameterSpec p : rule.parameters()) {
            if (p.required()) {
                given.put(p.name(), Math.min(p.max(), Math.max(p.min(), 10.0)));
            }
        }
        return given;
    }

    private record Outcome(List<int[]> spikes, List<double[]> weights, List<double[]> initialWeights,
            List<double[][]> state, double[] v, int threads) {
    }

    private static Outcome run(PlasticityRule rule, int threads, boolean active) {
        Map<String, Double> given = contractParameters(rule);
        RuleParameters params = PlasticityRules.resolve(rule, given, Map.of());
        double lo = rule.minWeight(params);
        double hi = rule.maxWeight(params);
        double low = Double.isFinite(lo) && Double.isFinite(hi) ? lo + 0.25 * (hi - lo) : Double.isFinite(lo) ? lo + 1 : 1;
        double high = Double.isFinite(lo) && Double.isFinite(hi) ? lo + 0.75 * (hi - lo) : low + 9;
        // inactive: sources that never fire
        long[][] trains = NetTestSupport.randomTrains(new SplittableRandom(4), 16, 30, 1, 60, active ? STEPS : 0);
        Neurons neurons = NetTestSupport.excSrcInh(60, trains, 20);
        Population exc = neurons.population("exc");
        Population src = neurons.population("src");
        Population inh = neurons.population("inh");
        RandomStreams random = new RandomStreams(8);
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), random);
        double scale = 400 / Math.max(1e-9, high);
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.2, false),
                new Distribution.Uniform(low, high), new Distribution.Uniform(0.1, 3.0), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("se", src, exc, new ConnectivityRule.FixedProbability(0.3, false),
                new Distribution.Uniform(low, high), new Distribution.Constant(0.7), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.3, false),
                new Distribution.Constant(150), new Distribution.Constant(0.5), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedProbability(0.3, false),
                new Distribution.Constant(-200), new Distribution.Constant(0.5), SynapseType.DELTA));
        b.plasticity("ee", rule.name(), given, Map.of());
        b.plasticity("se", rule.name(), given, Map.of());
        if (active) {
            b.input(new NoiseInput(exc, 90.0 * Math.min(1, scale), 600.0, random.key("noise/exc"), 0, Long.MAX_VALUE));
            b.input(new NoiseInput(inh, 80.0, 300.0, random.key("noise/inh"), 0, Long.MAX_VALUE));
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog(false);
        try (Simulation sim = b.build(threads, 8)) {
            sim.addListener(log);
            List<double[]> initial = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                initial.add(sim.projections().get(p).weights().nz_values.clone());
            }
            sim.run(STEPS, StopCondition.NEVER);
            List<double[]> weights = new ArrayList<>();
            List<double[][]> state = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                PlasticSynapses ps = sim.projections().get(p).plasticity();
                weights.add(ps.state().weights().clone());
                state.add(fields(rule, ps.state()));
            }
            return new Outcome(log.spikes, weights, initial, state, neurons.v.clone(), sim.threads());
        }
    }

    private static double[][] fields(PlasticityRule rule, PlasticState s) {
        List<double[]> out = new ArrayList<>();
        for (FieldSpec f : rule.synapseState()) {
            out.add(s.synapse(f.name()).clone());
        }
        for (FieldSpec f : rule.preState()) {
            out.add(s.pre(f.name()).clone());
        }
        for (FieldSpec f : rule.postState()) {
            out.add(s.post(f.name()).clone());
        }
        return out.toArray(new double[0][]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void withoutSpikesWeightsAndStateStayAsTheyStarted(PlasticityRule rule) {
        Outcome o = run(rule, 1, false);
        assertEquals(0, o.spikes.stream().mapToInt(s -> s.length).sum(), "nothing spikes");
        for (int p = 0; p < 2; p++) {
            assertArrayEquals(o.initialWeights.get(p), o.weights.get(p), 0.0, "weights of projection " + p);
            double[][] f = o.state.get(p);
            List<FieldSpec> specs = new ArrayList<>(rule.synapseState());
            specs.addAll(rule.preState());
            specs.addAll(rule.postState());
            for (int k = 0; k < f.length; k++) {
                for (double x : f[k]) {
                    assertEquals(specs.get(k).initialValue(), x, 0.0, specs.get(k).name());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void weightsStayWithinBoundsAndResultsAreBitIdenticalForOneTwoAndFourThreads(PlasticityRule rule) {
        Outcome one = run(rule, 1, true);
        RuleParameters params = PlasticityRules.resolve(rule, contractParameters(rule), Map.of());
        double lo = rule.minWeight(params);
        double hi = rule.maxWeight(params);
        int changed = 0;
        for (int p = 0; p < 2; p++) {
            double[] w = one.weights.get(p);
            for (int k = 0; k < w.length; k++) {
                assertTrue(w[k] >= lo && w[k] <= hi, "weight " + w[k] + " outside [" + lo + ", " + hi + "]");
                changed += w[k] != one.initialWeights.get(p)[k] ? 1 : 0;
            }
        }
        assertEquals(rule.changesWeights(), changed > 0, "weights changed: " + changed);
        assertTrue(one.spikes.stream().mapToInt(s -> s.length).sum() > 300, "activity");
        for (int threads : new int[] {2, 4}) {
            Outcome o = run(rule, threads, true);
            assertEquals(threads, o.threads);
            for (int n = 0; n < STEPS; n++) {
                assertArrayEquals(one.spikes.get(n), o.spikes.get(n), "spikes of step " + n + ", " + threads + " threads");
            }
            assertArrayEquals(one.v, o.v, 0.0);
            for (int p = 0; p < 2; p++) {
                assertArrayEquals(one.weights.get(p), o.weights.get(p), 0.0, "weights, " + threads + " threads");
                for (int f = 0; f < one.state.get(p).length; f++) {
                    assertArrayEquals(one.state.get(p)[f], o.state.get(p)[f], 0.0, "state field " + f);
                }
            }
        }
    }

    @Test
    void badParametersAndWeightsOutsideTheBoundsAreRefusedByName() {
        PlasticityRule stdp = PlasticityRules.require("stdp");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PlasticityRules.resolve(stdp, Map.of("A_plus", 1.0, "A_minus", 1.0), Map.of()));
        assertTrue(missing.getMessage().contains("w_max"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PlasticityRules.resolve(stdp, Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", 2.0, "tau_ms", 3.0),
                        Map.of()));
        assertTrue(unknown.getMessage().contains("tau_ms"), unknown.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> PlasticityRules.resolve(stdp, Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", 2.0),
                        Map.of("weight_dependence", "quadratic")));
        assertTrue(word.getMessage().contains("multiplicative"), word.getMessage());
        IllegalArgumentException bounds = assertThrows(IllegalArgumentException.class,
                () -> PlasticityRules.resolve(stdp, Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", -2.0), Map.of()));
        assertTrue(bounds.getMessage().contains("w_min"), bounds.getMessage());
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> PlasticityRules.require("stpd"));
        assertTrue(rule.getMessage().contains("stdp"), rule.getMessage());

        Neurons neurons = Neurons.builder().add("a", "RS", 5, Preset.RS.parameters()).build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        b.projection(ProjectionPlan.of("aa", neurons.population("a"), neurons.population("a"),
                new ConnectivityRule.AllToAll(false), new Distribution.Constant(300), new Distribution.Constant(1),
                SynapseType.DELTA));
        b.plasticity("aa", "stdp", Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", 200.0), Map.of());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> b.build(1));
        assertTrue(outside.getMessage().contains("'aa'") && outside.getMessage().contains("300"), outside.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> b.plasticity("nope", "stdp", Map.of("A_plus", 1.0, "A_minus", 1.0, "w_max", 2.0), Map.of()));
    }
}
