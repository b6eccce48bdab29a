package org.cortexsim.core.record;

import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;

/**
 * Sees the simulation after every step, through a read-only {@link StateView}: {@link #start}
 * with sample 0 (or {@link #resume} with the sample a checkpoint restored), {@link #afterStep} with sample n + 1 and the spikes of step n (their time is
 * n * dt), and {@link #finish} when the run ends, completed or not. Called from the loop's thread
 * only; must not keep the view past the call.
 */
public interface StepListener {
    /** Before the first step; the state holds sample 0 and no spikes. */
    default void start(StateView state, TimeGrid grid, long steps) {
    }

    /**
     * Instead of {@link #start}, before the first step of a run resumed from a checkpoint: the
     * state holds sample {@code step}, restored, and the steps continue from there to {@code
     * steps}. A listener that keeps state across steps implements {@link
     * org.cortexsim.core.state.Checkpointable} (restored before this call) and must not redo here
     * what {@code start} does for sample 0. By default, {@code start}.
     */
    default void resume(StateView state, TimeGrid grid, long steps, long step) {
        start(state, grid, steps);
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

    /**
     * The next step after which {@link #afterStep} reads the state (v, u, I_n, a synapse's or
     * plastic projection's arrays), having been told of step {@code step} ({@code step} is one
     * before the first step when the run starts); {@link Long#MAX_VALUE} when it reads only steps
     * and spikes from then on. {@code step + 1} by default: after every step. The engine may take
     * the steps before that one without telling the listener, then tells it of each in order
     * with its own spikes (several threads then hand off once per window of steps instead of
     * once per step); after the step named, the state is that of the step.
     */
    default long nextStateRead(long step) {
        return step + 1;
    }

    /** After the last step taken ({@code stepsDone} of them). */
    default void finish(long stepsDone) {
    }
}
