package org.cortexsim.network;

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
 * A test-only rule (registered in the network tests' own META-INF/services) that uses every kind
 * of state, so the plasticity contract covers synapse fields too: per presynaptic slot the
 * count of arrivals {@code r}, per synapse the count {@code e} of postsynaptic spikes seen since
 * the last arrival, per postsynaptic neuron its spike count {@code o}. An arrival delivers w,
 * then {@code w <- clip(w - eta (e + o / 8))}, {@code e = 0}; a postsynaptic spike makes
 * {@code w <- clip(w + eta r / (1 + r))}, {@code e += 1} on each incoming synapse, then
 * {@code o += 1}. Weights stay in [0, w_max].
 */
public final class TestCountingRule implements PlasticityRule {
    private static final ParameterSpec ETA = new ParameterSpec("eta", "weight unit", 0.5, 0, 1e6, "step size");
    private static final ParameterSpec W_MAX = new ParameterSpec("w_max", "weight unit", Double.NaN, 0, 1e12,
            "upper bound");

    @Override
    public String name() {
        return "test_counting";
    }

    @Override
    public String description() {
        return "test-only: counts arrivals and spikes in every kind of state";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ETA, W_MAX);
    }

    @Override
    public List<FieldSpec> synapseState() {
        return List.of(new FieldSpec("e", "1", 0.0, "postsynaptic spikes since the last arrival"));
    }

    @Override
    public List<FieldSpec> preState() {
        return List.of(new FieldSpec("r", "1", 0.0, "arrivals so far"));
    }

    @Override
    public List<FieldSpec> postState() {
        return List.of(new FieldSpec("o", "1", 0.0, "postsynaptic spikes so far"));
    }

    @Override
    public double minWeight(RuleParameters p) {
        return 0.0;
    }

    @Override
    public double maxWeight(RuleParameters p) {
        return p.get(W_MAX.name());
    }

    @Override
    public PlasticityKernel kernel(RuleParameters p, double dtMs, PlasticState state) {
        final double eta = p.get(ETA.name());
        final double wMax = p.get(W_MAX.name());
        final double[] w = state.weights();
        final double[] e = state.synapse("e");
        final double[] r = state.pre("r");
        final double[] o = state.post("o");
        return new PlasticityKernel() {
            @Override
            public void preArrival(long step, int[] slots, int from, int to) {
                for (int s = from; s < to; s++) {
                    r[slots[s]] += 1;
                }
            }

            @Override
            public void arrive(long step, Arrivals batch) {
                for (int j = 0; j < batch.count(); j++) {
                    int k = batch.synapse(j);
                    batch.deliver(j, w[k]);
                    w[k] = Math.min(wMax, Math.max(0, w[k] - eta * (e[k] + o[batch.target(j)] / 8)));
                    e[k] = 0;
                }
            }

            @Override
            public void postSpike(long step, int post, Incoming incoming) {
                for (int j = 0; j < incoming.count(); j++) {
                    int k = incoming.synapse(j);
                    double rr = r[incoming.slot(j)];
                    w[k] = Math.min(wMax, Math.max(0, w[k] + eta * rr / (1 + rr)));
                    e[k] += 1;
                }
                o[post] += 1;
            }
        };
    }
}
