package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * Exponentially decaying conductance: each arriving weight w (nS) makes {@code g} jump by w,
 * {@code g' = -g / tau}, and the synaptic current is {@code g (E_rev - v)} (nS x mV = pA) with
 * v the membrane potential of the current sample. Same step scheme as
 * {@link ExpCurrentSynapse}: decay, add arrivals, then contribute. Typical reversal potentials:
 * 0 mV (AMPA), -70 to -80 mV (GABA_A).
 */
public final class ExpConductanceSynapse implements SynapseModel {
    private static final ParameterSpec TAU =
            new ParameterSpec("tau_ms", "ms", 5.0, 1e-6, 1e6, "decay time constant of the conductance");
    private static final ParameterSpec REVERSAL =
            new ParameterSpec("E_rev_mV", "mV", 0.0, -200, 200, "reversal potential");
    private static final FieldSpec CONDUCTANCE =
            new FieldSpec("g", "nS", 0.0, "synaptic conductance of this model at each postsynaptic neuron");

    @Override
    public String name() {
        return "exp_conductance";
    }

    @Override
    public String description() {
        return "conductance jumps by the weight (nS), decays with tau_ms; current g (E_rev - v)";
    }

    @Override
    public String weightUnit() {
        return "nS";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TAU, REVERSAL);
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(CONDUCTANCE);
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return kernel(parameters, dtMs, fields, false);
    }

    /**
     * The kernel of an exponential conductance with parameters {@code tau_ms} and {@code E_rev_mV}
     * and field {@code g}, the current taken through the NMDA block ({@link NmdaBlock}) when
     * {@code blocked}, as {@link NmdaConductanceSynapse} does. Without it the block factor is 1.0,
     * and {@code g * 1.0} is {@code g} exactly.
     */
    static SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields, boolean blocked) {
        final double decay = Math.exp(-dtMs / parameters.get(TAU.name()));
        final double reversal = parameters.get(REVERSAL.name());
        final double[] conductance = fields.get(CONDUCTANCE.name());
        return block -> {
            for (int i = block.from(); i < block.to(); i++) {
                // g = g exp(-dt/tau) + w ;  I += g B(v) (E_rev - v), B = 1 without the block
                final double g = conductance[i] * decay + block.arrival(i);
                conductance[i] = g;
                final double v = block.v(i);
                block.addCurrent(i, g * (blocked ? NmdaBlock.of(v) : 1.0) * (reversal - v));
            }
        };
    }
}
