package org.cortexsim.core.input;

import org.cortexsim.core.CurrentSum;

/**
 * A source of current injected into neurons, added to I_n of each step before integration.
 * Implementations must give the same result for any split of the index range (the loop may
 * call them on chunks from several threads), so random draws depend only on the step and the
 * neuron, never on call order.
 */
public interface Input {
    /**
     * Adds this input's current of step {@code step} (pA) to {@code current} for the neurons
     * it targets within {@code [from, to)} (indices into the state arrays).
     */
    void addCurrent(long step, double[] current, int from, int to);

    /**
     * Contributes this input's current of step {@code step} to I_n of the block of {@code sum}.
     * By default it adds in place ({@link #addCurrent} on {@link CurrentSum#current()}) when the
     * input {@link #touches} the block in that step; an
     * input whose current is an array can hand it over with {@link CurrentSum#add} instead, to
     * be summed in one pass with the other terms. Either way the result is the same.
     */
    default void contribute(long step, CurrentSum sum) {
        if (touches(step, sum.from(), sum.to())) {
            addCurrent(step, sum.current(), sum.from(), sum.to());
        }
    }

    /**
     * Whether step {@code step} gives current to any neuron of {@code [from, to)}; when not,
     * {@link #contribute} leaves I_n alone (it does not ask for {@link CurrentSum#current()}, which
     * would sum the held-back array terms early). By default: always.
     */
    default boolean touches(long step, int from, int to) {
        return true;
    }
}
