package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * The NMDA receptor with a rise time, as CARLsim's COBA mode has it when its NMDA rise time is
 * set: the conductance of {@link BetaConductanceSynapse} (peaking at the weight w nS at t_peak)
 * and the magnesium block of {@link NmdaConductanceSynapse},
 * <pre>
 *   I = g * B(v) * (E_rev - v),   B(v) = ((v + 80) / 60)^2 / (1 + ((v + 80) / 60)^2)
 * </pre>
 * Parameters tau_rise_ms (10), tau_decay_ms (150), E_rev_mV (0); tau_rise_ms must be below
 * tau_decay_ms. Equations, step scheme and sources: {@link RiseAndDecay} and {@link NmdaBlock}.
 * A model of its own rather than a {@code block: nmda} option of {@code beta_conductance}: synapse
 * parameters are numbers (a flag would be a number that must be 0 or 1), and a model per receptor
 * kind gives each its own defaults, description and channel.
 */
public final class NmdaBetaConductanceSynapse implements SynapseModel {
    private static final List<ParameterSpec> PARAMETERS = RiseAndDecay.parameters(10.0, 150.0, 0.0);

    @Override
    public String name() {
        return "nmda_beta_conductance";
    }

    @Override
    public String description() {
        return "NMDA with rise: conductance rising with tau_rise_ms, decaying with tau_decay_ms, peaking at the"
                + " weight (nS); current g B(v) (E_rev - v), B(v) = ((v+80)/60)^2 / (1 + ((v+80)/60)^2)";
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
        return RiseAndDecay.check(parameters, "nmda_conductance");
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return RiseAndDecay.kernel(parameters, dtMs, fields, true);
    }
}
