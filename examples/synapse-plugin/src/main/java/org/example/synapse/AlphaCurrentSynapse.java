package org.example.synapse;

import java.util.List;
import java.util.Map;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;

/**
 * An alpha-function current synapse, a user's model outside cortexsim: a spike of weight w (pA)
 * gives the current w (t / tau) exp(1 - t / tau), which peaks at w after tau ms. Two state
 * fields, integrated exactly over each step with decay = exp(-dt / tau):
 * <pre>
 *   I_syn' = -I_syn / tau + h,   h' = -h / tau,   each arrival: h += w e / tau
 * </pre>
 * An arrival jumps h at the start of the step it arrives in, and each step's current is I_syn at
 * the end of that step: the k-th step counted from the arrival's (k = 0) gets w ((k + 1) dt / tau)
 * exp(1 - (k + 1) dt / tau). So the arrival acts in its own step, as SynapseContractTest requires
 * of every model (an alpha current is still 0 at the arrival itself).
 */
public final class AlphaCurrentSynapse implements SynapseModel {
    private static final ParameterSpec TAU = new ParameterSpec("tau_ms", "ms", 2.0, 1e-3, 1e4, "time to peak");

    @Override
    public String name() {
        return "alpha_current";
    }

    @Override
    public String description() {
        return "alpha-function current peaking at the weight (pA) after tau_ms";
    }

    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(TAU);
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(new FieldSpec("I_syn", "pA", 0.0, "synaptic current"),
                new FieldSpec("h", "pA/ms", 0.0, "rate of rise of the current"));
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        final double tau = parameters.get(TAU.name());
        final double decay = Math.exp(-dtMs / tau);
        final double dtDecay = dtMs * decay;
        final double jumpPerWeight = Math.E / tau;
        final double[] synaptic = fields.get("I_syn");
        final double[] rise = fields.get("h");
        return block -> {
            for (int i = block.from(); i < block.to(); i++) {
                // h += w e / tau ;  I_syn = decay I_syn + dt decay h ;  h = decay h ;  I += I_syn
                final double h = rise[i] + block.arrival(i) * jumpPerWeight;
                final double s = decay * synaptic[i] + dtDecay * h;
                synaptic[i] = s;
                rise[i] = decay * h;
                block.addCurrent(i, s);
            }
        };
    }
}
