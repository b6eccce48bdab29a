package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CountSampler's binomial and hypergeometric draws against their exact pmfs, computed here
 * independently (log-space products of the pmf ratios from the lowest value up): the pmf at
 * every value, the sample mean and variance within 5 standard errors, and a chi-square of the
 * sampled frequencies (cells pooled to an expectation of at least 5) below its 5-sigma bound.
 */
class CountSamplerTest {
    private static final int SAMPLES = 100_000;

    /** The exact Binomial(n, p) pmf on 0..n. */
    static double[] binomialPmf(int n, double p) {
        double[] log = new double[n + 1];
        log[0] = n * Math.log1p(-p);
        for (int x = 0; x < n; x++) {
            log[x + 1] = log[x] + Math.log((double) (n - x) / (x + 1)) + Math.log(p / (1 - p));
        }
        return exp(log);
    }

    /** The exact Hypergeometric(draws, good, total) pmf on 0..draws (zero outside the support). */
    static double[] hypergeometricPmf(int draws, long good, long total) {
        long bad = total - good;
        int lo = (int) Math.max(0, draws - bad);
        double[] log = new double[draws + 1];
        java.util.Arrays.fill(log, Double.NEGATIVE_INFINITY);
        // P(lo) = C(good, lo) C(bad, draws - lo) / C(total, draws)
        double l = logChoose(good, lo) + logChoose(bad, draws - lo) - logChoose(total, draws);
        log[lo] = l;
        for (int x = lo; x < Math.min(draws, good); x++) {
            log[x + 1] = log[x] + Math.log((double) (good - x) * (draws - x))
                    - Math.log((x + 1.0) * (bad - draws + x + 1));
        }
        return exp(log);
    }

    /** ln C(a, r), as the sum of ln((a - i) / (r - i)) over i < r. */
    private static double logChoose(long a, int r) {
        double l = 0;
        for (int i = 0; i < r; i++) {
            l += Math.log((double) (a - i) / (r - i));
        }
        return l;
    }

    private static double[] exp(double[] log) {
        double[] p = new double[log.length];
        for (int i = 0; i < log.length; i++) {
            p[i] = Math.exp(log[i]);
        }
        return p;
    }

    /** Samples {@code draw} against {@code pmf}: moments within 5 standard errors and a chi-square. */
    static void checkAgainst(double[] pmf, ToLongFunction<SplittableRandom> draw, String what) {
        double mean = 0;
        for (int x = 0; x < pmf.length; x++) {
            mean += x * pmf[x];
        }
        double var = 0;
        double m4 = 0;
        for (int x = 0; x < pmf.length; x++) {
            double d = x - mean;
            var += d * d * pmf[x];
            m4 += d * d * d * d * pmf[x];
        }
        long[] counts = new long[pmf.length];
        SplittableRandom rng = new SplittableRandom(what.hashCode());
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < SAMPLES; s++) {
            long x = draw.applyAsLong(rng);
            assertTrue(x >= 0 && x < pmf.length && pmf[(int) x] > 0, what + ": impossible value " + x);
            counts[(int) x]++;
            sum += x - mean;
            sumSq += (x - mean) * (x - mean);
        }
        double sampleMean = mean + sum / SAMPLES;
        double sampleVar = sumSq / SAMPLES - (sum / SAMPLES) * (sum / SAMPLES);
        assertTrue(Math.abs(sampleMean - mean) < 5 * Math.sqrt(var / SAMPLES),
                what + ": mean " + sampleMean + ", exact " + mean);
        assertTrue(Math.abs(sampleVar - var) < 5 * Math.sqrt((m4 - var * var) / SAMPLES) + 5 * var / SAMPLES,
                what + ": variance " + sampleVar + ", exact " + var);
        // chi-square over cells pooled from the low end until each expects at least 5
        double[] tail = new double[pmf.length + 1];
        for (int x = pmf.length - 1; x >= 0; x--) {
            tail[x] = tail[x + 1] + pmf[x];
        }
        double chi2 = 0;
        int cells = 0;
        double expected = 0;
        long observed = 0;
        for (int x = 0; x < pmf.length; x++) {
            expected += pmf[x] * SAMPLES;
            observed += counts[x];
            if (expected >= 5 && (x == pmf.length - 1 || tail[x + 1] * SAMPLES >= 5)) {
                chi2 += (observed - expected) * (observed - expected) / expected;
                cells++;
                expected = 0;
                observed = 0;
            }
        }
        if (expected > 0 || observed > 0) {
            chi2 += expected == 0 ? observed : (observed - expected) * (observed - expected) / expected;
            cells++;
        }
        int df = cells - 1;
        assertTrue(df >= 1, what + ": at least two cells");
        assertTrue(chi2 < df + 5 * Math.sqrt(2.0 * df), what + ": chi-square " + chi2 + " with " + df + " dof");
    }

    @ParameterizedTest(name = "Binomial({0}, {1})")
    @CsvSource({"1, 0.5", "20, 0.3", "1000, 0.02", "1000, 0.5", "50, 0.97", "200000, 0.3", "3000000, 1e-6"})
    void binomialFollowsItsPmf(int n, double p) {
        checkAgainst(binomialPmf(n, p), rng -> CountSampler.binomial(n, p, rng), "Binomial(" + n + ", " + p + ")");
    }

    @ParameterizedTest(name = "Hypergeometric({0} draws, {1} good, {2} total)")
    @CsvSource({"10, 30, 100", "500, 4000, 10000", "90, 95, 100", "2000, 1099511627776, 2199023255552",
        "300, 5, 1000"})
    void hypergeometricFollowsItsPmf(int draws, long good, long total) {
        checkAgainst(hypergeometricPmf(draws, good, total), rng -> CountSampler.hypergeometric(draws, good, total, rng),
                "Hypergeometric(" + draws + ", " + good + ", " + total + ")");
    }

    @Test
    void hugeBinomialHasTheExactMeanAndVariance() {
        long n = 2_000_000_000L;
        double p = 0.37;
        SplittableRandom rng = new SplittableRandom(3);
        int samples = 20_000;
        double sum = 0;
        double sumSq = 0;
        double mean = n * p;
        for (int s = 0; s < samples; s++) {
            double d = CountSampler.binomial(n, p, rng) - mean;
            sum += d;
            sumSq += d * d;
        }
        double var = n * p * (1 - p);
        assertTrue(Math.abs(sum / samples) < 5 * Math.sqrt(var / samples), "mean offset " + sum / samples);
        assertEquals(var, sumSq / samples, 5 * var * Math.sqrt(2.0 / samples));
    }

    @Test
    void pmfsAgreeWithTheReferences() {
        double[] b = binomialPmf(1000, 0.3);
        for (int x = 0; x <= 1000; x += 7) {
            assertEquals(b[x], CountSampler.binomialPmf(x, 1000, 0.3, 0.7), 1e-10 * b[x] + 1e-300);
        }
        double[] h = hypergeometricPmf(500, 4000, 10000);
        for (int x = 0; x <= 500; x += 3) {
            assertEquals(h[x], CountSampler.hypergeometricPmf(x, 500, 4000, 10000), 1e-10 * h[x] + 1e-300);
        }
    }

    @Test
    void edgeCasesAndBadArguments() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals(0, CountSampler.binomial(0, 0.4, rng));
        assertEquals(0, CountSampler.binomial(50, 0, rng));
        assertEquals(50, CountSampler.binomial(50, 1, rng));
        assertEquals(7, CountSampler.hypergeometric(7, 10, 10, rng));
        for (int s = 0; s < 100; s++) {
            long x = CountSampler.hypergeometric(10, 10, 17, rng);
            assertTrue(x >= 3 && x <= 10, "within the support 3..10: " + x);
        }
        assertThrows(IllegalArgumentException.class, () -> CountSampler.binomial(-1, 0.5, rng));
        assertThrows(IllegalArgumentException.class, () -> CountSampler.binomial(5, 1.5, rng));
        assertThrows(IllegalArgumentException.class, () -> CountSampler.hypergeometric(11, 5, 10, rng));
    }
}
