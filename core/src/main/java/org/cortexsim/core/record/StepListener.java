package org.cortexsim.core.record;

import org.cortexsim.core.Neurons;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.TimeGrid;

/**
 * Sees the simulation after every step, as a step handler: {@link #start} with sample 0,
 * {@link #afterStep} with sample n + 1 and the spikes of step n (their time is n * dt), and
 * {@link #finish} when the run ends, completed or not. Called from the loop's thread only;
 * must not keep references to the spike buffer past the call.
 */
public interface StepListener {
    /** Before the first step; the state holds sample 0. */
    default void start(Neurons neurons, TimeGrid grid, long steps) {
    }

    /** After step {@code step}: the state holds sample {@code step + 1}. */
    void afterStep(long step, Neurons neurons, SpikeBuffer spikes);

    /**
     * True when {@link #afterStep} reads {@code neurons.current}, the input current of the step
     * just taken; asked once, after {@link #start} and before the first step. When no listener
     * does, the engine need not keep I_n in that array ({@link Neurons#keepCurrent}). True
     * unless overridden.
     */
    default boolean readsCurrent(Neurons neurons) {
        return true;
    }

    /** After the last step taken ({@code stepsDone} of them). */
    default void finish(long stepsDone) {
    }
}
