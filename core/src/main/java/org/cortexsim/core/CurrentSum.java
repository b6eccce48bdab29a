package org.cortexsim.core;

import java.util.Objects;

/**
 * Forms I_n, the input current of one step, for one block {@code [from, to)} of neurons (state
 * indices): the sum, in the step's order, of the terms that the synapse channels and the inputs
 * contribute, starting from 0 pA.
 *
 * <p>A term given as an array ({@link #add}: per-neuron DC amplitudes, a delta channel's
 * arrivals row) is held back, and so is an exponential synaptic current whose decay and arrivals
 * are applied where it is read ({@link #addDecaying}). Held-back terms are summed in one pass over the block: by
 * {@link #finish()}, or by {@link EulerIntegrator#integrateAndDetect(CurrentSum, SpikeBuffer)}
 * inside the Euler pass itself, so I_n is formed where it is used instead of being cleared and
 * then read and written once per term. A contributor that must add in place gets the array from
 * {@link #current()}, which first sums what was held back. Either way every element receives
 * the additions {@code ((0 + t1) + t2) + ...} in contribution order, and the current array ends
 * up holding I_n: bit-identical to clearing it and adding each term in turn.
 *
 * <p>Owns no neuron state: between {@link #begin} and the end of the block it holds the block,
 * the current array and up to {@value #MAX_HELD} held-back terms. One instance per thread; it
 * allocates nothing after construction.
 */
public final class CurrentSum {
    /** Held-back terms summed per pass; a further term first flushes the ones held. */
    static final int MAX_HELD = 2;
    private final double[][] sources = new double[MAX_HELD][];
    private final int[] sourceFrom = new int[MAX_HELD];
    private final boolean[] clearSource = new boolean[MAX_HELD];
    /** For a decaying term ({@link #addDecaying}): the arrivals added to it; null for a plain term. */
    private final double[][] decayArrivals = new double[MAX_HELD][];
    private final double[] decay = new double[MAX_HELD];
    private int held;
    private double[] current;
    private int from;
    private int to;
    /** True once {@code current[from, to)} holds a partial sum (so later terms add to it). */
    private boolean written;

    /** Starts I_n = 0 pA for state indices {@code [from, to)} of {@code current}. */
    public void begin(double[] current, int from, int to) {
        Objects.checkFromToIndex(from, to, current.length);
        this.current = current;
        this.from = from;
        this.to = to;
        this.held = 0;
        this.written = false;
    }

    /** First state index of the block. */
    public int from() {
        return from;
    }

    /** One past the last state index of the block. */
    public int to() {
        return to;
    }

    /**
     * Adds the term {@code source[sourceFrom + (i - from())]} (pA) to neuron i of the block; with
     * {@code clearSource}, that element of {@code source} is set to 0 once read (a synapse
     * channel's arrivals row, consumed by this step). The source must not be the current array and must stay
     * unchanged until the block's sum is formed.
     */
    public void add(double[] source, int sourceFrom, boolean clearSource) {
        checkOpen();
        if (source == current) {
            throw new IllegalArgumentException("a term cannot be the current array itself");
        }
        Objects.checkFromIndexSize(sourceFrom, to - from, source.length);
        if (held == MAX_HELD) {
            flush();
        }
        sources[held] = source;
        this.sourceFrom[held] = sourceFrom;
        this.clearSource[held] = clearSource;
        decayArrivals[held] = null;
        held++;
    }

    /**
     * Adds the term {@code field[sourceFrom + (i - from())]} (pA) after updating it in place to
     * {@code field * decay + arrivals} and clearing that element of {@code arrivals} (an exponential
     * synaptic current: its decay and the weights that arrive this step), for neuron i of the
     * block. The update is made where the term is read (inside the Euler pass, or before the held
     * terms are summed), element by element with the same operations as a separate pass over the
     * block. Neither array may be the current array; both must stay unchanged until then.
     */
    public void addDecaying(double[] field, double[] arrivals, int sourceFrom, double decay) {
        checkOpen();
        if (field == current || arrivals == current || field == arrivals) {
            throw new IllegalArgumentException("a decaying term needs a field and an arrivals row of its own");
        }
        Objects.checkFromIndexSize(sourceFrom, to - from, field.length);
        Objects.checkFromIndexSize(sourceFrom, to - from, arrivals.length);
        add(field, sourceFrom, false);
        decayArrivals[held - 1] = arrivals;
        this.decay[held - 1] = decay;
    }

    /**
     * The current array, holding the sum of the terms contributed so far over the block, for a
     * contributor that adds its term in place (state index i is element i).
     */
    public double[] current() {
        checkOpen();
        flush();
        return current;
    }

    /**
     * Completes I_n over the block: sums the held-back terms into the current array (0 pA where
     * nothing was contributed) and ends the block.
     */
    public void finish() {
        checkOpen();
        flush();
        current = null;
    }

    /** The current array of the open block, without summing anything; null when no block is open. */
    double[] array() {
        return current;
    }

    /** True when the current array already holds a partial sum over the block. */
    boolean written() {
        return written;
    }

    /** Number of held-back terms (0 to {@value #MAX_HELD}). */
    int held() {
        return held;
    }

    double[] source(int k) {
        return sources[k];
    }

    int sourceFrom(int k) {
        return sourceFrom[k];
    }

    boolean clearsSource(int k) {
        return clearSource[k];
    }

    /** Whether held term {@code k} is a decaying one ({@link #addDecaying}) not yet updated. */
    boolean decays(int k) {
        return decayArrivals[k] != null;
    }

    /** The arrivals row of decaying term {@code k}. */
    double[] decayArrivals(int k) {
        return decayArrivals[k];
    }

    /** The decay factor of decaying term {@code k}. */
    double decay(int k) {
        return decay[k];
    }

    /**
     * Updates the decaying held terms over state indices {@code [fromIndex, to())} (the part of
     * the block that a pass did not update itself), after which they are read as plain terms
     * there; with {@code fromIndex == from()} they become plain terms.
     */
    void applyDecay(int fromIndex) {
        for (int k = 0; k < held; k++) {
            final double[] arrivals = decayArrivals[k];
            if (arrivals == null) {
                continue;
            }
            final double[] field = sources[k];
            final double factor = decay[k];
            for (int j = sourceFrom[k] + fromIndex - from, end = sourceFrom[k] + to - from; j < end; j++) {
                field[j] = field[j] * factor + arrivals[j];
                arrivals[j] = 0.0;
            }
            if (fromIndex == from) {
                decayArrivals[k] = null;
            }
        }
    }

    /** Ends the block once a kernel has summed the held-back terms into the current array itself. */
    void consumed() {
        sources[0] = null;
        sources[1] = null;
        decayArrivals[0] = null;
        decayArrivals[1] = null;
        held = 0;
        written = true;
        current = null;
    }

    private void checkOpen() {
        if (current == null) {
            throw new IllegalStateException("no block begun");
        }
    }

    private void flush() {
        if (held == 0 && written) {
            return;
        }
        applyDecay(from);
        ArrayOps.sum(current, from, to - from, !written,
                held > 0 ? sources[0] : null, sourceFrom[0], clearSource[0],
                held > 1 ? sources[1] : null, sourceFrom[1], clearSource[1]);
        sources[0] = null;
        sources[1] = null;
        held = 0;
        written = true;
    }
}
