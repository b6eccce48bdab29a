package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STDP against its analytic window and its all-pairs sum. Spike sources give the exact spike
 * times, so the only thing under test is the rule: one pair with {@code dt_pair = t_post -
 * (t_pre + delay)} changes w by {@code A_plus exp(-dt_pair/tau_plus)} when {@code dt_pair >= 0}
 * and by {@code -A_minus exp(dt_pair/tau_minus)} when negative (multiplicative: scaled by the
 * distance to the bound over the range); with many spikes and no bound reached, the additive
 * rule's total change is the sum of that window over all pairs.
 */
class StdpWindowTest {
    private static final double DT = PlasticTestSupport.DT;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    private static final double A_PLUS = 6.0;
    private static final double A_MINUS = 7.2;
    private static final double W0 = 400.0;
    private static final double W_MAX = 1000.0;

    private static Map<String, Double> params(double wMax) {
        return Map.of("tau_plus_ms", TAU_PLUS, "tau_minus_ms", TAU_MINUS, "A_plus", A_PLUS, "A_minus", A_MINUS,
                "w_min", 0.0, "w_max", wMax);
    }

    private static double pairChange(int delaySteps, int lag, String dependence) {
        long tPre = 1300;
        long tPost = tPre + delaySteps + lag;
        Simulation sim = PlasticTestSupport.pairRun(new long[][] {{tPre}}, new long[][] {{tPost}}, W0,
                new double[] {delaySteps * DT}, "stdp", params(W_MAX), Map.of("weight_dependence", dependence),
                Math.max(tPre + delaySteps, tPost) + 3);
        assertEquals(delaySteps, sim.projections().get(0).delaySteps(0));
        return sim.projections().get(0).weight(0) - W0;
    }

    @ParameterizedTest(name = "delay {0} steps")
    @ValueSource(ints = {1, 2, 10, 200})
    void onePairFollowsTheWindowAtEveryLag(int delay) {
        List<Integer> lags = new ArrayList<>();
        for (int d = -80; d <= 80; d++) {
            lags.add(d);
        }
        lags.addAll(List.of(-290, -1000, 777, 2500, 9000));
        for (int lag : lags) {
            double expected = lag >= 0 ? A_PLUS * Math.exp(-lag * DT / TAU_PLUS) : -A_MINUS * Math.exp(lag * DT / TAU_MINUS);
            double got = pairChange(delay, lag, "additive");
            assertEquals(expected, got, 1e-12 * Math.abs(expected) + 1e-12, "lag " + lag + " steps");
        }
        // multiplicative: scaled by the distance to the bound
        for (int lag : new int[] {-40, -1, 0, 1, 40}) {
            double expected = lag >= 0 ? A_PLUS * Math.exp(-lag * DT / TAU_PLUS) * (W_MAX - W0) / W_MAX
                    : -A_MINUS * Math.exp(lag * DT / TAU_MINUS) * W0 / W_MAX;
            double got = pairChange(delay, lag, "multiplicative");
            assertEquals(expected, got, 1e-12 * Math.abs(expected), "multiplicative, lag " + lag + " steps");
        }
    }

    @Test
    void weightsStopAtTheirBounds() {
        // 40 pre-before-post pairs at lag 0 push w up by 6 each from 980: stops at w_max
        long[] pre = new long[40];
        long[] post = new long[40];
        for (int k = 0; k < 40; k++) {
            pre[k] = 100 + 2000L * k;
            post[k] = pre[k] + 1;
        }
        Simulation up = PlasticTestSupport.pairRun(new long[][] {pre}, new long[][] {post}, 980, new double[] {0.1},
                "stdp", params(1000), Map.of(), 82_000);
        assertEquals(1000.0, up.projections().get(0).weight(0), 0.0);
        // post-before-pre pairs push it down to w_min = 0
        for (int k = 0; k < 40; k++) {
            post[k] = pre[k] - 1;
        }
        Simulation down = PlasticTestSupport.pairRun(new long[][] {pre}, new long[][] {post}, 20, new double[] {0.1},
                "stdp", params(1000), Map.of(), 82_000);
        assertEquals(0.0, down.projections().get(0).weight(0), 0.0);
    }

    /**
     * Random pre and post trains through 4 x 3 synapses with different delays: with no bound in
     * reach the additive rule's change of each synapse is the all-pairs sum of the window, in
     * which a pair at equal times counts as pre-before-post.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void additiveChangeIsTheSumOverAllPairs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nPre = 4;
        int nPost = 3;
        long steps = 30_000;
        long[][] pre = trains(r, nPre, steps - 400, 120);
        long[][] post = trains(r, nPost, steps - 400, 90);
        double[] delaysMs = new double[nPre * nPost];
        int[] delaySteps = new int[nPre * nPost];
        for (int k = 0; k < delaysMs.length; k++) {
            delaySteps[k] = 1 + r.nextInt(200);
            delaysMs[k] = delaySteps[k] * DT;
        }
        Simulation sim = PlasticTestSupport.pairRun(pre, post, 5e4, delaysMs, "stdp",
                Map.of("tau_plus_ms", TAU_PLUS, "tau_minus_ms", TAU_MINUS, "A_plus", A_PLUS, "A_minus", A_MINUS,
                        "w_min", 0.0, "w_max", 1e5), Map.of(), steps);
        Projection pr = sim.projections().get(0);
        var m = pr.weights();
        int checked = 0;
        for (int j = 0; j < nPre; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                int i = m.nz_rows[k];
                int d = pr.delaySteps(k);
                assertEquals(delaySteps[k], d, "delays in storage order");
                double sum = 0;
                double scale = 0;
                for (long tp : pre[j]) {
                    long arrival = tp + d;
                    if (arrival > steps) {
                        continue;
                    }
                    for (long tq : post[i]) {
                        long lag = tq - arrival;
                        double dw = lag >= 0 ? A_PLUS * Math.exp(-lag * DT / TAU_PLUS)
                                : -A_MINUS * Math.exp(lag * DT / TAU_MINUS);
                        sum += dw;
                        scale += Math.abs(dw);
                    }
                }
                assertTrue(scale > 10, "pairs counted: " + scale);
                assertEquals(sum, pr.weight(k) - 5e4, 1e-9 * scale, "synapse " + j + " -> " + i);
                checked++;
            }
        }
        assertEquals(nPre * nPost, checked);
    }

    private static long[][] trains(SplittableRandom r, int n, long until, int meanGap) {
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) {
            List<Long> t = new ArrayList<>();
            long s = r.nextInt(meanGap);
            while (s < until) {
                t.add(s);
                s += 1 + r.nextInt(2 * meanGap);
            }
            out[i] = t.stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }
}
