package org.cortexsim.network;

import org.cortexsim.core.IntList;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;

/**
 * The spikes of one population over the last {@code depth} samples, as local node ids in
 * ascending order, for a plastic projection whose synapses all have the delay {@code depth}:
 * the spikes of sample n arrive at time n + depth. Written on the loop's thread between steps
 * (each step's spikes, or in a partitioned run a window's samples at once), read by all threads
 * during a step. A sample's list grows (doubling, up to the population's
 * size) only when it holds more spikes than any sample before in its slot.
 *
 * <p>Checkpoint state: the spikes of the last {@code depth} samples recorded (before step s:
 * samples s - depth .. s - 1; in a partitioned run, up to the last window propagated), as {@code
 * first_sample}, {@code offsets} (where each sample's spikes start) and {@code neurons};
 * independent of the threads and of the lists' capacities.
 */
final class SpikeHistory implements Checkpointable {
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

    /**
     * Keeps the spikes among {@code idx[start .. start + count)} (ascending) in {@code [offset,
     * end)}, the population's indices, as sample {@code n}'s (ids minus {@code offset}).
     */
    void record(long n, int[] idx, int start, int count, int offset, int end) {
        final int slot = (int) (n % depth);
        int s = SortedInts.lowerBound(idx, start, start + count, offset);
        int stop = SortedInts.lowerBound(idx, s, start + count, end);
        int needed = stop - s;
        if (needed > lists[slot].length) {
            lists[slot] = new int[Math.min(maxSize, Math.max(needed, 2 * lists[slot].length))];
        }
        final int[] list = lists[slot];
        for (int c = 0; s < stop; s++, c++) {
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

    @Override
    public void saveState(StateWriter out, long step) {
        long end = 0;
        for (long n : samples) {
            end = Math.max(end, n + 1);
        }
        if (end > step) {
            throw new IllegalStateException("the spike history holds sample " + (end - 1) + " before step " + step);
        }
        long first = Math.max(0, end - depth);
        int[] offsets = new int[(int) (end - first) + 1];
        IntList neurons = new IntList(64);
        for (long n = first; n < end; n++) {
            int slot = (int) (n % depth);
            if (samples[slot] != n) {
                throw new IllegalStateException("the spike history holds sample " + samples[slot] + ", not " + n);
            }
            for (int c = 0; c < counts[slot]; c++) {
                neurons.add(lists[slot][c]);
            }
            offsets[(int) (n - first) + 1] = neurons.size();
        }
        out.scalar("first_sample", first);
        out.ints("offsets", offsets);
        out.ints("neurons", neurons.toArray());
    }

    @Override
    public void restoreState(StateReader in, long step) {
        long first = in.scalar("first_sample");
        int[] offsets = in.ints("offsets");
        int[] neurons = in.ints("neurons");
        long end = first + offsets.length - 1;
        if (offsets.length == 0 || first < 0 || end > step || first != Math.max(0, end - depth)) {
            throw new StateMismatchException(in.path("first_sample") + " and " + in.path("offsets") + " give samples ["
                    + first + ", " + end + "); a history of " + depth + " samples before step " + step
                    + " holds the last " + depth + " samples recorded");
        }
        if (offsets[0] != 0 || offsets[offsets.length - 1] != neurons.length) {
            throw new StateMismatchException(in.path("offsets") + " does not span " + in.path("neurons"));
        }
        java.util.Arrays.fill(samples, -1);
        java.util.Arrays.fill(counts, 0);
        for (long n = first; n < end; n++) {
            int from = offsets[(int) (n - first)];
            int to = offsets[(int) (n - first) + 1];
            if (to < from || to - from > maxSize) {
                throw new StateMismatchException(in.path("offsets") + " is not ascending within " + maxSize
                        + " spikes per sample");
            }
            for (int e = from; e < to; e++) {
                if (neurons[e] < 0 || neurons[e] >= maxSize || (e > from && neurons[e] <= neurons[e - 1])) {
                    throw new StateMismatchException(in.path("neurons") + " is not an ascending list of neurons of "
                            + maxSize + " for sample " + n);
                }
            }
            int slot = (int) (n % depth);
            if (to - from > lists[slot].length) {
                lists[slot] = new int[to - from];
            }
            System.arraycopy(neurons, from, lists[slot], 0, to - from);
            counts[slot] = to - from;
            samples[slot] = n;
        }
    }
}
