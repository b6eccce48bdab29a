package org.cortexsim.network.plasticity;

import java.util.List;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * Short-term depression and facilitation (Tsodyks and Markram 1997, Tsodyks, Pawelzik and
 * Markram 1998; NEST's {@code tsodyks2_synapse}), exactly: at a synapse's k-th arrival, with
 * {@code delta} the time since its previous arrival (whole steps x dt),
 * <ul>
 * <li>k = 1: {@code u = U, x = 1};</li>
 * <li>k > 1: {@code u_k = U + u_{k-1} (1 - U) exp(-delta/tau_fac)} ({@code U} when
 *     {@code tau_fac_ms} = 0) and {@code x_k = 1 + (x_{k-1} - u_{k-1} x_{k-1} - 1)
 *     exp(-delta/tau_rec)} (1 when {@code tau_rec_ms} = 0);</li>
 * </ul>
 * the synapse delivers {@code w u_k x_k} (left to right); w itself never changes. u is the
 * fraction of the available resources x that a spike uses.
 *
 * <p>State: u, x and the step of the last arrival per presynaptic slot (per presynaptic neuron
 * when the projection has one delay, else per synapse: 24 bytes per synapse). No postsynaptic
 * state, so no row index.
 */
public final class TsodyksMarkramRule implements PlasticityRule {
    static final ParameterSpec U = new ParameterSpec("U", "1", 0.5, 0.0, 1.0,
            "fraction of the resources used by the first spike (utilisation increment)");
    static final ParameterSpec TAU_REC = new ParameterSpec("tau_rec_ms", "ms", 800.0, 0.0, 1e9,
            "recovery time constant of the resources (depression)");
    static final ParameterSpec TAU_FAC = new ParameterSpec("tau_fac_ms", "ms", 0.0, 0.0, 1e9,
            "decay time constant of the utilisation (facilitation); 0: none");
    static final FieldSpec USE = new FieldSpec("u", "1", 0.0, "utilisation at the last arrival");
    static final FieldSpec RESOURCES = new FieldSpec("x", "1", 1.0, "available resources at the last arrival");
    static final FieldSpec LAST = new FieldSpec("t_last", "steps", -1.0, "sample of the last arrival (-1: none yet)");

    @Override
    public String name() {
        return "tsodyks_markram";
    }

    @Override
    public String description() {
        return "short-term depression and facilitation: delivers w u x; w itself does not change";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(U, TAU_REC, TAU_FAC);
    }

    @Override
    public List<FieldSpec> preState() {
        return List.of(USE, RESOURCES, LAST);
    }

    @Override
    public boolean changesWeights() {
        return false;
    }

    @Override
    public boolean usesPostSpikes() {
        return false;
    }

    @Override
    public PlasticityKernel kernel(RuleParameters p, double dtMs, PlasticState state) {
        final double u0 = p.get(U.name());
        final Decay recovery = Decay.of(p.get(TAU_REC.name()), dtMs);
        final Decay facilitation = Decay.of(p.get(TAU_FAC.name()), dtMs);
        final double[] weights = state.weights();
        final double[] use = state.pre(USE.name());
        final double[] resources = state.pre(RESOURCES.name());
        final double[] last = state.pre(LAST.name());
        return new PlasticityKernel() {
            @Override
            public void preArrival(long step, int[] slots, int from, int to) {
                for (int s = from; s < to; s++) {
                    final int slot = slots[s];
                    if (last[slot] < 0) {
                        use[slot] = u0;
                        resources[slot] = 1.0;
                    } else {
                        final long delta = step - (long) last[slot];
                        final double u = use[slot];
                        final double x = resources[slot];
                        use[slot] = u0 + u * (1 - u0) * facilitation.factor(delta);
                        resources[slot] = 1 + (x - u * x - 1) * recovery.factor(delta);
                    }
                    last[slot] = step;
                }
            }

            @Override
            public void arrive(long step, Arrivals batch) {
                final int count = batch.count();
                for (int j = 0; j < count; j++) {
                    final int slot = batch.slot(j);
                    batch.deliver(j, weights[batch.synapse(j)] * use[slot] * resources[slot]);
                }
            }
        };
    }
}
