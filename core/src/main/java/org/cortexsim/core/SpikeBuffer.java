package org.cortexsim.core;

/**
 * The spikes of one step: neuron indices (into the state arrays of {@link Neurons}) and their
 * count. Capacity is the number of neurons, so {@link #add} never allocates. Cleared at the
 * start of each step by the simulation loop.
 */
public final class SpikeBuffer {
    private final int[] indices;
    private int count;

    public SpikeBuffer(int capacity) {
        indices = new int[capacity];
    }

    public void add(int index) {
        indices[count++] = index;
    }

    /** Appends the first {@code n} indices of {@code other}. */
    public void addAll(SpikeBuffer other) {
        System.arraycopy(other.indices, 0, indices, count, other.count);
        count += other.count;
    }

    public void clear() {
        count = 0;
    }

    /** Replaces the spikes by {@code spikes} (restored from a checkpoint); at most the capacity. */
    public void setAll(int[] spikes) {
        if (spikes.length > indices.length) {
            throw new IllegalArgumentException(spikes.length + " spikes for a buffer of " + indices.length);
        }
        System.arraycopy(spikes, 0, indices, 0, spikes.length);
        count = spikes.length;
    }

    public int count() {
        return count;
    }

    /** The k-th spike of the step, {@code 0 <= k < count()}. */
    public int get(int k) {
        return indices[k];
    }

    /** The backing array; only the first {@link #count()} elements are spikes of this step. */
    public int[] indices() {
        return indices;
    }
}
