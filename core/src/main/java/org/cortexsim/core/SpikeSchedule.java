package org.cortexsim.core;

import java.util.Arrays;

/**
 * The given spike times of a spike source population, as sample indices: neuron {@code i}
 * spikes on each of its samples {@code n} (time {@code n * dt}), at most once per sample. Held
 * as one sorted array of keys {@code n * size + i} (8 bytes per spike), so the spikes of one
 * sample and one range of neurons are found by one binary search and come out in ascending
 * neuron order. Immutable.
 */
public final class SpikeSchedule {
    private final int size;
    private final long[] keys;

    private SpikeSchedule(int size, long[] keys) {
        this.size = size;
        this.keys = keys;
    }

    /**
     * The schedule of {@code samples.length} neurons; {@code samples[i]} lists neuron i's spike
     * samples, strictly ascending and {@code >= 0}.
     *
     * @throws IllegalArgumentException naming the neuron and sample when a list is not strictly
     *     ascending or a sample is negative
     */
    public static SpikeSchedule of(long[][] samples) {
        int size = samples.length;
        if (size < 1) {
            throw new IllegalArgumentException("a spike source needs at least one neuron");
        }
        long total = 0;
        for (long[] s : samples) {
            total += s.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " given spikes");
        }
        long[] keys = new long[(int) total];
        int k = 0;
        for (int i = 0; i < size; i++) {
            long previous = -1;
            for (long n : samples[i]) {
                if (n < 0) {
                    throw new IllegalArgumentException("neuron " + i + ": negative sample " + n);
                }
                if (n <= previous) {
                    throw new IllegalArgumentException("neuron " + i + ": samples must be strictly ascending, got "
                            + previous + " then " + n);
                }
                previous = n;
                keys[k++] = Math.addExact(Math.multiplyExact(n, (long) size), i);
            }
        }
        Arrays.sort(keys);
        return new SpikeSchedule(size, keys);
    }

    /** Number of neurons. */
    public int size() {
        return size;
    }

    /** Number of given spikes. */
    public int spikeCount() {
        return keys.length;
    }

    /**
     * Given spike {@code k} ({@code 0 <= k < spikeCount()}, ascending order) as the key
     * {@code sample * size + neuron}.
     */
    public long key(int k) {
        return keys[k];
    }

    /**
     * Appends to {@code out}, in ascending order, {@code offset + i} for every neuron i in
     * {@code [from, to)} (local ids) that spikes on sample {@code sample}.
     */
    public void emit(long sample, int from, int to, int offset, SpikeBuffer out) {
        if (from >= to || keys.length == 0) {
            return;
        }
        final long base = sample * size;
        final long end = base + to;
        for (int k = lowerBound(base + from); k < keys.length && keys[k] < end; k++) {
            out.add(offset + (int) (keys[k] - base));
        }
    }

    private int lowerBound(long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
