package org.cortexsim.core.input;

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
}
