package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Preset;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tsodyks-Markram short-term plasticity against its closed forms for a regular train. With
 * period {@code delta}, {@code F = exp(-delta/tau_fac)} and {@code R = exp(-delta/tau_rec)}:
 * {@code u_k = u* + (U - u*) b^(k-1)} with {@code b = (1 - U) F}, {@code u* = U / (1 - b)};
 * then {@code x_k = 1 + (x_{k-1} (1 - u_{k-1}) - 1) R} from {@code x_1 = 1} (without
 * facilitation, {@code x_k = x* + (1 - x*) a^(k-1)}, {@code a = (1 - U) R}, {@code x* = (1 - R)
 * / (1 - a)}). The weight delivered at the k-th arrival, read as the input current of the step
 * it enters (a delta synapse onto a neuron with no other input), must be {@code w u_k x_k} to
 * 1e-12 relative. The rule leaves w unchanged and works with every synapse model.
 */
class TsodyksMarkramTest {
    private static final double DT = 0.1;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(0.5, 800.0, 0.0, 200, 1),
                Arguments.of(0.5, 800.0, 0.0, 37, 12),
                Arguments.of(0.1, 100.0, 1000.0, 150, 3),
                Arguments.of(0.3, 50.0, 20.0, 80, 1),
                Arguments.of(0.2, 0.0, 300.0, 100, 5),
                Arguments.of(0.25, 400.0, 0.0, 9000, 1),
                Arguments.of(0.0, 100.0, 50.0, 100, 2));
    }

    @ParameterizedTest(name = "U {0}, tau_rec {1} ms, tau_fac {2} ms, period {3} steps, delay {4}")
    @MethodSource("cases")
    void regularTrainDeliversTheClosedFormSequence(double big, double tauRec, double tauFac, int period, int delay) {
        final int spikes = 40;
        final long first = 17;
        final double w = 55.0;
        long[] train = new long[spikes];
        for (int k = 0; k < spikes; k++) {
            train[k] = first + (long) k * period;
        }
        Neurons neurons = Neurons.builder()
                .addSpikeSource("src", SpikeSchedule.of(new long[][] {train}))
                .add("post", "RS", 1, Preset.RS.parameters())
                .build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        b.projection(ProjectionPlan.of("syn", neurons.population("src"), neurons.population("post"),
                new ConnectivityRule.AllToAll(false), new Distribution.Constant(w),
                new Distribution.Constant(delay * DT), SynapseType.DELTA));
        b.plasticity("syn", "tsodyks_markram", Map.of("U", big, "tau_rec_ms", tauRec, "tau_fac_ms", tauFac), Map.of());
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        long steps = train[spikes - 1] + delay + 2;
        int post = neurons.population("post").offset();
        try (Simulation sim = b.build(1)) {
            sim.addListener(log);
            sim.run(steps, StopCondition.NEVER);
            assertEquals(w, sim.projections().get(0).weight(0), 0.0, "w itself does not change");
        }
        double fac = tauFac == 0 ? 0 : Math.exp(-period * DT / tauFac);
        double rec = tauRec == 0 ? 0 : Math.exp(-period * DT / tauRec);
        double bb = (1 - big) * fac;
        double uStar = big / (1 - bb);
        double aa = (1 - big) * rec;
        double xStar = (1 - rec) / (1 - aa);
        double x = 1;
        double uPrev = 0;
        int arrivals = 0;
        for (int k = 1; k <= spikes; k++) {
            double u = uStar + (big - uStar) * Math.pow(bb, k - 1);
            if (k > 1) {
                x = 1 + (x * (1 - uPrev) - 1) * rec;
            }
            if (tauFac == 0) {
                assertEquals(xStar + (1 - xStar) * Math.pow(aa, k - 1), x, 1e-13, "closed form of x_" + k);
            }
            uPrev = u;
            double expected = w * u * x;
            long step = train[k - 1] + delay - 1;
            double got = log.current.get((int) step)[post];
            assertEquals(expected, got, 1e-12 * expected, "arrival " + k + " (step " + step + ")");
            arrivals++;
        }
        assertEquals(spikes, arrivals);
        // between arrivals nothing is delivered
        double total = 0;
        for (double[] c : log.current) {
            total += c[post];
        }
        double delivered = 0;
        for (int k = 0; k < spikes; k++) {
            delivered += log.current.get((int) (train[k] + delay - 1))[post];
        }
        assertEquals(delivered, total, 1e-9 * delivered);
    }

    static Stream<SynapseModel> models() {
        return SynapseModels.all().values().stream();
    }

    /**
     * With U = 1 and no recovery time every arrival delivers w exactly, so each synapse model
     * must behave exactly as with a static projection: the rule only changes what is delivered.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void combinesWithEverySynapseModel(SynapseModel model) {
        double w = "nS".equals(model.weightUnit()) ? 2.0 : 70.0;
        double[][] plastic = run(model, w, true);
        double[][] fixed = run(model, w, false);
        for (int s = 0; s < plastic.length; s++) {
            assertEquals(fixed[s][0], plastic[s][0], 0.0, "current of step " + s);
            assertEquals(fixed[s][1], plastic[s][1], 0.0, "v of step " + s);
        }
        assertTrue(java.util.Arrays.stream(fixed).anyMatch(c -> c[0] != 0));
    }

    private static double[][] run(SynapseModel model, double w, boolean plastic) {
        long[] train = {5, 40, 41, 90, 300, 301, 302, 800};
        Neurons neurons = Neurons.builder()
                .addSpikeSource("src", SpikeSchedule.of(new long[][] {train, {7, 41, 500}}))
                .add("post", "RS", 2, Preset.RS.parameters())
                .build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        b.projection(ProjectionPlan.of("syn", neurons.population("src"), neurons.population("post"),
                new ConnectivityRule.AllToAll(false), new Distribution.Constant(w), new Distribution.Uniform(0.1, 2.0),
                SynapseType.of(model.name())));
        if (plastic) {
            b.plasticity("syn", "tsodyks_markram", Map.of("U", 1.0, "tau_rec_ms", 0.0, "tau_fac_ms", 0.0), Map.of());
        }
        NetTestSupport.StepLog log = new NetTestSupport.StepLog();
        try (Simulation sim = b.build(1)) {
            sim.addListener(log);
            sim.run(1200, StopCondition.NEVER);
            for (FieldSpec f : model.fields()) {
                assertTrue(sim.channels().get(0).field(f.name()) != null);
            }
        }
        int post = neurons.population("post").offset();
        double[][] out = new double[log.current.size()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = new double[] {log.current.get(s)[post], log.sampleV(s + 1)[post]};
        }
        return out;
    }
}
