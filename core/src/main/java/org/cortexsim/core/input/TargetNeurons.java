package org.cortexsim.core.input;

import java.util.Arrays;
import org.cortexsim.core.Population;

/**
 * The neurons of one population that an input drives: every neuron the population (or, in a
 * partitioned run, its slice) holds, a contiguous run of them, or a sorted list of state indices.
 * Selected by node id (0-based index within the whole population); a partition keeps the
 * selected nodes it holds.
 *
 * <p>Invariants: in range form {@code population.offset() <= from() <= to() <= population.end()};
 * in list form {@link #indices()} is strictly increasing and within the same bounds. Holds no
 * per-neuron objects: one {@code int[]} at most. Immutable.
 */
public final class TargetNeurons {
    private final Population population;
    private final int from;
    private final int to;
    private final int[] indices;

    private TargetNeurons(Population population, int from, int to, int[] indices) {
        this.population = population;
        this.from = from;
        this.to = to;
        this.indices = indices;
    }

    /** Every neuron of {@code population}. */
    public static TargetNeurons all(Population population) {
        return new TargetNeurons(population, population.offset(), population.end(), null);
    }

    /**
     * The neurons of {@code population} with the given node ids (of the whole population: 0 to
     * {@code totalSize() - 1}, distinct, in any order); a partition's slice keeps those it holds.
     * Ids forming one contiguous run become the range form.
     *
     * @throws IllegalArgumentException for an id out of range or given twice
     */
    public static TargetNeurons of(Population population, int[] nodeIds) {
        int[] sorted = nodeIds.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            if (sorted[k] < 0 || sorted[k] >= population.totalSize()) {
                throw new IllegalArgumentException("neuron " + sorted[k] + " is out of range: population '"
                        + population.name() + "' has neurons 0 to " + (population.totalSize() - 1));
            }
            if (k > 0 && sorted[k] == sorted[k - 1]) {
                throw new IllegalArgumentException("neuron " + sorted[k] + " is selected twice");
            }
        }
        final int first = population.firstNode();
        final int last = first + population.size();
        int[] held = Arrays.stream(sorted).filter(id -> id >= first && id < last)
                .map(id -> id - first + population.offset()).toArray();
        if (held.length == 0) {
            return new TargetNeurons(population, population.offset(), population.offset(), null);
        }
        if (held[held.length - 1] - held[0] == held.length - 1) {
            return new TargetNeurons(population, held[0], held[held.length - 1] + 1, null);
        }
        return new TargetNeurons(population, 0, 0, held);
    }

    /** The population the neurons belong to. */
    public Population population() {
        return population;
    }

    /** Whether the targets are the contiguous state indices {@code [from(), to())}. */
    public boolean isRange() {
        return indices == null;
    }

    /** Whether the targets are every neuron the population holds. */
    public boolean isWhole() {
        return indices == null && from == population.offset() && to == population.end();
    }

    /** First state index of the range form. */
    public int from() {
        return from;
    }

    /** One past the last state index of the range form. */
    public int to() {
        return to;
    }

    /** Number of targets held. */
    public int count() {
        return indices == null ? to - from : indices.length;
    }

    /** The state indices of the list form, ascending (not a copy: do not modify); null in range form. */
    public int[] indices() {
        return indices;
    }

    /** Whether any target lies among state indices {@code [lo, hi)}. */
    public boolean overlaps(int lo, int hi) {
        if (indices == null) {
            return Math.max(lo, from) < Math.min(hi, to);
        }
        int k = firstAtOrAfter(lo);
        return k < indices.length && indices[k] < hi;
    }

    /** Position in {@link #indices()} of the first state index at or after {@code stateIndex} (list form). */
    public int firstAtOrAfter(int stateIndex) {
        int k = Arrays.binarySearch(indices, stateIndex);
        return k >= 0 ? k : -k - 1;
    }

    /** {@code current[i] += amount} for every selected state index i in {@code [lo, hi)}, ascending. */
    public void addToEach(double[] current, int lo, int hi, double amount) {
        if (indices == null) {
            for (int i = Math.max(lo, from), end = Math.min(hi, to); i < end; i++) {
                current[i] += amount;
            }
            return;
        }
        for (int k = firstAtOrAfter(lo); k < indices.length && indices[k] < hi; k++) {
            current[indices[k]] += amount;
        }
    }
}
