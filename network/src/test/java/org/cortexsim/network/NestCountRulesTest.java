package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The count-fixing rules NEST users expect, fixed_outdegree and fixed_total_number: exact counts
 * per source and in total, distinct targets, no autapses unless allowed, multapses only when
 * allowed, uniform statistics (5-sigma bounds), and networks built by {@link NetworkBuilder} that
 * are the same synapse for synapse, weight and delay, in one process and in K partitions.
 */
class NestCountRulesTest {

    /** Each source's targets from a whole build of {@code rule} over pre x post. */
    private static List<int[]> outTargets(ConnectivityRule.FixedOutdegree rule, int pre, int post, boolean same,
            long seed) {
        IntList s = new IntList(16);
        IntList t = new IntList(16);
        rule.generateSources(pre, post, same, 0, pre, new SplittableRandom(seed), s, t);
        List<int[]> out = new ArrayList<>();
        int k = 0;
        for (int j = 0; j < pre; j++) {
            int[] targets = new int[rule.k()];
            for (int m = 0; m < rule.k(); m++, k++) {
                assertEquals(j, s.get(k), "sources in ascending order, k each");
                targets[m] = t.get(k);
            }
            out.add(targets);
        }
        assertEquals(k, s.size());
        return out;
    }

    @ParameterizedTest(name = "k={0}, {1}x{2}, same={3}, autapses={4}")
    @CsvSource({
        "50, 1500, 2500, false, false",
        "30, 1200, 1200, true, false",
        "1199, 1200, 1200, true, false",
        "40, 700, 700, true, true",
        "0, 10, 10, true, false",
    })
    void fixedOutdegreeGivesEverySourceExactlyKDistinctTargets(int k, int pre, int post, boolean same,
            boolean autapses) {
        ConnectivityRule.FixedOutdegree rule = new ConnectivityRule.FixedOutdegree(k, autapses);
        List<int[]> out = outTargets(rule, pre, post, same, 5);
        int[] indegree = new int[post];
        for (int j = 0; j < pre; j++) {
            int[] t = out.get(j);
            assertEquals(k, t.length);
            for (int m = 0; m < k; m++) {
                assertTrue(t[m] >= 0 && t[m] < post);
                assertTrue(m == 0 || t[m] > t[m - 1], "targets ascending and distinct");
                assertTrue(!(same && !autapses && t[m] == j), "autapse " + j);
                indegree[t[m]]++;
            }
        }
        assertEquals((double) k * pre, rule.expectedCount(pre, post, same));
        // in-degrees: target i is chosen by each candidate source independently with probability k / candidates
        int candidates = same && !autapses ? post - 1 : post;
        if (k == 0 || k == candidates) {
            return;
        }
        double q = (double) k / candidates;
        int sources = same && !autapses ? pre - 1 : pre;
        double mean = sources * q;
        double var = sources * q * (1 - q);
        double sum = 0;
        double sumSq = 0;
        for (int d : indegree) {
            sum += d;
            sumSq += (d - mean) * (d - mean);
        }
        if (!(same && !autapses)) {
            assertEquals(mean * post, sum, 1e-6);
        }
        // the in-degrees are nearly independent binomials: their spread has variance ~ 2 var^2 / post
        double sampleVar = sumSq / post;
        assertTrue(Math.abs(sampleVar - var) < 5 * var * Math.sqrt(2.0 / post) + 5 * var * q,
                "in-degree variance " + sampleVar + ", expected " + var);
    }

    @Test
    void fixedOutdegreeTargetsAreUniform() {
        // a chi-square over targets of many sources' choices (pre = 4000, post = 300, k = 5)
        ConnectivityRule.FixedOutdegree rule = new ConnectivityRule.FixedOutdegree(5, false);
        int pre = 4000;
        int post = 300;
        long[] counts = new long[post];
        for (long seed = 0; seed < 20; seed++) {
            for (int[] t : outTargets(rule, pre, post, false, seed)) {
                for (int i : t) {
                    counts[i]++;
                }
            }
        }
        double expected = 20.0 * pre * 5 / post;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        int df = post - 1;
        assertTrue(chi2 < df + 5 * Math.sqrt(2.0 * df), "chi-square " + chi2 + " with " + df + " dof");
        assertThrows(IllegalArgumentException.class,
                () -> outTargets(new ConnectivityRule.FixedOutdegree(10, false), 10, 10, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.FixedOutdegree(-1, false));
    }

    /** The rule's synapses as NetworkBuilder draws them: split, then each block from its own stream. */
    private static IntList[] totalNumber(ConnectivityRule.FixedTotalNumber rule, int pre, int post, boolean same,
            long seed) {
        RandomStreams streams = new RandomStreams(seed);
        int[] counts = rule.blockCounts(pre, post, same, NetworkBuilder.TARGET_BLOCK, streams.stream("split"));
        IntList s = new IntList(16);
        IntList t = new IntList(16);
        for (int b = 0; b < counts.length; b++) {
            int from = b * NetworkBuilder.TARGET_BLOCK;
            rule.generateBlock(pre, same, from, Math.min(post, from + NetworkBuilder.TARGET_BLOCK), counts[b],
                    streams.stream("block", b), s, t);
        }
        return new IntList[] {s, t};
    }

    @ParameterizedTest(name = "n={0}, {1}x{2}, same={3}, multapses={4}, autapses={5}")
    @CsvSource({
        "20000, 400, 3000, false, true, false",
        "20000, 400, 3000, false, false, false",
        "5000, 2100, 2100, true, true, false",
        "5000, 2100, 2100, true, false, false",
        "870, 30, 30, true, false, false",
        "900, 30, 30, true, false, true",
        "0, 30, 30, true, false, false",
    })
    void fixedTotalNumberGivesExactlyNSynapses(int n, int pre, int post, boolean same, boolean multapses,
            boolean autapses) {
        ConnectivityRule.FixedTotalNumber rule = new ConnectivityRule.FixedTotalNumber(n, multapses, autapses);
        IntList[] syn = totalNumber(rule, pre, post, same, 3);
        assertEquals(n, syn[0].size());
        assertEquals(n, rule.expectedCount(pre, post, same));
        Set<Long> pairs = new HashSet<>();
        int repeats = 0;
        for (int s = 0; s < n; s++) {
            int j = syn[0].get(s);
            int i = syn[1].get(s);
            assertTrue(j >= 0 && j < pre && i >= 0 && i < post);
            assertTrue(!(same && !autapses && i == j), "autapse " + i);
            assertTrue(s == 0 || i > syn[1].get(s - 1) || i == syn[1].get(s - 1) && j >= syn[0].get(s - 1),
                    "targets ascending, sources ascending per target");
            repeats += pairs.add(((long) j << 32) | i) ? 0 : 1;
        }
        long possible = rule.pairsOnto(pre, same, 0, post);
        if (!multapses) {
            assertEquals(0, repeats, "no multapses");
        } else {
            // n uniform pairs with replacement: expected distinct pairs P (1 - (1 - 1/P)^n)
            double distinct = possible * -Math.expm1(n * Math.log1p(-1.0 / possible));
            double sd = Math.sqrt(distinct);
            assertTrue(Math.abs(n - repeats - distinct) < 5 * sd + 1, "distinct pairs " + (n - repeats)
                    + ", expected " + distinct);
        }
    }

    @Test
    void fixedTotalNumberRefusesMorePairsThanThereAre() {
        ConnectivityRule.FixedTotalNumber over = new ConnectivityRule.FixedTotalNumber(871, false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> totalNumber(over, 30, 30, true, 1));
        assertTrue(e.getMessage().contains("870 possible pairs"), e.getMessage());
        assertEquals(1000, totalNumber(new ConnectivityRule.FixedTotalNumber(1000, true, false), 30, 30, true, 1)[0]
                .size());
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.FixedTotalNumber(-1, true, false));
        assertThrows(IllegalArgumentException.class,
                () -> totalNumber(new ConnectivityRule.FixedTotalNumber(1, true, false), 1, 1, true, 1));
    }

    @ParameterizedTest(name = "multapses={0}")
    @CsvSource({"true", "false"})
    void fixedTotalNumberPairsAreUniformAcrossBlocks(boolean multapses) {
        // 10 sources x 2,100 targets (three blocks): every pair's count over T builds is binomial
        int pre = 10;
        int post = 2100;
        int n = 15000;
        int trials = 30;
        ConnectivityRule.FixedTotalNumber rule = new ConnectivityRule.FixedTotalNumber(n, multapses, false);
        long pairs = (long) pre * post;
        long[] counts = new long[(int) pairs];
        for (int trial = 0; trial < trials; trial++) {
            IntList[] syn = totalNumber(rule, pre, post, false, 100 + trial);
            for (int s = 0; s < n; s++) {
                counts[syn[1].get(s) * pre + syn[0].get(s)]++;
            }
        }
        // per pair: Binomial(T n, 1/P) with multapses, Binomial(T, n/P) without
        double mean = (double) trials * n / pairs;
        double var = multapses ? mean * (1 - 1.0 / pairs) : mean * (1 - (double) n / pairs);
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - mean) * (c - mean) / var;
        }
        assertTrue(Math.abs(chi2 - pairs) < 5 * Math.sqrt(2.0 * pairs), "chi-square " + chi2 + " over " + pairs);
        // and the blocks' shares: targets 0-1023, 1024-2047, 2048-2099
        long[] perBlock = new long[3];
        for (int p = 0; p < pairs; p++) {
            perBlock[(p / pre) / NetworkBuilder.TARGET_BLOCK] += counts[p];
        }
        for (int b = 0; b < 3; b++) {
            double share = (double) (Math.min(post, (b + 1) * 1024) - b * 1024) / post;
            double expected = (double) trials * n * share;
            double sd = Math.sqrt(trials * n * share * (1 - share));
            assertTrue(Math.abs(perBlock[b] - expected) < 5 * sd, "block " + b + ": " + perBlock[b] + " vs " + expected);
        }
    }

    /** Two populations (2,500 exc, 700 inh) with the new rules, random weights and delays. */
    static void network(NetworkBuilder b) {
        Population exc = b.neurons().population("exc");
        Population inh = b.neurons().population("inh");
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedOutdegree(40, false),
                new Distribution.Normal(50, 10, 0, 100), new Distribution.Uniform(0.5, 3), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedTotalNumber(30000, true, false),
                new Distribution.Uniform(20, 80), new Distribution.Uniform(0.5, 2), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedTotalNumber(25000, false, false),
                new Distribution.Normal(-100, 20, -200, 0), new Distribution.Uniform(0.5, 2), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ii", inh, inh, new ConnectivityRule.FixedOutdegree(25, true),
                new Distribution.Normal(-100, 20, -200, 0), new Distribution.Constant(0.5), SynapseType.DELTA));
    }

    @Test
    void partitionsHoldExactlyTheWholeNetworksSynapses() {
        int exc = 2500;
        int inh = 700;
        NetworkBuilder wb = new NetworkBuilder(PartitionedSimulationTest.neurons(exc, inh).build(), new TimeGrid(0.1),
                new RandomStreams(7));
        network(wb);
        try (Simulation whole = wb.build(1)) {
            // the whole network's counts: out-degrees exactly k, totals exactly n; columns ascending
            int[] expectedNnz = {2500 * 40, 30000, 25000, 700 * 25};
            for (int q = 0; q < 4; q++) {
                Projection pr = whole.projections().get(q);
                var w = pr.weights();
                assertEquals(expectedNnz[q], w.col_idx[w.numCols], pr.name());
                for (int j = 0; j < w.numCols; j++) {
                    if (q == 0 || q == 3) {
                        assertEquals(q == 0 ? 40 : 25, w.col_idx[j + 1] - w.col_idx[j], pr.name() + " source " + j);
                    }
                    for (int k = w.col_idx[j] + 1; k < w.col_idx[j + 1]; k++) {
                        assertTrue(w.nz_rows[k] >= w.nz_rows[k - 1], pr.name() + ": rows ascending in column " + j);
                        if (q == 0 || q == 2) {
                            assertTrue(w.nz_rows[k] > w.nz_rows[k - 1], pr.name() + ": distinct targets");
                        }
                    }
                }
            }
            PartitionedSimulationTest.assertPartitionsHoldTheWholeNetwork(whole, exc, inh, NestCountRulesTest::network, 2,
                    (wholeProjection, part) -> { });
        }
    }
}
