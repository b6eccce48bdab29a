package org.cortexsim.run;

import java.util.List;
import org.cortexsim.network.plasticity.Arrivals;
import org.cortexsim.network.plasticity.Incoming;
import org.cortexsim.network.plasticity.PlasticState;
import org.cortexsim.network.plasticity.PlasticityKernel;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * A test-only plasticity rule, registered in the run tests' own META-INF/services as a user's
 * plugin would be, so that recording a plugin rule's state is tested with nothing of the rule
 * but its declarations: it counts, per presynaptic slot, the spikes that arrived ({@code
 * arrivals}); per synapse, the postsynaptic spikes since the last arrival ({@code since}); per
 * postsynaptic neuron, its spikes ({@code spikes}). It delivers the weight and never changes it.
 */
public final class TestSpikeCountRule implements PlasticityRule {
    @Override
    public String name() {
        return "test_spike_counts";
    }

    @Override
    public String description() {
        return "test-only: counts arrivals and postsynaptic spikes in every kind of state";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public List<FieldSpec> synapseState() {
        return List.of(new FieldSpec("since", "1", 0.0, "postsynaptic spikes since the last arrival"));
    }

    @Override
    public List<FieldSpec> preState() {
        return List.of(new FieldSpec("arrivals", "1", 0.0, "presynaptic spikes arrived so far"));
    }

    @Override
    public List<FieldSpec> postState() {
        return List.of(new FieldSpec("spikes", "1", 0.0, "postsynaptic spikes so far"));
    }

    @Override
    public boolean changesWeights() {
        return false;
    }

    @Override
    public PlasticityKernel kernel(RuleParameters parameters, double dtMs, PlasticState state) {
        final double[] w = state.weights();
        final double[] since = state.synapse("since");
        final double[] arrivals = state.pre("arrivals");
        final double[] spikes = state.post("spikes");
        return new PlasticityKernel() {
            @Override
            public void preArrival(long step, int[] slots, int from, int to) {
                for (int s = from; s < to; s++) {
                    arrivals[slots[s]] += 1;
                }
            }

            @Override
            public void arrive(long step, Arrivals batch) {
                for (int j = 0; j < batch.count(); j++) {
                    int k = batch.synapse(j);
                    batch.deliver(j, w[k]);
                    since[k] = 0;
                }
            }

            @Override
            public void postSpike(long step, int post, Incoming incoming) {
                for (int j = 0; j < incoming.count(); j++) {
                    since[incoming.synapse(j)] += 1;
                }
                spikes[post] += 1;
            }
        };
    }
}
