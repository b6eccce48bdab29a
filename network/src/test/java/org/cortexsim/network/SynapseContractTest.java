package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collection;
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
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.SynapseBlock;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered synapse model must keep (the built-in ones, and a user's model when
 * its jar is on the test class path: system property {@code cortexsim.expectModels} names models that
 * must be among them, for CI's plugin run), and the exponential models' analytic decay.
 */
class SynapseContractTest {
    private static final double DT = 0.1;

    static Stream<SynapseModel> models() {
        return registered().stream();
    }

    static Stream<Arguments> modelsAndDelays() {
        List<Arguments> a = new ArrayList<>();
        for (SynapseModel m : registered()) {
            for (int d : new int[] {1, 2, 5, 13}) {
                a.add(Arguments.of(m, d));
            }
        }
        return a.stream();
    }

    private static Collection<SynapseModel> registered() {
        assertTrue(SynapseModels.all().keySet().containsAll(List.of("delta", "exp_current", "exp_conductance",
                "nmda_conductance", "beta_conductance", "nmda_beta_conductance")),
                "built-in models registered: " + SynapseModels.all().keySet());
        // CI puts the plugin example's jar on the class path and names its model here
        for (String name : System.getProperty("cortexsim.expectModels", "").split(",")) {
            assertTrue(name.isBlank() || SynapseModels.all().containsKey(name),
                    "model '" + name + "' is not registered: " + SynapseModels.all().keySet());
        }
        return SynapseModels.all().values();
    }

    private static double weightFor(SynapseModel m) {
        return "nS".equals(m.weightUnit()) ? 1.5 : 40.0;
    }

    private static double[] withSource(double sourceV, int sources) {
        double[] v = new double[sources];
        java.util.Arrays.fill(v, sourceV);
        return v;
    }

    /**
     * Sources ("src", RS) start at {@code sourceV} and spike once on their own; one RS target
     * ("post") receives the explicit synapses src[pre[s]] -> post[0] with {@code weights[s]}.
     */
    static Simulation oneTarget(SynapseModel model, Map<String, Double> params, double sourceV,
            int sources, int[] pre, double[] weights, int delaySteps) {
        Neurons neurons = Neurons.builder()
                .add("src", "RS", sources, Preset.RS.parameters(), new double[Parameter.values().length][],
                        withSource(sourceV, sources), null)
                .add("post", "RS", 1, Preset.RS.parameters())
                .build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        b.projection(ProjectionPlan.of("syn", neurons.population("src"), neurons.population("post"),
                new ConnectivityRule.Explicit(pre, new int[pre.length], "test"), null,
                new Distribution.Constant(delaySteps * DT), new SynapseType(model.name(), params))
                .withWeights(weights));
        return b.build(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void withoutInputNeuronsStayExactlyAtRest(SynapseModel model) {
        Neurons neurons = Neurons.builder()
                .add("src", "RS", 3, Preset.RS.parameters())
                .add("rs", "RS", 4, Preset.RS.parameters())
                .add("fs", "FS", 4, Preset.FS.parameters())
                .build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(3));
        double w = weightFor(model);
        for (String target : new String[] {"rs", "fs"}) {
            b.projection(ProjectionPlan.of("to_" + target, neurons.population("src"), neurons.population(target),
                    new ConnectivityRule.AllToAll(false), new Distribution.Constant(w), new Distribution.Constant(0.3),
                    SynapseType.of(model.name())));
            b.poisson(PoissonPlan.of("silent_" + target, neurons.population(target), 0.0, w, 0.1,
                    SynapseType.of(model.name())));
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        try (Simulation sim = b.build(1)) {
            sim.addListener(log);
            sim.run(3000, StopCondition.NEVER);
            assertEquals(0, log.totalSpikes());
            for (Population p : neurons.populations()) {
                double vr = p.parameters().vr();
                for (int i = p.offset(); i < p.end(); i++) {
                    assertEquals(vr, neurons.v[i], 0.0, p.name() + " v");
                    assertEquals(0.0, neurons.u[i], 0.0, p.name() + " u");
                }
            }
            for (double[] c : log.current) {
                for (double x : c) {
                    assertEquals(0.0, x, 0.0);
                }
            }
            for (SynapseChannel c : sim.channels()) {
                for (FieldSpec f : model.fields()) {
                    for (double x : c.field(f.name())) {
                        assertEquals(f.initialValue(), x, 0.0, c.id() + "." + f.name());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void twoArrivalsOfWActAsOneOf2W(SynapseModel model) {
        assumeTrue(model.linear(), "non-linear model");
        double w = weightFor(model);
        NetTestSupport.StepLog twice = new NetTestSupport.StepLog();
        NetTestSupport.StepLog once = new NetTestSupport.StepLog();
        SynapseChannel a;
        SynapseChannel b;
        Simulation simA = oneTarget(model, Map.of(), 40, 2, new int[] {0, 1}, new double[] {w, w}, 3);
        Simulation simB = oneTarget(model, Map.of(), 40, 2, new int[] {0}, new double[] {2 * w}, 3);
        try (simA; simB) {
            simA.addListener(twice);
            simB.addListener(once);
            simA.run(400, StopCondition.NEVER);
            simB.run(400, StopCondition.NEVER);
            a = simA.channels().get(0);
            b = simB.channels().get(0);
            int post = simA.neurons().population("post").offset();
            boolean anyInput = false;
            for (int s = 0; s < 400; s++) {
                assertEquals(once.current.get(s)[post], twice.current.get(s)[post], 0.0, "current of step " + s);
                assertEquals(once.vBefore.get(s)[post], twice.vBefore.get(s)[post], 0.0, "v of sample " + s);
                anyInput |= twice.current.get(s)[post] != 0;
            }
            assertTrue(anyInput);
            for (FieldSpec f : model.fields()) {
                assertEquals(b.field(f.name())[0], a.field(f.name())[0], 0.0, f.name());
            }
            assertEquals(simB.neurons().v[post], simA.neurons().v[post], 0.0);
            assertEquals(simB.neurons().u[post], simA.neurons().u[post], 0.0);
        }
    }

    @ParameterizedTest(name = "{0}, delay {1}")
    @MethodSource("modelsAndDelays")
    void arrivalFirstAffectsTheStepProducingSampleNPlusD(SynapseModel model, int delay) {
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        // the source starts below the peak and crosses it on a later sample
        try (Simulation sim = oneTarget(model, Map.of(), 10.0, 1, new int[] {0}, new double[] {weightFor(model)},
                delay)) {
            sim.addListener(log);
            sim.run(60, StopCondition.NEVER);
            int post = sim.neurons().population("post").offset();
            int spikeStep = -1;
            for (int s = 0; s < log.spikes.size(); s++) {
                if (log.spikes.get(s).length > 0) {
                    assertEquals(-1, spikeStep, "the source spikes once");
                    spikeStep = s;
                    assertEquals(0, log.spikes.get(s)[0]);
                }
            }
            assertTrue(spikeStep > 0, "the source should spike after sample 0, spiked at " + spikeStep);
            int arrival = spikeStep + delay - 1;
            for (int s = 0; s < arrival; s++) {
                assertEquals(0.0, log.current.get(s)[post], 0.0, "current before the arrival, step " + s);
            }
            for (int n = 0; n <= arrival; n++) {
                assertEquals(-60.0, log.sampleV(n)[post], 0.0, "v of sample " + n);
            }
            assertNotEquals(0.0, log.current.get(arrival)[post], "current of the arrival step " + arrival);
            assertNotEquals(-60.0, log.sampleV(spikeStep + delay)[post], "sample n + D");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void declaredFieldsAreAllocatedAndKernelStaysInItsRange(SynapseModel model) {
        try (Simulation sim = oneTarget(model, Map.of(), -60, 1, new int[] {0}, new double[] {1.0}, 1)) {
            SynapseChannel c = sim.channels().get(0);
            assertEquals(model.name(), c.model().name());
            for (FieldSpec f : model.fields()) {
                double[] x = c.field(f.name());
                assertNotNull(x, f.name());
                assertEquals(1, x.length);
                assertEquals(f.initialValue(), x[0], 0.0);
            }
            assertNull(c.field("no_such_field"));
            assertEquals(model.parameters().size(), c.parameters().size());
        }
        // the kernel gets exactly the declared fields and must touch only [from, to) (offset in current)
        Map<String, Double> params = SynapseModels.resolveParameters(model, Map.of());
        final int size = 20;
        final int offset = 7;
        final int from = 5;
        final int to = 13;
        SynapseFields fieldArrays = new SynapseFields(model.fields(), size);
        SynapseKernel kernel = model.kernel(params, DT, fieldArrays);
        SplittableRandom rng = new SplittableRandom(5);
        double[][] fields = new double[model.fields().size()][];
        for (int f = 0; f < fields.length; f++) {
            fields[f] = fieldArrays.get(model.fields().get(f).name());
            java.util.Arrays.fill(fields[f], 0.0);
        }
        double[] arrivals = new double[size];
        for (int i = 0; i < size; i++) {
            arrivals[i] = rng.nextDouble();
        }
        double[] v = new double[offset + size + 5];
        java.util.Arrays.fill(v, -65.0);
        double[] current = new double[offset + size + 5];
        java.util.Arrays.fill(current, Double.NaN);
        for (int i = offset + from; i < offset + to; i++) {
            current[i] = 0.0;
        }
        double[] arrivalsBefore = arrivals.clone();
        double[] vBefore = v.clone();
        SynapseBlock block = new SynapseBlock();
        block.bind(arrivals, v, current, offset, from, to);
        kernel.step(block);
        assertTrue(java.util.Arrays.equals(vBefore, v), "the kernel must not change v");
        for (int i = 0; i < current.length; i++) {
            boolean inside = i >= offset + from && i < offset + to;
            assertEquals(inside, !Double.isNaN(current[i]), "current[" + i + "] touched: " + !inside);
            if (inside) {
                assertNotEquals(0.0, current[i], "arrivals must produce current");
            }
        }
        for (double[] f : fields) {
            for (int i = 0; i < size; i++) {
                if (i < from || i >= to) {
                    assertEquals(0.0, f[i], 0.0, "field written outside [from, to) at " + i);
                }
            }
        }
        for (int i = 0; i < size; i++) {
            assertEquals(arrivalsBefore[i], arrivals[i], 0.0, "the kernel must not change arrivals");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void parametersAreValidatedByName(SynapseModel model) {
        Map<String, Double> defaults = SynapseModels.resolveParameters(model, Map.of());
        assertEquals(model.parameters().stream().map(ParameterSpec::name).toList(), List.copyOf(defaults.keySet()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SynapseModels.resolveParameters(model, Map.of("bogus_ms", 1.0)));
        assertTrue(unknown.getMessage().contains("bogus_ms"), unknown.getMessage());
        for (ParameterSpec p : model.parameters()) {
            double span = Math.max(1.0, Math.abs(p.max() - p.min()));
            for (double bad : new double[] {p.min() - span, p.max() + span, Double.NaN,
                Double.POSITIVE_INFINITY}) {
                Map<String, Double> given = new HashMap<>();
                given.put(p.name(), bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SynapseModels.resolveParameters(model, given), p.name() + " = " + bad);
                assertTrue(e.getMessage().contains(p.name()), e.getMessage());
            }
            Map<String, Double> atMin = new HashMap<>();
            atMin.put(p.name(), p.min());
            Map<String, Double> withDefaults = new HashMap<>(defaults);
            withDefaults.put(p.name(), p.min());
            String together = model.check(withDefaults);
            if (together == null) {
                assertEquals(p.min(), SynapseModels.resolveParameters(model, atMin).get(p.name()), 0.0);
            } else {
                // the minimum is allowed alone, but not with the other defaults (say tau_decay_ms below tau_rise_ms)
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SynapseModels.resolveParameters(model, atMin), p.name() + " = " + p.min());
                assertTrue(e.getMessage().endsWith(together), e.getMessage());
            }
        }
        assertNull(model.check(defaults), "the defaults are consistent");
        // the builder validates too, naming the parameter
        Neurons neurons = Neurons.builder().add("a", "RS", 2, Preset.RS.parameters()).build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.projection(ProjectionPlan.of("x", neurons.population("a"), neurons.population("a"),
                        new ConnectivityRule.AllToAll(false), new Distribution.Constant(1),
                        new Distribution.Constant(1), new SynapseType(model.name(), Map.of("bogus_ms", 1.0)))));
        assertTrue(e.getMessage().contains("bogus_ms"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> b.projection(ProjectionPlan.of("y", neurons.population("a"), neurons.population("a"),
                        new ConnectivityRule.AllToAll(false), new Distribution.Constant(1),
                        new Distribution.Constant(1), SynapseType.of("no_such_model"))));
        assertTrue(m.getMessage().contains("no_such_model"), m.getMessage());
    }

    @Test
    void expCurrentDecaysExponentially() {
        final double tau = 3.0;
        final double w = 25.0;
        SynapseModel model = SynapseModels.byName("exp_current");
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        try (Simulation sim = oneTarget(model, Map.of("tau_ms", tau), 40, 1, new int[] {0}, new double[] {w}, 2)) {
            sim.addListener(log);
            sim.run(600, StopCondition.NEVER);
            int post = sim.neurons().population("post").offset();
            int arrival = 0 + 2 - 1;
            for (int s = 0; s < 600; s++) {
                double expected = s < arrival ? 0.0 : w * Math.exp(-(s - arrival) * DT / tau);
                assertEquals(expected, log.current.get(s)[post], 1e-12 * w, "I_syn of step " + s);
            }
            assertEquals(w * Math.exp(-(599 - arrival) * DT / tau), sim.channels().get(0).field("I_syn")[0],
                    1e-12 * w);
        }
    }

    @Test
    void expConductanceDecaysExponentiallyAndDrivesTowardsReversal() {
        final double tau = 7.0;
        final double w = 0.8;
        for (double reversal : new double[] {0.0, -80.0}) {
            SynapseModel model = SynapseModels.byName("exp_conductance");
            NetTestSupport.StepLog log = new NetTestSupport.StepLog();
            try (Simulation sim = oneTarget(model, Map.of("tau_ms", tau, "E_rev_mV", reversal), 40, 1,
                    new int[] {0}, new double[] {w}, 1)) {
                sim.addListener(log);
                sim.run(800, StopCondition.NEVER);
                int post = sim.neurons().population("post").offset();
                for (int s = 0; s < 800; s++) {
                    double g = w * Math.exp(-s * DT / tau);
                    double vn = log.vBefore.get(s)[post];
                    double expected = g * (reversal - vn);
                    assertEquals(expected, log.current.get(s)[post], 1e-12 * Math.abs(g * 200), "step " + s);
                    assertEquals(Math.signum(reversal - vn), Math.signum(log.current.get(s)[post]), "sign, step " + s);
                }
                assertEquals(w * Math.exp(-799 * DT / tau), sim.channels().get(0).field("g")[0], 1e-12 * w);
            }
        }
    }

    /**
     * A model whose kernel asks for a field it did not declare (a user's forgotten FieldSpec) is
     * refused when its channel is built, naming the model, its class, the field and the fix.
     */
    @Test
    void aKernelUsingAnUndeclaredFieldIsNamedWithTheFix() {
        SynapseModel forgetful = new SynapseModel() {
            public String name() {
                return "forgetful";
            }

            public String description() {
                return "declares g but uses I_syn too";
            }

            public String weightUnit() {
                return "nS";
            }

            public List<ParameterSpec> parameters() {
                return List.of();
            }

            public List<FieldSpec> fields() {
                return List.of(new FieldSpec("g", "nS", 0, "conductance"));
            }

            public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
                double[] g = fields.get("g");
                double[] current = fields.get("I_syn");
                return block -> {
                    for (int i = block.from(); i < block.to(); i++) {
                        g[i] += block.arrival(i);
                        current[i] = g[i];
                    }
                };
            }
        };
        Population post = Neurons.builder().add("exc", "RS", 2, Preset.RS.parameters()).build().population("exc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SynapseChannel("exc.forgetful", post, forgetful, Map.of(), 0.1, 1));
        assertTrue(e.getMessage().startsWith("synapse model 'forgetful' (" + forgetful.getClass().getName() + "): "
                + "no synapse field 'I_syn'; declared: [g]; declare every field the kernel uses in fields()"),
                e.getMessage());
    }
}
