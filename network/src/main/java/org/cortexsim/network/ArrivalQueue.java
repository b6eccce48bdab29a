package org.cortexsim.network;

import org.cortexsim.core.Population;

/**
 * One thread's pending arrivals at a plastic projection with per-synapse delays: a ring of
 * {@code maxDelay} buckets, bucket {@code t mod maxDelay} holding the storage indices of the
 * synapses a spike reaches at time t, in the order queued (spike sample, presynaptic neuron,
 * storage order). A bucket grows (doubling) only when it must hold more arrivals than ever
 * before.
 */
final class ArrivalQueue {
    private final Bucket[] ring;

    ArrivalQueue(int maxDelay) {
        ring = new Bucket[maxDelay];
        for (int d = 0; d < maxDelay; d++) {
            ring[d] = new Bucket();
        }
    }

    /**
     * Queues, for every spike of the projection's presynaptic population among {@code
     * idx[start .. start + count)} (sample n, indices of the whole network, ascending), its
     * synapses onto targets {@code [lo, hi)} (local ids) at their arrival times n + D_k.
     */
    void enqueue(long n, int[] idx, int start, int count, Projection projection, int lo, int hi) {
        final Population pre = projection.pre();
        final int first = pre.globalOffset();
        final int last = first + pre.totalSize();
        final int end = start + count;
        final int[] colIdx = projection.weights().col_idx;
        final int[] rows = projection.weights().nz_rows;
        final int postSize = projection.post().size();
        for (int s = SortedInts.lowerBound(idx, start, end, first); s < end && idx[s] < last; s++) {
            final int j = idx[s] - first;
            final int from = lo == 0 ? colIdx[j] : SortedInts.lowerBound(rows, colIdx[j], colIdx[j + 1], lo);
            final int to = hi == postSize ? colIdx[j + 1] : SortedInts.lowerBound(rows, from, colIdx[j + 1], hi);
            for (int k = from; k < to; k++) {
                bucket(n + projection.delaySteps(k)).add(k);
            }
        }
    }

    /** Empties every bucket. */
    void clear() {
        for (Bucket b : ring) {
            b.clear();
        }
    }

    /** The bucket of arrivals at time {@code time}. */
    Bucket bucket(long time) {
        return ring[(int) (time % ring.length)];
    }

    /** The synapses reached at one time step. */
    static final class Bucket {
        private int[] synapses = new int[64];
        private int count;

        void add(int k) {
            if (count == synapses.length) {
                synapses = java.util.Arrays.copyOf(synapses, 2 * count);
            }
            synapses[count++] = k;
        }

        int[] synapses() {
            return synapses;
        }

        int count() {
            return count;
        }

        void clear() {
            count = 0;
        }
    }
}
