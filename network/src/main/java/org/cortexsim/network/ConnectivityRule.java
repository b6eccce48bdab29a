package org.cortexsim.network;

import java.util.SplittableRandom;
import org.cortexsim.core.IntList;

/**
 * How a projection picks its synapses between a presynaptic population of {@code preSize}
 * neurons and a postsynaptic one of {@code postSize}. {@link #generate} appends (pre, post)
 * pairs with local node ids; draws come from the caller's stream only, so the synapses depend
 * on the seed and the projection, nothing else. Autapses (i -> i) are only possible when pre
 * and post are the same population.
 */
public sealed interface ConnectivityRule {
    /**
     * Appends the synapses to {@code pre} and {@code post} (aligned).
     *
     * @param samePopulation whether pre and post are one population (autapses are then excluded
     *     unless the rule allows them)
     */
    void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng, IntList pre,
            IntList post);

    /** Expected number of synapses, for memory estimates. */
    double expectedCount(int preSize, int postSize, boolean samePopulation);

    /**
     * Each ordered pair independently with probability p (NEST's pairwise_bernoulli). Drawn per
     * presynaptic neuron by geometric skips over its candidate targets: cost proportional to
     * the synapses, not to all pairs.
     */
    record FixedProbability(double p, boolean allowAutapses) implements ConnectivityRule {
        public FixedProbability {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fixed_probability: p must be in [0, 1], got " + p);
            }
        }

        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng,
                IntList pre, IntList post) {
            int[] colIdx = new int[preSize + 1];
            generateColumns(preSize, postSize, samePopulation, rng, colIdx, post);
            for (int j = 0; j < preSize; j++) {
                for (int s = colIdx[j]; s < colIdx[j + 1]; s++) {
                    pre.add(j);
                }
            }
        }

        /**
         * The same draws as {@link #generate}, straight into compressed sparse column form: the
         * targets of presynaptic neuron j, ascending, are appended to {@code post} and take
         * positions {@code [colIdx[j], colIdx[j + 1])} counted from {@code post}'s size on entry.
         */
        void generateColumns(int preSize, int postSize, boolean samePopulation, SplittableRandom rng, int[] colIdx,
                IntList post) {
            java.util.Arrays.fill(colIdx, 0);
            if (p == 0) {
                return;
            }
            final int base = post.size();
            final boolean skipSelf = samePopulation && !allowAutapses;
            final int candidates = skipSelf ? postSize - 1 : postSize;
            final double logOneMinusP = Math.log1p(-p);
            for (int j = 0; j < preSize; j++) {
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
                    int target = (int) c;
                    if (skipSelf && target >= j) {
                        target++;
                    }
                    post.add(target);
                }
                colIdx[j + 1] = post.size() - base;
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            long pairs = (long) preSize * postSize - (samePopulation && !allowAutapses ? preSize : 0);
            return p * pairs;
        }
    }

    /** Exactly k distinct presynaptic neurons for every postsynaptic neuron (NEST's fixed_indegree without multapses). */
    record FixedIndegree(int k, boolean allowAutapses) implements ConnectivityRule {
        public FixedIndegree {
            if (k < 0) {
                throw new IllegalArgumentException("fixed_indegree: k must be >= 0, got " + k);
            }
        }

        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng,
                IntList pre, IntList post) {
            final boolean skipSelf = samePopulation && !allowAutapses;
            final int candidates = skipSelf ? preSize - 1 : preSize;
            if (k > candidates) {
                throw new IllegalArgumentException("fixed_indegree: k = " + k + " exceeds the " + candidates
                        + " possible sources");
            }
            int[] pool = new int[candidates];
            for (int i = 0; i < postSize; i++) {
                for (int c = 0; c < candidates; c++) {
                    pool[c] = skipSelf && c >= i ? c + 1 : c;
                }
                // partial Fisher-Yates: the first k of pool are a uniform k-subset
                for (int s = 0; s < k; s++) {
                    int r = s + rng.nextInt(candidates - s);
                    int t = pool[s];
                    pool[s] = pool[r];
                    pool[r] = t;
                    pre.add(pool[s]);
                    post.add(i);
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return (double) k * postSize;
        }
    }

    /** Every pair (without autapses unless allowed). */
    record AllToAll(boolean allowAutapses) implements ConnectivityRule {
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng,
                IntList pre, IntList post) {
            final boolean skipSelf = samePopulation && !allowAutapses;
            for (int j = 0; j < preSize; j++) {
                for (int i = 0; i < postSize; i++) {
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
        public void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng,
                IntList pre, IntList post) {
            if (preSize != postSize) {
                throw new IllegalArgumentException("one_to_one needs populations of equal size, got " + preSize
                        + " and " + postSize);
            }
            for (int i = 0; i < preSize; i++) {
                pre.add(i);
                post.add(i);
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return preSize;
        }
    }

    /** Given pairs (from a file); weights and delays may come with them. */
    record Explicit(int[] preIds, int[] postIds, String origin) implements ConnectivityRule {
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, SplittableRandom rng,
                IntList pre, IntList post) {
            if (preIds.length != postIds.length) {
                throw new IllegalArgumentException(origin + ": " + preIds.length + " sources but " + postIds.length
                        + " targets");
            }
            for (int s = 0; s < preIds.length; s++) {
                if (preIds[s] < 0 || preIds[s] >= preSize || postIds[s] < 0 || postIds[s] >= postSize) {
                    throw new IllegalArgumentException(origin + ": synapse " + s + " (" + preIds[s] + " -> "
                            + postIds[s] + ") is outside the populations (" + preSize + " -> " + postSize
                            + " neurons)");
                }
                pre.add(preIds[s]);
                post.add(postIds[s]);
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return preIds.length;
        }
    }
}
