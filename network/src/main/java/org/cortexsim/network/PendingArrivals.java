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
 * {@code [q * capacity, q * capacity + counts[q * COUNT_STRIDE])} of two flat arrays, so queueing a synapse is
 * an add and a mask to find its queue, a count and two stores (see {@link Projection}, which
 * takes the places of a piece of a column first, into {@link #slots}, then stores the entries).
 * When a queue is full, every queue's capacity doubles: this allocates only while a run queues more
 * pairs for one step than it has before, so after the first steps nothing is allocated. Owned and used by one stepping thread; the arrays are read and written directly
 * by the delivery loops of {@link Projection}.
 *
 * <p>Narrow form: when every projection onto the channel has one shared weight (the benchmark's
 * networks), the queues hold one int per arrival, {@code target << codeBits | code}, the weight
 * being {@code table[code]}, and no weight array: 4 bytes written and read back per queued
 * synapse instead of 12, and one stream of stores per queue instead of two (at 100k neurons with
 * delays of 10 to 200 steps the stores to the queues' cold tails are most of delivery). The drain
 * adds {@code table[code]}, the same value as the wide form's weight, so results are identical.
 * A queued weight that is not in the table (a checkpoint restores each target's summed weights)
 * turns the queues wide for good ({@link #widen}).
 */
final class PendingArrivals {
    private static final int INITIAL_CAPACITY = 64;
    /** Queue of a step: {@code step & mask}. */
    final int mask;
    /** Pairs a queue holds before the arrays grow. */
    int capacity;
    /** Targets (local node ids) of queue q at {@code [q * capacity, q * capacity + counts[q * COUNT_STRIDE])}. */
    int[] targets;
    /** Weights, aligned with {@link #targets}; null in the narrow form. */
    double[] weights;
    /** The narrow form's weights by code, or null (wide form). */
    double[] table;
    /** Bits of the code in a narrow entry (0 with one weight). */
    final int codeBits;
    /**
     * Pairs in queue q at {@code counts[q * COUNT_STRIDE]}: the counts lie 16 bytes apart, as a
     * count whose 8-byte word also holds the count stored just before (the queue of the next
     * delay) cannot be loaded until that store is done, a stall of several ns per synapse.
     */
    final int[] counts;
    /** Ints from one queue's count to the next's. */
    static final int COUNT_STRIDE = 4;
    /** Synapses a two-pass queueing loop takes at a time ({@link #slots}). */
    static final int PIECE = 256;
    /**
     * Scratch of the two-pass queueing loop of {@link Projection}: where each synapse of a piece
     * of a column goes, {@code q * capacity + c}. The first pass takes every synapse's place in
     * its queue (the count's load and store), the second stores the entries there. In one loop,
     * each entry's store has an address known only once its count is loaded, and the loads of the
     * next synapses' counts (one of which may be that queue's) have to be ordered after it; in two
     * passes neither pass has a store whose address waits for a load of the same loop. Measured
     * 15 to 25% less time in delivery (docs/performance.md, "Issue 16, round 4").
     */
    final int[] slots = new int[PIECE];

    /**
     * Queues for steps up to {@code slots - 1} ahead of the step being taken; narrow with the
     * weights {@code table} (see {@link #codeBits(int, int)}), or wide if it is null.
     */
    PendingArrivals(int slots, double[] table) {
        int size = 1;
        while (size < slots) {
            size <<= 1;
        }
        this.mask = size - 1;
        this.capacity = INITIAL_CAPACITY;
        this.targets = new int[size * capacity];
        this.table = table == null ? null : table.clone();
        this.codeBits = table == null ? 0 : bitsFor(table.length);
        this.weights = table == null ? new double[size * capacity] : null;
        this.counts = new int[size * COUNT_STRIDE];
    }

    /**
     * Bits of a narrow entry's code for {@code weights} distinct weights onto {@code targets}
     * targets, or -1 if the entries would not fit an int.
     */
    static int codeBits(int weights, int targets) {
        final int bits = bitsFor(weights);
        return ((long) Math.max(1, targets) << bits) <= 1L << 31 ? bits : -1;
    }

    /** Bits that number {@code weights} distinct weights (0 for one). */
    private static int bitsFor(int weights) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(0, weights - 1));
    }

    /** Whether the queues hold narrow entries. */
    boolean narrow() {
        return table != null;
    }

    /** Turns narrow queues wide, keeping every arrival (after this the weight array is used). */
    void widen() {
        if (table == null) {
            return;
        }
        final double[] w = new double[targets.length];
        final int bits = codeBits;
        final int codeMask = (1 << bits) - 1;
        for (int q = 0; q <= mask; q++) {
            for (int e = q * capacity; e < q * capacity + counts[q * COUNT_STRIDE]; e++) {
                w[e] = table[targets[e] & codeMask];
                targets[e] >>>= bits;
            }
        }
        weights = w;
        table = null;
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
        final int queues = mask + 1;
        if ((long) grown * queues > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + capacity + " synaptic arrivals queued for one step of one "
                    + "channel and thread");
        }
        int[] t = new int[queues * grown];
        double[] w = weights == null ? null : new double[queues * grown];
        for (int q = 0; q < queues; q++) {
            System.arraycopy(targets, q * capacity, t, q * grown, counts[q * COUNT_STRIDE]);
            if (w != null) {
                System.arraycopy(weights, q * capacity, w, q * grown, counts[q * COUNT_STRIDE]);
            }
        }
        targets = t;
        weights = w;
        capacity = grown;
    }

    /**
     * Grows the queues until each has room for {@code extra} more arrivals (before a piece of up to
     * {@code extra} synapses is queued); the arrays are replaced if they grow.
     */
    void reserve(int extra) {
        int most = 0;
        for (int q = 0; q <= mask; q++) {
            most = Math.max(most, counts[q * COUNT_STRIDE]);
        }
        while (most + extra > capacity) {
            grow();
        }
    }

    /** Number of arrivals queued for step {@code step}. */
    int count(long step) {
        return counts[queue(step) * COUNT_STRIDE];
    }

    /**
     * Copies the (target, weight) pairs queued for step {@code step}, in order, into {@code targets}
     * and {@code weights} from index {@code at}; returns the index after the last.
     */
    int copy(long step, int[] targetsOut, double[] weightsOut, int at) {
        final int q = queue(step);
        final int count = counts[q * COUNT_STRIDE];
        if (table == null) {
            System.arraycopy(targets, q * capacity, targetsOut, at, count);
            System.arraycopy(weights, q * capacity, weightsOut, at, count);
        } else {
            final int codeMask = (1 << codeBits) - 1;
            for (int e = 0; e < count; e++) {
                final int entry = targets[q * capacity + e];
                targetsOut[at + e] = entry >>> codeBits;
                weightsOut[at + e] = table[entry & codeMask];
            }
        }
        return at + count;
    }

    /** Queues one arrival for step {@code step} after those already queued (restoring a checkpoint). */
    void add(long step, int target, double weight) {
        int q = queue(step);
        if (counts[q * COUNT_STRIDE] == capacity) {
            grow();
        }
        if (table != null) {
            for (int code = 0; code < table.length; code++) {
                if (Double.doubleToRawLongBits(table[code]) == Double.doubleToRawLongBits(weight)) {
                    targets[q * capacity + counts[q * COUNT_STRIDE]] = target << codeBits | code;
                    counts[q * COUNT_STRIDE]++;
                    return;
                }
            }
            widen();
        }
        targets[q * capacity + counts[q * COUNT_STRIDE]] = target;
        weights[q * capacity + counts[q * COUNT_STRIDE]] = weight;
        counts[q * COUNT_STRIDE]++;
    }

    /** Empties every queue. */
    void clear() {
        java.util.Arrays.fill(counts, 0);
    }

    /** Adds the queued arrivals of step {@code step} to {@code arrivals}, in order, and empties the queue. */
    void drainInto(long step, double[] arrivals) {
        final int q = queue(step);
        final int count = counts[q * COUNT_STRIDE];
        final int base = q * capacity;
        final int[] t = targets;
        if (table == null) {
            final double[] w = weights;
            for (int c = base; c < base + count; c++) {
                arrivals[t[c]] += w[c];
            }
        } else {
            final double[] weightOf = table;
            final int bits = codeBits;
            final int codeMask = (1 << bits) - 1;
            for (int c = base; c < base + count; c++) {
                final int entry = t[c];
                arrivals[entry >>> bits] += weightOf[entry & codeMask];
            }
        }
        counts[q * COUNT_STRIDE] = 0;
    }
}
