package org.cortexsim.network;

import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeBuffer;

/**
 * The spikes of one population over the last {@code depth} samples, as local node ids in
 * ascending order, for a plastic projection whose synapses all have the delay {@code depth}:
 * the spikes of sample n arrive at time n + depth. Written on the loop's thread between steps,
 * read by all threads during a step. A sample's list grows (doubling, up to the population's
 * size) only when it holds more spikes than any sample before in its slot.
 */
final class SpikeHistory {
    private final int depth;
    private final int maxSize;
    private final int[][] lists;
    private final int[] counts;
    private final long[] samples;

    SpikeHistory(int depth, int populationSize) {
        this.depth = depth;
        this.maxSize = populationSize;
        this.lists = new int[depth][];
        this.counts = new int[depth];
        this.samples = new long[depth];
        int initial = depth == 1 ? populationSize : Math.min(populationSize, 256);
        for (int d = 0; d < depth; d++) {
            lists[d] = new int[initial];
            samples[d] = -1;
        }
    }

    /** Keeps the spikes of {@code pre} among {@code spikes} (state indices, ascending) as sample {@code n}'s. */
    void record(long n, SpikeBuffer spikes, Population pre) {
        final int slot = (int) (n % depth);
        final int[] idx = spikes.indices();
        final int count = spikes.count();
        int s = lowerBound(idx, count, pre.offset());
        int end = lowerBound(idx, count, pre.end());
        int needed = end - s;
        if (needed > lists[slot].length) {
            lists[slot] = new int[Math.min(maxSize, Math.max(needed, 2 * lists[slot].length))];
        }
        final int[] list = lists[slot];
        final int offset = pre.offset();
        for (int c = 0; s < end; s++, c++) {
            list[c] = idx[s] - offset;
        }
        counts[slot] = needed;
        samples[slot] = n;
    }

    /** The spikes of sample {@code n} (valid entries: {@link #count}); n must be within the last depth samples. */
    int[] spikes(long n) {
        return lists[(int) (n % depth)];
    }

    /** Number of spikes of sample {@code n}; 0 when it was not recorded. */
    int count(long n) {
        int slot = (int) (n % depth);
        return samples[slot] == n ? counts[slot] : 0;
    }

    private static int lowerBound(int[] a, int count, int key) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
