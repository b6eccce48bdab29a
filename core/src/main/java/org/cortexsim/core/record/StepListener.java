package org.cortexsim.core.record;

import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;

/**
 * Sees the simulation after every step, through a read-only {@link StateView}: {@link #start}
 * with sample 0, {@link #afterStep} with sample n + 1 and the spikes of step n (their time is
 * n * dt), and {@link #finish} when the run ends, completed or not. Called from the loop's thread
 * only; must not keep the view past the call.
 */
public interface StepListener {
    /** Before the first step; the state holds sample 0 and no spikes. */
    default void start(StateView state, TimeGrid grid, long steps) {
    }

    /** After step {@code step}: the state holds sample {@code step + 1} and the spikes of step {@code step}. */
    void afterStep(long step, StateView state);

    /**
     * True when {@link #afterStep} reads the input current of the step just taken
     * ({@link StateView#current}); asked once, after {@link #start} and before the first step.
     * When no listener does, the engine need not keep I_n
     * ({@link org.cortexsim.core.EulerIntegrator#keepCurrent}). True unless overridden.
     */
    default boolean readsCurrent() {
        return true;
    }

    /** After the last step taken ({@code stepsDone} of them). */
    default void finish(long stepsDone) {
    }
}
