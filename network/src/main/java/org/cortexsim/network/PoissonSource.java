package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.StepWindow;

/**
 * An independent Poisson spike train of {@code rateHz} into every neuron of a population,
 * delivered through a {@link SynapseChannel} like a projection's spikes: in step n each target
 * receives k ~ Poisson(rate * dt) spikes of weight {@code weight}, arriving D steps later (in
 * the input of step n + D - 1): with D = 1 added to the channel's arrivals row, otherwise queued
 * for that step in one pass over the block ({@link PendingArrivals}). Emitted on steps {@code startStep <= n < stopStep}. Draws
 * depend only on (stream key, step, neuron), so any thread split gives the same input.
 */
public final class PoissonSource {
    private final String name;
    private final Population target;
    private final SynapseChannel channel;
    private final double weight;
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
     * Emits step {@code step}'s spikes for the targets among global indices {@code [from, to)}
     * into {@code arrivals} (the channel's row of this step) or, with a delay of D >= 2 steps,
     * into {@code pending} (the calling thread's queues of the channel) for step n + D - 1.
     */
    void emit(long step, int from, int to, double[] arrivals, PendingArrivals pending) {
        if (!window.contains(step)) {
            return;
        }
        final int offset = target.offset();
        final int lo = Math.max(from, offset);
        final int hi = Math.min(to, target.end());
        if (lo >= hi) {
            return;
        }
        if (delaySteps > 1) {
            queue(step, lo, hi, pending);
            return;
        }
        final long base = step * target.size() - offset;
        for (int i = lo; i < hi; i++) {
            final int k = spikes(base + i);
            if (k > 0) {
                arrivals[i - offset] += k * weight;
            }
        }
    }

    /** As the loop of {@link #emit} for a delay of D >= 2: the (target, k * weight) pairs with k > 0, in target order. */
    private void queue(long step, int lo, int hi, PendingArrivals pending) {
        final int offset = target.offset();
        final int q = pending.queue(step + delaySteps - 1);
        int[] t = pending.targets;
        double[] w = pending.weights;
        int capacity = pending.capacity;
        int c = pending.counts[q];
        final long base = step * target.size() - offset;
        for (int i = lo; i < hi; i++) {
            final int k = spikes(base + i);
            if (k > 0) {
                if (c == capacity) {
                    pending.counts[q] = c;
                    pending.grow();
                    t = pending.targets;
                    w = pending.weights;
                    capacity = pending.capacity;
                }
                t[q * capacity + c] = i - offset;
                w[q * capacity + c] = k * weight;
                c++;
            }
        }
        pending.counts[q] = c;
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
