package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.StepWindow;
import org.cortexsim.core.input.TargetNeurons;

/**
 * An independent Poisson spike train of {@code rateHz} into each selected neuron of a population
 * ({@link TargetNeurons}; by default all of them),
 * delivered through a {@link SynapseChannel}: in step n each target receives k ~ Poisson(rate *
 * dt) spikes of weight {@code weight} (pA or nS, the synapse model's unit), arriving D steps later, in the input of step n + D - 1.
 * Draws depend only on (stream key, step, node id of the whole population), so any thread split
 * and any partitioning of the network gives the same input; hence a train needs no queue: the
 * input phase of step n draws the spikes emitted in step n - D + 1 and adds them to the
 * channel's arrivals row after every spike arrival of the step (so that Poisson and network
 * spikes are summed in the same order whenever the network's spikes are delivered). Emitted on
 * steps {@code startStep <= n < stopStep}. A neuron not selected draws nothing and receives
 * nothing; a selected one draws at the position it has when the whole population is driven, so
 * it receives the same train either way.
 */
final class PoissonSource {
    private final String name;
    private final Population target;
    private final TargetNeurons targets;
    private final SynapseChannel channel;
    /** Weight of one spike, in the synapse model's unit (pA or nS). */
    private final double weight;
    /** Delay from emission to arrival, steps (>= 1). */
    private final int delaySteps;
    private final StepWindow window;
    private final long key;
    /** Expected spikes per step per target, rate * dt. */
    private final double lambda;
    /** exp(-lambda): P(no spike in a step). */
    private final double emptyProbability;

    /** The source of {@code spec} into {@code channel}, on {@code grid}, drawing from stream {@code key}. */
    PoissonSource(NetworkBuilder.PendingPoisson spec, SynapseChannel channel, TimeGrid grid, long key) {
        final double rateHz = spec.rateHz();
        if (!(rateHz >= 0) || !Double.isFinite(rateHz)) {
            throw new IllegalArgumentException("Poisson input '" + spec.name() + "': rate must be >= 0 Hz, got "
                    + rateHz);
        }
        this.name = spec.name();
        this.target = spec.target();
        this.targets = spec.targets();
        this.channel = channel;
        this.weight = spec.weight();
        this.delaySteps = spec.delaySteps();
        this.window = spec.window();
        this.key = key;
        this.lambda = rateHz * grid.dtMs() / 1000.0;
        this.emptyProbability = Math.exp(-lambda);
    }

    public String name() {
        return name;
    }

    public SynapseChannel channel() {
        return channel;
    }

    public int delaySteps() {
        return delaySteps;
    }

    /**
     * Adds the spikes arriving in step {@code step} (emitted in step {@code step - D + 1}) at the
     * targets among state indices {@code [from, to)} to {@code arrivals}, the channel's row of
     * this step.
     */
    void arrive(long step, int from, int to, double[] arrivals) {
        final long emitted = step - delaySteps + 1;
        if (emitted < 0 || !window.contains(emitted)) {
            return;
        }
        final int offset = target.offset();
        // stream position: emitted * (the whole population's size) + node id
        final long base = emitted * target.totalSize() + target.firstNode() - offset;
        if (!targets.isRange()) {
            final int[] idx = targets.indices();
            for (int j = targets.firstAtOrAfter(from); j < idx.length && idx[j] < to; j++) {
                final int i = idx[j];
                final int k = spikes(base + i);
                if (k > 0) {
                    arrivals[i - offset] += k * weight;
                }
            }
            return;
        }
        final int lo = Math.max(from, targets.from());
        final int hi = Math.min(to, targets.to());
        for (int i = lo; i < hi; i++) {
            final int k = spikes(base + i);
            if (k > 0) {
                arrivals[i - offset] += k * weight;
            }
        }
    }

    /** The number of spikes with stream position {@code index}: the smallest k with P(K <= k) > U (inversion). */
    private int spikes(long index) {
        double uniform = RandomStreams.uniform(key, index);
        double probability = emptyProbability;
        double cumulative = probability;
        int k = 0;
        while (uniform >= cumulative && k < 10_000) {
            k++;
            probability *= lambda / k;
            cumulative += probability;
        }
        return k;
    }
}
