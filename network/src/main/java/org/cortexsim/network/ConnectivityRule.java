package org.cortexsim.network;

import java.util.SplittableRandom;
import org.cortexsim.core.IntList;

/**
 * How a projection picks its synapses between a presynaptic population of {@code preSize}
 * neurons and a postsynaptic one of {@code postSize}. {@link #generate} appends the (pre, post)
 * pairs onto a range of targets, target by target in ascending order, with local node ids; draws
 * come from the caller's stream only, so the synapses onto those targets depend on that stream,
 * nothing else. {@link NetworkBuilder} calls it once per block of targets, each with a stream of
 * its own, so that a partition of a network draws only the synapses onto its own neurons and the
 * network is the same however it is partitioned. Autapses (i -> i) are only possible when pre
 * and post are the same population.
 */
public sealed interface ConnectivityRule {
    /**
     * Appends the synapses onto targets {@code [targetFrom, targetTo)} to {@code pre} and
     * {@code post} (aligned), in ascending target order.
     *
     * @param samePopulation whether pre and post are one population (autapses are then excluded
     *     unless the rule allows them)
     */
    void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
            SplittableRandom rng, IntList pre, IntList post);

    /** As {@link #generate(int, int, boolean, int, int, SplittableRandom, IntList, IntList)} for every target. */
    default void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng, IntList pre,
            IntList post) {
        generate(preSize, postSize, samePopulation, 0, postSize, rng, pre, post);
    }

    /** Expected number of synapses, for memory estimates. */
    double expectedCount(int preSize, int postSize, boolean samePopulation);

    /**
     * Each ordered pair independently with probability p (NEST's pairwise_bernoulli, which NEST
     * also draws on the target's process). Drawn per target by geometric skips over its candidate
     * sources: cost proportional to the synapses and the targets, not to all pairs.
     */
    record FixedProbability(double p, boolean allowAutapses) implements ConnectivityRule {
        public FixedProbability {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fixed_probability: p must be in [0, 1], got " + p);
            }
        }

        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            if (p == 0) {
                return;
            }
            final boolean skipSelf = samePopulation && !allowAutapses;
            final int candidates = skipSelf ? preSize - 1 : preSize;
            final double logOneMinusP = Math.log1p(-p);
            for (int i = targetFrom; i < targetTo; i++) {
                long c = -1;
                while (true) {
                    if (p == 1) {
                        c++;
                    } else {
                        double gap = Math.floor(Math.log(1.0 - rng.nextDouble()) / logOneMinusP);
                        c += 1 + (long) Math.min(gap, (double) Integer.MAX_VALUE);
                    }
                    if (c >= candidates) {
                        break;
                    }
                    int source = (int) c;
                    if (skipSelf && source >= i) {
                        source++;
                    }
                    pre.add(source);
                    post.add(i);
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            long pairs = (long) preSize * postSize - (samePopulation && !allowAutapses ? preSize : 0);
            return p * pairs;
        }
    }

    /**
     * Exactly k distinct presynaptic neurons for every postsynaptic neuron (NEST's fixed_indegree
     * without multapses): a uniform k-subset of the candidates per target, by Floyd's algorithm
     * (k draws per target, whatever the number of candidates).
     */
    record FixedIndegree(int k, boolean allowAutapses) implements ConnectivityRule {
        public FixedIndegree {
            if (k < 0) {
                throw new IllegalArgumentException("fixed_indegree: k must be >= 0, got " + k);
            }
        }

        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            final boolean skipSelf = samePopulation && !allowAutapses;
            final int candidates = skipSelf ? preSize - 1 : preSize;
            if (k > candidates) {
                throw new IllegalArgumentException("fixed_indegree: k = " + k + " exceeds the " + candidates
                        + " possible sources");
            }
            if (k == 0) {
                return;
            }
            // an open-addressing set of the candidates chosen for one target (slots hold candidate + 1)
            int capacity = Integer.highestOneBit(Math.max(4, 2 * k - 1)) << 1;
            final int[] table = new int[capacity];
            final int mask = capacity - 1;
            final int[] used = new int[k];
            for (int i = targetFrom; i < targetTo; i++) {
                for (int j = candidates - k; j < candidates; j++) {
                    int t = rng.nextInt(j + 1);
                    int chosen = insert(table, mask, t) ? t : j;
                    if (chosen == j) {
                        insert(table, mask, j);
                    }
                    used[j - (candidates - k)] = chosen;
                    pre.add(skipSelf && chosen >= i ? chosen + 1 : chosen);
                    post.add(i);
                }
                for (int s = 0; s < k; s++) {
                    clear(table, mask, used[s]);
                }
            }
        }

        /** Adds {@code value} to the set; false if it was there already. */
        private static boolean insert(int[] table, int mask, int value) {
            int slot = mix(value) & mask;
            while (table[slot] != 0) {
                if (table[slot] == value + 1) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = value + 1;
            return true;
        }

        /** Empties the set's slots from {@code value}'s home slot on (the set is emptied completely, value by value). */
        private static void clear(int[] table, int mask, int value) {
            int slot = mix(value) & mask;
            while (table[slot] != 0) {
                table[slot] = 0;
                slot = (slot + 1) & mask;
            }
        }

        private static int mix(int x) {
            return (x * 0x9E3779B9) ^ (x >>> 16);
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return (double) k * postSize;
        }
    }

    /** Every pair (without autapses unless allowed). */
    record AllToAll(boolean allowAutapses) implements ConnectivityRule {
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            final boolean skipSelf = samePopulation && !allowAutapses;
            for (int i = targetFrom; i < targetTo; i++) {
                for (int j = 0; j < preSize; j++) {
                    if (!(skipSelf && i == j)) {
                        pre.add(j);
                        post.add(i);
                    }
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return (double) preSize * postSize - (samePopulation && !allowAutapses ? preSize : 0);
        }
    }

    /** Neuron i to neuron i; both populations must have the same size. */
    record OneToOne() implements ConnectivityRule {
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            if (preSize != postSize) {
                throw new IllegalArgumentException("one_to_one needs populations of equal size, got " + preSize
                        + " and " + postSize);
            }
            for (int i = targetFrom; i < targetTo; i++) {
                pre.add(i);
                post.add(i);
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return preSize;
        }
    }

    /**
     * Given pairs (from a file), in the file's order; weights and delays may come with them,
     * aligned with the pairs. {@link #generate} appends the pairs onto the targets asked for, in
     * the file's order (not by target).
     */
    record Explicit(int[] preIds, int[] postIds, String origin) implements ConnectivityRule {
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            for (int s : indicesOnto(preSize, postSize, targetFrom, targetTo)) {
                pre.add(preIds[s]);
                post.add(postIds[s]);
            }
        }

        /**
         * The positions (in the file) of the pairs onto targets {@code [targetFrom, targetTo)}, in
         * file order, after checking every pair against the populations' sizes.
         */
        int[] indicesOnto(int preSize, int postSize, int targetFrom, int targetTo) {
            if (preIds.length != postIds.length) {
                throw new IllegalArgumentException(origin + ": " + preIds.length + " sources but " + postIds.length
                        + " targets");
            }
            IntList kept = new IntList(16);
            for (int s = 0; s < preIds.length; s++) {
                if (preIds[s] < 0 || preIds[s] >= preSize || postIds[s] < 0 || postIds[s] >= postSize) {
                    throw new IllegalArgumentException(origin + ": synapse " + s + " (" + preIds[s] + " -> "
                            + postIds[s] + ") is outside the populations (" + preSize + " -> " + postSize
                            + " neurons)");
                }
                if (postIds[s] >= targetFrom && postIds[s] < targetTo) {
                    kept.add(s);
                }
            }
            return kept.toArray();
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return preIds.length;
        }
    }
}
