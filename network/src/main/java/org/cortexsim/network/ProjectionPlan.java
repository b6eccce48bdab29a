package org.cortexsim.network;

import java.util.Objects;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Population;

/**
 * A projection as {@link NetworkBuilder#projection} adds it: its name (which also names its random
 * streams), the populations it connects, its connectivity rule, its weights (pA or nS: drawn from
 * {@code weight}, or given per synapse in {@code weights}), its delays (ms: drawn from {@code
 * delayMs}, or given per synapse in {@code delaysMs}), its synapse type, and whether delays
 * shorter than one step are rounded up to one step ({@code roundDelays}) or refused.
 *
 * <p>{@link #of} makes the common case (drawn weights and delays, rounded); the {@code with...}
 * methods return a copy with one thing changed. The arrays are taken as they are, not copied.
 */
public record ProjectionPlan(String name, Population pre, Population post, ConnectivityRule rule,
        Distribution weight, double[] weights, Distribution delayMs, double[] delaysMs, SynapseType synapse,
        boolean roundDelays) {

    public ProjectionPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(synapse, "synapse");
    }

    /** Weights drawn from {@code weight}, delays from {@code delayMs}, rounded up to one step at least. */
    public static ProjectionPlan of(String name, Population pre, Population post, ConnectivityRule rule,
            Distribution weight, Distribution delayMs, SynapseType synapse) {
        return new ProjectionPlan(name, pre, post, rule, weight, null, delayMs, null, synapse, true);
    }

    /** This projection with per-synapse weights, or with weights drawn from {@code weight} when null. */
    public ProjectionPlan withWeights(double[] perSynapse) {
        return new ProjectionPlan(name, pre, post, rule, weight, perSynapse, delayMs, delaysMs, synapse, roundDelays);
    }

    /** This projection with per-synapse delays (ms), or with delays drawn from {@code delayMs} when null. */
    public ProjectionPlan withDelays(double[] perSynapseMs) {
        return new ProjectionPlan(name, pre, post, rule, weight, weights, delayMs, perSynapseMs, synapse, roundDelays);
    }

    /** This projection rounding delays shorter than one step up to one step ({@code true}) or refusing them. */
    public ProjectionPlan withRoundDelays(boolean round) {
        return new ProjectionPlan(name, pre, post, rule, weight, weights, delayMs, delaysMs, synapse, round);
    }
}
