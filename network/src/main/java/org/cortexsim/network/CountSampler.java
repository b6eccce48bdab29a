package org.cortexsim.network;

import java.util.SplittableRandom;

/**
 * Exact samplers of counts for the connectivity rules that split a number of synapses over
 * blocks of targets: the binomial and the hypergeometric distribution. Both use inversion from
 * the mode (chop-down search, Kemp 1986): one uniform is reduced by the probabilities of the mode,
 * then alternately of the values above and below it, until it falls below zero; the expected
 * number of steps grows as the standard deviation, and the result follows the exact pmf up to
 * the rounding of the pmf values (relative error about 1e-13). The pmf at the mode is computed
 * with Loader's saddle-point form (the one of R's {@code dbinom}/{@code dhyper}), which stays
 * accurate for counts up to 2^62; neighbouring values follow by the pmf's ratio recurrence. Holds
 * no state; every draw uses only the caller's stream.
 */
final class CountSampler {
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** ln(n!) for n < 16, summed term by term. */
    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int n = 1; n < LOG_FACTORIAL.length; n++) {
            LOG_FACTORIAL[n] = LOG_FACTORIAL[n - 1] + Math.log(n);
        }
    }

    private CountSampler() {
    }

    /** A Binomial(n, p) count: successes in {@code n} independent trials of probability {@code p}. */
    static long binomial(long n, double p, SplittableRandom rng) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("binomial: need n >= 0 and p in [0, 1], got n = " + n + ", p = " + p);
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        final double q = 1 - p;
        final double odds = p / q;
        final long mode = Math.min(n, (long) Math.floor((n + 1) * p));
        return fromMode(mode, 0, n, binomialPmf(mode, n, p, q),
                up -> (double) (n - up) / (up + 1) * odds,
                down -> down / ((double) (n - down + 1) * odds), rng);
    }

    /**
     * A Hypergeometric count: how many of {@code draws} items drawn without replacement from
     * {@code total} items, {@code good} of them marked, are marked.
     */
    static long hypergeometric(long draws, long good, long total, SplittableRandom rng) {
        if (total < 0 || good < 0 || good > total || draws < 0 || draws > total) {
            throw new IllegalArgumentException("hypergeometric: need 0 <= good, draws <= total, got draws = " + draws
                    + ", good = " + good + ", total = " + total);
        }
        final long bad = total - good;
        final long lo = Math.max(0, draws - bad);
        final long hi = Math.min(draws, good);
        if (lo == hi) {
            return lo;
        }
        long mode = (long) Math.floor((draws + 1.0) * (good + 1.0) / (total + 2.0));
        mode = Math.max(lo, Math.min(hi, mode));
        return fromMode(mode, lo, hi, hypergeometricPmf(mode, draws, good, total),
                up -> (double) (good - up) * (double) (draws - up) / ((up + 1.0) * (double) (bad - draws + up + 1)),
                down -> (double) down * (double) (bad - draws + down)
                        / ((double) (good - down + 1) * (double) (draws - down + 1)), rng);
    }

    /** The ratio of a pmf's value at a neighbour of x to its value at x. */
    private interface Ratio {
        double at(long x);
    }

    /**
     * The chop-down search shared by both samplers: one uniform reduced by the pmf at {@code mode},
     * then alternately at the next value above ({@code pmf(x + 1) = pmf(x) * up.at(x)}) and below
     * ({@code pmf(x - 1) = pmf(x) * down.at(x)}) within {@code [lo, hi]}, until it falls below zero;
     * a uniform that outlasts the summed pmf (by rounding, probability about 1e-13) is drawn again.
     */
    private static long fromMode(long mode, long lo, long hi, double pmfAtMode, Ratio up, Ratio down,
            SplittableRandom rng) {
        while (true) {
            double u = rng.nextDouble();
            double pUp = pmfAtMode;
            double pDown = pmfAtMode;
            u -= pUp;
            if (u < 0) {
                return mode;
            }
            long above = mode;
            long below = mode;
            while (pUp > 0 || pDown > 0) {
                if (above < hi) {
                    pUp *= up.at(above);
                    above++;
                    u -= pUp;
                    if (u < 0) {
                        return above;
                    }
                } else {
                    pUp = 0;
                }
                if (below > lo) {
                    pDown *= down.at(below);
                    below--;
                    u -= pDown;
                    if (u < 0) {
                        return below;
                    }
                } else {
                    pDown = 0;
                }
            }
        }
    }

    /** P(X = x) for X ~ Binomial(n, p), q = 1 - p (Loader's dbinom_raw). */
    static double binomialPmf(double x, double n, double p, double q) {
        if (x == 0) {
            if (n == 0) {
                return 1;
            }
            return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
        }
        if (x == n) {
            return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
        }
        if (x < 0 || x > n) {
            return 0;
        }
        double lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
        double lf = Math.log(2 * Math.PI) + Math.log(x) + Math.log1p(-x / n);
        return Math.exp(lc - 0.5 * lf);
    }

    /** P(X = x) for X ~ Hypergeometric(draws, good, total) (R's dhyper from three binomial pmfs). */
    static double hypergeometricPmf(double x, double draws, double good, double total) {
        double bad = total - good;
        if (x < 0 || x < draws - bad || x > draws || x > good) {
            return 0;
        }
        if (draws == 0) {
            return x == 0 ? 1 : 0;
        }
        double p = draws / total;
        double q = (total - draws) / total;
        double p1 = binomialPmf(x, good, p, q);
        double p2 = binomialPmf(draws - x, bad, p, q);
        double p3 = binomialPmf(draws, total, p, q);
        return p1 * p2 / p3;
    }

    /** ln(n!) - ((n + 1/2) ln n - n + ln sqrt(2 pi)), the error of Stirling's formula, for n >= 1. */
    static double stirlingError(double n) {
        if (n < LOG_FACTORIAL.length && n == Math.rint(n)) {
            return LOG_FACTORIAL[(int) n] - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
        }
        final double s0 = 1.0 / 12;
        final double s1 = 1.0 / 360;
        final double s2 = 1.0 / 1260;
        final double s3 = 1.0 / 1680;
        final double s4 = 1.0 / 1188;
        double nn = n * n;
        if (n > 500) {
            return (s0 - s1 / nn) / n;
        }
        if (n > 80) {
            return (s0 - (s1 - s2 / nn) / nn) / n;
        }
        if (n > 35) {
            return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
        }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /** The deviance term x ln(x / np) + np - x, computed without cancellation near x = np. */
    static double bd0(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            v = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return x * Math.log(x / np) + np - x;
    }
}
