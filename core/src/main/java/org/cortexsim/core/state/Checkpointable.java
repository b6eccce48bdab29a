package org.cortexsim.core.state;

/**
 * A component whose mutable state a checkpoint saves and a resumed run restores: it declares that
 * state as named arrays (and scalars) and reads them back into an identically built component, so
 * that the resumed run continues bit for bit as if it had never stopped.
 *
 * <p>Contract. {@link #saveState} writes every value the component changes while a run steps and
 * that a later step reads (state variables, pending events, positions of buffers), under names
 * that do not depend on the number of threads; values recomputed from scratch each step
 * (scratch arrays) and values fixed when the component is built (parameters, connectivity) are
 * not state. {@link #restoreState} is called on a component built from the same config, before
 * its run starts, with what {@code saveState} wrote; it overwrites the component's state in place
 * and throws {@link StateMismatchException} when a name is missing or an array has the wrong
 * length. Both are called between steps only, on the loop's thread, with {@code step} the number
 * of steps taken (the state holds sample {@code step}).
 */
public interface Checkpointable {
    /** Writes this component's state, as it is after {@code step} steps, to {@code out}. */
    void saveState(StateWriter out, long step);

    /** Overwrites this component's state with what {@link #saveState} wrote after {@code step} steps. */
    void restoreState(StateReader in, long step);
}
