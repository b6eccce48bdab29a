package org.cortexsim.network.plasticity;

import java.util.List;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * Pair-based spike-timing-dependent plasticity with all-to-all pairing and event-driven traces
 * (Song, Miller and Abbott 2000; NEST's {@code stdp_synapse}, Brian2's classic example), exactly:
 * <ul>
 * <li>a presynaptic spike of sample n with a delay of D steps arrives at the synapse at
 *     {@code t = (n + D) dt}; the synapse first delivers its weight as it stands, then
 *     {@code w <- clip(w - dep(w, x_post(t)))}, then {@code x_pre <- x_pre(t) + 1};</li>
 * <li>a postsynaptic spike of sample m (time {@code m dt}), after the arrivals at that time:
 *     {@code w <- clip(w + pot(w, x_pre(m dt)))} on every incoming synapse, then
 *     {@code x_post <- x_post(m dt) + 1};</li>
 * <li>between events the traces decay exactly, {@code x(t) = x(t0) exp(-(t - t0)/tau)} with
 *     {@code t - t0} formed as (whole steps) x dt ({@link Decay}); x_pre with
 *     {@code tau_plus_ms}, x_post with {@code tau_minus_ms}; both start at 0.</li>
 * </ul>
 * With {@code weight_dependence: additive}, {@code pot = A_plus x} and {@code dep = A_minus x};
 * with {@code multiplicative}, {@code pot = A_plus x (w_max - w) / (w_max - w_min)} and
 * {@code dep = A_minus x (w - w_min) / (w_max - w_min)}, evaluated left to right;
 * {@code clip} bounds to {@code [w_min, w_max]}. One pair with
 * {@code dt_pair = t_post - t_arrival} thus changes w by {@code A_plus exp(-dt_pair/tau_plus)}
 * when {@code dt_pair >= 0} and by {@code -A_minus exp(dt_pair/tau_minus)} when negative.
 * Amplitudes and bounds are in the projection's weight unit (pA or nS).
 *
 * <p>State: x_pre and the step of its last update per presynaptic slot (one per presynaptic
 * neuron when the projection has one delay, else one per synapse: 16 bytes per synapse), x_post
 * and the step of its last update per postsynaptic neuron. This class is the worked example of
 * a plasticity rule.
 */
public final class StdpRule implements PlasticityRule {
    private static final String WEIGHT = WEIGHT_UNIT;
    static final ParameterSpec TAU_PLUS = new ParameterSpec("tau_plus_ms", "ms", 20.0, 1e-3, 1e6,
            "time constant of the presynaptic trace (potentiation window)");
    static final ParameterSpec TAU_MINUS = new ParameterSpec("tau_minus_ms", "ms", 20.0, 1e-3, 1e6,
            "time constant of the postsynaptic trace (depression window)");
    static final ParameterSpec A_PLUS = new ParameterSpec("A_plus", WEIGHT, Double.NaN, 0, 1e12,
            "weight change of a pre-before-post pair at zero lag");
    static final ParameterSpec A_MINUS = new ParameterSpec("A_minus", WEIGHT, Double.NaN, 0, 1e12,
            "weight change (a decrease) of a post-before-pre pair at zero lag");
    static final ParameterSpec W_MIN = new ParameterSpec("w_min", WEIGHT, 0.0, -1e12, 1e12, "lower weight bound");
    static final ParameterSpec W_MAX = new ParameterSpec("w_max", WEIGHT, Double.NaN, -1e12, 1e12,
            "upper weight bound");
    static final ChoiceSpec DEPENDENCE = new ChoiceSpec("weight_dependence", List.of("additive", "multiplicative"),
            "additive", "additive: changes independent of w; multiplicative: scaled by the distance to the bound");
    static final FieldSpec X_PRE = new FieldSpec("x_pre", "1", 0.0, "presynaptic trace at the synapse");
    static final FieldSpec T_PRE = new FieldSpec("t_pre", "steps", 0.0, "sample of the last update of x_pre");
    static final FieldSpec X_POST = new FieldSpec("x_post", "1", 0.0, "postsynaptic trace");
    static final FieldSpec T_POST = new FieldSpec("t_post", "steps", 0.0, "sample of the last update of x_post");

    @Override
    public String name() {
        return "stdp";
    }

    @Override
    public String description() {
        return "pair-based STDP, all-to-all, exact traces; additive or multiplicative, bounded weights";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TAU_PLUS, TAU_MINUS, A_PLUS, A_MINUS, W_MIN, W_MAX);
    }

    @Override
    public List<ChoiceSpec> choices() {
        return List.of(DEPENDENCE);
    }

    @Override
    public List<FieldSpec> preState() {
        return List.of(X_PRE, T_PRE);
    }

    @Override
    public List<FieldSpec> postState() {
        return List.of(X_POST, T_POST);
    }

    @Override
    public String check(RuleParameters p) {
        if (p.get(W_MAX.name()) < p.get(W_MIN.name())) {
            return "w_max (" + p.get(W_MAX.name()) + ") must be >= w_min (" + p.get(W_MIN.name()) + ")";
        }
        if ("multiplicative".equals(p.choice(DEPENDENCE.name())) && p.get(W_MAX.name()) == p.get(W_MIN.name())) {
            return "multiplicative weight dependence needs w_max > w_min";
        }
        return null;
    }

    @Override
    public double minWeight(RuleParameters p) {
        return p.get(W_MIN.name());
    }

    @Override
    public double maxWeight(RuleParameters p) {
        return p.get(W_MAX.name());
    }

    @Override
    public PlasticityKernel kernel(RuleParameters p, double dtMs, PlasticState state) {
        return new Kernel(p, dtMs, state);
    }

    private static final class Kernel implements PlasticityKernel {
        private final double aPlus;
        private final double aMinus;
        private final double wMin;
        private final double wMax;
        private final double range;
        private final boolean multiplicative;
        private final Decay prePlus;
        private final Decay postMinus;
        private final double[] weights;
        private final double[] xPre;
        private final double[] tPre;
        private final double[] xPost;
        private final double[] tPost;

        Kernel(RuleParameters p, double dtMs, PlasticState state) {
            aPlus = p.get(A_PLUS.name());
            aMinus = p.get(A_MINUS.name());
            wMin = p.get(W_MIN.name());
            wMax = p.get(W_MAX.name());
            range = wMax - wMin;
            multiplicative = "multiplicative".equals(p.choice(DEPENDENCE.name()));
            prePlus = Decay.of(p.get(TAU_PLUS.name()), dtMs);
            postMinus = Decay.of(p.get(TAU_MINUS.name()), dtMs);
            weights = state.weights();
            xPre = state.pre(X_PRE.name());
            tPre = state.pre(T_PRE.name());
            xPost = state.post(X_POST.name());
            tPost = state.post(T_POST.name());
        }

        private double clip(double w) {
            return Math.min(wMax, Math.max(wMin, w));
        }

        @Override
        public void preArrival(long step, int[] slots, int from, int to) {
            for (int s = from; s < to; s++) {
                final int slot = slots[s];
                // x_pre <- x_pre(t) + 1
                double x = xPre[slot];
                if (x != 0.0) {
                    x *= prePlus.factor(step - (long) tPre[slot]);
                }
                xPre[slot] = x + 1.0;
                tPre[slot] = step;
            }
        }

        @Override
        public void arrive(long step, Arrivals batch) {
            final int count = batch.count();
            for (int j = 0; j < count; j++) {
                final int k = batch.synapse(j);
                final int post = batch.target(j);
                final double w = weights[k];
                batch.deliver(j, w);
                // w <- clip(w - A_minus x_post(t) [(w - w_min) / (w_max - w_min)])
                double x = xPost[post];
                if (x != 0.0) {
                    x *= postMinus.factor(step - (long) tPost[post]);
                    weights[k] = clip(multiplicative ? w - aMinus * x * (w - wMin) / range : w - aMinus * x);
                }
            }
        }

        @Override
        public void postSpike(long step, int post, Incoming incoming) {
            final int count = incoming.count();
            for (int j = 0; j < count; j++) {
                final int slot = incoming.slot(j);
                double x = xPre[slot];
                if (x != 0.0) {
                    // w <- clip(w + A_plus x_pre(t) [(w_max - w) / (w_max - w_min)])
                    x *= prePlus.factor(step - (long) tPre[slot]);
                    final int k = incoming.synapse(j);
                    final double w = weights[k];
                    weights[k] = clip(multiplicative ? w + aPlus * x * (wMax - w) / range : w + aPlus * x);
                }
            }
            double y = xPost[post];
            if (y != 0.0) {
                y *= postMinus.factor(step - (long) tPost[post]);
            }
            xPost[post] = y + 1.0;
            tPost[post] = step;
        }
    }
}
