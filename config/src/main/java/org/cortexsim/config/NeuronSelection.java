package org.cortexsim.config;

import java.util.List;

/**
 * Which neurons of a population to record ({@code record.state[].neurons}) or to drive
 * ({@code inputs[].neurons}): {@code all}, an explicit list of ids, or a range
 * {@code {start, stop, step}} (stop exclusive). Ids are 0-based indices within the population.
 */
public sealed interface NeuronSelection {

    /** Every neuron of the population. */
    record All() implements NeuronSelection { }

    /** The listed ids, in the given order; invariant: ids are distinct and {@code >= 0}. */
    record Ids(List<Integer> ids) implements NeuronSelection {
        public Ids {
            ids = List.copyOf(ids);
            if (ids.stream().anyMatch(i -> i < 0) || ids.stream().distinct().count() != ids.size()) {
                throw new IllegalArgumentException("ids must be distinct and >= 0");
            }
        }
    }

    /** {@code start, start+step, ...} below {@code stop}; invariant: {@code 0 <= start < stop}, {@code step >= 1}. */
    record Range(int start, int stop, int step) implements NeuronSelection {
        public Range {
            if (start < 0 || stop <= start || step < 1) {
                throw new IllegalArgumentException("need 0 <= start < stop and step >= 1");
            }
        }
    }
}
