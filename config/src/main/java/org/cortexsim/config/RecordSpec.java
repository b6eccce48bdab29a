package org.cortexsim.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code record} section: which populations' spikes to record ({@code spikes: true} means all,
 * {@code false} none, or a list of names), which state traces to sample, which plastic
 * projections' weights to sample ({@code weights}), and an optional memory budget
 * {@code memory_budget_MB} (MB) for buffered recordings.
 *
 * <p>Invariants: {@code spikePopulations} names existing populations, without duplicates, in
 * population order when {@code spikes: true}; lists are unmodifiable; the budget, when present, is
 * {@code >= 1}.
 */
public record RecordSpec(List<String> spikePopulations, List<StateRecordSpec> state, OptionalLong memoryBudgetMB,
        Location location, List<WeightRecordSpec> weights) {

    /** A record section without weight recordings. */
    public RecordSpec(List<String> spikePopulations, List<StateRecordSpec> state, OptionalLong memoryBudgetMB,
            Location location) {
        this(spikePopulations, state, memoryBudgetMB, location, List.of());
    }

    public RecordSpec {
        spikePopulations = List.copyOf(spikePopulations);
        state = List.copyOf(state);
        Objects.requireNonNull(memoryBudgetMB, "memoryBudgetMB");
        if (memoryBudgetMB.isPresent() && memoryBudgetMB.getAsLong() < 1) {
            throw new IllegalArgumentException("memoryBudgetMB must be >= 1");
        }
        Objects.requireNonNull(location, "location");
        weights = List.copyOf(weights);
    }
}
