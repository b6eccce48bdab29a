package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * Exponentially decaying current: {@code I_syn' = -I_syn / tau}, and each arriving weight w
 * (pA) makes {@code I_syn} jump by w. Exact integration over a step: before this step's
 * arrivals are added, {@code I_syn} is multiplied by {@code decay = exp(-dt / tau)}; the sum then
 * enters this step's input. A spike arriving in step n contributes w, w decay, w decay^2, ...
 * to steps n, n + 1, n + 2, ...
 *
 * <p>This class is the worked example of a synapse model: declare parameters and fields, then
 * return a kernel that reads arrivals and fields and adds to the current.
 */
public final class ExpCurrentSynapse implements SynapseModel {
    private static final ParameterSpec TAU =
            new ParameterSpec("tau_ms", "ms", 5.0, 1e-6, 1e6, "decay time constant of the current");
    private static final FieldSpec CURRENT =
            new FieldSpec("I_syn", "pA", 0.0, "synaptic current of this model at each postsynaptic neuron");

    @Override
    public String name() {
        return "exp_current";
    }

    @Override
    public String description() {
        return "current jumps by the weight (pA) and decays with tau_ms";
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
        return List.of(CURRENT);
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return new Kernel(Math.exp(-dtMs / parameters.get(TAU.name())), fields.get(CURRENT.name()));
    }

    /** The kernel; it declares {@link ExponentialCurrent}, so the engine may run it fused with the Euler pass. */
    private static final class Kernel implements SynapseKernel, ExponentialCurrent {
        private final double decay;
        private final double[] synaptic;

        Kernel(double decay, double[] synaptic) {
            this.decay = decay;
            this.synaptic = synaptic;
        }

        @Override
        public double decay() {
            return decay;
        }

        @Override
        public void step(SynapseBlock block) {
            final double[] synaptic = this.synaptic;
            final double decay = this.decay;
            for (int i = block.from(); i < block.to(); i++) {
                // I_syn = I_syn exp(-dt/tau) + w ;  I += I_syn
                final double s = synaptic[i] * decay + block.arrival(i);
                synaptic[i] = s;
                block.addCurrent(i, s);
            }
        }
    }
}
