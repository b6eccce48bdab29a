package org.example.plasticity;

import java.util.List;
import org.cortexsim.network.plasticity.Arrivals;
import org.cortexsim.network.plasticity.Decay;
import org.cortexsim.network.plasticity.Incoming;
import org.cortexsim.network.plasticity.PlasticState;
import org.cortexsim.network.plasticity.PlasticityKernel;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * Triplet STDP (Pfister and Gerstner 2006, all-to-all), a user's plasticity rule outside
 * cortexsim: one class plus one line in META-INF/services. Two presynaptic traces r1 (tau_plus)
 * and r2 (tau_x) and two postsynaptic traces o1 (tau_minus) and o2 (tau_y), each +1 per spike:
 * <pre>
 *   presynaptic arrival:  deliver w;  w &lt;- clip(w - o1 (A2_minus + A3_minus r2(t-)));  r1 += 1, r2 += 1
 *   postsynaptic spike:   w &lt;- clip(w + r1 (A2_plus + A3_plus o2(t-)));            o1 += 1, o2 += 1
 * </pre>
 * where r2(t-) and o2(t-) are the traces just before the spike's own increment. The engine updates
 * presynaptic state (preArrival) before the arrivals, so this rule keeps r2(t-) of the last arrival
 * in a field of its own.
 */
public final class TripletStdpRule implements PlasticityRule {
    private static final String WEIGHT = "weight unit (pA or nS)";
    private static final ParameterSpec TAU_PLUS = new ParameterSpec("tau_plus_ms", "ms", 16.8, 1e-3, 1e6, "r1 decay");
    private static final ParameterSpec TAU_MINUS = new ParameterSpec("tau_minus_ms", "ms", 33.7, 1e-3, 1e6, "o1 decay");
    private static final ParameterSpec TAU_X = new ParameterSpec("tau_x_ms", "ms", 101, 1e-3, 1e6, "r2 decay");
    private static final ParameterSpec TAU_Y = new ParameterSpec("tau_y_ms", "ms", 125, 1e-3, 1e6, "o2 decay");
    private static final ParameterSpec A2_PLUS = new ParameterSpec("A2_plus", WEIGHT, Double.NaN, 0, 1e12, "pair potentiation");
    private static final ParameterSpec A3_PLUS = new ParameterSpec("A3_plus", WEIGHT, Double.NaN, 0, 1e12, "triplet potentiation");
    private static final ParameterSpec A2_MINUS = new ParameterSpec("A2_minus", WEIGHT, Double.NaN, 0, 1e12, "pair depression");
    private static final ParameterSpec A3_MINUS = new ParameterSpec("A3_minus", WEIGHT, 0.0, 0, 1e12, "triplet depression");
    private static final ParameterSpec W_MIN = new ParameterSpec("w_min", WEIGHT, 0.0, -1e12, 1e12, "lower bound");
    private static final ParameterSpec W_MAX = new ParameterSpec("w_max", WEIGHT, Double.NaN, -1e12, 1e12, "upper bound");

    @Override
    public String name() {
        return "triplet_stdp";
    }

    @Override
    public String description() {
        return "triplet STDP (Pfister and Gerstner 2006), all-to-all, bounded additive weights";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TAU_PLUS, TAU_MINUS, TAU_X, TAU_Y, A2_PLUS, A3_PLUS, A2_MINUS, A3_MINUS, W_MIN, W_MAX);
    }

    @Override
    public List<FieldSpec> preState() {
        return List.of(new FieldSpec("r1", "1", 0, "fast presynaptic trace"),
                new FieldSpec("r2", "1", 0, "slow presynaptic trace"),
                new FieldSpec("r2_before", "1", 0, "r2 just before the last arrival's increment"),
                new FieldSpec("t_pre", "steps", 0, "sample of the last arrival"));
    }

    @Override
    public List<FieldSpec> postState() {
        return List.of(new FieldSpec("o1", "1", 0, "fast postsynaptic trace"),
                new FieldSpec("o2", "1", 0, "slow postsynaptic trace"),
                new FieldSpec("t_post", "steps", 0, "sample of the last postsynaptic spike"));
    }

    @Override
    public String check(RuleParameters p) {
        return p.get("w_max") < p.get("w_min") ? "w_max must be >= w_min" : null;
    }

    @Override
    public double minWeight(RuleParameters p) {
        return p.get("w_min");
    }

    @Override
    public double maxWeight(RuleParameters p) {
        return p.get("w_max");
    }

    @Override
    public PlasticityKernel kernel(RuleParameters p, double dtMs, PlasticState state) {
        final Decay d1 = Decay.of(p.get("tau_plus_ms"), dtMs);
        final Decay d2 = Decay.of(p.get("tau_x_ms"), dtMs);
        final Decay e1 = Decay.of(p.get("tau_minus_ms"), dtMs);
        final Decay e2 = Decay.of(p.get("tau_y_ms"), dtMs);
        final double a2p = p.get("A2_plus");
        final double a3p = p.get("A3_plus");
        final double a2m = p.get("A2_minus");
        final double a3m = p.get("A3_minus");
        final double wMin = p.get("w_min");
        final double wMax = p.get("w_max");
        final double[] w = state.weights();
        final double[] r1 = state.pre("r1");
        final double[] r2 = state.pre("r2");
        final double[] r2Before = state.pre("r2_before");
        final double[] tPre = state.pre("t_pre");
        final double[] o1 = state.post("o1");
        final double[] o2 = state.post("o2");
        final double[] tPost = state.post("t_post");
        return new PlasticityKernel() {
            @Override
            public void preArrival(long step, int[] slots, int from, int to) {
                for (int s = from; s < to; s++) {
                    int slot = slots[s];
                    long elapsed = step - (long) tPre[slot];
                    double slow = r2[slot] * d2.factor(elapsed);
                    r2Before[slot] = slow;
                    r1[slot] = r1[slot] * d1.factor(elapsed) + 1;
                    r2[slot] = slow + 1;
                    tPre[slot] = step;
                }
            }

            @Override
            public void arrive(long step, Arrivals batch) {
                for (int j = 0; j < batch.count(); j++) {
                    int k = batch.synapse(j);
                    int post = batch.target(j);
                    batch.deliver(j, w[k]);
                    double fast = o1[post] * e1.factor(step - (long) tPost[post]);
                    double dep = fast * (a2m + a3m * r2Before[batch.slot(j)]);
                    w[k] = Math.min(wMax, Math.max(wMin, w[k] - dep));
                }
            }

            @Override
            public void postSpike(long step, int post, Incoming incoming) {
                long elapsed = step - (long) tPost[post];
                double slowBefore = o2[post] * e2.factor(elapsed);
                for (int j = 0; j < incoming.count(); j++) {
                    int slot = incoming.slot(j);
                    double fast = r1[slot] * d1.factor(step - (long) tPre[slot]);
                    int k = incoming.synapse(j);
                    w[k] = Math.min(wMax, Math.max(wMin, w[k] + fast * (a2p + a3p * slowBefore)));
                }
                o1[post] = o1[post] * e1.factor(elapsed) + 1;
                o2[post] = slowBefore + 1;
                tPost[post] = step;
            }
        };
    }
}
