package org.cortexsim.network;

import java.util.Arrays;

/**
 * The spikes of consecutive samples {@code [first, first + samples())} as indices into the whole
 * network, sample by sample: what one partition sends in a {@link SpikeExchange} (its own
 * spikes) and what it receives (every partition's, each sample's in ascending index order). One
 * buffer is reused for every window; it grows only when a window holds more spikes than any
 * before, and is written by one thread at a time.
 */
public final class WindowSpikes {
    private long first;
    private int samples;
    /** Sample {@code first + s} holds {@code indices[starts[s] .. starts[s + 1])}. */
    private int[] starts = new int[9];
    private int[] indices = new int[64];
    private int size;

    /** Empties the buffer; the next sample appended is {@code first}. */
    public void reset(long first) {
        this.first = first;
        this.samples = 0;
        this.size = 0;
        starts[0] = 0;
    }

    /** Appends {@code count} indices of {@code from} starting at {@code offset}, each plus {@code shift}, to the open sample. */
    public void append(int[] from, int offset, int count, int shift) {
        ensure(size + count);
        for (int k = 0; k < count; k++) {
            indices[size + k] = from[offset + k] + shift;
        }
        size += count;
    }

    /** Closes the open sample: the indices appended since the last close are its spikes. */
    public void endSample() {
        if (samples + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        samples++;
        starts[samples] = size;
    }

    private void ensure(int capacity) {
        if (capacity > indices.length) {
            indices = Arrays.copyOf(indices, Math.max(capacity, indices.length * 2));
        }
    }

    /** The first sample held. */
    public long first() {
        return first;
    }

    /** Number of samples held. */
    public int samples() {
        return samples;
    }

    /** Spikes held in all. */
    public int size() {
        return size;
    }

    /** Number of spikes of sample {@code first() + s}. */
    public int count(int s) {
        return starts[s + 1] - starts[s];
    }

    /** Position in {@link #indices()} of the first spike of sample {@code first() + s}. */
    public int start(int s) {
        return starts[s];
    }

    /** The backing array of the spikes (only the first {@link #size()} are held). */
    public int[] indices() {
        return indices;
    }
}
