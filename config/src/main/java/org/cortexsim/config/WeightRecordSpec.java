package org.cortexsim.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code record.weights}: the weights of the synapses of a plastic
 * {@code projection} every {@code every_ms} ms (from 0 to the end of the run), written as a
 * report {@code [time x synapse]} named {@code name} (default {@code weights_<projection>}).
 * Synapses are chosen as {@code all}, a list of edge ids (storage order, the ids of the
 * projection's SONATA edges), or {@code {sample: K}}: K synapses drawn at random (stream
 * {@code record/weights/<name>}), in edge id order. The report is written as {@code dtype}:
 * float32 by default (SONATA's report type; a weight keeps about 7 significant digits), or
 * float64 ({@code dtype: float64}) to keep every bit of the simulated weights.
 *
 * <p>{@code variables} (default {@code [w]}) are what is recorded at each chosen synapse: {@code w}
 * (the weight) and fields the projection's plasticity rule declares (per synapse, per
 * presynaptic slot or per postsynaptic neuron; the value the synapse sees), one report each,
 * named {@code name} when there is one variable, else {@code <name>_<variable>}.
 *
 * <p>Invariants: {@code name} is an identifier; exactly one of the selections holds (an empty
 * {@code edgeIds} list and {@code sample == 0} mean all); edge ids are distinct and {@code >= 0}
 * (checked against the built projection later); {@code everyMs > 0}; {@code variables} is not
 * empty and has no duplicates (their names were checked against the rule by the config layer).
 */
public record WeightRecordSpec(String name, String projection, List<Long> edgeIds, int sample, double everyMs,
        Location location, StateRecordSpec.Dtype dtype, List<String> variables) {

    /** The variable that is the weight itself; its reports have the variable {@code syn_weight}. */
    public static final String WEIGHTS = "w";

    /** A recording written as {@link StateRecordSpec.Dtype#FLOAT32}, the default. */
    public WeightRecordSpec(String name, String projection, List<Long> edgeIds, int sample, double everyMs,
            Location location) {
        this(name, projection, edgeIds, sample, everyMs, location, StateRecordSpec.Dtype.FLOAT32);
    }

    /** A recording of the weights only. */
    public WeightRecordSpec(String name, String projection, List<Long> edgeIds, int sample, double everyMs,
            Location location, StateRecordSpec.Dtype dtype) {
        this(name, projection, edgeIds, sample, everyMs, location, dtype, List.of(WEIGHTS));
    }

    public WeightRecordSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(projection, "projection");
        edgeIds = List.copyOf(edgeIds);
        if (!edgeIds.isEmpty() && sample > 0) {
            throw new IllegalArgumentException("choose edge ids or a sample, not both");
        }
        if (sample < 0 || !(everyMs > 0)) {
            throw new IllegalArgumentException("sample must be >= 0 and every_ms > 0");
        }
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dtype, "dtype");
        variables = List.copyOf(variables);
        if (variables.isEmpty() || new java.util.HashSet<>(variables).size() != variables.size()) {
            throw new IllegalArgumentException("variables must be distinct and at least one, got " + variables);
        }
    }

    /** The report variable {@code variable} is written as: {@code name} alone, else {@code <name>_<variable>}. */
    public String reportName(String variable) {
        return variables.size() == 1 ? name : name + "_" + variable;
    }

    /** The names of this entry's reports, one per variable, in order. */
    public List<String> reportNames() {
        return variables.stream().map(this::reportName).toList();
    }

    /** Whether every synapse is recorded. */
    public boolean all() {
        return edgeIds.isEmpty() && sample == 0;
    }
}
