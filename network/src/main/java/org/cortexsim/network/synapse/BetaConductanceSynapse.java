package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * A conductance that rises and decays (NEST's beta conductance, {@code iaf_cond_beta}; CARLsim's
 * rise-and-decay GABA_B): a weight w (nS) makes {@code g} follow
 * {@code w s (exp(-t / tau_decay) - exp(-t / tau_rise))}, normalised ({@code s}) so that it peaks at
 * exactly w nS at {@code t_peak = tau_rise tau_decay ln(tau_decay / tau_rise) / (tau_decay - tau_rise)};
 * the current is {@code g (E_rev - v)}. Equations, normalisation, step scheme and sources:
 * {@link RiseAndDecay}. Parameters tau_rise_ms (1), tau_decay_ms (5), E_rev_mV (0); tau_rise_ms must
 * be below tau_decay_ms. CARLsim's GABA_B with rise is {@code tau_rise_ms: 100, tau_decay_ms: 150,
 * E_rev_mV: -90}. Fields {@code g}, {@code g_decay} and {@code g_rise} (nS).
 */
public final class BetaConductanceSynapse implements SynapseModel {
    private static final List<ParameterSpec> PARAMETERS = RiseAndDecay.parameters(1.0, 5.0, 0.0);

    @Override
    public String name() {
        return "beta_conductance";
    }

    @Override
    public String description() {
        return "conductance rising with tau_rise_ms and decaying with tau_decay_ms, peaking at the weight (nS);"
                + " current g (E_rev - v)";
    }

    @Override
    public String weightUnit() {
        return "nS";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<FieldSpec> fields() {
        return RiseAndDecay.FIELDS;
    }

    @Override
    public String check(Map<String, Double> parameters) {
        return RiseAndDecay.check(parameters, "exp_conductance");
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return RiseAndDecay.kernel(parameters, dtMs, fields, false);
    }
}
