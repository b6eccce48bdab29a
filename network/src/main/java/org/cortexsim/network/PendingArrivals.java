package org.cortexsim.network;

/**
 * The arrivals of later steps at one chunk's targets of one {@link SynapseChannel}: for every
 * future step, the (target, weight) pairs delivered for it so far, in delivery order. A spike
 * delivered in step n over a synapse of delay D >= 2 is queued for step n + D - 1; that step
 * drains its queue into the channel's arrivals row ({@link #drainInto}) before anything else is
 * added to the row, so every target receives its arrivals in the order they were delivered, as a
 * ring buffer of rows would add them, while memory and traffic grow with the events in flight
 * instead of with the longest delay times the population size.
 *
 * <p>Layout: queue q (of the steps equal to q modulo a power of two of at least the channel's
 * slots; a step is at most {@code slots - 1} ahead) holds its pairs at
 * {@code [q * capacity, q * capacity + counts[q])} of two flat arrays, so queueing a synapse is
 * an add and a mask to find its queue, a count and two stores (see {@link Projection}). When a
 * queue is full, every queue's capacity doubles: this allocates only while a run queues more
 * pairs for one step than it has before, so after the first steps nothing is allocated. Owned and used by one stepping thread; the arrays are read and written directly
 * by the delivery loops of {@link Projection} and {@link PoissonSource}.
 */
final class PendingArrivals {
    private static final int INITIAL_CAPACITY = 64;
    /** Queue of a step: {@code step & mask}. */
    final int mask;
    /** Pairs a queue holds before the arrays grow. */
    int capacity;
    /** Targets (local node ids) of queue q at {@code [q * capacity, q * capacity + counts[q])}. */
    int[] targets;
    /** Weights, aligned with {@link #targets}. */
    double[] weights;
    final int[] counts;

    /** Queues for steps up to {@code slots - 1} ahead of the step being taken. */
    PendingArrivals(int slots) {
        int size = 1;
        while (size < slots) {
            size <<= 1;
        }
        this.mask = size - 1;
        this.capacity = INITIAL_CAPACITY;
        this.targets = new int[size * capacity];
        this.weights = new double[size * capacity];
        this.counts = new int[size];
    }

    /** The queue of step {@code step}. */
    int queue(long step) {
        return (int) step & mask;
    }

    /**
     * Doubles every queue's capacity, keeping the pairs (when a queue is full); the arrays are
     * replaced, so callers read them again after this.
     */
    void grow() {
        final int grown = capacity * 2;
        if ((long) grown * counts.length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + capacity + " synaptic arrivals queued for one step of one "
                    + "channel and thread");
        }
        int[] t = new int[counts.length * grown];
        double[] w = new double[counts.length * grown];
        for (int q = 0; q < counts.length; q++) {
            System.arraycopy(targets, q * capacity, t, q * grown, counts[q]);
            System.arraycopy(weights, q * capacity, w, q * grown, counts[q]);
        }
        targets = t;
        weights = w;
        capacity = grown;
    }

    /** Number of arrivals queued for step {@code step}. */
    int count(long step) {
        return counts[queue(step)];
    }

    /**
     * Copies the (target, weight) pairs queued for step {@code step}, in order, into {@code targets}
     * and {@code weights} from index {@code at}; returns the index after the last.
     */
    int copy(long step, int[] targetsOut, double[] weightsOut, int at) {
        final int q = queue(step);
        System.arraycopy(targets, q * capacity, targetsOut, at, counts[q]);
        System.arraycopy(weights, q * capacity, weightsOut, at, counts[q]);
        return at + counts[q];
    }

    /** Queues one arrival for step {@code step} after those already queued (restoring a checkpoint). */
    void add(long step, int target, double weight) {
        int q = queue(step);
        if (counts[q] == capacity) {
            grow();
        }
        targets[q * capacity + counts[q]] = target;
        weights[q * capacity + counts[q]] = weight;
        counts[q]++;
    }

    /** Empties every queue. */
    void clear() {
        java.util.Arrays.fill(counts, 0);
    }

    /** Adds the queued arrivals of step {@code step} to {@code arrivals}, in order, and empties the queue. */
    void drainInto(long step, double[] arrivals) {
        final int q = queue(step);
        final int count = counts[q];
        final int base = q * capacity;
        final int[] t = targets;
        final double[] w = weights;
        for (int c = base; c < base + count; c++) {
            arrivals[t[c]] += w[c];
        }
        counts[q] = 0;
    }
}
