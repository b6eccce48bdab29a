package org.cortexsim.network;

import java.util.List;
import java.util.Map;
import org.cortexsim.network.synapse.ExpCurrentSynapse;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;

/**
 * A test model: {@code exp_current} with its kernel behind a plain {@link SynapseKernel} (a
 * method reference, which declares no capability), so the engine runs it the generic way, in
 * place on the current array. {@link FusedKernelTest} compares it with the fused path.
 */
public final class UnfusedExpCurrent implements SynapseModel {
    private final ExpCurrentSynapse base = new ExpCurrentSynapse();

    @Override
    public String name() {
        return "exp_current_unfused";
    }

    @Override
    public String description() {
        return "test only: exp_current run through the generic kernel call";
    }

    @Override
    public String weightUnit() {
        return base.weightUnit();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return base.parameters();
    }

    @Override
    public List<FieldSpec> fields() {
        return base.fields();
    }

    @Override
    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
        return base.kernel(parameters, dtMs, fields)::step;
    }
}
