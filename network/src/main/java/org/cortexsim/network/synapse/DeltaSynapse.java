package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * The placeholder model: the arriving weight (pA) is added to the input current for exactly
 * one step, the step the spike arrives in. No state. The benchmark network's synapse.
 */
public final class DeltaSynapse implements SynapseModel {
    @Override
    public String name() {
        return "delta";
    }

    @Override
    public String description() {
        return "current pulse: the weight (pA) is added to the input of one step";
    }

    @Override
    public String weightUnit() {
        return "pA";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of();
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return new Kernel();
    }

    private static final class Kernel implements SynapseKernel {
        @Override
        public void step(SynapseBlock block) {
            // I += sum of arriving weights
            for (int i = block.from(); i < block.to(); i++) {
                block.addCurrent(i, block.arrival(i));
            }
        }

        @Override
        public boolean currentIsArrivals() {
            return true;
        }
    }
}
