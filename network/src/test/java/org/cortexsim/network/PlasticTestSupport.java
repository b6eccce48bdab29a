package org.cortexsim.network;

import java.util.Map;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.TimeGrid;

/** Small plastic networks for the plasticity tests: given spike trains through one projection. */
final class PlasticTestSupport {
    static final double DT = 0.1;

    private PlasticTestSupport() {
    }

    /**
     * Spike sources "pre" and "post" with the given samples per neuron, and one all-to-all
     * projection "syn" from pre to post with weight {@code w0}, delays {@code delaysMs} (one
     * value per synapse in storage order, or a single value for all), delta synapses and rule
     * {@code rule}; runs {@code steps} steps on one thread and returns the simulation (closed).
     */
    static Simulation pairRun(long[][] pre, long[][] post, double w0, double[] delaysMs, String rule,
            Map<String, Double> params, Map<String, String> choices, long steps) {
        Neurons neurons = Neurons.builder()
                .addSpikeSource("pre", SpikeSchedule.of(pre))
                .addSpikeSource("post", SpikeSchedule.of(post))
                .build();
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(DT), new RandomStreams(1));
        boolean one = delaysMs.length == 1;
        b.projection(ProjectionPlan.of("syn", neurons.population("pre"), neurons.population("post"),
                new ConnectivityRule.AllToAll(true), new Distribution.Constant(w0),
                new Distribution.Constant(delaysMs[0]), SynapseType.DELTA).withDelays(one ? null : delaysMs));
        b.plasticity("syn", rule, params, choices);
        try (Simulation sim = b.build(1)) {
            sim.run(steps, StopCondition.NEVER);
            return sim;
        }
    }
}
