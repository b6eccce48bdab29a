package org.cortexsim.network;

import java.util.SplittableRandom;

/**
 * Uniform k-subsets by Floyd's algorithm (Bentley and Floyd, 1987), for the connectivity rules
 * without multapses: k draws from the caller's stream give k distinct values of
 * {@code [0, candidates)}, every k-subset equally likely; value j of the loop
 * {@code j = candidates - k .. candidates - 1} is a uniform draw t of {@code [0, j]}, or j itself
 * when t was chosen before. Owns an open-addressing set of the values chosen so far (slots hold
 * value + 1; the hash decides only where a value sits, never which values are chosen), sized once
 * for k and emptied after each subset, and the array the subset is returned in: no allocation per
 * subset. Not thread-safe; one instance per generating loop.
 */
final class DistinctSubset {
    private final int k;
    private final long[] table;
    private final int mask;
    private final int[] ints;
    private final long[] longs;

    DistinctSubset(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        this.k = k;
        int capacity = Integer.highestOneBit(Math.max(4, 2 * k - 1)) << 1;
        this.table = new long[capacity];
        this.mask = capacity - 1;
        this.ints = new int[k];
        this.longs = new long[k];
    }

    /**
     * A uniform k-subset of {@code [0, candidates)} in the order drawn, from {@code rng.nextInt}
     * (k draws); the array is this instance's and is overwritten by the next call.
     */
    int[] draw(int candidates, SplittableRandom rng) {
        for (int j = candidates - k; j < candidates; j++) {
            int t = rng.nextInt(j + 1);
            int chosen = insert(t) ? t : j;
            if (chosen == j) {
                insert(j);
            }
            ints[j - (candidates - k)] = chosen;
        }
        for (int s = 0; s < k; s++) {
            clear(ints[s]);
        }
        return ints;
    }

    /**
     * A uniform k-subset of {@code [0, candidates)} in the order drawn, from {@code rng.nextLong}
     * (k draws); the array is this instance's and is overwritten by the next call.
     */
    long[] drawLongs(long candidates, SplittableRandom rng) {
        int s = 0;
        for (long m = candidates - k; m < candidates; m++) {
            long t = rng.nextLong(m + 1);
            long chosen = insert(t) ? t : m;
            if (chosen == m) {
                insert(m);
            }
            longs[s++] = chosen;
        }
        for (s = 0; s < k; s++) {
            clear(longs[s]);
        }
        return longs;
    }

    /** Adds {@code value} to the set; false if it was there already. */
    private boolean insert(long value) {
        int slot = home(value);
        while (table[slot] != 0) {
            if (table[slot] == value + 1) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = value + 1;
        return true;
    }

    /**
     * Empties the slots from {@code value}'s home slot to the end of its run of occupied slots;
     * called for every value of a subset, this empties the set.
     */
    private void clear(long value) {
        int slot = home(value);
        while (table[slot] != 0) {
            table[slot] = 0;
            slot = (slot + 1) & mask;
        }
    }

    private int home(long value) {
        long z = value * 0x9E3779B97F4A7C15L;
        return (int) (z ^ (z >>> 32)) & mask;
    }
}
