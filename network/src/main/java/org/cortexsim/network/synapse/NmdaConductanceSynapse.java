package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * The NMDA receptor of Izhikevich and Edelman (2008, PNAS 105:3593, "Large-scale model of
 * mammalian thalamocortical systems") as CARLsim's COBA mode has it: an exponentially decaying
 * conductance {@code g} (nS) whose current is blocked by magnesium at rest,
 * <pre>
 *   I = g B(v) (E_rev - v),   B(v) = ((v + 80) / 60)^2 / (1 + ((v + 80) / 60)^2)   ({@link NmdaBlock})
 * </pre>
 * with tau_ms 150 and E_rev_mV 0 by default. The conductance follows {@link ExpConductanceSynapse}
 * exactly: each step, {@code g = g exp(-dt / tau) + w} (w the weight arriving in the step, nS),
 * then {@code I += g * B(v) * (E_rev - v)}, evaluated left to right, with v the membrane potential
 * of the sample the step starts from (as {@link SynapseBlock#v} gives it). A spike arriving in step
 * n contributes w, w decay, w decay^2, ... to the conductance of steps n, n + 1, .... The block
 * makes the current non-linear in v, but the model stays linear in its arrivals.
 *
 * <p>CARLsim's formulation: {@code carlsim/kernel/src/gpu_module/snn_gpu_module.cu}
 * ({@code I_sum = -(... + gNMDA * NMDAtmp / (1 + NMDAtmp) * (v - 0) ...)}); CARLsim integrates the
 * decay with the factor 1 - 1/tau per 1 ms step, here it is exact.
 */
public final class NmdaConductanceSynapse implements SynapseModel {
    private static final ParameterSpec TAU =
            new ParameterSpec("tau_ms", "ms", 150.0, 1e-6, 1e6, "decay time constant of the conductance");
    private static final ParameterSpec REVERSAL =
            new ParameterSpec("E_rev_mV", "mV", 0.0, -200, 200, "reversal potential");
    private static final FieldSpec CONDUCTANCE = new FieldSpec("g", "nS", 0.0,
            "synaptic conductance of this model at each postsynaptic neuron (before the magnesium block)");

    @Override
    public String name() {
        return "nmda_conductance";
    }

    @Override
    public String description() {
        return "NMDA: conductance jumps by the weight (nS), decays with tau_ms; current g B(v) (E_rev - v),"
                + " B(v) = ((v+80)/60)^2 / (1 + ((v+80)/60)^2)";
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
        return ExpConductanceSynapse.kernel(parameters, dtMs, fields, true);
    }
}
