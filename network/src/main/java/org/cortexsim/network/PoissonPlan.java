package org.cortexsim.network;

import java.util.Objects;
import org.cortexsim.core.Population;
import org.cortexsim.core.input.TargetNeurons;

/**
 * A Poisson input as {@link NetworkBuilder#poisson} adds it: its name (which also names its random
 * stream), the population whose selected neurons ({@code targets}, of {@code target}; by default all)
 * each receive an independent train of {@code rateHz},
 * the weight of each event (pA or nS) arriving after {@code delayMs} through synapses of type
 * {@code synapse}, the steps {@code [startStep, stopStep)} it emits on, and whether a delay shorter
 * than one step is rounded up to one step ({@code roundDelay}) or refused.
 *
 * <p>{@link #of} makes the common case (the whole run, rounded); the {@code with...} methods
 * return a copy with one thing changed.
 */
public record PoissonPlan(String name, Population target, double rateHz, double weight, double delayMs,
        SynapseType synapse, long startStep, long stopStep, boolean roundDelay, TargetNeurons targets) {

    public PoissonPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(synapse, "synapse");
        Objects.requireNonNull(targets, "targets");
        if (targets.population() != target) {
            throw new IllegalArgumentException("Poisson input '" + name + "': its neurons must be of population '"
                    + target.name() + "'");
        }
    }

    /** A train over the whole run whose delay is rounded up to one step at least. */
    public static PoissonPlan of(String name, Population target, double rateHz, double weight, double delayMs,
            SynapseType synapse) {
        return new PoissonPlan(name, target, rateHz, weight, delayMs, synapse, 0, Long.MAX_VALUE, true,
                TargetNeurons.all(target));
    }

    /** This input emitting on steps {@code [startStep, stopStep)} only. */
    public PoissonPlan withSteps(long start, long stop) {
        return new PoissonPlan(name, target, rateHz, weight, delayMs, synapse, start, stop, roundDelay, targets);
    }

    /** This input rounding a delay shorter than one step up to one step ({@code true}) or refusing it. */
    public PoissonPlan withRoundDelay(boolean round) {
        return new PoissonPlan(name, target, rateHz, weight, delayMs, synapse, startStep, stopStep, round, targets);
    }

    /** This input into {@code neurons} of its target only (the others get no train). */
    public PoissonPlan withNeurons(TargetNeurons neurons) {
        return new PoissonPlan(name, target, rateHz, weight, delayMs, synapse, startStep, stopStep, roundDelay,
                neurons);
    }
}
