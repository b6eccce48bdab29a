package org.cortexsim.network;

import java.util.Arrays;

/**
 * The arrivals of later steps at one chunk's targets of one {@link SynapseChannel}: for every
 * future step, the (target, weight) pairs delivered for it so far, in delivery order. A spike
 * delivered in step n over a synapse of delay D >= 2 is queued for step n + D - 1; that step
 * drains its queue into the channel's arrivals row ({@link #drainInto}) before anything else is
 * added to the row, so every target receives its arrivals in the order they were delivered, as a
 * ring buffer of rows would add them, while memory and traffic grow with the events in flight
 * instead of with the longest delay times the population size.
 *
 * <p>Queues are indexed by step modulo a power of two of at least the channel's slots (a step
 * can be at most {@code slots - 1} steps ahead). A queue grows (doubling) only when it holds more
 * pairs than it ever has: after the first steps of a run nothing is allocated. Owned and used by
 * one stepping thread; the arrays are read and written directly by the delivery loops of
 * {@link Projection} and {@link PoissonSource}.
 */
final class PendingArrivals {
    private static final int INITIAL_CAPACITY = 16;
    /** Queue index of a step: {@code step & mask}. */
    final int mask;
    /** Targets (local node ids) of queue s, valid in {@code [0, counts[s])}. */
    final int[][] targets;
    /** Weights of queue s, aligned with {@link #targets}. */
    final double[][] weights;
    final int[] counts;

    /** Queues for steps up to {@code slots - 1} ahead of the step being taken. */
    PendingArrivals(int slots) {
        int size = 1;
        while (size < slots) {
            size <<= 1;
        }
        this.mask = size - 1;
        this.targets = new int[size][INITIAL_CAPACITY];
        this.weights = new double[size][INITIAL_CAPACITY];
        this.counts = new int[size];
    }

    /** The queue of step {@code step}. */
    int queue(long step) {
        return (int) step & mask;
    }

    /**
     * Makes room for {@code more} pairs in queue {@code q} and returns its count; callers then
     * write {@code targets[q]} and {@code weights[q]} from that index and store the new count.
     */
    int reserve(int q, int more) {
        int c = counts[q];
        if (c + more > targets[q].length) {
            int capacity = Math.max(c + more, 2 * targets[q].length);
            targets[q] = Arrays.copyOf(targets[q], capacity);
            weights[q] = Arrays.copyOf(weights[q], capacity);
        }
        return c;
    }

    /** Adds the queued arrivals of step {@code step} to {@code arrivals}, in order, and empties the queue. */
    void drainInto(long step, double[] arrivals) {
        final int q = queue(step);
        final int count = counts[q];
        final int[] t = targets[q];
        final double[] w = weights[q];
        for (int c = 0; c < count; c++) {
            arrivals[t[c]] += w[c];
        }
        counts[q] = 0;
    }

    /** Pairs queued for all steps (for tests and estimates). */
    long queued() {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }
}
