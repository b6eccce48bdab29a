package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Preset;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The connectivity rules: counts, distinctness, autapses, identity, and seed dependence. */
class ConnectivityRuleTest {

    private static IntList[] generate(ConnectivityRule rule, int pre, int post, boolean same, long seed) {
        IntList a = new IntList(16);
        IntList b = new IntList(16);
        rule.generate(pre, post, same, new SplittableRandom(seed), a, b);
        assertEquals(a.size(), b.size());
        return new IntList[] {a, b};
    }

    @ParameterizedTest(name = "p={0}, {1}x{2}, same={3}, autapses={4}")
    @CsvSource({
        "0.1, 400, 300, false, false",
        "0.02, 1000, 800, false, false",
        "0.3, 250, 250, true, false",
        "0.5, 200, 200, true, true",
        "0.9, 150, 150, true, false",
    })
    void fixedProbabilityCountsAndTargets(double p, int pre, int post, boolean same, boolean autapses) {
        ConnectivityRule rule = new ConnectivityRule.FixedProbability(p, autapses);
        IntList[] s = generate(rule, pre, post, same, 11);
        long pairs = (long) pre * post - (same && !autapses ? pre : 0);
        double mean = p * pairs;
        double sigma = Math.sqrt(pairs * p * (1 - p));
        assertTrue(Math.abs(s[0].size() - mean) < 5 * sigma, s[0].size() + " synapses, expected " + mean);
        assertEquals(mean, rule.expectedCount(pre, post, same), 1e-9);
        Set<Long> seen = new HashSet<>();
        int self = 0;
        int[] indegree = new int[post];
        for (int k = 0; k < s[0].size(); k++) {
            int j = s[0].get(k);
            int i = s[1].get(k);
            assertTrue(j >= 0 && j < pre && i >= 0 && i < post);
            assertTrue(seen.add(((long) j << 32) | i), "duplicate " + j + " -> " + i);
            if (same && i == j) {
                self++;
            }
            indegree[i]++;
        }
        if (same && !autapses) {
            assertEquals(0, self, "autapses");
        }
        if (same && autapses) {
            // pre diagonal pairs, each with probability p
            assertTrue(Math.abs(self - p * pre) < 5 * Math.sqrt(pre * p * (1 - p)), self + " autapses");
        }
        // every target equally likely: in-degrees ~ Binomial(candidates, p); chi-square over targets
        int candidates = same && !autapses ? pre - 1 : pre;
        double var = candidates * p * (1 - p);
        double chi2 = 0;
        for (int d : indegree) {
            chi2 += (d - candidates * p) * (d - candidates * p) / var;
        }
        assertTrue(Math.abs(chi2 - post) < 6 * Math.sqrt(2.0 * post), "in-degree chi-square " + chi2 + " over " + post);
    }

    @Test
    void fixedProbabilityExtremes() {
        assertEquals(0, generate(new ConnectivityRule.FixedProbability(0, false), 50, 60, false, 1)[0].size());
        IntList[] all = generate(new ConnectivityRule.FixedProbability(1, false), 30, 30, true, 1);
        assertEquals(30 * 29, all[0].size());
        IntList[] withSelf = generate(new ConnectivityRule.FixedProbability(1, true), 30, 30, true, 1);
        assertEquals(30 * 30, withSelf[0].size());
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.FixedProbability(1.5, false));
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.FixedProbability(Double.NaN, false));
    }

    @ParameterizedTest(name = "k={0}, {1}x{2}, same={3}")
    @CsvSource({
        "10, 200, 150, false",
        "25, 100, 100, true",
        "99, 100, 100, true",
        "1, 5, 300, false",
        "0, 50, 40, false",
    })
    void fixedIndegreeGivesExactlyKDistinctSources(int k, int pre, int post, boolean same) {
        ConnectivityRule rule = new ConnectivityRule.FixedIndegree(k, false);
        IntList[] s = generate(rule, pre, post, same, 5);
        assertEquals((long) k * post, s[0].size());
        @SuppressWarnings("unchecked")
        Set<Integer>[] sources = new Set[post];
        for (int i = 0; i < post; i++) {
            sources[i] = new HashSet<>();
        }
        int[] outdegree = new int[pre];
        for (int q = 0; q < s[0].size(); q++) {
            int j = s[0].get(q);
            int i = s[1].get(q);
            assertTrue(j >= 0 && j < pre);
            assertTrue(sources[i].add(j), "source " + j + " twice for target " + i);
            assertFalse(same && i == j, "autapse " + i);
            outdegree[j]++;
        }
        for (int i = 0; i < post; i++) {
            assertEquals(k, sources[i].size(), "in-degree of " + i);
        }
        if (k > 0 && k < pre - 1) {
            // sources uniformly used: out-degrees ~ Binomial(post, k / candidates) (approximately, if same)
            int candidates = same ? pre - 1 : pre;
            double q = (double) k / candidates;
            double var = post * q * (1 - q);
            double chi2 = 0;
            for (int d : outdegree) {
                chi2 += (d - post * q) * (d - post * q) / var;
            }
            assertTrue(Math.abs(chi2 - pre) < 6 * Math.sqrt(2.0 * pre), "out-degree chi-square " + chi2);
        }
    }

    @Test
    void fixedIndegreeRejectsTooManySources() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generate(new ConnectivityRule.FixedIndegree(100, false), 100, 10, true, 1));
        assertTrue(e.getMessage().contains("100"), e.getMessage());
        assertEquals(100 * 10, generate(new ConnectivityRule.FixedIndegree(100, true), 100, 10, true, 1)[0].size());
    }

    @Test
    void oneToOneIsTheIdentity() {
        IntList[] s = generate(new ConnectivityRule.OneToOne(), 77, 77, false, 1);
        assertEquals(77, s[0].size());
        for (int k = 0; k < 77; k++) {
            assertEquals(k, s[0].get(k));
            assertEquals(k, s[1].get(k));
        }
        assertThrows(IllegalArgumentException.class, () -> generate(new ConnectivityRule.OneToOne(), 5, 6, false, 1));
    }

    @Test
    void allToAllCounts() {
        assertEquals(12 * 7, generate(new ConnectivityRule.AllToAll(false), 12, 7, false, 1)[0].size());
        IntList[] s = generate(new ConnectivityRule.AllToAll(false), 12, 12, true, 1);
        assertEquals(12 * 11, s[0].size());
        for (int k = 0; k < s[0].size(); k++) {
            assertTrue(s[0].get(k) != s[1].get(k));
        }
        assertEquals(144, generate(new ConnectivityRule.AllToAll(true), 12, 12, true, 1)[0].size());
    }

    private static DMatrixSparseCSC[] builtMatrices(long seed, short[][] delaysOut) {
        Neurons neurons = NetTestSupport.excInh(300, 80);
        Population exc = neurons.population("exc");
        Population inh = neurons.population("inh");
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(0.1), new RandomStreams(seed));
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Normal(5, 2, 0, 10), new Distribution.Uniform(0.1, 3), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedIndegree(30, false),
                new Distribution.Uniform(1, 4), new Distribution.Constant(1.0), SynapseType.DELTA));
        try (Simulation sim = b.build(1)) {
            DMatrixSparseCSC[] m = new DMatrixSparseCSC[sim.projections().size()];
            for (int p = 0; p < m.length; p++) {
                Projection pr = sim.projections().get(p);
                m[p] = pr.weights();
                delaysOut[p] = new short[pr.synapseCount()];
                for (int k = 0; k < pr.synapseCount(); k++) {
                    delaysOut[p][k] = (short) pr.delaySteps(k);
                }
            }
            return m;
        }
    }

    @Test
    void sameSeedSameMatricesDifferentSeedDifferent() {
        short[][] d1 = new short[2][];
        short[][] d2 = new short[2][];
        short[][] d3 = new short[2][];
        DMatrixSparseCSC[] a = builtMatrices(77, d1);
        DMatrixSparseCSC[] b = builtMatrices(77, d2);
        DMatrixSparseCSC[] c = builtMatrices(78, d3);
        for (int p = 0; p < a.length; p++) {
            assertEquals(a[p].nz_length, b[p].nz_length);
            assertArrayEquals(Arrays.copyOf(a[p].col_idx, a[p].numCols + 1), Arrays.copyOf(b[p].col_idx, b[p].numCols + 1));
            assertArrayEquals(Arrays.copyOf(a[p].nz_rows, a[p].nz_length), Arrays.copyOf(b[p].nz_rows, b[p].nz_length));
            assertArrayEquals(Arrays.copyOf(a[p].nz_values, a[p].nz_length),
                    Arrays.copyOf(b[p].nz_values, b[p].nz_length));
            assertArrayEquals(d1[p], d2[p]);
            boolean differs = a[p].nz_length != c[p].nz_length
                    || !Arrays.equals(Arrays.copyOf(a[p].nz_rows, a[p].nz_length), Arrays.copyOf(c[p].nz_rows, c[p].nz_length))
                    || !Arrays.equals(Arrays.copyOf(a[p].col_idx, a[p].numCols + 1), Arrays.copyOf(c[p].col_idx, c[p].numCols + 1));
            assertTrue(differs, "projection " + p + " should change with the seed");
            assertFalse(Arrays.equals(Arrays.copyOf(a[p].nz_values, Math.min(a[p].nz_length, c[p].nz_length)),
                    Arrays.copyOf(c[p].nz_values, Math.min(a[p].nz_length, c[p].nz_length))), "weights should change");
        }
        assertFalse(Arrays.equals(d1[0], d3[0]), "random delays should change with the seed");
    }

    @Test
    void givenWeightValuesKeepTheirSign() {
        // weights given as values (e.g. read from a file) are not random draws: none may be clipped
        Neurons neurons = Neurons.builder().add("a", "RS", 4, Preset.RS.parameters()).build();
        Population a = neurons.population("a");
        double[] values = {-3.0, 2.0, -1.5, 4.0, -0.25, 6.0, 7.0, -8.0, 9.0, -10.0, 11.0, -12.0};
        NetworkBuilder b = new NetworkBuilder(neurons, new TimeGrid(0.1), new RandomStreams(1));
        b.projection(ProjectionPlan.of("given", a, a, new ConnectivityRule.AllToAll(false),
                new Distribution.Values(values, "file"), new Distribution.Constant(1.0), SynapseType.DELTA));
        try (Simulation sim = b.build(1)) {
            DMatrixSparseCSC w = sim.projections().get(0).weights();
            assertEquals(12, w.nz_length);
            // all_to_all generates column by column, rows ascending: storage order = generation order
            assertArrayEquals(values, Arrays.copyOf(w.nz_values, 12), 0.0);
        }
        // but a negative conductance (nS) is still refused, naming the projection
        NetworkBuilder c = new NetworkBuilder(neurons, new TimeGrid(0.1), new RandomStreams(1));
        c.projection(ProjectionPlan.of("cond", a, a, new ConnectivityRule.AllToAll(false),
                new Distribution.Values(values, "file"), new Distribution.Constant(1.0),
                SynapseType.of("exp_conductance")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.build(1));
        assertTrue(e.getMessage().contains("cond"), e.getMessage());
    }
}
