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
            final DistinctSubset subset = new DistinctSubset(k);
            for (int i = targetFrom; i < targetTo; i++) {
                for (int chosen : subset.draw(candidates, rng)) {
                    pre.add(skipSelf && chosen >= i ? chosen + 1 : chosen);
                    post.add(i);
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return (double) k * postSize;
        }
    }

    /**
     * Exactly k distinct postsynaptic neurons for every presynaptic neuron (NEST's fixed_outdegree
     * without multapses): a uniform k-subset of the candidate targets per source, by Floyd's
     * algorithm (k draws per source), appended in ascending target order. The rule draws source by
     * source ({@link #generateSources}): {@link NetworkBuilder} cuts the sources into blocks of
     * {@value NetworkBuilder#TARGET_BLOCK}, source block c drawing from part c of the projection's
     * stream, and keeps the synapses onto the targets it holds.
     */
    record FixedOutdegree(int k, boolean allowAutapses) implements ConnectivityRule {
        public FixedOutdegree {
            if (k < 0) {
                throw new IllegalArgumentException("fixed_outdegree: k must be >= 0, got " + k);
            }
        }

        /**
         * Appends the synapses of sources {@code [sourceFrom, sourceTo)} to {@code pre} and
         * {@code post} (aligned), source by source in ascending order and each source's k targets
         * ascending, drawing from {@code rng} only.
         */
        public void generateSources(int preSize, int postSize, boolean samePopulation, int sourceFrom, int sourceTo,
                SplittableRandom rng, IntList pre, IntList post) {
            final boolean skipSelf = samePopulation && !allowAutapses;
            final int candidates = skipSelf ? postSize - 1 : postSize;
            if (k > candidates) {
                throw new IllegalArgumentException("fixed_outdegree: k = " + k + " exceeds the " + Math.max(0, candidates)
                        + " possible targets");
            }
            if (k == 0) {
                return;
            }
            final DistinctSubset subset = new DistinctSubset(k);
            for (int j = sourceFrom; j < sourceTo; j++) {
                final int[] targets = subset.draw(candidates, rng);
                java.util.Arrays.sort(targets);
                for (int t : targets) {
                    pre.add(j);
                    post.add(skipSelf && t >= j ? t + 1 : t);
                }
            }
        }

        /**
         * The synapses onto {@code [targetFrom, targetTo)} of all sources drawn from this one
         * stream ({@link #generateSources} over every source), in ascending target order and
         * ascending source order per target.
         */
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            IntList sources = new IntList(16);
            IntList targets = new IntList(16);
            generateSources(preSize, postSize, samePopulation, 0, preSize, rng, sources, targets);
            int span = Math.max(0, targetTo - targetFrom);
            int[] start = new int[span + 1];
            for (int s = 0; s < targets.size(); s++) {
                int i = targets.get(s);
                if (i >= targetFrom && i < targetTo) {
                    start[i - targetFrom + 1]++;
                }
            }
            for (int i = 0; i < span; i++) {
                start[i + 1] += start[i];
            }
            int[] bySource = new int[start[span]];
            int[] fill = java.util.Arrays.copyOf(start, span);
            for (int s = 0; s < targets.size(); s++) {
                int i = targets.get(s);
                if (i >= targetFrom && i < targetTo) {
                    bySource[fill[i - targetFrom]++] = sources.get(s);
                }
            }
            for (int i = 0; i < span; i++) {
                for (int s = start[i]; s < start[i + 1]; s++) {
                    pre.add(bySource[s]);
                    post.add(targetFrom + i);
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return (double) k * preSize;
        }
    }

    /**
     * Exactly n synapses, each pair drawn uniformly (NEST's fixed_total_number): with multapses
     * (the default, as in NEST) n independent uniform pairs, a pair possibly repeated; without,
     * a uniform n-subset of the pairs. {@link NetworkBuilder} first splits n over its target
     * blocks ({@link #blockCounts}, from a stream of the projection every partition draws alike:
     * an exact multinomial by sequential binomials, or without multapses a multivariate
     * hypergeometric by sequential hypergeometrics), then draws each block's synapses from the
     * block's own stream ({@link #generateBlock}); cost proportional to the blocks and synapses.
     */
    record FixedTotalNumber(int n, boolean allowMultapses, boolean allowAutapses) implements ConnectivityRule {
        public FixedTotalNumber {
            if (n < 0) {
                throw new IllegalArgumentException("fixed_total_number: n must be >= 0, got " + n);
            }
        }

        /** The number of candidate pairs onto targets {@code [targetFrom, targetTo)}. */
        public long pairsOnto(int preSize, boolean samePopulation, int targetFrom, int targetTo) {
            long perTarget = samePopulation && !allowAutapses ? Math.max(0, preSize - 1) : preSize;
            return perTarget * Math.max(0, targetTo - targetFrom);
        }

        /**
         * The numbers of synapses onto the consecutive blocks of {@code blockSize} targets, summing
         * to n: block b gets Binomial(left, pairs of b / pairs left) (with multapses) or
         * Hypergeometric(left, pairs of b, pairs left) (without), drawn in block order from
         * {@code rng}.
         */
        public int[] blockCounts(int preSize, int postSize, boolean samePopulation, int blockSize,
                SplittableRandom rng) {
            long pairsLeft = pairsOnto(preSize, samePopulation, 0, postSize);
            if (n > 0 && pairsLeft == 0) {
                throw new IllegalArgumentException("fixed_total_number: n = " + n + " synapses but no possible pairs");
            }
            if (!allowMultapses && n > pairsLeft) {
                throw new IllegalArgumentException("fixed_total_number: n = " + n + " exceeds the " + pairsLeft
                        + " possible pairs without multapses");
            }
            int blocks = (postSize + blockSize - 1) / blockSize;
            int[] counts = new int[blocks];
            long left = n;
            for (int b = 0; b < blocks && left > 0; b++) {
                long pairs = pairsOnto(preSize, samePopulation, b * blockSize, Math.min(postSize, (b + 1) * blockSize));
                long c;
                if (pairs == pairsLeft) {
                    c = left;
                } else if (allowMultapses) {
                    c = CountSampler.binomial(left, (double) pairs / pairsLeft, rng);
                } else {
                    c = CountSampler.hypergeometric(left, pairs, pairsLeft, rng);
                }
                counts[b] = (int) c;
                left -= c;
                pairsLeft -= pairs;
            }
            return counts;
        }

        /**
         * Appends {@code count} synapses onto targets {@code [targetFrom, targetTo)}, uniform over
         * the block's candidate pairs (distinct pairs without multapses, by Floyd's algorithm),
         * targets ascending and sources ascending per target, drawing from {@code rng} only.
         */
        public void generateBlock(int preSize, boolean samePopulation, int targetFrom, int targetTo, int count,
                SplittableRandom rng, IntList pre, IntList post) {
            if (count == 0) {
                return;
            }
            final boolean skipSelf = samePopulation && !allowAutapses;
            final long perTarget = skipSelf ? preSize - 1 : preSize;
            final long pairs = pairsOnto(preSize, samePopulation, targetFrom, targetTo);
            if (pairs == 0 || (!allowMultapses && count > pairs)) {
                throw new IllegalArgumentException("fixed_total_number: " + count + " synapses onto targets "
                        + targetFrom + ".." + (targetTo - 1) + " of " + pairs + " possible pairs");
            }
            final long[] drawn;
            if (allowMultapses) {
                drawn = new long[count];
                for (int s = 0; s < count; s++) {
                    drawn[s] = rng.nextLong(pairs);
                }
            } else {
                drawn = new DistinctSubset(count).drawLongs(pairs, rng);
            }
            java.util.Arrays.sort(drawn);
            for (long index : drawn) {
                int target = (int) (targetFrom + index / perTarget);
                int source = (int) (index % perTarget);
                pre.add(skipSelf && source >= target ? source + 1 : source);
                post.add(target);
            }
        }

        /**
         * The synapses onto {@code [targetFrom, targetTo)} of the n drawn from this one stream as
         * one block over all targets ({@link #generateBlock} with every target and n).
         */
        @Override
        public void generate(int preSize, int postSize, boolean samePopulation, int targetFrom, int targetTo,
                SplittableRandom rng, IntList pre, IntList post) {
            IntList sources = new IntList(16);
            IntList targets = new IntList(16);
            generateBlock(preSize, samePopulation, 0, postSize, n, rng, sources, targets);
            for (int s = 0; s < targets.size(); s++) {
                if (targets.get(s) >= targetFrom && targets.get(s) < targetTo) {
                    pre.add(sources.get(s));
                    post.add(targets.get(s));
                }
            }
        }

        @Override
        public double expectedCount(int preSize, int postSize, boolean samePopulation) {
            return n;
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
