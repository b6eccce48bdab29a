package org.cortexsim.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code projections}: connections from population {@code pre} to population
 * {@code post} chosen by {@code rule}, each with a {@code weight} (pA for current synapses, nS for
 * conductance synapses) and a delay {@code delay_ms} (ms) through {@code synapse}; with
 * {@code plasticity}, the weights (or what they deliver) change under a plasticity rule.
 *
 * <p>Invariants: {@code name} is an identifier unique among projections; {@code pre} and
 * {@code post} name populations of the same config; {@code weight} is present unless the rule is
 * {@code from_file} or a SONATA circuit's edges (whose file may carry the weights); an absent
 * {@code delayMs} means one time step unless the file gives delays. A delay shorter than one step
 * is refused unless {@code roundDelays} ({@code round_delays: true}): then delays round to whole
 * steps, at least one.
 */
public record ProjectionSpec(String name, String pre, String post, RuleSpec rule, Optional<ValueSpec> weight,
        Optional<ValueSpec> delayMs, SynapseSpec synapse, Location location, boolean roundDelays,
        Optional<PlasticitySpec> plasticity) {

    /** A static projection (no plasticity) whose delays must be at least one step (no {@code round_delays}). */
    public ProjectionSpec(String name, String pre, String post, RuleSpec rule, Optional<ValueSpec> weight,
            Optional<ValueSpec> delayMs, SynapseSpec synapse, Location location) {
        this(name, pre, post, rule, weight, delayMs, synapse, location, false, Optional.empty());
    }

    /** This projection with {@code round_delays} set to {@code round}. */
    public ProjectionSpec withRoundDelays(boolean round) {
        return new ProjectionSpec(name, pre, post, rule, weight, delayMs, synapse, location, round, plasticity);
    }

    public ProjectionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pre, "pre");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(delayMs, "delayMs");
        Objects.requireNonNull(synapse, "synapse");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(plasticity, "plasticity");
        boolean fromFile = rule instanceof RuleSpec.CsvEdges || rule instanceof RuleSpec.SonataEdges
                || rule instanceof RuleSpec.SonataCircuitEdges;
        if (weight.isEmpty() && !fromFile) {
            throw new IllegalArgumentException("weight is required unless the rule is from_file");
        }
    }
}
